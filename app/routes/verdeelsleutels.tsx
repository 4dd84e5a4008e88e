import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import {
  describedBy,
  FormErrors,
  PlainField,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
} from "~/components/form-fields";
import {
  deletableAllocationKey,
  deleteAllocationKey,
  listAllocationKeys,
  mayManageKeys,
  saveAllocationKey,
} from "~/models/finance.server";
import { listMunicipalities } from "~/models/municipality.server";
import { AllocationKeySchema, DeleteKeySchema } from "~/schemas/finance";
import { readForm } from "~/utils/csrf.server";
import { actorOf, requireRole, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";
import { ActionMessage, ConfirmStep } from "~/components/action-message";
import { isConfirmed } from "~/utils/confirm";

export const meta = pageTitle("keys");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [keys, municipalities] = await Promise.all([listAllocationKeys(), listMunicipalities()]);
  const editing = new URL(request.url).searchParams.get("bewerk");
  return {
    keys,
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
    mayManage: mayManageKeys(actorOf(user)),
    editing: keys.find((k) => k.id === editing) ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY", "ADMIN"]);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteKeySchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), done: null, confirmDelete: null }, { status: 400 });
    const refused = (code: "key_not_found" | "key_in_use") =>
      data(
        { result: submission.reply({ formErrors: [`finance.errors.${code}`] }), done: null, confirmDelete: null },
        { status: code === "key_in_use" ? 409 : 404 },
      );
    // Deleting cannot be undone: the first post only asks (naming the key), the confirmed one deletes.
    if (!isConfirmed(formData)) {
      const key = await deletableAllocationKey(submission.value.id);
      if (!key.ok) return refused(key.code);
      return data({ result: undefined, done: null, confirmDelete: { id: key.id, name: key.name } });
    }
    const deleted = await deleteAllocationKey(submission.value.id, actorOf(user));
    if (!deleted.ok) return refused(deleted.code === "key_in_use" ? "key_in_use" : "key_not_found");
    return data({ result: submission.reply(), done: "deleted" as const, confirmDelete: null });
  }
  const submission = parseWithZod(formData, { schema: AllocationKeySchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), done: null, confirmDelete: null }, { status: 400 });
  const { id, name, method, inhabitantsYear, description, entries } = submission.value;
  const saved = await saveAllocationKey(
    {
      id,
      name,
      method,
      inhabitantsYear: inhabitantsYear ?? null,
      description: description ?? "",
      entries: (entries ?? []).map((e) => ({ municipalityId: e.municipalityId, value: e.value ?? "" })),
    },
    actorOf(user),
  );
  if (!saved.ok) {
    const message = `finance.errors.${saved.code}`;
    const reply =
      saved.code === "key_name_taken"
        ? submission.reply({ fieldErrors: { name: [message] } })
        : saved.municipalityId
          ? submission.reply({
              fieldErrors: {
                [`entries[${(entries ?? []).findIndex((e) => e.municipalityId === saved.municipalityId)}].value`]: [
                  message,
                ],
              },
            })
          : submission.reply({ formErrors: [message] });
    return data(
      { result: reply, done: null, confirmDelete: null },
      { status: saved.code === "key_not_found" ? 404 : 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), done: "saved" as const, confirmDelete: null });
}

