import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { FormErrors, SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { startTrail } from "~/models/trail-workflow.server";
import { NewTrailSchema, TRAIL_KINDS } from "~/schemas/trail";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { httpError } from "~/utils/http.server";
import { canStartTrail } from "~/utils/permissions";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("newTrail");

async function requireSecretary(request: Request) {
  const user = await requireUser(request);
  if (!canStartTrail(actorOf(user)))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris start een traject.");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretary(request);
  return { municipalities: await listMunicipalityOptions(), formKey: newFormKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSecretary(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: NewTrailSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const result = await startTrail(
    {
      kind: value.kind,
      title: value.title,
      reference: value.reference,
      summary: value.summary ?? "",
      startedOn: value.startedOn,
      exitingMunicipalityId: value.kind === "EXIT" ? value.exitingMunicipalityId : undefined,
    },
    actorOf(user),
    formKeyOf(formData),
  );
  if (result.ok === false && result.code === "form_key_reused")
    return data({ result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }) }, { status: 422 });
  if (!result.ok) {
    const field = result.code === "reference_taken" ? "reference" : "exitingMunicipalityId";
    return data(
      { result: submission.reply({ fieldErrors: { [field]: [`errorCodes.${result.code}`] } }) },
      { status: 400 },
    );
  }
  return redirect(`/trajecten/${result.trailId}`);
}

export default function NewTrailPage() {
  const { municipalities, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(NewTrailSchema, actionData?.result);
  return (
    <>
      <Heading1>{t("newTrail.title")}</Heading1>
      <Paragraph>{t("newTrail.intro")}</Paragraph>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <SelectField
          field={fields.kind}
          label={t("trails.kind")}
          placeholder={t("newTrail.chooseKind")}
          options={TRAIL_KINDS.map((kind) => ({ value: kind, label: t(`trailKinds.${kind}`) }))}
        />
        <TextField field={fields.title} label={t("newTrail.titleLabel")} />
        <TextField field={fields.reference} label={t("trails.reference")} description={t("newTrail.referenceHint")} />
        <TextField field={fields.summary} label={t("newTrail.summary")} />
        <TextField
          field={fields.startedOn}
          type="date"
          label={t("newTrail.startedOn")}
          description={t("newTrail.startedOnHint")}
        />
        {/* Only an exit names the municipality that leaves; before a kind is chosen (and without JavaScript) it shows. */}
        {!fields.kind.value || fields.kind.value === "EXIT" ? (
          <SelectField
            field={fields.exitingMunicipalityId}
            label={t("newTrail.exiting")}
            description={t("newTrail.exitingHint")}
            placeholder={t("newTrail.noExiting")}
            options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          />
        ) : null}
        <SubmitButton appearance="primary-action-button">{t("newTrail.submit")}</SubmitButton>
      </Form>
    </>
  );
}
