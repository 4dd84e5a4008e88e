import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Checkbox, FormField, FormLabel, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import {
  FormErrors,
  PlainField,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
  VoteFields,
} from "~/components/form-fields";
import { usedFormKey } from "~/models/form-key.server";
import {
  hasDecidedOnRecord,
  listTrailPositions,
  logPosition,
  mayLogFor,
  positionOptionsFor,
  type NewPosition,
} from "~/models/position.server";
import { agendaItemFor } from "~/models/agenda.server";
import { sentRevisions } from "~/models/document.server";
import { sharedDraftOfTrail } from "~/models/shared-draft.server";
import { getTrail } from "~/models/trail.server";
import { getTrailWorkflow, listTrailDeadlines } from "~/models/trail-workflow.server";
import { ConfirmBox } from "~/components/confirm-box";
import { SubmitButton } from "~/components/submit-button";
import { LogPositionSchema, positionFieldsFor, votesOf } from "~/schemas/position";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { STEPS_MEETING } from "~workflows/deadlines";
import { workflowEventFor, type PositionBody, type PositionKind } from "~workflows/positions";
import { pageTitle } from "~/utils/page-title";
import { positionRefusalReply, refusalValues } from "~/utils/refusal";
import { positionWord, todoText } from "~/utils/words";

export const meta = pageTitle("logPosition");

/**
 * The fields that fit the chosen step (positionFieldsFor). Before a step is
 * chosen, and so without JavaScript, the fields of any step on offer: the
 * server then decides.
 */
function fieldsShown(bodyKind: unknown, options: { body: PositionBody; kind: PositionKind }[]) {
  const [body, kind] = typeof bodyKind === "string" ? bodyKind.split(":") : [];
  const chosen = options.filter((o) => (body && kind ? o.body === body && o.kind === kind : true));
  const fits = chosen.map((o) => ({ ...positionFieldsFor(o.body, o.kind), confirm: o.kind === "CONSENT_WITHHELD" }));
  return {
    textRequired: fits.some((f) => f.textRequired),
    votes: fits.some((f) => f.votes),
    legalGround: fits.some((f) => f.legalGround),
    decisionReference: fits.some((f) => f.decisionReference),
    confirm: fits.some((f) => f.confirm),
  };
}

const BODIES: PositionBody[] = ["COUNCIL", "COMMITTEE", "COLLEGE"];

/**
 * Why nothing can be logged for this municipality now, said in the reader's
 * language: a closed trail (and whether its decision is already recorded), or
 * a stage that expects nothing from it. Not a 403: the user may write for it.
 */
interface Unavailable {
  key: "closedDecided" | "closed" | "notNow";
  name: string;
  state: string;
  closedOn: string | null;
  steps: string[];
}

