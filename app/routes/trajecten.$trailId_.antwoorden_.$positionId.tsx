import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextAreaField, TextField, useValidatedForm } from "~/components/form-fields";
import { FormKeyInput } from "~/components/form-key-input";
import { SubmitButton } from "~/components/submit-button";
import { TrailBackLink } from "~/components/trail-back-link";
import { answerLedger, answerZienswijze, loadLedgerTrail } from "~/models/zienswijze-answer.server";
import { AnswerSchema } from "~/schemas/answer";
import { readForm } from "~/utils/csrf.server";
import { todayInAmsterdam } from "~/utils/date-range";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireUser } from "~/utils/session.server";

export const meta = pageTitle("answer");

/** The zienswijze to answer, of this trail, for a secretary; 403 for anyone else, 404 when it is not in the ledger. */
async function load(request: Request, params: { trailId?: string; positionId?: string }) {
  const user = await requireUser(request);
  if (user.role !== "SECRETARY")
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris legt het antwoord van het bestuur vast.");
  const trail = await loadLedgerTrail(params.trailId);
  const row = (await answerLedger(trail.id)).find((r) => r.positionId === params.positionId);
  if (!row)
    throw httpError(404, "position_not_found", "Deze zienswijze staat niet (meer) in de lijst van dit traject.");
  return { user, trail, row };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail, row } = await load(request, params);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    row,
    today: todayInAmsterdam(),
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail, row } = await load(request, params);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: AnswerSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await answerZienswijze(row.positionId, submission.value, actorOf(user), formKeyOf(formData));
  if (!result.ok) {
    if (result.status === 403) throw httpError(403, result.code, "U mag deze zienswijze niet beantwoorden.");
    const reply =
      result.code === "date_out_of_range"
        ? { fieldErrors: { answeredOn: [result.message] } }
        : result.code === "answer_before_zienswijze"
          ? { fieldErrors: { answeredOn: ["validation.answerBeforeZienswijze"] } }
          : { formErrors: [`errorCodes.${result.code}`] };
    return data({ result: submission.reply(reply) }, { status: result.status });
  }
  return redirect(`/trajecten/${trail.id}/antwoorden#z-${row.positionId}`);
}

export default function AnswerPage() {
  const { trail, row, today, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(AnswerSchema, actionData?.result, {
    text: row.answer?.text ?? "",
    answeredOn: row.answer?.answeredOn ?? today,
  });
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t(row.answer ? "answers.reviseTitle" : "answers.answerTitle", { name: row.municipality })}</Heading1>
      <Heading2>{t("answers.theZienswijze")}</Heading2>
      <Paragraph className="h10-note">
        {row.meetingOn ? t("answers.zienswijzeOf", { date: formatDate(row.meetingOn, i18n.language) }) : null}
      </Paragraph>
      <blockquote className="h10-quote">{row.zienswijze}</blockquote>
      <Heading2>{t("answers.theAnswer")}</Heading2>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <TextAreaField field={fields.text} label={t("answers.text")} description={t("answers.textHint")} />
        <TextField
          field={fields.answeredOn}
          type="date"
          label={t("answers.date")}
          description={t("answers.dateHint")}
        />
        <SubmitButton appearance="primary-action-button">
          {t(row.answer ? "answers.saveRevision" : "answers.save")}
        </SubmitButton>
      </Form>
    </>
  );
}
