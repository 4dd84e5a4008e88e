import { Form } from "@remix-run/react";
import { Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/submit-button";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import { DeadlineBadge } from "~/components/deadline-badge";
import { FormKeyInput } from "~/components/form-key-input";
import { PlainField } from "~/components/plain-field";
import type { TrailPage } from "~/models/trail-page.server";

/** The trail's deadlines, and for a secretary the target-date form, collapsed until opened (open after a refusal). */
export function DeadlinesSection({
  id,
  deadlines,
  mayAddTarget,
  formKey,
  targetRefusal,
}: {
  id: string;
  deadlines: TrailPage["deadlines"];
  mayAddTarget: boolean;
  formKey: string;
  /** Why the target date posted last was refused (i18n keys per field), and what it had in its fields. */
  targetRefusal: { issues: Record<string, string[]>; posted?: Record<string, string> } | null;
}) {
  const { t } = useTranslation();
  // A field's first reason only: a date that is no date is not also said to be out of range.
  const issue = (field: string) => targetRefusal?.issues[field]?.[0];
  const textbox = (field: string) => ({
    className: `utrecht-textbox${issue(field) ? " utrecht-textbox--invalid" : ""}`,
    required: true,
    defaultValue: targetRefusal?.posted?.[field],
  });
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("trail.deadlines")}</Heading2>
      {deadlines.length ? (
        // The summary at the top names the next deadline and what is late, and the matrix each council's term:
        // the full list, with the legal basis of each term, opens on request.
        <details className="h10-step" data-testid="all-deadlines">
          <summary className="h10-step__summary">{t("trailPage.allDeadlines", { count: deadlines.length })}</summary>
          <DataTable
            caption={t("trail.deadlinesCaption")}
            columns={[
              { label: t("trail.deadlineWhat") },
              { label: t("region.municipality") },
              { label: t("trail.deadline") },
              { label: t("trail.basis") },
            ]}
          >
            {deadlines.map((d) => (
              <TableRow key={d.id}>
                <TableHeaderCell scope="row">
                  {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`)}
                </TableHeaderCell>
                <TableCell>{d.municipality ?? t("admin.regional")}</TableCell>
                <TableCell>
                  <DeadlineBadge dueOn={d.dueOn} status={d.status} metOn={d.metOn} extendedFrom={d.extendedFrom} />
                </TableCell>
                <TableCell>{d.basis}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </details>
      ) : (
        <Paragraph>{t("trail.noDeadlines")}</Paragraph>
      )}
      {mayAddTarget ? (
        <details className="h10-step" open={targetRefusal ? true : undefined}>
          <summary className="h10-step__summary">{t("trail.addTarget")}</summary>
          <div className="h10-step__body">
            <Form method="post" className="h10-inline-form" aria-label={t("trail.addTarget")}>
              <CsrfInput />
              <FormKeyInput value={formKey} />
              <input type="hidden" name="intent" value="target" />
              {targetRefusal ? (
                <p className="utrecht-form-field-error-message h10-inline-form__alert" role="alert">
                  {t("formsFeedback.checkFields")}
                </p>
              ) : null}
              <PlainField id="target-label" name="label" label={t("trail.targetLabel")} message={issue("label")}>
                {(control) => <input {...control} {...textbox("label")} maxLength={200} />}
              </PlainField>
              <PlainField id="target-dueOn" name="dueOn" label={t("trail.targetDue")} message={issue("dueOn")}>
                {(control) => <input {...control} {...textbox("dueOn")} type="date" />}
              </PlainField>
              <SubmitButton appearance="secondary-action-button">{t("trail.addTarget")}</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
    </section>
  );
}
