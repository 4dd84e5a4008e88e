import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { TrailBackLink } from "~/components/trail-back-link";
import { ContributionChart } from "~/components/charts/contribution-chart";
import { ShareChart } from "~/components/charts/share-chart";
import { ContributionsTable, FinanceItemsTable, OwnShares, SharesTable } from "~/components/finance";
import { FormErrors, SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import {
  addFinancialItem,
  listAllocationKeys,
  mayEnterFinances,
  removeFinancialItem,
  trailFinances,
} from "~/models/finance.server";
import { budgetContributions, contributionHistory } from "~/models/contribution.server";
import { FinancialItemSchema, RemoveItemSchema } from "~/schemas/finance";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { requireTrail } from "~/utils/trail-route.server";
import { actorOf, requireRole, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";

export const meta = pageTitle<typeof loader>("finances", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await requireTrail(params.trailId);
  const mayEdit = mayEnterFinances(actorOf(user));
  const [finances, keys, contributions, history] = await Promise.all([
    trailFinances(trail.id),
    mayEdit ? listAllocationKeys() : Promise.resolve([]),
    budgetContributions(trail.id),
    contributionHistory(trail.id),
  ]);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    items: finances.items,
    contributions,
    history,
    mayEdit,
    keys: keys.map((k) => ({ id: k.id, name: k.name })),
    ownMunicipality: user.municipality ? { id: user.municipality.id, name: user.municipality.name } : null,
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY"]);
  const trail = await requireTrail(params.trailId);
  const formData = await readForm(request);
  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: RemoveItemSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
    const removed = await removeFinancialItem(trail.id, submission.value.itemId, actorOf(user));
    if (!removed.ok)
      return data(
        { result: submission.reply({ formErrors: [`finance.errors.${removed.code}`] }), done: null },
        { status: 404 },
      );
    return data({ result: submission.reply(), done: "removed" as const });
  }
  const submission = parseWithZod(formData, { schema: FinancialItemSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const { keyId, ...item } = submission.value;
  const added = await addFinancialItem(trail.id, { ...item, keyId: keyId ?? null }, actorOf(user), formKeyOf(formData));
  if (added.ok === false && added.code === "form_key_reused") {
    return data(
      { result: submission.reply({ formErrors: [`errorCodes.${added.code}`] }), done: null },
      { status: 422 },
    );
  }
  if (!added.ok) {
    const field = added.code === "key_not_found" ? "keyId" : "amount";
    return data(
      { result: submission.reply({ fieldErrors: { [field]: [`finance.errors.${added.code}`] } }), done: null },
      { status: 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), done: "added" as const });
}

export default function TrailFinancesPage() {
  const { trail, items, contributions, history, mayEdit, keys, ownMunicipality, formKey } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(FinancialItemSchema, actionData?.result, { intent: "add" });
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("finance.section")}</Heading1>
      <Paragraph>{t("finance.intro")}</Paragraph>
      {actionData?.done ? (
        <Alert type="ok" role="status">
          <Paragraph>{t(`finance.${actionData.done}`)}</Paragraph>
        </Alert>
      ) : null}
      {ownMunicipality ? <OwnShares items={items} municipality={ownMunicipality} /> : null}
      {contributions ? <ContributionsTable contributions={contributions} highlight={ownMunicipality?.id} /> : null}
      {history && history.years.length ? <ContributionChart history={history} /> : null}
      {items.length ? (
        <FinanceItemsTable
          items={items}
          actions={
            mayEdit
              ? (item) => (
                  <IntentButton
                    intent="remove"
                    fields={{ itemId: item.id }}
                    appearance="subtle-button"
                    aria-label={t("finance.removeLabel", { label: item.label })}
                    label={t("finance.remove")}
                  />
                )
              : undefined
          }
        />
      ) : (
        <Paragraph>{t("finance.none")}</Paragraph>
      )}
      {items.map((item) => (
        <div key={item.id}>
          <SharesTable item={item} highlight={ownMunicipality?.id} />
          {item.allocation?.ok && item.cents !== null ? (
            <ShareChart
              title={t("dashboard.shareChartTitle", { item: item.label, year: item.year })}
              totalCents={item.cents}
              shares={item.allocation.shares.map((s) => ({
                municipalityId: s.municipalityId,
                name: s.municipality,
                cents: s.cents,
              }))}
              ownId={ownMunicipality?.id}
            />
          ) : null}
        </div>
      ))}
      {items.some((item) => item.allocation?.ok) ? (
        <Paragraph className="h10-note">{t("finance.rule")}</Paragraph>
      ) : null}
      {mayEdit ? (
        <>
          <Heading2>{t("finance.add")}</Heading2>
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <input type="hidden" name="intent" value="add" />
            <FormErrors errors={form.errors} />
            <TextField field={fields.label} label={t("finance.label")} />
            <SelectField
              field={fields.kind}
              label={t("finance.kind")}
              placeholder={t("finance.chooseKind")}
              options={(["ONE_OFF", "YEARLY"] as const).map((kind) => ({
                value: kind,
                label: t(`finance.kinds.${kind}`),
              }))}
            />
            <TextField field={fields.year} label={t("finance.year")} type="number" />
            <TextField field={fields.amount} label={t("finance.amount")} description={t("finance.amountHint")} />
            <SelectField
              field={fields.keyId}
              label={t("finance.key")}
              description={t("finance.keyHint")}
              placeholder={t("finance.chooseKey")}
              options={keys.map((k) => ({ value: k.id, label: k.name }))}
            />
            <SubmitButton appearance="primary-action-button">{t("finance.add")}</SubmitButton>
          </Form>
          <Paragraph>
            <Link className="utrecht-link" to="/verdeelsleutels">
              {t("finance.keysLink")}
            </Link>
          </Paragraph>
        </>
      ) : null}
    </>
  );
}
