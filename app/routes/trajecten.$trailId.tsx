import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DownloadLink } from "~/components/download-link";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { AnnexesSection } from "~/components/annexes";
import { ApprovalMatrix } from "~/components/approval-matrix";
import { PageNav } from "~/components/page-nav";
import { MunicipalityActions, RegionalActions, type ErrorFor } from "~/components/trail/actions";
import { AgendaSection } from "~/components/trail/agenda";
import { DeadlinesSection } from "~/components/trail/deadlines";
import { DocumentsSection } from "~/components/trail/documents";
import { FinancesSection } from "~/components/trail/finances";
import { HistorySection } from "~/components/trail/history";
import { SharedDraftMark, SharedDraftsSection } from "~/components/trail/shared-drafts";
import { TrailSummary } from "~/components/trail/summary";
import { mayManageAnnexes, trailAnnexes } from "~/models/annex.server";
import { ACCEPTED_EXTENSIONS } from "~/models/attachment.server";
import { followTrail, unfollow } from "~/models/notification.server";
import { getTrail } from "~/models/trail.server";
import { trailPage } from "~/models/trail-page.server";
import { sendTrailEvent, setTargetDate } from "~/models/trail-workflow.server";
import { TargetDateSchema, WorkflowFormSchema } from "~/schemas/trail";
import { CONFIRM_FIELD, CONFIRM_REQUIRED, IRREVERSIBLE_EVENTS, isConfirmed } from "~/utils/confirm";
import { isUpload, removeAnnexForm, uploadAnnex } from "~/utils/annex-form.server";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { httpError } from "~/utils/http.server";
import { refusalText } from "~/utils/refusal";
import { canSetTargetDate } from "~/utils/permissions";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { eventFields } from "~workflows/registry";
import type { TrailKind } from "~workflows/shared/types";

export const meta = pageTitle<typeof loader>("trail", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

async function loadTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return trail;
}

/** Everything the page shows comes from the trailPage model (app/models/trail-page.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = params.trailId ? await trailPage(params.trailId, actorOf(user)) : null;
  if (!page) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  const annexes = await trailAnnexes(page.trail.id);
  /** The one-time key of this page's step and target-date forms (each step form adds its own suffix). */
  return {
    ...page,
    formKey: newFormKey(),
    annexes: annexes.map(({ sha256: _hash, createdAt: _at, ...annex }) => annex),
    mayManageAnnexes: mayManageAnnexes(actorOf(user)),
    acceptedExtensions: ACCEPTED_EXTENSIONS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadTrail(params.trailId);
  if (isUpload(request)) return uploadAnnex(request, actorOf(user), () => ({ kind: "trail", trailId: trail.id }));
  const formData = await readForm(request);
  if (formData.get("intent") === "removeAnnex") return removeAnnexForm(formData, actorOf(user));
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
    // What was typed goes back with a refusal, for the form to show again.
    const posted = { label: fields.label ?? "", dueOn: fields.dueOn ?? "" };
    if (!parsed.success) {
      return data(
        {
          error: { code: "invalid_payload", issues: issuesOf(parsed.error.issues), target: true, posted },
          done: null,
        },
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
        {
          error: { code: "invalid_payload", issues: { [set.field]: [set.message] }, target: true, posted },
          done: null,
        },
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
          posted: postedOf(trail.kind, parsed.data.type, fields),
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
      {
        error: {
          ...error,
          type: parsed.data.type,
          municipalityId: parsed.data.municipalityId ?? null,
          posted: postedOf(trail.kind, parsed.data.type, fields),
        },
        done: null,
      },
      { status },
    );
  }
  return data({ error: null, done: parsed.data.type });
}

/**
 * What a refused step's form had in its fields (the step's own, from its payload schema, as EventForm shows them),
 * so that it comes back with the user's input, also without JavaScript.
 */
