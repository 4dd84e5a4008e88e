import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import {
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
  VoteFields,
} from "~/components/form-fields";
import {
  ACCEPTED_EXTENSIONS,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  storeAttachment,
} from "~/models/attachment.server";
import { addPositionItem, correctPosition, getPosition, mayLogFor, processPosition } from "~/models/position.server";
import { decisionPoints, type SerializedDocument } from "~/editor/document-json";
import { CorrectPositionSchema, PositionItemSchema, ProcessingSchema, votesOf } from "~/schemas/position";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { readForm, readUploadForm } from "~/utils/csrf.server";
import { formatDate, formatDateTime, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { isForTheRecord, outcomesFor, processingState, type PositionBody } from "~workflows/positions";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { ActionMessage } from "~/components/action-message";
import { positionRefusalReply, refusalValues } from "~/utils/refusal";

export const meta = pageTitle("position");

async function load(request: Request, params: { trailId?: string; positionId?: string }) {
  const user = await requireUser(request);
  const position = params.positionId ? await getPosition(params.positionId) : null;
  if (!position || position.trailId !== params.trailId || !position.municipality) {
    throw httpError(404, "position_not_found", "Dit standpunt bestaat niet.");
  }
  return { user, position, municipality: position.municipality };
}

const votes = (v: { votesFor: number | null; votesAgainst: number | null; votesAbstained: number | null }) =>
  v.votesFor === null ? null : { for: v.votesFor, against: v.votesAgainst ?? 0, abstained: v.votesAbstained ?? 0 };

/** What the page says on arrival from the form that logged the position (`?vastgelegd=`). */
const LOGGED_NOTICES = ["standpunt", "correctie", "voorstel"] as const;
type LoggedNotice = (typeof LOGGED_NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, position, municipality } = await load(request, params);
  const actor = actorOf(user);
  const attachments = await listAttachments(position.id);
  const mayEdit = mayLogFor(actor, position.body.kind as PositionBody, municipality.id) && !position.supersededBy;
  const revision = position.documentRevision;
  const points = revision ? decisionPoints(JSON.parse(revision.content) as SerializedDocument) : [];
  // Arrived from the form that logged it (the position form, a correction, a confirmed proposal): said on top.
  const arrived = new URL(request.url).searchParams.get("vastgelegd");
  return {
    notice: arrived && (LOGGED_NOTICES as readonly string[]).includes(arrived) ? (arrived as LoggedNotice) : null,
    decidedOn: revision
      ? { documentId: revision.document.id, title: revision.document.title, number: revision.number }
      : null,
    points: points.map((p) => ({ pointId: p.pointId, number: p.number, text: p.text })),
    position: {
      id: position.id,
      kind: position.kind,
      body: position.body.kind,
      municipality: municipality.name,
      text: position.text,
      meetingDate: position.meetingDate ? toDateInputValue(position.meetingDate) : null,
      /** The last day of the term it missed, when it was given after it. */
      lateAfter: position.lateAfter,
      votes: votes(position),
      partyVotes: position.partyVotes
        ? (JSON.parse(position.partyVotes) as { party: string; for: number; against: number; abstained: number }[])
        : [],
      legalGround: position.legalGround,
      decisionReference: position.decisionReference,
      /** The council's own published decision it was confirmed from (ori-import.server.ts). */
      sourceUrl: position.sourceUrl,
      loggedBy: position.loggedBy.name,
      loggedAt: position.loggedAt.toISOString(),
      correctionReason: position.correctionReason,
      supersedes: position.supersedes?.id ?? null,
      /** The shared draft the council started from. */
      sharedDraft: position.sharedDraft,
      supersededBy: position.supersededBy?.id ?? null,
      items: position.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        text: i.text,
        adopted: i.adopted,
        votes: votes(i),
        decisionPoint: i.decisionPoint,
      })),
      processing: position.processing
        ? {
            outcome: position.processing.outcome,
            reason: position.processing.reason,
            location: position.processing.location,
            theme: position.processing.theme,
            decisionPoint: position.processing.decisionPoint,
            lateCounts: position.processing.lateCounts,
            by: position.processing.processedBy.name,
            at: position.processing.processedAt.toISOString(),
          }
        : null,
    },
    trail: position.trail,
    /** The outcomes that fit this kind of position ("Geen reactie": only not applicable). */
    outcomes: outcomesFor(position.kind),
    forTheRecord: isForTheRecord(
      position.trail.kind,
      position.body.kind as PositionBody,
      position.kind,
      position.workflowEvent,
    ),
    closedUnprocessed:
      processingState(position.kind, position.processing !== null, position.trail.closedAt !== null) ===
      "closedUnprocessed",
    closedOn: position.trail.closedAt ? toDateInputValue(position.trail.closedAt) : null,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, sha256: a.sha256 })),
    acceptedExtensions: ACCEPTED_EXTENSIONS,
    mayEdit,
    mayProcess: user.role === "SECRETARY",
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, position, municipality } = await load(request, params);
  const actor = actorOf(user);
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // Who may attach here is settled before a byte of the upload is read.
    if (!mayLogFor(actor, position.body.kind as PositionBody, municipality.id))
      throw httpError(403, "attachment_forbidden", "U mag voor dit orgaan geen bijlage toevoegen.");
    const upload = await readUploadForm(request, MAX_ATTACHMENT_BYTES);
    const file = upload.get("file");
    if (!(file instanceof File))
      return data(
        { intent: "attach", result: undefined, done: false, uploadError: "attachment_empty", values: null },
        { status: 400 },
      );
    const stored = await storeAttachment(
      position.id,
      { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      actor,
    );
    if (!stored.ok)
      return data(
        { intent: "attach", result: undefined, done: false, uploadError: stored.code, values: null },
        { status: stored.status },
      );
    return data({ intent: "attach", result: undefined, done: true, uploadError: null, values: null });
  }
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const schema =
    intent === "correct"
      ? CorrectPositionSchema
      : intent === "item"
        ? PositionItemSchema
        : intent === "process"
          ? ProcessingSchema
          : null;
  if (!schema) throw httpError(400, "invalid_input", "Onbekende actie.");
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success")
    return data({ intent, result: submission.reply(), done: false, uploadError: null, values: null }, { status: 400 });
  const value = submission.value;
  const result =
    value.intent === "correct"
      ? await correctPosition(
          position.id,
          {
            text: value.text,
            meetingDate: value.meetingDate,
            votes: votesOf(value),
            partyVotes: value.partyVotes,
            decisionReference: value.decisionReference || undefined,
            reason: value.reason,
          },
          actor,
        )
      : value.intent === "item"
        ? await addPositionItem(
            position.id,
            {
              kind: value.itemKind,
              title: value.title,
              text: value.itemText,
              adopted: value.adopted === "yes",
              votes: votesOf(value),
              decisionPoint: value.decisionPoint || undefined,
            },
            actor,
            formKeyOf(formData),
          )
        : await processPosition(
            position.id,
            {
              outcome: value.outcome,
              reason: value.reason,
              location: value.location,
              theme: value.theme || null,
              decisionPoint: value.decisionPoint || null,
              lateCounts: value.lateCounts ? value.lateCounts === "yes" : null,
            },
            actor,
          );
  if (!result.ok) {
    const { reply, values } =
      result.code === "outcome_not_for_kind"
        ? { reply: { fieldErrors: { outcome: ["refusals.noResponseOutcome"] } }, values: null }
        : positionRefusalReply(result, { partyVotesOnForm: true });
    return data(
      { intent, result: submission.reply(reply), done: false, uploadError: null, values },
      { status: result.status },
    );
  }
  if ("positionId" in result)
    return redirect(`/trajecten/${position.trailId}/standpunten/${result.positionId}?vastgelegd=correctie`);
  return data({ intent, result: submission.reply({ resetForm: true }), done: true, uploadError: null, values: null });
}

