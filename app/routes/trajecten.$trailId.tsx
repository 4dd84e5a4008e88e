import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { DeadlineBadge } from "~/components/deadline-badge";
import { EventForm } from "~/components/event-form";
import { ApprovalMatrix } from "~/components/approval-matrix";
import { listTrailEvents } from "~/models/event.server";
import { followTrail, isFollowing, unfollow } from "~/models/notification.server";
import { listTrailPositions, positionOptionsFor } from "~/models/position.server";
import { getTrail } from "~/models/trail.server";
import { getTrailWorkflow, listTrailDeadlines, sendTrailEvent, setTargetDate } from "~/models/trail-workflow.server";
import { TargetDateSchema, WorkflowFormSchema } from "~/schemas/trail";
import { CONFIRM_FIELD, CONFIRM_REQUIRED, IRREVERSIBLE_EVENTS, isConfirmed } from "~/utils/confirm";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { deadlineStatus } from "~/utils/deadlines";
import { formatDate, formatDateTime, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { refusalText } from "~/utils/refusal";
import { canSetTargetDate } from "~/utils/permissions";
import { decisionPointOverview, listTrailDocuments, mayEditDocuments } from "~/models/document.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { WORKFLOWS } from "../../workflows/registry";
import { EVENTS_RECORDED_AS_POSITIONS } from "../../workflows/positions";
import { trailMatrix } from "~/models/brief.server";
import { mayEnterFinances, trailFinances } from "~/models/finance.server";
import { FinanceItemsTable, OwnShares } from "~/components/finance";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.trail.title ?? "Traject"} · H10 Besluitvorming` },
];

async function loadTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return trail;
}

/** The fields of an event's form, from the event's own schema. */
function fieldsOf(kind: keyof typeof WORKFLOWS, type: string): string[] {
  return Object.keys(WORKFLOWS[kind].policies[type]?.payload.shape ?? {});
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadTrail(params.trailId);
  const actor = actorOf(user);
  const [workflow, deadlines, events, positions, documents, pointOverview, finances] = await Promise.all([
    getTrailWorkflow(trail.id, actor),
    listTrailDeadlines(trail.id),
    listTrailEvents(trail.id),
    listTrailPositions(trail.id),
    listTrailDocuments(trail.id),
    decisionPointOverview(trail.id),
    trailFinances(trail.id),
  ]);
  if (!workflow) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  const today = toDateInputValue(new Date());
  const withFields = (e: { type: string; municipalityId?: string }) => ({ ...e, fields: fieldsOf(trail.kind, e.type) });
  return {
    /** The one-time key of this page's step and target-date forms (each step form adds its own suffix). */
    formKey: newFormKey(),
    trail: {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      summary: trail.summary,
      state: workflow.state,
      revision: workflow.revision,
      startedAt: trail.startedAt.toISOString(),
      closedAt: trail.closedAt?.toISOString() ?? null,
    },
    today,
    mayAddTarget: canSetTargetDate(actor),
    mayWriteDocuments: mayEditDocuments(actor),
    pointOverview,
    finances: finances.items,
    mayEnterFinances: mayEnterFinances(actor),
    ownMunicipality: user.municipality ? { id: user.municipality.id, name: user.municipality.name } : null,
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      latest: d.revisions[0]?.number ?? 0,
      sent: d.revisions[0]?.frozenAt != null,
    })),
    following: await isFollowing(user.id, trail.id),
    matrix: trailMatrix(trail, workflow.context, positions, deadlines, today),
    /** Per municipality: steps this user may take, whether they may log a position, and what is still to do. */
    tasks: Object.fromEntries(
      trail.participants.map((p) => {
        const id = p.municipality.id;
        const accepted = workflow.expected.filter((e) => e.municipalityId === id).map((e) => e.type);
        // Also on a closed trail: a council that had not decided records its decision for the record.
        const mayLog =
          positionOptionsFor({ trail, context: workflow.context, accepted, positions, actor, municipalityId: id })
            .length > 0;
        return [
          id,
          {
            mayLog,
            expected: accepted,
            // Steps that are positions are recorded through the position form.
            actions: workflow.available
              .filter((e) => e.municipalityId === id && !EVENTS_RECORDED_AS_POSITIONS.has(e.type))
              .map(withFields),
          },
        ];
      }),
    ),
    regionalActions: workflow.available.filter((e) => !e.municipalityId).map(withFields),
    regionalExpected: workflow.expected.filter((e) => !e.municipalityId).map((e) => e.type),
    deadlines: deadlines.map((d) => ({ ...d, status: deadlineStatus(d.dueOn, d.metOn, today, d.kind) })),
    timeline: events.map((e) => ({
      sequence: e.sequence,
      type: e.type,
      at: e.createdAt.toISOString(),
      /** The date the step happened, as recorded with it (not when it was logged). */
      on: stepDate(e.payload),
      actor: e.actor?.name ?? null,
      state: e.resultingState,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadTrail(params.trailId);
  const formData = await readForm(request);
  const fields = Object.fromEntries([...formData].filter(([, value]) => typeof value === "string")) as Record<
    string,
    string
  >;
  if (fields.intent === "follow" || fields.intent === "unfollow") {
    if (fields.intent === "follow") await followTrail(user.id, trail.id);
    else await unfollow(user.id, trail.id);
    return data({ error: null, done: null });
  }
  if (fields.intent === "target") {
    if (!canSetTargetDate(actorOf(user)))
      throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris zet streefdata.");
    const parsed = TargetDateSchema.safeParse(fields);
    if (!parsed.success) {
      return data(
        { error: { code: "invalid_payload", issues: issuesOf(parsed.error.issues), target: true }, done: null },
        { status: 400 },
      );
    }
    const set = await setTargetDate(
      { trailId: trail.id, label: parsed.data.label, dueOn: parsed.data.dueOn },
      actorOf(user),
      formKeyOf(formData),
    );
    if (!set.ok && set.code === "date_out_of_range")
      return data(
        { error: { code: "invalid_payload", issues: { [set.field]: [set.message] }, target: true }, done: null },
        { status: set.status },
      );
    if (!set.ok)
      return data({ error: { code: set.code }, done: null }, { status: set.code === "form_key_reused" ? 422 : 404 });
    return data({ error: null, done: "target" });
  }
  const parsed = WorkflowFormSchema.safeParse(fields);
  if (!parsed.success)
    return data(
      { error: { code: "invalid_payload", issues: issuesOf(parsed.error.issues) }, done: null },
      { status: 400 },
    );
  // A step that cannot be undone (closing the trail, withholding consent) is only taken when confirmed.
  if (IRREVERSIBLE_EVENTS.has(parsed.data.type) && !isConfirmed(fields))
    return data(
      {
        error: {
          code: "invalid_payload",
          issues: { [CONFIRM_FIELD]: [CONFIRM_REQUIRED] },
          type: parsed.data.type,
          municipalityId: parsed.data.municipalityId ?? null,
        },
        done: null,
      },
      { status: 422 },
    );
  const result = await sendTrailEvent(
    {
      trailId: trail.id,
      expectedRevision: parsed.data.revision,
      type: parsed.data.type,
      municipalityId: parsed.data.municipalityId || undefined,
      fields,
    },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!result.ok) {
    const { status, ...error } = result;
    return data(
      { error: { ...error, type: parsed.data.type, municipalityId: parsed.data.municipalityId ?? null }, done: null },
      { status },
    );
  }
  return data({ error: null, done: parsed.data.type });
}

function stepDate(payload: string): string | null {
  const on = (JSON.parse(payload) as { on?: unknown }).on;
  return typeof on === "string" ? on : null;
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of issues) (result[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return result;
}

export default function TrailPage() {
  const {
    trail,
    matrix,
    tasks,
    regionalActions,
    regionalExpected,
    deadlines,
    timeline,
    today,
    mayAddTarget,
    following,
    documents,
    mayWriteDocuments,
    pointOverview,
    finances,
    ownMunicipality,
    mayEnterFinances: mayEnterFinancesHere,
    formKey,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const stateLabel = t(`trailStates.${trail.state}`, { defaultValue: trail.state });
  const error = actionData?.error ?? null;
  const targetIssues =
    error && "target" in error && "issues" in error && error.issues ? Object.values(error.issues).flat() : [];
  const errorFor = (type: string, municipalityId?: string) =>
    error && "type" in error && error.type === type && (error.municipalityId ?? undefined) === municipalityId
      ? error
      : null;
  // Whether the posted form is still on the page, to show its refusal next to it.
  const formOfError =
    regionalActions.some((a) => errorFor(a.type)) ||
    Object.entries(tasks).some(([id, task]) => task.actions.some((a) => errorFor(a.type, id)));
  return (
    <>
      <Heading1>{trail.title}</Heading1>
      <dl className="h10-facts" data-revision={trail.revision}>
        <dt>{t("trails.kind")}</dt>
        <dd>{t(`trailKinds.${trail.kind}`)}</dd>
        <dt>{t("trails.reference")}</dt>
        <dd>{trail.reference}</dd>
        <dt>{t("trails.state")}</dt>
        <dd data-testid="trail-state">{stateLabel}</dd>
        <dt>{t("trails.started")}</dt>
        <dd>{formatDate(trail.startedAt, lng)}</dd>
        {trail.closedAt ? (
          <>
            <dt>{t("trail.closed")}</dt>
            <dd>{formatDate(trail.closedAt, lng)}</dd>
          </>
        ) : null}
      </dl>
      {trail.summary ? <Paragraph>{trail.summary}</Paragraph> : null}
      <Paragraph>
        {/* A file download, not a page: the browser must not route it. */}
        <a className="utrecht-link" href={`/trajecten/${trail.id}/statusbrief.pdf`} download>
          {t("pdf.brief")}
        </a>{" "}
        ·{" "}
        <Link className="utrecht-link" to={`/trajecten/${trail.id}/statusbrief`}>
          {t("pdf.briefView")}
        </Link>
      </Paragraph>
      <Form method="post" className="h10-inline-form" aria-label={t("notificationsPage.follow")}>
        <CsrfInput />
        <span>{following ? t("notificationsPage.following") : t("notificationsPage.notFollowing")}</span>
        <SubmitButton name="intent" value={following ? "unfollow" : "follow"} appearance="subtle-button">
          {following ? t("notificationsPage.unfollow") : t("notificationsPage.follow")}
        </SubmitButton>
      </Form>
      {actionData?.done ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {actionData.done === "target"
              ? t("trail.targetSaved")
              : t("trail.eventSaved", { event: t(`events.${actionData.done}`) })}
          </Paragraph>
        </Alert>
      ) : null}
      {error && !("target" in error) && !formOfError ? (
        // The form that was posted is gone (the trail moved on): say why here.
        <Alert type="error" role="alert">
          <Paragraph>{refusalText(t, lng, error)}</Paragraph>
        </Alert>
      ) : null}

      <Heading2>{t("trail.workflow")}</Heading2>
      <figure className="h10-diagram">
        <img
          src={`/trajecten/${trail.id}/diagram.svg?lng=${lng}`}
          alt={t("trail.diagramAlt", { kind: t(`trailKinds.${trail.kind}`), state: stateLabel })}
        />
        <figcaption>{t("trail.diagramCaption", { state: stateLabel })}</figcaption>
      </figure>

      {regionalActions.length || regionalExpected.length ? (
        <>
          <Heading2>{t("trail.regionalSteps")}</Heading2>
          {regionalExpected.length ? (
            <Paragraph>
              {t("trail.nextRegional", { steps: regionalExpected.map((type) => t(`events.${type}`)).join("; ") })}
            </Paragraph>
          ) : null}
          <div className="h10-actions">
            {regionalActions.map((a) => (
              <EventForm
                key={a.type}
                event={a}
                revision={trail.revision}
                today={today}
                error={errorFor(a.type)}
                formKey={formKey}
              />
            ))}
          </div>
        </>
      ) : null}

      <Heading2>{t("matrix.title")}</Heading2>
      <ApprovalMatrix
        rows={matrix}
        trailId={trail.id}
        actions={(row) => {
          const task = tasks[row.municipalityId]!;
          return (
            <div className="h10-actions">
              {task.mayLog ? (
                <Link
                  className="utrecht-link"
                  to={`/trajecten/${trail.id}/standpunt/${row.municipalityId}`}
                  aria-label={`${t("position.log")}: ${row.name}`}
                >
                  {t("position.log")}
                </Link>
              ) : null}
              {task.actions.map((a) => (
                <EventForm
                  key={a.type}
                  event={a}
                  municipalityName={row.name}
                  revision={trail.revision}
                  today={today}
                  error={errorFor(a.type, row.municipalityId)}
                  formKey={formKey}
                />
              ))}
              {!task.mayLog && !task.actions.length ? (
                <span className="h10-muted">
                  {task.expected.length
                    ? t("trail.stillToDoBy", { steps: task.expected.map((type) => t(`events.${type}`)).join("; ") })
                    : t("trail.nothing")}
                </span>
              ) : null}
            </div>
          );
        }}
      />

      <section aria-labelledby="finances">
        <Heading2 id="finances">{t("finance.section")}</Heading2>
        {ownMunicipality ? <OwnShares items={finances} municipality={ownMunicipality} /> : null}
        {finances.length ? <FinanceItemsTable items={finances} /> : <Paragraph>{t("finance.none")}</Paragraph>}
        <UnorderedList>
          {finances.length || mayEnterFinancesHere ? (
            <UnorderedListItem>
              <Link className="utrecht-link" to={`/trajecten/${trail.id}/financien`}>
                {mayEnterFinancesHere ? t("finance.manage") : t("finance.details")}
              </Link>
            </UnorderedListItem>
          ) : null}
          {trail.kind === "EXIT" ? (
            <UnorderedListItem>
              <Link className="utrecht-link" to={`/trajecten/${trail.id}/uittreding`}>
                {t("exit.link")}
              </Link>
            </UnorderedListItem>
          ) : null}
          <UnorderedListItem>
            <Link className="utrecht-link" to={`/trajecten/${trail.id}/stemmingen`}>
              {t("boardVotes.link")}
            </Link>
          </UnorderedListItem>
        </UnorderedList>
      </section>

      <section aria-labelledby="documents">
        <Heading2 id="documents">{t("documents.section")}</Heading2>
        {documents.length ? (
          <UnorderedList>
            {documents.map((doc) => (
              <UnorderedListItem key={doc.id}>
                <Link className="utrecht-link" to={`/documenten/${doc.id}`}>
                  {doc.title}
                </Link>{" "}
                <span className="h10-note">
                  ({t(`documentKinds.${doc.kind}`)}, {t("documents.latest", { number: doc.latest })}
                  {doc.sent ? `, ${t("documents.sent")}` : ""})
                </span>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : (
          <Paragraph>{t("documents.none")}</Paragraph>
        )}
        {mayWriteDocuments ? (
          <div className="h10-actions">
            <Link className="utrecht-link" to={`/trajecten/${trail.id}/documenten/nieuw`}>
              {t("documents.new")}
            </Link>
            <Form method="post" action={`/trajecten/${trail.id}/oplegger`}>
              <CsrfInput />
              <SubmitButton appearance="secondary-action-button" aria-describedby="oplegger-hint">
                {t("documents.generateOplegger")}
              </SubmitButton>
              <span id="oplegger-hint" className="h10-note">
                {t("documents.generateOpleggerHint")}
              </span>
            </Form>
          </div>
        ) : null}
      </section>

      {pointOverview.map((text) => (
        <section key={text.revisionId} aria-labelledby={`points-${text.revisionId}`} className="h10-points">
          <Heading2 id={`points-${text.revisionId}`}>
            {t("decisionPoints.title", { title: text.title, number: text.number })}
          </Heading2>
          {text.points.length ? (
            <DataTable
              caption={t("decisionPoints.caption")}
              columns={[
                { label: t("decisionPoints.point") },
                { label: t("decisionPoints.asDrafted") },
                { label: t("decisionPoints.amended") },
              ]}
            >
              {text.points.map((point) => (
                <TableRow key={point.pointId} data-point={point.number}>
                  <TableHeaderCell scope="row">
                    <Link
                      className="utrecht-link"
                      to={`/documenten/${text.documentId}?revisie=${text.number}#${point.pointId}`}
                    >
                      {t("decisionPoints.label", { number: point.number })}
                    </Link>
                    <span className="h10-note">{point.text}</span>
                  </TableHeaderCell>
                  <TableCell data-testid="as-drafted">{point.adoptedAsDrafted.join(", ") || "—"}</TableCell>
                  <TableCell data-testid="amended">
                    {[...new Set(point.amendments.map((a) => a.municipality))].join(", ") || "—"}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : (
            <Paragraph>{t("decisionPoints.none")}</Paragraph>
          )}
          {text.points
            .filter((point) => point.amendments.length)
            .map((point) => (
              <DataTable
                key={point.pointId}
                caption={t("decisionPoints.sideBySide", { number: point.number })}
                columns={[
                  { label: t("decisionPoints.council") },
                  { label: t("decisionPoints.drafted") },
                  { label: t("decisionPoints.amendedText") },
                ]}
              >
                {point.amendments.map((a, i) => (
                  <TableRow key={`${a.positionId}-${i}`}>
                    <TableHeaderCell scope="row">
                      <Link className="utrecht-link" to={`/trajecten/${trail.id}/standpunten/${a.positionId}`}>
                        {a.municipality}
                      </Link>
                    </TableHeaderCell>
                    <TableCell>{point.text}</TableCell>
                    <TableCell>
                      <strong>{a.title}</strong> <span className="h10-prewrap">{a.text}</span>
                    </TableCell>
                  </TableRow>
                ))}
              </DataTable>
            ))}
        </section>
      ))}

      <Heading2>{t("trail.deadlines")}</Heading2>
      {deadlines.length ? (
        <DataTable
          caption={t("trail.deadlinesCaption")}
          columns={[
            { label: t("trail.deadlineWhat") },
            { label: t("region.municipality") },
            { label: t("trail.deadline") },
            { label: t("trail.basis") },
          ]}
        >
          {deadlines.map((d) => (
            <TableRow key={d.id}>
              <TableHeaderCell scope="row">
                {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`)}
              </TableHeaderCell>
              <TableCell>{d.municipality ?? t("admin.regional")}</TableCell>
              <TableCell>
                <DeadlineBadge dueOn={d.dueOn} status={d.status} metOn={d.metOn} extendedFrom={d.extendedFrom} />
              </TableCell>
              <TableCell>{d.basis}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : (
        <Paragraph>{t("trail.noDeadlines")}</Paragraph>
      )}
      {mayAddTarget ? (
        <Form method="post" className="h10-inline-form" aria-label={t("trail.addTarget")}>
          <CsrfInput />
          <FormKeyInput value={formKey} />
          <input type="hidden" name="intent" value="target" />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="target-label">
              {t("trail.targetLabel")}
            </label>
            <input className="utrecht-textbox" id="target-label" name="label" required maxLength={200} />
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="target-due">
              {t("trail.targetDue")}
            </label>
            <input className="utrecht-textbox" id="target-due" name="dueOn" type="date" required />
          </div>
          <SubmitButton appearance="secondary-action-button">{t("trail.addTarget")}</SubmitButton>
          {targetIssues.length ? (
            <Paragraph className="utrecht-form-field-error-message" role="alert">
              {targetIssues.map((issue) => t(issue)).join(" ")}
            </Paragraph>
          ) : null}
        </Form>
      ) : null}

      <Heading2>{t("trail.timeline")}</Heading2>
      <OrderedList className="h10-timeline">
        {timeline.map((e) => (
          <OrderedListItem key={e.sequence}>
            {e.on ? (
              <>
                <time dateTime={e.on}>{formatDate(e.on, lng)}</time>
                {" · "}
              </>
            ) : null}
            {e.type.startsWith("workflow.")
              ? t(`events.${e.type.slice("workflow.".length)}`)
              : t(`timeline.${e.type.replace(/\./g, "_")}`, { defaultValue: e.type })}
            {e.actor ? ` · ${e.actor}` : ""}
            {e.state ? ` → ${t(`trailStates.${e.state}`, { defaultValue: e.state })}` : ""}
            <span className="h10-muted">
              {" "}
              ({t("trail.loggedAt")} <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time>)
            </span>
          </OrderedListItem>
        ))}
      </OrderedList>
    </>
  );
}
