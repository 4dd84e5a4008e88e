import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Checkbox,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import { FormErrors, TextAreaField, TextField, useValidatedForm } from "~/components/form-fields";
import { listContracts, saveContract } from "~/models/contract.server";
import { ContractSchema } from "~/schemas/arrangement";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { actorOf, requireRole, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("contracts");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contracts = await listContracts();
  const editing = new URL(request.url).searchParams.get("bewerk");
  return { contracts, mayEdit: user.role === "SECRETARY", editing: contracts.find((c) => c.id === editing) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY"]);
  const submission = parseWithZod(await readForm(request), { schema: ContractSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const v = submission.value;
  const saved = await saveContract(
    {
      id: v.id,
      name: v.name,
      parties: v.parties ?? "",
      note: v.note ?? "",
      startsOn: v.startsOn ?? null,
      firstTermEndsOn: v.firstTermEndsOn,
      extensionCount: v.extensionCount,
      extensionMonths: v.extensionMonths,
      tacit: v.tacit === "on",
    },
    actorOf(user),
  );
  if (!saved.ok) {
    const field =
      saved.code === "contract_name_taken" ? "name" : saved.code === "term_before_start" ? "firstTermEndsOn" : "";
    return data(
      { result: submission.reply({ fieldErrors: { [field]: [`contracts.errors.${saved.code}`] } }), saved: false },
      { status: saved.code === "contract_not_found" ? 404 : 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), saved: true });
}

function TacitBox({ field }: { field: Parameters<typeof getInputProps>[0] }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", value: "on" });
  return <Checkbox key={key} {...props} />;
}

export default function ContractsPage() {
  const { contracts, mayEdit, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const defaults: Record<string, string> = editing
    ? {
        intent: "save",
        name: editing.name,
        parties: editing.parties,
        startsOn: editing.startsOn ?? "",
        firstTermEndsOn: editing.firstTermEndsOn,
        extensionCount: String(editing.extensionCount),
        extensionMonths: String(editing.extensionMonths),
        note: editing.note,
        ...(editing.tacit ? { tacit: "on" } : {}),
      }
    : { intent: "save", extensionCount: "0", extensionMonths: "12" };
  const [form, fields] = useValidatedForm(ContractSchema, actionData?.result, defaults);
  return (
    <>
      <Heading1>{t("contracts.title")}</Heading1>
      <Paragraph>{t("contracts.intro")}</Paragraph>
      {actionData?.saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("contracts.saved")}</Paragraph>
        </Alert>
      ) : null}
      <div className="h10-table-scroll">
        <DataTable
          caption={t("contracts.caption")}
          columns={[
            { label: t("contracts.name") },
            { label: t("contracts.startsOn") },
            { label: t("contracts.firstTermEndsOn") },
            { label: t("contracts.extensions") },
            { label: t("contracts.finalEnd") },
            { label: t("contracts.note") },
            ...(mayEdit ? [{ label: <span className="h10-visually-hidden">{t("contracts.editLink")}</span> }] : []),
          ]}
        >
          {contracts.map((c) => (
            <TableRow key={c.id}>
              <TableHeaderCell scope="row">
                {c.name}
                {c.parties ? <span className="h10-note">{c.parties}</span> : null}
              </TableHeaderCell>
              <TableCell>{c.startsOn ? formatDate(c.startsOn, lng) : t("contracts.unknown")}</TableCell>
              <TableCell>{formatDate(c.firstTermEndsOn, lng)}</TableCell>
              <TableCell>
                {c.extensionCount
                  ? `${t("contracts.extensionsText", { count: c.extensionCount, months: c.extensionMonths })}, ${t(c.tacit ? "contracts.tacit" : "contracts.explicit")}`
                  : t("contracts.none")}
              </TableCell>
              <TableCell>{formatDate(c.finalEndOn, lng)}</TableCell>
              <TableCell>{c.note}</TableCell>
              {mayEdit ? (
                <TableCell>
                  <Link
                    className="utrecht-link"
                    to={`?bewerk=${c.id}#contract`}
                    aria-label={t("contracts.edit", { name: c.name })}
                  >
                    {t("contracts.editLink")}
                  </Link>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </DataTable>
      </div>
      {mayEdit ? (
        <>
          <Heading2 id="contract">
            {editing ? t("contracts.edit", { name: editing.name }) : t("contracts.new")}
          </Heading2>
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form" key={editing?.id ?? "new"}>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <FormErrors errors={form.errors} />
            <TextField field={fields.name} label={t("contracts.name")} />
            <TextField field={fields.parties} label={t("contracts.parties")} />
            <TextField field={fields.startsOn} label={t("contracts.startsOn")} type="date" />
            <TextField field={fields.firstTermEndsOn} label={t("contracts.firstTermEndsOn")} type="date" />
            <TextField field={fields.extensionCount} label={t("contracts.extensionCount")} type="number" />
            <TextField field={fields.extensionMonths} label={t("contracts.extensionMonths")} type="number" />
            <FormField type="checkbox">
              <div className="utrecht-form-field__input">
                <TacitBox field={fields.tacit} />
              </div>
              <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                <FormLabel htmlFor={fields.tacit.id} type="checkbox">
                  {t("contracts.tacitLabel")}
                </FormLabel>
              </div>
            </FormField>
            <TextAreaField field={fields.note} label={t("contracts.note")} />
            <SubmitButton appearance="primary-action-button">{t("contracts.save")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