export default function AllocationKeysPage() {
  const { keys, municipalities, mayManage, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const defaults: Record<string, string> = editing
    ? {
        intent: "save",
        id: editing.id,
        name: editing.name,
        method: editing.method,
        inhabitantsYear: editing.inhabitantsYear?.toString() ?? "",
        description: editing.description,
        ...Object.fromEntries(
          municipalities.map((m, i) => [
            `entries[${i}].value`,
            editing.entries.find((e) => e.municipalityId === m.id)?.value ?? "",
          ]),
        ),
      }
    : { intent: "save" };
  const [form, fields] = useValidatedForm(AllocationKeySchema, actionData?.result, defaults);
  const entryFields = fields.entries.getFieldList();
  return (
    <>
      <Heading1>{t("keys.title")}</Heading1>
      <Paragraph>{t("keys.intro")}</Paragraph>
      {actionData?.done ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t(`keys.${actionData.done}`)}</Paragraph>
        </ActionMessage>
      ) : null}
      {actionData?.confirmDelete ? (
        <ConfirmStep
          answer={actionData}
          question={t("keys.deleteQuestion", { name: actionData.confirmDelete.name })}
          consequence={t("keys.deleteConsequence")}
          fields={{ intent: "delete", id: actionData.confirmDelete.id }}
          confirmLabel={t("keys.deleteConfirm")}
        />
      ) : null}
      <DataTable
        caption={t("keys.caption")}
        columns={[
          { label: t("keys.name") },
          { label: t("keys.method") },
          { label: t("keys.entries") },
          { label: t("keys.usedBy"), numeric: true },
          ...(mayManage ? [{ label: <span className="h10-visually-hidden">{t("keys.editLink")}</span> }] : []),
        ]}
      >
        {keys.map((key) => (
          <TableRow key={key.id}>
            <TableHeaderCell scope="row">
              {key.name}
              {key.description ? <span className="h10-note">{key.description}</span> : null}
            </TableHeaderCell>
            <TableCell>
              {t(`keys.methods.${key.method}`)}
              {key.method === "INHABITANTS"
                ? ` (${t("keys.inhabitantsYear").toLowerCase()}: ${key.inhabitantsYear ?? t("keys.yearBefore")})`
                : ""}
            </TableCell>
            <TableCell>
              {key.entries.length ? key.entries.map((e) => `${e.municipality}: ${e.value}`).join("; ") : "—"}
            </TableCell>
            <TableCell className="h10-numeric">{t("keys.usedByCount", { count: key.usedBy })}</TableCell>
            {mayManage ? (
              <TableCell>
                <Link
                  className="utrecht-link"
                  to={`?bewerk=${key.id}#sleutel`}
                  aria-label={t("keys.edit", { name: key.name })}
                >
                  {t("keys.editLink")}
                </Link>
                {key.usedBy === 0 ? (
                  <IntentButton
                    intent="delete"
                    fields={{ id: key.id }}
                    appearance="subtle-button"
                    aria-label={`${t("keys.delete")}: ${key.name}`}
                    label={t("keys.delete")}
                  />
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </DataTable>
      {mayManage ? (
        <>
          <Heading2 id="sleutel">{editing ? t("keys.edit", { name: editing.name }) : t("keys.new")}</Heading2>
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form" key={editing?.id ?? "new"}>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <FormErrors errors={form.errors} />
            <TextField field={fields.name} label={t("keys.name")} />
            <SelectField
              field={fields.method}
              label={t("keys.method")}
              placeholder={t("keys.chooseMethod")}
              options={(["INHABITANTS", "EQUAL", "PERCENTAGES", "USAGE"] as const).map((m) => ({
                value: m,
                label: t(`keys.methods.${m}`),
              }))}
            />
            <TextField
              field={fields.inhabitantsYear}
              label={t("keys.inhabitantsYear")}
              description={t("keys.yearHint")}
              type="number"
            />
            <TextAreaField field={fields.description} label={t("keys.description")} />
            <Fieldset>
              <FieldsetLegend>{t("keys.entries")}</FieldsetLegend>
              <Paragraph className="h10-note">{t("keys.entriesHint")}</Paragraph>
              {municipalities.map((m, i) => {
                const field = entryFields[i];
                const error = field?.getFieldset().value.errors?.[0];
                const inputId = `entry-${m.id}`;
                return (
                  <div key={m.id}>
                    <input type="hidden" name={`entries[${i}].municipalityId`} value={m.id} />
                    <PlainField id={inputId} label={m.name} error={error}>
                      <Textbox
                        id={inputId}
                        name={`entries[${i}].value`}
                        defaultValue={defaults[`entries[${i}].value`] ?? ""}
                        inputMode="decimal"
                        invalid={!!error}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy(inputId, null, error)}
                      />
                    </PlainField>
                  </div>
                );
              })}
            </Fieldset>
            <SubmitButton appearance="primary-action-button">{t("keys.save")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
