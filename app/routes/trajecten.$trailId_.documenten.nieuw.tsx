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
import { createDocument } from "~/models/document.server";
import { getTrail } from "~/models/trail.server";
import { DOCUMENT_KINDS, NewDocumentSchema } from "~/schemas/document";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { httpError } from "~/utils/http.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("newDocument");

async function requireEditor(request: Request, trailId: string | undefined) {
  // Policy secretaries write the documents (mayEditDocuments checks the same in the model).
  const user = await requireRole(request, ["SECRETARY"]);
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return { user, trail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail } = await requireEditor(request, params.trailId);
  return { trail: { id: trail.id, title: trail.title }, formKey: newFormKey() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail } = await requireEditor(request, params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: NewDocumentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createDocument(
    { trailId: trail.id, kind: submission.value.kind, title: submission.value.title },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!result.ok)
    return data({ result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }) }, { status: result.status });
  return redirect(`/documenten/${result.documentId}/bewerken`);
}

export default function NewDocumentPage() {
  const { trail, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(NewDocumentSchema, actionData?.result);
  return (
    <>
      <Heading1>{t("documents.newTitle", { trail: trail.title })}</Heading1>
      <Paragraph>{t("documents.newIntro")}</Paragraph>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <SelectField
          field={fields.kind}
          label={t("documents.kind")}
          placeholder={t("documents.chooseKind")}
          options={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`documentKinds.${kind}`) }))}
        />
        <TextField field={fields.title} label={t("documents.titleLabel")} />
        <SubmitButton appearance="primary-action-button">{t("documents.create")}</SubmitButton>
      </Form>
    </>
  );
}