/** The trail, the municipality, and the body/kind pairs this user may log now (positionOptionsFor). */
async function load(
  request: Request,
  params: { trailId?: string; municipalityId?: string },
  signedIn?: Awaited<ReturnType<typeof requireUser>>,
) {
  const user = signedIn ?? (await requireUser(request));
  const trail = params.trailId ? await getTrail(params.trailId) : null;
  const participant = trail?.participants.find((p) => p.municipality.id === params.municipalityId);
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  if (!participant) throw httpError(404, "not_a_participant", "Deze gemeente neemt niet deel aan dit traject.");
  const actor = actorOf(user);
  const municipality = participant.municipality;
  // Truly not allowed: another municipality, or a role that logs no positions. Say which.
  if (!BODIES.some((body) => mayLogFor(actor, body, municipality.id))) {
    const own = user.municipality?.name;
    throw httpError(
      403,
      "forbidden_body",
      own
        ? `U legt alleen vast voor uw eigen gemeente (${own}): als griffier voor de raad en de commissie, als wethouder voor het college.`
        : "Uw rol legt geen standpunten vast; dat doen de griffier, de wethouder of een beleidssecretaris.",
    );
  }
  const [workflow, positions] = await Promise.all([getTrailWorkflow(trail.id, actor), listTrailPositions(trail.id)]);
  const accepted = workflow!.expected.filter((e) => e.municipalityId === municipality.id).map((e) => e.type);
  const options = positionOptionsFor({
    trail,
    context: workflow!.context,
    accepted,
    positions,
    actor,
    municipalityId: municipality.id,
  });
  const closedOn = trail.closedAt ? toDateInputValue(trail.closedAt) : null;
  const unavailable: Unavailable | null = options.length
    ? null
    : {
        key: !closedOn
          ? "notNow"
          : hasDecidedOnRecord(trail.kind, workflow!.context, municipality.id, positions)
            ? "closedDecided"
            : "closed",
        name: municipality.name,
        state: workflow!.state,
        closedOn,
        steps: accepted,
      };
  return {
    user,
    trail,
    municipality,
    revision: workflow!.revision,
    state: workflow!.state,
    options,
    unavailable,
    closedOn,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail, municipality, revision, options, unavailable, closedOn, state } = await load(request, params);
  // Started from an item on this council's agenda: its meeting date and document come with it. Or from a shared
  // draft ("Gebruik als basis"): only one of this trail.
  const search = new URL(request.url).searchParams;
  const itemId = search.get("agendapunt");
  const conceptId = search.get("concept");
  const [sent, deadlines, agendaItem, draft] = await Promise.all([
    sentRevisions(trail.id),
    listTrailDeadlines(trail.id),
    itemId ? agendaItemFor(trail.id, municipality.id, itemId) : null,
    conceptId ? sharedDraftOfTrail(conceptId, trail.id) : null,
  ]);
  if (itemId && !agendaItem)
    throw httpError(404, "agenda_item_not_found", "Dit agendapunt staat niet op een agenda van deze gemeente.");
  if (conceptId && !draft)
    throw httpError(404, "shared_draft_not_in_trail", "Dit gedeelde concept hoort niet bij dit traject.");
  // The deadlines a step here meets, for the warning in the browser before a late step is sent.
  const due = deadlines
    .filter((d) => d.municipalityId === municipality.id && STEPS_MEETING[d.kind])
    .map((d) => ({ kind: d.kind, dueOn: d.dueOn }));
  const today = toDateInputValue(new Date());
  return {
    formKey: newFormKey(),
    due,
    steps: Object.fromEntries(
      options.map((o) => [`${o.body}:${o.kind}`, workflowEventFor(trail.kind, o.body, o.kind) ?? null]),
    ),
    trail: { id: trail.id, title: trail.title },
    municipality,
    revision,
    options,
    unavailable,
    /** A closed trail: what is logged now is for the record. */
    closed: closedOn ? { on: closedOn, state } : null,
    today,
    sent: sent.map((r) => ({ id: r.id, label: `${r.title}, revisie ${r.number}` })),
    // A meeting still ahead has decided nothing yet: its date is not offered as the day of the decision.
    agendaItem: agendaItem ? { ...agendaItem, held: agendaItem.meetingDate <= today } : null,
    draft: draft ? { id: draft.id, title: draft.title, kind: draft.kind, text: draft.text, items: draft.items } : null,
  };
}