function postedOf(kind: TrailKind, type: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(eventFields(kind, type).flatMap((name) => (fields[name] ? [[name, fields[name]]] : [])));
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of issues) (result[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return result;
}

/** The ids of the page's sections, which the in-page navigation links to. */
/** The answer ledger in short: how many zienswijzen, how many still unanswered, and what that holds up. */
function LedgerSection({
  id,
  trailId,
  ledger,
}: {
  id: string;
  trailId: string;
  ledger: {
    zienswijzen: number;
    unanswered: number;
    rule: "refuse" | "warn";
    gatedSteps: readonly string[];
    gsLetter: boolean;
  };
}) {
  const { t } = useTranslation();
  const steps = ledger.gatedSteps.map((s) => t(`events.${s}`)).join(", ");
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("answers.title")}</Heading2>
      <Paragraph data-testid="ledger-count">
        {t("answers.summary", { count: ledger.zienswijzen, unanswered: ledger.unanswered })}
      </Paragraph>
      {ledger.unanswered ? (
        <Paragraph>
          <strong className="h10-warning">
            {t(ledger.rule === "refuse" ? "answers.unansweredRefuse" : "answers.unansweredWarn", {
              count: ledger.unanswered,
              steps,
            })}
          </strong>
        </Paragraph>
      ) : null}
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${trailId}/antwoorden`}>
          {t("answers.open")}
        </Link>
      </Paragraph>
      {ledger.gsLetter ? (
        <Paragraph>
          <DownloadLink href={`/trajecten/${trailId}/gs-brief.pdf`}>{t("answers.gsLetter")}</DownloadLink>
        </Paragraph>
      ) : null}
    </section>
  );
}

const SECTION = {
  summary: "summary",
  matrix: "matrix",
  actions: "regional-actions",
  answers: "answers",
  deadlines: "deadlines",
  agenda: "agenda",
  documents: "documents",
  annexes: "annexes",
  finances: "finances",
  sharedDrafts: "shared-drafts",
  history: "history",
} as const;

/**
 * The trail page, in the order a reader needs it: the summary and the approval matrix first, with what this
 * user may do in each row collapsed until opened; then the regional steps and the deadlines; documents, money
 * and the history further down, reachable from the in-page navigation.
 */
export default function TrailPage() {
  const page = useLoaderData<typeof loader>();
  const { trail, matrix, tasks, regionalActions, regionalExpected, formKey, today } = page;
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const annexResult = actionData && "annex" in actionData ? actionData.annex : null;
  const done = actionData && "done" in actionData ? actionData.done : null;
  const targetRefusal =
    error && "target" in error && "issues" in error && error.issues
      ? { issues: error.issues, posted: "posted" in error ? error.posted : undefined }
      : null;
  const errorFor: ErrorFor = (type, municipalityId) =>
    error && "type" in error && error.type === type && (error.municipalityId ?? undefined) === municipalityId
      ? error
      : null;
  // Whether the posted form is still on the page, to show its refusal next to it.
  const formOfError =
    regionalActions.some((a) => errorFor(a.type)) ||
    Object.entries(tasks).some(([id, task]) => task.actions.some((a) => errorFor(a.type, id)));
  const hasRegional = regionalActions.length > 0 || regionalExpected.length > 0;
  const nav = [
    { id: SECTION.matrix, label: t("matrix.title") },
    ...(page.ledger ? [{ id: SECTION.answers, label: t("answers.title") }] : []),
    ...(hasRegional ? [{ id: SECTION.actions, label: t("trail.regionalSteps") }] : []),
    { id: SECTION.deadlines, label: t("trail.deadlines") },
    { id: SECTION.agenda, label: t("agenda.section") },
    { id: SECTION.documents, label: t("documents.section") },
    { id: SECTION.annexes, label: t("annexes.title") },
    { id: SECTION.finances, label: t("finance.section") },
    { id: SECTION.sharedDrafts, label: t("sharedDrafts.section") },
    { id: SECTION.history, label: t("trail.timeline") },
  ];
  return (
    <>
      <Heading1>{trail.title}</Heading1>
      <PageNav label="trailPage.onThisPage" links={nav} />
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {done === "target" ? t("trail.targetSaved") : t("trail.eventSaved", { event: t(`events.${done}`) })}
          </Paragraph>
        </Alert>
      ) : null}
      {error && !("target" in error) && !formOfError ? (
        // The form that was posted is gone (the trail moved on): say why here.
        <Alert type="error" role="alert">
          <Paragraph>{refusalText(t, i18n.language, error)}</Paragraph>
        </Alert>
      ) : null}

      <TrailSummary
        id={SECTION.summary}
        trail={trail}
        regionalExpected={regionalExpected}
        attention={page.attention}
        following={page.following}
        cycles={page.cycles}
      />

      <section aria-labelledby={SECTION.matrix} className="h10-section">
        <Heading2 id={SECTION.matrix}>{t("matrix.title")}</Heading2>
        <ApprovalMatrix
          rows={matrix}
          trailId={trail.id}
          nameNote={(row) => <SharedDraftMark drafts={page.sharedDrafts} municipalityId={row.municipalityId} />}
          actions={(row) => (
            <MunicipalityActions
              trailId={trail.id}
              municipality={{ id: row.municipalityId, name: row.name }}
              task={tasks[row.municipalityId]!}
              revision={trail.revision}
              today={today}
              errorFor={errorFor}
              formKey={formKey}
            />
          )}
        />
      </section>

      {page.ledger ? <LedgerSection id={SECTION.answers} trailId={trail.id} ledger={page.ledger} /> : null}

      {hasRegional ? (
        <RegionalActions
          id={SECTION.actions}
          actions={regionalActions}
          expected={regionalExpected}
          revision={trail.revision}
          today={today}
          errorFor={errorFor}
          formKey={formKey}
        />
      ) : null}

      <DeadlinesSection
        id={SECTION.deadlines}
        deadlines={page.deadlines}
        mayAddTarget={page.mayAddTarget}
        formKey={formKey}
        targetRefusal={targetRefusal}
      />
      <AgendaSection
        id={SECTION.agenda}
        trailId={trail.id}
        agenda={page.agenda}
        today={today}
        mayPropose={page.mayProposeAgenda}
      />
      <DocumentsSection
        id={SECTION.documents}
        trailId={trail.id}
        documents={page.documents}
        mayWriteDocuments={page.mayWriteDocuments}
        pointOverview={page.pointOverview}
      />
      {page.mayWriteDocuments ? (
        <Paragraph>
          <Link className="utrecht-link" to={`/trajecten/${trail.id}/publicaties`}>
            {t("woo.titles.trailPublications")}
          </Link>
        </Paragraph>
      ) : null}
      <AnnexesSection
        id={SECTION.annexes}
        intro={t("annexes.trailIntro")}
        annexes={page.annexes}
        mayManage={page.mayManageAnnexes}
        locked={false}
        acceptedExtensions={page.acceptedExtensions}
        result={annexResult}
      />
      <FinancesSection
        id={SECTION.finances}
        trail={trail}
        finances={page.finances}
        exitPayment={page.exitPayment}
        ownMunicipality={page.ownMunicipality}
        mayEnterFinances={page.mayEnterFinances}
      />
      <SharedDraftsSection
        id={SECTION.sharedDrafts}
        trailId={trail.id}
        drafts={page.sharedDrafts}
        // "Gebruik als basis" for a clerk's own council when it can log its position now.
        startFor={page.draftStartFor && tasks[page.draftStartFor.id]?.mayLog ? page.draftStartFor : null}
        mayPublish={page.mayPublishSharedDraft}
        formKey={formKey}
      />
      <HistorySection id={SECTION.history} trail={trail} timeline={page.timeline} />
    </>
  );
}
