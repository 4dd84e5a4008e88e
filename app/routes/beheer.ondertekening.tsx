import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import { SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalities, setSignatories } from "~/models/municipality.server";
import { SignatoriesSchema } from "~/schemas/admin";
import { readForm } from "~/utils/csrf.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("signatories");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const municipalities = await listMunicipalities();
  return {
    municipalities: municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      mayorName: m.mayorName,
      secretaryName: m.secretaryName,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: SignatoriesSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const { municipalityId, mayorName, secretaryName } = submission.value;
  const found = await setSignatories(
    { municipalityId, mayorName: mayorName ?? null, secretaryName: secretaryName ?? null },
    actorOf(admin),
  );
  if (!found) {
    return data(
      {
        result: submission.reply({ fieldErrors: { municipalityId: ["errorCodes.municipality_unknown"] } }),
        saved: false,
      },
      { status: 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), saved: true });
}

export default function SignatoriesPage() {
  const { municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(SignatoriesSchema, actionData?.result);
  return (
    <>
      <Heading1>{t("admin.signatories")}</Heading1>
      <Paragraph>{t("admin.signatoriesIntro")}</Paragraph>
      {actionData?.saved ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("admin.signatoriesSaved")}</Paragraph>
        </ActionMessage>
      ) : null}
      <DataTable
        caption={t("admin.signatoriesCaption")}
        columns={[{ label: t("region.municipality") }, { label: t("admin.mayor") }, { label: t("admin.secretary") }]}
      >
        {municipalities.map((m) => (
          <TableRow key={m.id}>
            <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
            <TableCell>{m.mayorName ?? "—"}</TableCell>
            <TableCell>{m.secretaryName ?? "—"}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Heading2>{t("admin.setSignatories")}</Heading2>
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <SelectField
          field={fields.municipalityId}
          label={t("region.municipality")}
          placeholder={t("admin.chooseMunicipality")}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <TextField field={fields.mayorName} label={t("admin.mayor")} />
        <TextField field={fields.secretaryName} label={t("admin.secretary")} />
        <SubmitButton appearance="primary-action-button">{t("admin.save")}</SubmitButton>
      </Form>
    </>
  );
}
