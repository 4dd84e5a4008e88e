import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
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
import { CsrfInput } from "~/components/csrf-input";
import { SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalities, setInhabitantCount } from "~/models/municipality.server";
import { InhabitantsSchema } from "~/schemas/admin";
import { readForm } from "~/utils/csrf.server";
import { formatNumber } from "~/utils/format";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

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

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: InhabitantsSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), saved: false }, { status: 400 });
  }
  const { municipalityId, year, count, source } = submission.value;
  const found = await setInhabitantCount({ municipalityId, year, count, source: source || null }, actorOf(admin));
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
        <Alert type="ok" role="status">
          <Paragraph>{t("admin.inhabitantsSaved")}</Paragraph>
        </Alert>
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
        <TextField field={fields.count} type="number" label={t("admin.count")} />
        <TextField field={fields.source} label={t("admin.source")} description={t("admin.sourceHint")} />
        <SubmitButton appearance="primary-action-button">{t("admin.save")}</SubmitButton>
      </Form>
    </>
  );
}
