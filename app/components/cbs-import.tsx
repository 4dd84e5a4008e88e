import { Form } from "@remix-run/react";
import {
  Alert,
  Heading2,
  Heading3,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { ImportPreview } from "~/models/inhabitant-import.server";
import { formatNumber } from "~/utils/format";
import { ActionMessage } from "./action-message";
import { CsrfInput } from "./csrf-input";
import { DataTable } from "./data-table";
import { SubmitButton } from "./submit-button";

export interface CbsImportState {
  csv: string;
  preview: ImportPreview;
  written: number | null;
}

/**
 * Importing inhabitant figures from a CBS StatLine CSV: upload or paste (step 1), the preview with every
 * bad line named, and the confirmation that sends the same file again (step 2).
 */
export function CbsImport({ state, error }: { state: CbsImportState | null; error: string | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cbs-import">
      <Heading2 id="cbs-import">{t("cbsImport.title")}</Heading2>
      <Paragraph>{t("cbsImport.intro")}</Paragraph>
      {error ? (
        <Alert type="error">
          <Paragraph>{t(`cbsImport.errors.${error}`)}</Paragraph>
        </Alert>
      ) : null}
      {state?.written != null ? (
        <ActionMessage type="ok" answer={state}>
          <Paragraph>{t("cbsImport.saved", { count: state.written })}</Paragraph>
        </ActionMessage>
      ) : state ? (
        <CbsPreview state={state} />
      ) : null}
      <Form method="post" encType="multipart/form-data" className="h10-form" aria-label={t("cbsImport.upload")}>
        <CsrfInput />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="cbs-file">
            {t("cbsImport.file")}
          </label>
          <p className="utrecht-form-field-description" id="cbs-file-hint">
            {t("cbsImport.fileHint")}
          </p>
          <input
            className="utrecht-textbox"
            id="cbs-file"
            name="file"
            type="file"
            required
            accept=".csv,text/csv"
            aria-describedby="cbs-file-hint"
          />
        </div>
        <SubmitButton appearance="secondary-action-button">{t("cbsImport.previewButton")}</SubmitButton>
      </Form>
      <Form method="post" className="h10-form" aria-label={t("cbsImport.paste")}>
        <CsrfInput />
        <input type="hidden" name="intent" value="cbs-preview" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="cbs-text">
            {t("cbsImport.pasteLabel")}
          </label>
          <textarea className="utrecht-textarea" id="cbs-text" name="csv" rows={5} required />
        </div>
        <SubmitButton appearance="secondary-action-button">{t("cbsImport.previewButton")}</SubmitButton>
      </Form>
    </section>
  );
}

function CbsPreview({ state }: { state: CbsImportState }) {
  const { t, i18n } = useTranslation();
  const { preview } = state;
  const number = (value: number | null) => (value === null ? "—" : formatNumber(value, i18n.language));
  return (
    <>
      <Heading3>{t("cbsImport.previewTitle")}</Heading3>
      {preview.errors.length ? (
        <Alert type="error">
          <Paragraph>{t("cbsImport.hasErrors", { count: preview.errors.length })}</Paragraph>
          <UnorderedList data-testid="cbs-errors">
            {preview.errors.map((e, index) => (
              <UnorderedListItem key={index}>
                {t("cbsImport.lineError", {
                  line: e.line,
                  message: t(`cbsImport.problems.${e.problem}`, { value: e.value ?? "" }),
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : null}
      {preview.rows.length ? (
        <DataTable
          caption={t("cbsImport.previewCaption", { count: preview.rows.length })}
          columns={[
            { label: t("region.municipality") },
            { label: t("admin.year"), numeric: true },
            { label: t("cbsImport.oldCount"), numeric: true },
            { label: t("cbsImport.newCount"), numeric: true },
          ]}
        >
          {preview.rows.map((row) => (
            <TableRow key={`${row.municipalityId} ${row.year}`}>
              <TableHeaderCell scope="row">{row.municipality}</TableHeaderCell>
              <TableCell className="h10-numeric">{row.year}</TableCell>
              <TableCell className="h10-numeric">{number(row.oldCount)}</TableCell>
              <TableCell className="h10-numeric">{number(row.newCount)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
      {preview.skipped.length ? (
        <Paragraph>
          {t("cbsImport.skipped", {
            list: preview.skipped
              .map((s) =>
                s.code
                  ? t("cbsImport.onLineWithCode", { what: s.region, code: s.code, line: s.line })
                  : t("cbsImport.onLine", { what: s.region, line: s.line }),
              )
              .join(", "),
          })}
        </Paragraph>
      ) : null}
      {preview.missing.map((m) => (
        <Paragraph key={m.year}>
          {t("cbsImport.missing", { year: m.year, list: m.municipalities.join(", ") })}
        </Paragraph>
      ))}
      {!preview.errors.length && preview.rows.length ? (
        <Form method="post" className="h10-form" aria-label={t("cbsImport.confirm")}>
          <CsrfInput />
          <input type="hidden" name="intent" value="cbs-confirm" />
          <input type="hidden" name="csv" value={state.csv} />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="cbs-source">
              {t("admin.source")}
            </label>
            <input
              className="utrecht-textbox"
              id="cbs-source"
              name="source"
              maxLength={200}
              defaultValue={t("cbsImport.defaultSource")}
            />
          </div>
          <SubmitButton appearance="primary-action-button">
            {t("cbsImport.confirmButton", { count: preview.rows.length })}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
