import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CbsImport, type CbsImportState } from "~/components/cbs-import";
import { CsrfInput } from "~/components/csrf-input";
import { SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalities, setInhabitantCount } from "~/models/municipality.server";
import { importInhabitants, previewInhabitantImport } from "~/models/inhabitant-import.server";
import { InhabitantsSchema } from "~/schemas/admin";
import { MAX_CBS_CSV_BYTES } from "~/utils/cbs-csv";
import { readForm, readUploadForm } from "~/utils/csrf.server";
import { formatNumber } from "~/utils/format";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { ActionMessage } from "~/components/action-message";

export const meta = pageTitle("inhabitants");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const municipalities = await listMunicipalities();
  const years = [...new Set(municipalities.flatMap((m) => m.inhabitantCounts.map((c) => c.year)))].sort(
    (a, b) => b - a,
  );
  return {
    years,
    municipalities: municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      counts: Object.fromEntries(m.inhabitantCounts.map((c) => [c.year, c.count])) as Record<number, number>,
    })),
  };
}

const answer = (
  fields: { result?: SubmissionResult<string[]>; saved?: boolean; cbs?: CbsImportState; cbsError?: string },
  status = 200,
) =>
  data(
    { result: fields.result, saved: fields.saved ?? false, cbs: fields.cbs ?? null, cbsError: fields.cbsError ?? null },
    { status },
  );

/** The text of an uploaded CSV: UTF-8 as StatLine writes it, else Windows-1252 (a file saved by a spreadsheet). */
async function textOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * An upload form's CSV, or what is wrong with it, said next to the form: the upload helper's own answer
 * to a file too large speaks of attachments of 10 MB.
 */
async function uploadedCsv(request: Request): Promise<{ csv: string } | { error: "csv_empty" | "csv_too_large" }> {
  let upload: FormData;
  try {
    upload = await readUploadForm(request, MAX_CBS_CSV_BYTES);
  } catch (thrown) {
    if (
      thrown instanceof Response &&
      ((await thrown.clone().json()) as { code?: string }).code === "attachment_too_large"
    )
      return { error: "csv_too_large" };
    throw thrown;
  }
  const file = upload.get("file");
  return file instanceof File && file.size ? { csv: await textOf(file) } : { error: "csv_empty" };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const uploaded = await uploadedCsv(request);
    if ("error" in uploaded) return answer({ cbsError: uploaded.error }, uploaded.error === "csv_empty" ? 400 : 413);
    const { csv } = uploaded;
    return answer({ cbs: { csv, preview: await previewInhabitantImport(csv), written: null } });
  }
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "cbs-preview" || intent === "cbs-confirm") {
    const csv = String(formData.get("csv") ?? "");
    if (!csv.trim()) return answer({ cbsError: "csv_empty" }, 400);
    if (new TextEncoder().encode(csv).byteLength > MAX_CBS_CSV_BYTES) return answer({ cbsError: "csv_too_large" }, 413);
    if (intent === "cbs-preview")
      return answer({ cbs: { csv, preview: await previewInhabitantImport(csv), written: null } });
    // The figures are read again from the file itself, never from what the preview showed.
    const source =
      String(formData.get("source") ?? "")
        .trim()
        .slice(0, 200) || null;
    const imported = await importInhabitants(csv, source, actorOf(admin));
    return imported.ok
      ? answer({ cbs: { csv, preview: imported.preview, written: imported.written } })
      : answer({ cbs: { csv, preview: imported.preview, written: null } }, 400);
  }
  const submission = parseWithZod(formData, { schema: InhabitantsSchema });
  if (submission.status !== "success") {
    return answer({ result: submission.reply() }, 400);
  }
  const { municipalityId, year, count, source } = submission.value;
  const found = await setInhabitantCount({ municipalityId, year, count, source: source || null }, actorOf(admin));
  if (!found) {
    return answer(
      { result: submission.reply({ fieldErrors: { municipalityId: ["errorCodes.municipality_unknown"] } }) },
      400,
    );
  }
  return answer({ result: submission.reply({ resetForm: true }), saved: true });
}

export default function InhabitantsPage() {
  const { years, municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(InhabitantsSchema, actionData?.result);
  return (
    <>
      <Heading1>{t("admin.inhabitants")}</Heading1>
      <Paragraph>{t("admin.inhabitantsIntro")}</Paragraph>
      {actionData?.saved ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("admin.inhabitantsSaved")}</Paragraph>
        </ActionMessage>
      ) : null}
      <div className="h10-table-scroll" role="region" aria-label={t("admin.inhabitantsCaption")} tabIndex={0}>
        <Table className="h10-table">
          <TableCaption>{t("admin.inhabitantsCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("region.municipality")}</TableHeaderCell>
              {years.map((year) => (
                <TableHeaderCell key={year} scope="col" className="h10-numeric">
                  {t("admin.onJanuaryFirst", { year })}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {municipalities.map((m) => (
              <TableRow key={m.id}>
                <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                {years.map((year) => (
                  <TableCell key={year} className="h10-numeric">
                    {m.counts[year] !== undefined ? formatNumber(m.counts[year], i18n.language) : "—"}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <CbsImport state={actionData?.cbs ?? null} error={actionData?.cbsError ?? null} />

      <Heading2>{t("admin.setInhabitants")}</Heading2>
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <SelectField
          field={fields.municipalityId}
          label={t("region.municipality")}
          placeholder={t("admin.chooseMunicipality")}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <TextField field={fields.year} type="number" label={t("admin.year")} description={t("admin.yearHint")} />
        <TextField
          field={fields.count}
          inputMode="numeric"
          label={t("admin.count")}
          description={t("admin.countHint")}
        />
        <TextField field={fields.source} label={t("admin.source")} description={t("admin.sourceHint")} />
        <SubmitButton appearance="primary-action-button">{t("admin.save")}</SubmitButton>
      </Form>
    </>
  );
}
