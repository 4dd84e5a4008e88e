import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { FormErrors, SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { SubmitButton } from "~/components/submit-button";
import { TrailBackLink } from "~/components/trail-back-link";
import { mayProposeAgendaItem, meetingsToPropose, proposeAgendaItem } from "~/models/agenda.server";
import { sentRevisions } from "~/models/document.server";
import { getTrail } from "~/models/trail.server";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireUser } from "~/utils/session.server";

export const meta = pageTitle("agendaProposal");

const ProposalSchema = z.object({
  meetingId: z.string({ error: "validation.meetingRequired" }).trim().min(1, "validation.meetingRequired").max(64),
  title: z.string({ error: "validation.titleRequired" }).trim().min(3, "validation.titleRequired").max(200),
  documentRevisionId: z.string().trim().max(64).optional(),
});

/** The open trail and the meetings this user may put it on (a secretary: its councils'; a clerk: their own). */
async function load(request: Request, trailId: string | undefined) {
  const user = await requireUser(request);
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  if (trail.closedAt)
    throw httpError(422, "trail_closed", "Dit traject is gesloten: het komt niet meer op een agenda.");
  const actor = actorOf(user);
  if (!trail.participants.some((p) => mayProposeAgendaItem(actor, p.municipality.id)))
    throw httpError(
      403,
      "forbidden_agenda",
      "Een beleidssecretaris of de griffier van een deelnemende gemeente zet een traject op een raadsagenda.",
    );
  return { user, trail, meetings: await meetingsToPropose(trail.id, actor) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail, meetings } = await load(request, params.trailId);
  const sent = await sentRevisions(trail.id);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    meetings,
    sent: sent.map((r) => ({ id: r.id, title: r.title, number: r.number })),
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail } = await load(request, params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ProposalSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await proposeAgendaItem(
    { trailId: trail.id, ...submission.value, documentRevisionId: submission.value.documentRevisionId || undefined },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!result.ok) {
    if (result.status === 403) throw httpError(403, result.code, "U mag deze agenda niet aanvullen.");
    return data({ result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }) }, { status: result.status });
  }
  return redirect(`/trajecten/${trail.id}#agenda`);
}

export default function AgendaProposalPage() {
  const { trail, meetings, sent, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(ProposalSchema, actionData?.result, {
    title: trail.title,
    ...(sent[0] ? { documentRevisionId: sent[0].id } : {}),
  });
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("agenda.proposeTitle")}</Heading1>
      <Paragraph>{t("agenda.proposeIntro")}</Paragraph>
      {meetings.length ? (
        <>
          <FormErrors errors={form.errors} />
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <SelectField
              field={fields.meetingId}
              label={t("agenda.meeting")}
              placeholder={t("agenda.chooseMeeting")}
              options={meetings.map((m) => ({
                value: m.id,
                label: `${m.municipality.name} — ${t(`positionBodies.${m.bodyKind}`)}, ${formatDate(m.date, i18n.language)}`,
              }))}
            />
            <TextField field={fields.title} label={t("agenda.itemTitle")} />
            <SelectField
              field={fields.documentRevisionId}
              label={t("agenda.document")}
              placeholder={t("agenda.noDocument")}
              options={sent.map((r) => ({
                value: r.id,
                label: t("meeting.revision", { title: r.title, revision: r.number }),
              }))}
            />
            <SubmitButton appearance="primary-action-button">{t("agenda.submit")}</SubmitButton>
          </Form>
        </>
      ) : (
        <Paragraph>{t("agenda.noMeetings")}</Paragraph>
      )}
    </>
  );
}