/** What the model is asked to log, from the form's values. */
function positionInput(
  trailId: string,
  municipalityId: string,
  value: z.output<typeof LogPositionSchema>,
): NewPosition {
  const [body, kind] = value.bodyKind.split(":") as [PositionBody, PositionKind];
  return {
    trailId,
    expectedRevision: value.revision,
    municipalityId,
    body,
    kind,
    text: value.text ?? "",
    meetingDate: value.meetingDate,
    votes: votesOf(value),
    partyVotes: value.partyVotes,
    legalGround: value.legalGround,
    decisionReference: value.decisionReference || undefined,
    documentRevisionId: value.documentRevisionId || undefined,
    agendaItemId: value.agendaItemId || undefined,
    confirmLate: value.confirmLate === "on",
    sharedDraftId: value.sharedDraftId || undefined,
    draftItems: value.sharedDraftId
      ? value.draftItems?.map((choice) => (choice === "yes" ? true : choice === "no" ? false : null))
      : undefined,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LogPositionSchema });
  const formKey = formKeyOf(formData);
  // A second post of a form that went through goes where the first went, before the checks of a
  // trail that the first post moved on (a step is no longer expected once it was logged).
  if (formKey && submission.status === "success" && params.trailId && params.municipalityId) {
    const input = positionInput(params.trailId, params.municipalityId, submission.value);
    const used = await usedFormKey({ userId: user.id, key: formKey }, "position", input);
    if (used && "resultId" in used)
      return redirect(`/trajecten/${input.trailId}/standpunten/${used.resultId}?vastgelegd=standpunt`);
    if (used)
      return data(
        { result: submission.reply({ formErrors: [`workflowErrors.${used.code}`] }), late: null, values: null },
        { status: 422 },
      );
  }
  const { trail, municipality, options, unavailable } = await load(request, params, user);
  if (unavailable)
    return data(
      {
        result: submission.reply({
          formErrors: [
            unavailable.key === "notNow"
              ? "workflowErrors.event_not_accepted"
              : unavailable.key === "closedDecided"
                ? "refusals.closedAlreadyDecided"
                : "refusals.notForTheRecord",
          ],
        }),
        late: null,
        values: null,
      },
      { status: 422 },
    );
  if (submission.status !== "success")
    return data({ result: submission.reply(), late: null, values: null }, { status: 400 });
  const input = positionInput(trail.id, municipality.id, submission.value);
  if (!options.some((o) => o.body === input.body && o.kind === input.kind)) {
    return data(
      {
        result: submission.reply({ fieldErrors: { bodyKind: ["workflowErrors.event_not_accepted"] } }),
        late: null,
        values: null,
      },
      { status: 422 },
    );
  }
  const result = await logPosition(input, actorOf(user), formKey);
  if (!result.ok) {
    if (result.code === "late_not_confirmed") {
      // Nothing written: the form comes back with the warning and the box to confirm.
      const { dueOn, extendedFrom } = result;
      return data(
        { result: submission.reply(), late: { dueOn, extendedFrom }, values: null },
        { status: result.status },
      );
    }
    // A date out of range or ahead, or party votes over the totals: said at the field; anything else above the
    // form, with the dates it names. The input stays.
    const { reply, values } = positionRefusalReply(result, { partyVotesOnForm: true });
    return data({ result: submission.reply(reply), late: null, values }, { status: result.status });
  }
  return redirect(`/trajecten/${trail.id}/standpunten/${result.positionId}?vastgelegd=standpunt`);
}

/**
 * The deadline the chosen step would miss on the chosen date, as far as the browser can tell. A date after today
 * is no late step but a slip, which the server refuses: no warning for it.
 */
function lateInBrowser(
  due: { kind: string; dueOn: string }[],
  steps: Record<string, string | null>,
  bodyKind: unknown,
  meetingDate: unknown,
  today: string,
): { dueOn: string; extendedFrom: string | null } | null {
  if (typeof bodyKind !== "string" || typeof meetingDate !== "string" || !meetingDate || meetingDate > today)
    return null;
  const step = steps[bodyKind];
  const deadline = due.find((d) => step && STEPS_MEETING[d.kind]?.includes(step));
  return deadline && meetingDate > deadline.dueOn ? { dueOn: deadline.dueOn, extendedFrom: null } : null;
}

/** A clear warning that the step is late, and the box that confirms logging it as late. */
function LateWarning({
  late,
  field,
  meetingDate,
  language,
}: {
  late: { dueOn: string; extendedFrom: string | null } | null;
  field: Parameters<typeof getInputProps>[0];
  meetingDate: string | null;
  language: string;
}) {
  const { t } = useTranslation();
  if (!late) return null;
  const { key, ...props } = getInputProps(field, { type: "checkbox", value: "on" });
  return (
    <Alert type="warning" role="alert" className="h10-late-warning">
      <Paragraph>
        <strong>{t("position.lateTitle")}</strong>{" "}
        {t("position.lateWarning", {
          date: meetingDate ? formatDate(meetingDate, language) : "",
          dueOn: formatDate(late.dueOn, language),
        })}
      </Paragraph>
      <FormField type="checkbox">
        <div className="utrecht-form-field__input">
          <Checkbox key={key} {...props} />
        </div>
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor={field.id} type="checkbox">
            {t("position.confirmLate")}
          </FormLabel>
        </div>
      </FormField>
    </Alert>
  );
}