function VotesText({ votes }: { votes: { for: number; against: number; abstained: number } | null }) {
  const { t } = useTranslation();
  return votes ? <>{t("position.votesText", votes)}</> : <>{t("position.noVotes")}</>;
}

export default function PositionPage() {
  const {
    position,
    trail,
    attachments,
    acceptedExtensions,
    mayEdit,
    mayProcess,
    decidedOn,
    points,
    outcomes,
    forTheRecord,
    closedUnprocessed,
    closedOn,
    formKey,
    notice,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pointLabel = (pointId: string | null) => {
    const point = points.find((p) => p.pointId === pointId);
    return point ? t("position.pointLabel", { number: point.number, text: point.text.slice(0, 80) }) : (pointId ?? "");
  };
  const pointOptions = points.map((p) => ({ value: p.pointId, label: pointLabel(p.pointId) }));
  const refusal = refusalValues(t, i18n.language, actionData?.values);
  const lastResult = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [correctForm, correctFields] = useValidatedForm(CorrectPositionSchema, lastResult("correct"), {
    meetingDate: position.meetingDate ?? "",
    text: position.text,
    votesFor: position.votes ? String(position.votes.for) : "",
    votesAgainst: position.votes ? String(position.votes.against) : "",
    votesAbstained: position.votes ? String(position.votes.abstained) : "",
    // The original's votes per party group, one line each as the field takes them ("VVD: 8/0/0").
    partyVotes: position.partyVotes.map((p) => `${p.party}: ${p.for}/${p.against}/${p.abstained}`).join("\n"),
    decisionReference: position.decisionReference ?? "",
  });
  const [itemForm, itemFields] = useValidatedForm(PositionItemSchema, lastResult("item"));
  const [processForm, processFields] = useValidatedForm(ProcessingSchema, lastResult("process"));
  return (
    <>
      <Heading1>
        {t("position.title", { kind: t(`positionKinds.${position.kind}`), name: position.municipality })}
      </Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
          {trail.title}
        </Link>
      </Paragraph>
      {actionData?.done ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("position.saved")}</Paragraph>
        </Alert>
      ) : notice ? (
        <ActionMessage type="ok" answer={notice} testId="position-logged">
          <Paragraph>{t(`position.loggedNotice.${notice}`, { name: position.municipality })}</Paragraph>
        </ActionMessage>
      ) : null}
      {position.supersededBy ? (
        <Alert type="warning" role="status">
          <Paragraph>
            {t("position.superseded")}{" "}
            <Link className="utrecht-link" to={`/trajecten/${trail.id}/standpunten/${position.supersededBy}`}>
              {t("position.viewCorrection")}
            </Link>
          </Paragraph>
        </Alert>
      ) : null}
      {position.lateAfter ? (
        <Alert type="warning" data-testid="position-late">
          <Paragraph>
            <strong>{t("position.lateTitle")}</strong>{" "}
            {t("position.lateRecorded", {
              date: position.meetingDate ? formatDate(position.meetingDate, lng) : "",
              dueOn: formatDate(position.lateAfter, lng),
            })}
          </Paragraph>
        </Alert>
      ) : null}
      <dl className="h10-facts" data-testid="position-facts">
        <dt>{t("position.body")}</dt>
        <dd>{`${t(`positionBodies.${position.body}`)} ${position.municipality}`}</dd>
        <dt>{t("position.meetingDate")}</dt>
        <dd>
          {position.meetingDate ? formatDate(position.meetingDate, lng) : "—"}
          {position.lateAfter ? (
            <>
              {" "}
              <span className="h10-deadline h10-deadline--late">
                {t("position.lateBadge", { dueOn: formatDate(position.lateAfter, lng) })}
              </span>
            </>
          ) : null}
        </dd>
        <dt>{t("position.votes")}</dt>
        <dd>
          <VotesText votes={position.votes} />
        </dd>
        {position.legalGround ? (
          <>
            <dt>{t("position.legalGround")}</dt>
            <dd>{t(`grounds.${position.legalGround}`)}</dd>
          </>
        ) : null}
        {forTheRecord ? (
          <>
            <dt>{t("position.forTheRecord")}</dt>
            <dd>{t("position.recordedAfterClose")}</dd>
          </>
        ) : null}
        <dt>{t("position.decisionReference")}</dt>
        <dd>{position.decisionReference ?? "—"}</dd>
        {position.sourceUrl ? (
          <>
            <dt>{t("oriImport.source")}</dt>
            <dd>
              <a className="utrecht-link" href={position.sourceUrl} rel="noopener noreferrer">
                {t("oriImport.sourceOfPosition")}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("position.decidedOn")}</dt>
        <dd>
          {decidedOn ? (
            <Link className="utrecht-link" to={`/documenten/${decidedOn.documentId}?revisie=${decidedOn.number}`}>
              {decidedOn.title}, {t("documents.revision", { number: decidedOn.number })}
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt>{t("position.loggedBy")}</dt>
        <dd>
          {position.loggedBy}, {formatDateTime(position.loggedAt, lng)}
        </dd>
        {position.sharedDraft ? (
          <>
            <dt>{t("sharedDrafts.startedFromLabel")}</dt>
            <dd>
              <Link className="utrecht-link" to={`/trajecten/${trail.id}#draft-${position.sharedDraft.id}`}>
                {position.sharedDraft.title}
              </Link>
            </dd>
          </>
        ) : null}
        {position.correctionReason ? (
          <>
            <dt>{t("position.correctionReason")}</dt>
            <dd>
              {position.correctionReason}{" "}
              {position.supersedes ? (
                <Link className="utrecht-link" to={`/trajecten/${trail.id}/standpunten/${position.supersedes}`}>
                  {t("position.viewOriginal")}
                </Link>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <Heading2>{t("position.text")}</Heading2>
      <p className="utrecht-paragraph h10-prewrap">{position.text}</p>
      {position.partyVotes.length ? (
        <>
          <Heading2>{t("position.partyVotes")}</Heading2>
          <UnorderedList>
            {position.partyVotes.map((p) => (
              <UnorderedListItem key={p.party}>
                {p.party}: <VotesText votes={p} />
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}

      <Heading2>{t("position.items")}</Heading2>
      {position.items.length ? (
        <UnorderedList>
          {position.items.map((item) => (
            <UnorderedListItem key={item.id}>
              <strong>
                {t(`itemKinds.${item.kind}`)}: {item.title}
              </strong>{" "}
              ({item.adopted ? t("position.adopted") : t("position.notAdopted")}; <VotesText votes={item.votes} />
              {item.decisionPoint ? `; ${pointLabel(item.decisionPoint)}` : ""})
              <span className="h10-note h10-prewrap">{item.text}</span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("position.noItems")}</Paragraph>
      )}

      <Heading2>{t("attachments.title")}</Heading2>
      {attachments.length ? (
        <UnorderedList>
          {attachments.map((a) => (
            <UnorderedListItem key={a.id}>
              <a className="utrecht-link" href={`/bijlagen/${a.id}`}>
                {a.fileName}
              </a>{" "}
              ({t("attachments.size", { kb: Math.ceil(a.size / 1024) })}; SHA-256 <code>{a.sha256.slice(0, 12)}…</code>)
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("attachments.none")}</Paragraph>
      )}
      {mayEdit ? (
        <Form method="post" encType="multipart/form-data" className="h10-inline-form" aria-label={t("attachments.add")}>
          <CsrfInput />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="attachment-file">
              {t("attachments.file")}
            </label>
            <p className="utrecht-form-field-description" id="attachment-hint">
              {t("attachments.hint")}
            </p>
            {actionData?.uploadError ? (
              <p className="utrecht-form-field-error-message" id="attachment-error">
                {t(`attachments.errors.${actionData.uploadError}`)}
              </p>
            ) : null}
            <input
              className="utrecht-textbox"
              id="attachment-file"
              name="file"
              type="file"
              required
              accept={acceptedExtensions.join(",")}
              aria-describedby={actionData?.uploadError ? "attachment-hint attachment-error" : "attachment-hint"}
              aria-invalid={actionData?.uploadError ? true : undefined}
            />
          </div>
          <SubmitButton appearance="secondary-action-button">{t("attachments.add")}</SubmitButton>
        </Form>
      ) : null}

      <Heading2>{t("position.processing")}</Heading2>
      {position.processing ? (
        <dl className="h10-facts" data-testid="processing">
          <dt>{t("position.outcome")}</dt>
          <dd>{t(`outcomes.${position.processing.outcome}`)}</dd>
          <dt>{t("position.processingReason")}</dt>
          <dd>{position.processing.reason}</dd>
          <dt>{t("position.location")}</dt>
          <dd>{position.processing.location}</dd>
          {position.processing.theme ? (
            <>
              <dt>{t("position.theme")}</dt>
              <dd>{position.processing.theme}</dd>
            </>
          ) : null}
          {position.processing.decisionPoint ? (
            <>
              <dt>{t("position.decisionPoint")}</dt>
              <dd>{pointLabel(position.processing.decisionPoint)}</dd>
            </>
          ) : null}
          {position.processing.lateCounts !== null ? (
            <>
              <dt>{t("position.lateCounts")}</dt>
              <dd>{t(position.processing.lateCounts ? "position.lateCountsYes" : "position.lateCountsNo")}</dd>
            </>
          ) : null}
          <dt>{t("position.processedBy")}</dt>
          <dd>
            {position.processing.by}, {formatDateTime(position.processing.at, lng)}
          </dd>
        </dl>
      ) : closedUnprocessed && closedOn ? (
        <Paragraph data-testid="closed-unprocessed">
          {t("position.closedUnprocessed", { date: formatDate(closedOn, lng) })}
        </Paragraph>
      ) : (
        <Paragraph>{t("position.notProcessed")}</Paragraph>
      )}

      {mayProcess && !position.supersededBy ? (
        <Form
          method="post"
          {...getFormProps(processForm)}
          noValidate
          className="h10-form"
          aria-label={t("position.processTitle")}
        >
          <Heading2>{t("position.processTitle")}</Heading2>
          <FormErrors errors={processForm.errors} values={refusal} />
          <CsrfInput />
          <input type="hidden" name="intent" value="process" />
          <SelectField
            field={processFields.outcome}
            label={t("position.outcome")}
            placeholder={t("position.chooseOutcome")}
            options={outcomes.map((o) => ({
              value: o,
              label: t(`outcomes.${o}`),
            }))}
          />
          <TextAreaField field={processFields.reason} label={t("position.processingReason")} />
          <TextField
            field={processFields.location}
            label={t("position.location")}
            description={t("position.locationHint")}
          />
          <TextField field={processFields.theme} label={t("position.theme")} description={t("position.themeHint")} />
          {position.lateAfter ? (
            <SelectField
              field={processFields.lateCounts}
              label={t("position.lateCounts")}
              description={t("position.lateCountsHint", { dueOn: formatDate(position.lateAfter, lng) })}
              placeholder={t("position.chooseLateCounts")}
              options={[
                { value: "yes", label: t("position.lateCountsYes") },
                { value: "no", label: t("position.lateCountsNo") },
              ]}
            />
          ) : null}
          {pointOptions.length ? (
            <SelectField
              field={processFields.decisionPoint}
              label={t("position.decisionPoint")}
              placeholder={t("position.noDecisionPoint")}
              options={pointOptions}
            />
          ) : null}
          <SubmitButton appearance="primary-action-button">{t("position.saveProcessing")}</SubmitButton>
        </Form>
      ) : null}

      {mayEdit ? (
        <>
          <Form
            method="post"
            {...getFormProps(itemForm)}
            noValidate
            className="h10-form"
            aria-label={t("position.addItem")}
          >
            <Heading2>{t("position.addItem")}</Heading2>
            <FormErrors errors={itemForm.errors} values={refusal} />
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <input type="hidden" name="intent" value="item" />
            <SelectField
              field={itemFields.itemKind}
              label={t("position.itemKind")}
              placeholder={t("position.chooseItemKind")}
              options={(["AMENDMENT", "MOTION"] as const).map((k) => ({ value: k, label: t(`itemKinds.${k}`) }))}
            />
            <TextField field={itemFields.title} label={t("position.itemTitle")} />
            <TextAreaField field={itemFields.itemText} label={t("position.itemText")} />
            <SelectField
              field={itemFields.adopted}
              label={t("position.itemAdopted")}
              placeholder={t("position.chooseAdopted")}
              options={[
                { value: "yes", label: t("position.adopted") },
                { value: "no", label: t("position.notAdopted") },
              ]}
            />
            <VoteFields fields={itemFields} />
            {pointOptions.length ? (
              <SelectField
                field={itemFields.decisionPoint}
                label={t("position.decisionPoint")}
                description={t("position.decisionPointHint")}
                placeholder={t("position.noDecisionPoint")}
                options={pointOptions}
              />
            ) : null}
            <SubmitButton appearance="secondary-action-button">{t("position.addItem")}</SubmitButton>
          </Form>

          <Form
            method="post"
            {...getFormProps(correctForm)}
            noValidate
            className="h10-form"
            aria-label={t("position.correct")}
          >
            <Heading2>{t("position.correct")}</Heading2>
            <Paragraph>{t("position.correctIntro")}</Paragraph>
            <FormErrors errors={correctForm.errors} values={refusal} />
            <CsrfInput />
            <input type="hidden" name="intent" value="correct" />
            <TextField
              field={correctFields.meetingDate}
              type="date"
              label={t("position.meetingDate")}
              errorValues={refusal}
            />
            <TextAreaField field={correctFields.text} label={t("position.text")} />
            <VoteFields fields={correctFields} />
            <TextAreaField
              field={correctFields.partyVotes}
              label={t("position.partyVotes")}
              description={t("position.partyVotesHint")}
            />
            <TextField field={correctFields.decisionReference} label={t("position.decisionReference")} />
            <TextAreaField field={correctFields.reason} label={t("position.correctionReason")} />
            <SubmitButton appearance="secondary-action-button">{t("position.correct")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
