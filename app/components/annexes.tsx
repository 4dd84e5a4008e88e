import { Form } from "@remix-run/react";
import {
  Alert,
  Checkbox,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./csrf-input";
import { DataTable } from "./data-table";
import { IntentButton } from "./intent-button";
import { SubmitButton } from "./submit-button";

export interface AnnexView {
  id: string;
  fileName: string;
  title: string | null;
  size: number;
  mediaType: string;
  internal: boolean;
}

/** A media type as its reader knows it: "PDF", "XLSX". */
function typeName(annex: AnnexView) {
  return annex.fileName.includes(".") ? annex.fileName.split(".").pop()!.toUpperCase() : annex.mediaType;
}

/**
 * The "Bijlagen" section of the document page and the trail page: the annexes (name, title, size, type, a
 * download link) and, for those who may, a form to add one and a button to remove each. `locked`: a sent
 * revision, whose annexes are fixed.
 */
export function AnnexesSection(props: {
  id: string;
  intro: string;
  annexes: AnnexView[];
  mayManage: boolean;
  locked: boolean;
  acceptedExtensions: string[];
  result: { done: "added" | "removed" | null; error: string | null } | null;
  /** Hidden fields that name the owner (the revision number). */
  ownerFields?: ReactNode;
}) {
  const { t } = useTranslation();
  const { id, annexes, result } = props;
  const editable = props.mayManage && !props.locked;
  const errorId = `${id}-error`;
  return (
    <section aria-labelledby={id} className="h10-section" data-testid="annexes">
      <Heading2 id={id}>{t("annexes.title")}</Heading2>
      <Paragraph>{props.intro}</Paragraph>
      {result?.done ? (
        <Alert type="ok" role="status">
          <Paragraph>{t(result.done === "added" ? "annexes.added" : "annexes.removed")}</Paragraph>
        </Alert>
      ) : null}
      {annexes.length ? (
        <DataTable
          caption={t("annexes.caption")}
          columns={[
            { label: t("annexes.name") },
            { label: t("annexes.label") },
            { label: t("annexes.size"), numeric: true },
            { label: t("annexes.type") },
            ...(editable ? [{ label: <span className="h10-visually-hidden">{t("annexes.remove")}</span> }] : []),
          ]}
        >
          {annexes.map((a) => (
            <TableRow key={a.id}>
              <TableHeaderCell scope="row">
                <a className="utrecht-link" href={`/bijlagen/${a.id}`} download>
                  {a.fileName}
                </a>
              </TableHeaderCell>
              <TableCell>
                {a.title ?? ""}
                {a.internal ? <span className="h10-note"> ({t("annexes.internalMark")})</span> : null}
              </TableCell>
              <TableCell className="h10-numeric">{t("attachments.size", { kb: Math.ceil(a.size / 1024) })}</TableCell>
              <TableCell>{typeName(a)}</TableCell>
              {editable ? (
                <TableCell>
                  <IntentButton
                    intent="removeAnnex"
                    fields={{ annexId: a.id }}
                    className="h10-inline-form"
                    appearance="subtle-button"
                    aria-label={t("annexes.removeLabel", { name: a.fileName })}
                    label={t("annexes.remove")}
                  />
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </DataTable>
      ) : (
        <Paragraph>{t("annexes.none")}</Paragraph>
      )}
      {result?.error && !editable ? (
        <Alert type="error" role="alert">
          <Paragraph>{t(`annexes.errors.${result.error}`)}</Paragraph>
        </Alert>
      ) : null}
      {editable ? (
        // Collapsed until opened, like the page's other forms; open with its refusal beside the field.
        <details className="h10-step" open={result?.error ? true : undefined}>
          <summary className="h10-step__summary">{t("annexes.add")}</summary>
          <div className="h10-step__body">
            {/* A new form after each upload (keyed on the count): the chosen file does not stay chosen. */}
            <Form
              key={annexes.length}
              method="post"
              encType="multipart/form-data"
              className="h10-form"
              aria-label={t("annexes.add")}
            >
              {/* The token first: the server checks it before it reads a byte of the file. */}
              <CsrfInput />
              {props.ownerFields}
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor={`${id}-title`}>
                  {t("annexes.label")}
                </label>
                <p className="utrecht-form-field-description" id={`${id}-title-hint`}>
                  {t("annexes.labelHint")}
                </p>
                <input
                  className="utrecht-textbox"
                  id={`${id}-title`}
                  name="title"
                  maxLength={200}
                  aria-describedby={`${id}-title-hint`}
                />
              </div>
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor={`${id}-file`}>
                  {t("annexes.file")}
                </label>
                <p className="utrecht-form-field-description" id={`${id}-hint`}>
                  {t("attachments.hint")}
                </p>
                {result?.error ? (
                  <p className="utrecht-form-field-error-message" id={errorId} role="alert">
                    {t(`annexes.errors.${result.error}`)}
                  </p>
                ) : null}
                <input
                  className="utrecht-textbox"
                  id={`${id}-file`}
                  name="file"
                  type="file"
                  required
                  accept={props.acceptedExtensions.join(",")}
                  aria-describedby={result?.error ? `${id}-hint ${errorId}` : `${id}-hint`}
                  aria-invalid={result?.error ? true : undefined}
                />
              </div>
              <CheckboxField id={`${id}-internal`} name="internal" label={t("annexes.internal")} />
              <SubmitButton appearance="secondary-action-button">{t("annexes.add")}</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
    </section>
  );
}

/** An optional box with its label (not a confirmation: see ConfirmBox for those). */
export function CheckboxField({ id, name, label }: { id: string; name: string; label: string }) {
  return (
    <FormField type="checkbox">
      <div className="utrecht-form-field__input">
        <Checkbox id={id} name={name} value="on" />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
    </FormField>
  );
}
