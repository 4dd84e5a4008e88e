import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FinanceItemsTable } from "~/components/finance";
import { FormErrors, TextAreaField, TextField, useValidatedForm } from "~/components/form-fields";
import { FormKeyInput } from "~/components/form-key-input";
import { SubmitButton } from "~/components/submit-button";
import { TrailBackLink } from "~/components/trail-back-link";
import { nextCycleProposal, startNextCycle, type NextCycleError } from "~/models/next-cycle.server";
import { NextCycleSchema } from "~/schemas/trail";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { canStartTrail } from "~/utils/permissions";
import { actorOf, requireUser } from "~/utils/session.server";

export const meta = pageTitle<typeof loader>("nextCycle", (data, t) => ({
  title: data?.from.title ?? t("titles.trailFallback"),
}));

/** Starting a cycle is starting a trail: the policy secretaries' work (as /trajecten/nieuw). */
async function requireSecretary(request: Request) {
  const user = await requireUser(request);
  if (!canStartTrail(actorOf(user)))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris start een begrotingscyclus.");
  return user;
}

async function loadProposal(trailId: string | undefined) {
  const proposal = trailId ? await nextCycleProposal(trailId) : null;
  if (!proposal) throw httpError(404, "trail_not_found", "Deze begrotingscyclus bestaat niet.");
  return proposal;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretary(request);
  return { ...(await loadProposal(params.trailId)), formKey: newFormKey() };
}

/** The field a refusal belongs to; the others are about the whole form. */
const FIELD_OF: Partial<Record<NextCycleError, string>> = {
  reference_taken: "reference",
  ab_meeting_outside_year: "abMeetingOn",
  start_after_ab_meeting: "startedOn",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSecretary(request);
  const proposal = await loadProposal(params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: NextCycleSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { summary, ...value } = submission.value;
  const result = await startNextCycle(
    proposal.from.id,
    { ...value, summary: summary ?? "" },
    actorOf(user),
    formKeyOf(formData),
  );
  if (result.ok) return redirect(`/trajecten/${result.trailId}`);
  if (result.code === "form_key_reused")
    return data({ result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }) }, { status: 422 });
  if (result.code === "forbidden") throw httpError(403, "forbidden_role", "U mag geen begrotingscyclus starten.");
  if (result.code === "trail_not_found") throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  const message = result.code === "reference_taken" ? "errorCodes.reference_taken" : `nextCycle.errors.${result.code}`;
  const field = FIELD_OF[result.code];
  return data(
    {
      result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }),
    },
    // Refused as the trail stands (an amendment, not planned, the next year started): a conflict.
    { status: field ? 400 : 409 },
  );
}

export default function NextCyclePage() {
  const { from, refusal, next, plan, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(
    NextCycleSchema,
    actionData?.result,
    plan
      ? {
          title: plan.title,
          reference: plan.reference,
          summary: plan.summary,
          abMeetingOn: plan.abMeetingOn,
          startedOn: plan.startedOn,
        }
      : undefined,
  );
  const year = plan?.budgetYear ?? (next ? next.budgetYear : null);
  return (
    <>
      <TrailBackLink trail={from} />
      <Heading1>{year ? t("nextCycle.title", { year }) : t("nextCycle.titleNoYear")}</Heading1>
      {!plan ? (
        <Alert type={refusal === "next_exists" ? "info" : "warning"} role="status">
          <Paragraph>{t(`nextCycle.errors.${refusal}`, { year: next?.budgetYear ?? "" })}</Paragraph>
          {next ? (
            <Paragraph>
              <Link className="utrecht-link" to={`/trajecten/${next.id}`}>
                {next.title}
              </Link>{" "}
              ({next.reference})
            </Paragraph>
          ) : null}
        </Alert>
      ) : (
        <>
          <Paragraph>{t("nextCycle.intro", { year: plan.budgetYear, from: from.title })}</Paragraph>
          <FormErrors errors={form.errors} values={{ year: plan.budgetYear }} />

          <Heading2>{t("nextCycle.participants", { count: plan.carried.length })}</Heading2>
          <Paragraph>{plan.carried.map((m) => m.name).join(", ")}</Paragraph>
          {plan.left.length ? (
            <Paragraph data-testid="not-carried">
              {t("nextCycle.notCarried", {
                names: plan.left
                  .map((m) =>
                    m.participationTo
                      ? t("nextCycle.leftOn", { name: m.name, date: formatDate(m.participationTo, i18n.language) })
                      : m.name,
                  )
                  .join(", "),
              })}
            </Paragraph>
          ) : null}

          <Heading2>{t("nextCycle.figures")}</Heading2>
          {plan.lastYear.length ? (
            <>
              <Paragraph>{t("nextCycle.figuresIntro", { year: plan.budgetYear - 1, next: plan.budgetYear })}</Paragraph>
              <FinanceItemsTable
                caption={t("nextCycle.figuresCaption", { year: plan.budgetYear })}
                items={[...plan.lastYear, ...plan.proposed].map((item, index) => ({ ...item, id: String(index) }))}
              />
            </>
          ) : (
            <Paragraph>{t("nextCycle.noFigures", { year: plan.budgetYear - 1 })}</Paragraph>
          )}

          <Heading2>{t("nextCycle.newCycle")}</Heading2>
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <TextField
              field={fields.abMeetingOn}
              type="date"
              label={t("nextCycle.abMeetingOn", { year: plan.budgetYear })}
              description={t("nextCycle.abMeetingHint", { year: plan.adoptionYear, budgetYear: plan.budgetYear })}
            />
            <TextField
              field={fields.startedOn}
              type="date"
              label={t("newTrail.startedOn")}
              description={t("nextCycle.startedOnHint", { year: plan.budgetYear })}
            />
            <TextField field={fields.title} label={t("newTrail.titleLabel")} />
            <TextField field={fields.reference} label={t("trails.reference")} />
            <TextAreaField
              field={fields.summary}
              label={t("newTrail.summary")}
              description={t("nextCycle.summaryHint", { sentence: plan.startedFrom })}
            />
            <SubmitButton appearance="primary-action-button">
              {t("nextCycle.submit", { year: plan.budgetYear })}
            </SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
