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
import { SubmitButton } from "~/components/submit-button";
import { listOriSources, setOriSource } from "~/models/ori-import.server";
import { OriSourceSchema } from "~/schemas/ori-import";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireRole } from "~/utils/session.server";

export const meta = pageTitle("document", (_data, t) => ({ title: t("oriImport.titles.admin") }));

/** Administrators set each municipality's ORI source and see how its last import went. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const sources = await listOriSources();
  return {
    sources: sources.map((s) => ({
      ...s,
      lastRunAt: s.lastRunAt?.toISOString() ?? null,
      lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
      retryAfter: s.retryAfter?.toISOString() ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: OriSourceSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const { municipalityId, baseUrl, sourceKey } = submission.value;
  const found = await setOriSource(
    { municipalityId, baseUrl: baseUrl || null, sourceKey: baseUrl ? (sourceKey ?? null) : null },
    actorOf(admin),
  );
  if (!found)
    return data(
      {
        result: submission.reply({ fieldErrors: { municipalityId: ["errorCodes.municipality_unknown"] } }),
        saved: false,
      },
      { status: 400 },
    );
  return data({ result: submission.reply({ resetForm: true }), saved: true });
}

export default function OriSourcesPage() {
  const { sources } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(OriSourceSchema, actionData?.result);
  const when = (value: string | null) => (value ? formatDateTime(value, i18n.language) : t("oriImport.none"));
  return (
    <>
      <Heading1>{t("oriImport.titles.admin")}</Heading1>
      <Paragraph>{t("oriImport.adminIntro")}</Paragraph>
      {actionData?.saved ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("oriImport.saved")}</Paragraph>
        </ActionMessage>
      ) : null}
      <DataTable
        caption={t("oriImport.caption")}
        columns={[
          { label: t("region.municipality") },
          { label: t("oriImport.baseUrl") },
          { label: t("oriImport.sourceKey") },
          { label: t("oriImport.lastRun") },
          { label: t("oriImport.lastSuccess") },
          { label: t("oriImport.lastError") },
          { label: t("oriImport.retryAfter") },
        ]}
      >
        {sources.map((s) => (
          <TableRow key={s.id}>
            <TableHeaderCell scope="row">{s.name}</TableHeaderCell>
            <TableCell>{s.baseUrl ?? t("oriImport.notSet")}</TableCell>
            <TableCell>{s.sourceKey ?? t("oriImport.none")}</TableCell>
            <TableCell>{when(s.lastRunAt)}</TableCell>
            <TableCell>{when(s.lastSuccessAt)}</TableCell>
            <TableCell>{s.lastError ?? t("oriImport.none")}</TableCell>
            <TableCell>{when(s.retryAfter)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Heading2>{t("oriImport.setSource")}</Heading2>
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <SelectField
          field={fields.municipalityId}
          label={t("region.municipality")}
          placeholder={t("oriImport.chooseMunicipality")}
          options={sources.map((s) => ({ value: s.id, label: s.name }))}
        />
        <TextField field={fields.baseUrl} label={t("oriImport.baseUrl")} description={t("oriImport.baseUrlHint")} />
        <TextField
          field={fields.sourceKey}
          label={t("oriImport.sourceKey")}
          description={t("oriImport.sourceKeyHint")}
        />
        <SubmitButton appearance="primary-action-button">{t("admin.save")}</SubmitButton>
      </Form>
    </>
  );
}