/** What the council did with one model amendment or motion of the shared draft: adopted, rejected, or not voted on. */
function DraftItemField({ index, item }: { index: number; item: { kind: string; title: string; text: string } }) {
  const { t } = useTranslation();
  const id = `draft-item-${index}`;
  return (
    <PlainField id={id} label={`${t(`itemKinds.${item.kind}`)}: ${item.title}`} hint={item.text}>
      <select className="utrecht-select" id={id} name={`draftItems[${index}]`} aria-describedby={`${id}-hint`}>
        <option value="">{t("sharedDrafts.itemNotVoted")}</option>
        <option value="yes">{t("sharedDrafts.itemAdopted")}</option>
        <option value="no">{t("sharedDrafts.itemRejected")}</option>
      </select>
    </PlainField>
  );
}

export default function LogPositionPage() {
  const {
    trail,
    municipality,
    revision,
    options,
    today,
    sent,
    due,
    steps,
    formKey,
    unavailable,
    closed,
    agendaItem,
    draft,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  // The text most recently sent to the councils is what they usually decide on.
  // Started from a shared draft: its text, and the council's step of its kind when one is on offer.
  const draftStep = draft
    ? (options.find((o) => o.kind === draft.kind && o.body === "COUNCIL") ?? options.find((o) => o.kind === draft.kind))
    : undefined;
  // From an agenda item: its meeting date and the document it put before the council.
  const revisionId = agendaItem ? agendaItem.documentRevisionId : sent[0]?.id;
  const [form, fields] = useValidatedForm(LogPositionSchema, actionData?.result, {
    ...(revisionId ? { documentRevisionId: revisionId } : {}),
    ...(agendaItem?.held ? { meetingDate: agendaItem.meetingDate } : {}),
    ...(draft ? { text: draft.text, sharedDraftId: draft.id } : {}),
    ...(draftStep ? { bodyKind: `${draftStep.body}:${draftStep.kind}` } : {}),
  });
  const shown = fieldsShown(fields.bodyKind.value, options);
  // The dates a refusal names, written out: at the meeting date or above the form.
  const refused = refusalValues(t, i18n.language, actionData?.values);
  const header = (
    <>
      <Heading1>{t("position.logTitle", { name: municipality.name })}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
          {trail.title}
        </Link>
      </Paragraph>
    </>
  );
  if (unavailable) {
    const values = {
      name: unavailable.name,
      state: t(`trailStates.${unavailable.state}`, { defaultValue: unavailable.state }),
      date: unavailable.closedOn ? formatDate(unavailable.closedOn, i18n.language) : "",
    };
    return (
      <>
        {header}
        <Alert type="info" role="status">
          <Paragraph data-testid="unavailable">
            {t(`position.unavailable.${unavailable.key}`, values)}
            {unavailable.steps.length
              ? ` ${t("position.unavailable.stillToDo", { steps: todoText(unavailable.steps, t, false) })}`
              : ""}
          </Paragraph>
        </Alert>
      </>
    );
  }
  return (
    <>
      {header}
      {closed ? (
        <Alert type="info" role="status">
          <Paragraph data-testid="for-the-record">
            {t("position.forTheRecordIntro", {
              date: formatDate(closed.on, i18n.language),
              state: t(`trailStates.${closed.state}`, { defaultValue: closed.state }),
            })}
          </Paragraph>
        </Alert>
      ) : (
        <Paragraph>{t("position.logIntro")}</Paragraph>
      )}
      {agendaItem ? (
        <Alert type={agendaItem.held ? "info" : "warning"} role="status">
          <Paragraph data-testid="from-agenda">
            {t(agendaItem.held ? "position.fromAgenda" : "position.fromAgendaAhead", {
              number: agendaItem.number,
              body: t(`positionBodies.${agendaItem.bodyKind}`),
              date: formatDate(agendaItem.meetingDate, i18n.language),
            })}
          </Paragraph>
        </Alert>
      ) : null}
      <FormErrors errors={form.errors} values={refused} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <input type="hidden" name="revision" value={revision} />
        {agendaItem ? <input type="hidden" name="agendaItemId" value={agendaItem.id} /> : null}
        {draft ? (
          <>
            <input type="hidden" name={fields.sharedDraftId.name} value={draft.id} />
            <Alert type="info">
              <Paragraph data-testid="started-from-draft">
                {t("sharedDrafts.startedFrom", { title: draft.title })}
              </Paragraph>
            </Alert>
          </>
        ) : null}
        <SelectField
          field={fields.bodyKind}
          label={t("position.kind")}
          placeholder={t("position.chooseKind")}
          options={options.map((o) => ({
            value: `${o.body}:${o.kind}`,
            label: `${t(`positionBodies.${o.body}`)}: ${t(positionWord(o.body, o.kind))}${o.forTheRecord ? ` (${t("position.forTheRecord")})` : ""}`,
          }))}
        />
        <TextField
          field={fields.meetingDate}
          type="date"
          label={t("position.meetingDate")}
          errorValues={refused}
          defaultValue={agendaItem?.held ? agendaItem.meetingDate : today}
        />
        <LateWarning
          // The server's answer, or in the browser as soon as the chosen step and date are after the deadline.
          late={
            actionData?.late ??
            lateInBrowser(
              due,
              steps,
              fields.bodyKind.value,
              fields.meetingDate.value ?? fields.meetingDate.initialValue,
              today,
            )
          }
          field={fields.confirmLate}
          meetingDate={fields.meetingDate.value ?? null}
          language={i18n.language}
        />
        <TextAreaField
          field={fields.text}
          label={t("position.text")}
          description={shown.textRequired ? t("position.textHint") : t("formsFeedback.noResponseText")}
        />
        {shown.votes ? (
          <>
            <fieldset className="utrecht-form-fieldset h10-votes">
              <legend className="utrecht-form-fieldset__legend">{t("position.votes")}</legend>
              <VoteFields fields={fields} />
            </fieldset>
            <TextAreaField
              field={fields.partyVotes}
              label={t("position.partyVotes")}
              description={t("position.partyVotesHint")}
            />
          </>
        ) : null}
        {shown.legalGround ? (
          <SelectField
            field={fields.legalGround}
            label={t("position.legalGround")}
            description={t("position.legalGroundHint")}
            placeholder={t("position.noGround")}
            options={[
              { value: "law", label: t("grounds.law") },
              { value: "publicInterest", label: t("grounds.publicInterest") },
            ]}
          />
        ) : null}
        {draft?.items.length ? (
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t("sharedDrafts.items")}</legend>
            <Paragraph>{t("sharedDrafts.draftItems")}</Paragraph>
            {draft.items.map((item, index) => (
              <DraftItemField key={index} index={index} item={item} />
            ))}
          </fieldset>
        ) : null}
        {shown.decisionReference ? (
          <TextField field={fields.decisionReference} label={t("position.decisionReference")} />
        ) : null}
        {sent.length ? (
          <SelectField
            field={fields.documentRevisionId}
            label={t("position.documentRevision")}
            description={t("position.documentRevisionHint")}
            placeholder={t("position.noDocumentRevision")}
            options={sent.map((r) => ({ value: r.id, label: r.label }))}
          />
        ) : null}
        {shown.confirm ? (
          <ConfirmBox field={fields.confirmIrreversible} label={t("formsFeedback.confirmWithhold")} />
        ) : null}
        <SubmitButton appearance="primary-action-button">{t("position.submit")}</SubmitButton>
      </Form>
    </>
  );
}
