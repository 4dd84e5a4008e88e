import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { TrailBackLink } from "~/components/trail-back-link";
import { DataTable } from "~/components/data-table";
import { describedBy, FormErrors, PlainField, TextField, useValidatedForm } from "~/components/form-fields";
import { exitOverview, setExitEstimate, type OverviewLine } from "~/models/exit.server";
import { getTrail } from "~/models/trail.server";
import { centsToDecimal, parseDecimal, readAmount } from "~/money/allocate";
import { ExitDatesSchema, ExitEstimateSchema } from "~/schemas/arrangement";
import { readForm } from "~/utils/csrf.server";
import { amountText } from "~/utils/finance-text";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireRole, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle<typeof loader>("exit", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

async function loadExitTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail || trail.kind !== "EXIT") throw httpError(404, "trail_not_found", "Dit uittredingstraject bestaat niet.");
  return trail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadExitTrail(params.trailId);
  const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const dates = ExitDatesSchema.safeParse(query);
  const whatIf = dates.success ? { wishedExitOn: dates.data.gewenst, notifiedOn: dates.data.opzegging } : {};
  const overview = (await exitOverview(trail.id, whatIf))!;
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    overview,
    query: {
      gewenst: query.gewenst ?? overview.wishedExitOn ?? "",
      opzegging: query.opzegging ?? overview.notifiedOn ?? "",
    },
    dateErrors: dates.success ? {} : Object.fromEntries(dates.error.issues.map((i) => [String(i.path[0]), i.message])),
    mayEdit: user.role === "SECRETARY",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY"]);
  const trail = await loadExitTrail(params.trailId);
  const submission = parseWithZod(await readForm(request), { schema: ExitEstimateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const annualCents = readAmount(submission.value.annual)!;
  const multipleHundredths = Number(parseDecimal(submission.value.multiple, 2));
  const saved = await setExitEstimate(trail.id, { annualCents, multipleHundredths }, actorOf(user));
  if (!saved.ok)
    return data(
      { result: submission.reply({ formErrors: [`exit.errors.${saved.code}`] }), saved: false },
      { status: 400 },
    );
  return data({ result: submission.reply(), saved: true });
}

function OverviewTable({
  caption,
  lines,
  total,
}: {
  caption: string;
  lines: OverviewLine[];
  total: { cents: number; pm: boolean };
}) {
  const { t, i18n } = useTranslation();
  const money = (cents: number | null) => amountText(cents, t, i18n.language);
  return (
    <DataTable caption={caption} columns={[{ label: t("exit.item") }, { label: t("exit.amount"), numeric: true }]}>
      {lines.map((line) => (
        <TableRow key={line.label}>
          <TableHeaderCell scope="row">
            {line.label}
            {line.computed ? <span className="h10-note">{t("exit.computed")}</span> : null}
          </TableHeaderCell>
          <TableCell className="h10-numeric">{money(line.cents)}</TableCell>
        </TableRow>
      ))}
      <TableRow className="h10-row--total">
        <TableHeaderCell scope="row">{t("exit.total")}</TableHeaderCell>
        <TableCell className="h10-numeric">
          {total.pm ? t("exit.totalPm", { amount: money(total.cents) }) : money(total.cents)}
        </TableCell>
      </TableRow>
    </DataTable>
  );
}

export default function ExitPage() {
  const { trail, overview, query, dateErrors, mayEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const date = (value: string | null) => (value ? formatDate(value, lng) : t("exit.notSet"));
  const multiple = (overview.estimate.multipleHundredths / 100).toLocaleString(lng === "nl" ? "nl-NL" : "en-GB");
  const [form, fields] = useValidatedForm(ExitEstimateSchema, actionData?.result, {
    annual:
      overview.estimate.annualCents === null
        ? "pm"
        : centsToDecimal(BigInt(overview.estimate.annualCents)).replace(".", ","),
    multiple: String(overview.estimate.multipleHundredths / 100).replace(".", ","),
  });
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("exit.title")}</Heading1>
      <Paragraph>{t("exit.intro", { years: overview.rule.noticeYears })}</Paragraph>
      <dl className="h10-facts">
        <dt>{t("exit.exiting")}</dt>
        <dd>{overview.exiting?.name ?? "—"}</dd>
        <dt>{t("exit.exitOn")}</dt>
        <dd>{date(overview.exitOn)}</dd>
      </dl>

      <Heading2>{t("exit.dates")}</Heading2>
      <Form method="get" className="h10-form" noValidate>
        <DateInput
          name="gewenst"
          label={t("exit.wished")}
          hint={t("exit.wishedHint")}
          value={query.gewenst}
          error={dateErrors.gewenst}
        />
        <DateInput name="opzegging" label={t("exit.notified")} value={query.opzegging} error={dateErrors.opzegging} />
        <SubmitButton appearance="secondary-action-button">{t("exit.calculate")}</SubmitButton>
      </Form>
      <dl className="h10-facts" data-testid="exit-dates">
        <dt>{t("exit.latestNotice")}</dt>
        <dd>{date(overview.latestNoticeOn)}</dd>
        <dt>{t("exit.earliestExit")}</dt>
        <dd>{date(overview.earliestExitOn)}</dd>
      </dl>

      <Heading2>{t("exit.payment")}</Heading2>
      <Paragraph data-testid="exit-payment">
        {overview.estimate.annualCents === null
          ? t("exit.notSet")
          : t("exit.paymentText", {
              multiple,
              annual: amountText(overview.estimate.annualCents, t, lng),
              payment: amountText(overview.estimate.paymentCents, t, lng),
            })}
      </Paragraph>
      {actionData?.saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("exit.estimateSaved")}</Paragraph>
        </Alert>
      ) : null}
      {mayEdit ? (
        <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
          <CsrfInput />
          <FormErrors errors={form.errors} />
          <TextField field={fields.annual} label={t("exit.annual")} description={t("finance.amountHint")} />
          <TextField field={fields.multiple} label={t("exit.multiple")} />
          <SubmitButton appearance="primary-action-button">{t("exit.saveEstimate")}</SubmitButton>
        </Form>
      ) : null}

      <Heading2>{t("exit.overview")}</Heading2>
      <OverviewTable caption={t("exit.friction")} lines={overview.friction.lines} total={overview.friction.total} />
      <OverviewTable
        caption={t("exit.structural")}
        lines={overview.structural.lines}
        total={overview.structural.total}
      />
      <Paragraph className="h10-note">
        {t("exit.addItems")}{" "}
        <Link className="utrecht-link" to={`/trajecten/${trail.id}/financien`}>
          {t("finance.section")}
        </Link>
      </Paragraph>

      {overview.exitOn ? (
        <>
          <Heading2>{t("contracts.atExit", { date: formatDate(overview.exitOn, lng) })}</Heading2>
          <div className="h10-table-scroll">
            <DataTable
              caption={t("contracts.atExitCaption", { date: formatDate(overview.exitOn, lng) })}
              columns={[
                { label: t("contracts.name") },
                { label: t("contracts.runsPast") },
                { label: t("contracts.termOnExit") },
                { label: t("contracts.decisionsBefore") },
                { label: t("contracts.finalEnd") },
              ]}
            >
              {overview.contracts.map((c) => (
                <TableRow key={c.name}>
                  <TableHeaderCell scope="row">{c.name}</TableHeaderCell>
                  <TableCell>{t(c.runsPastExit ? "contracts.yes" : "contracts.no")}</TableCell>
                  <TableCell>{c.termOnExitEndsOn ? formatDate(c.termOnExitEndsOn, lng) : "—"}</TableCell>
                  <TableCell>
                    {c.decisionsBeforeExit.length
                      ? c.decisionsBeforeExit
                          .map((d) =>
                            t(d.tacit ? "contracts.decisionTacit" : "contracts.decisionExplicit", {
                              date: formatDate(d.termEndsOn, lng),
                            }),
                          )
                          .join("; ")
                      : "—"}
                  </TableCell>
                  <TableCell>{formatDate(c.finalEndOn, lng)}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          </div>
          <Paragraph>
            <Link className="utrecht-link" to="/contracten">
              {t("contracts.title")}
            </Link>
          </Paragraph>
        </>
      ) : null}
    </>
  );
}

/** A date field of the calculator's GET form, with its error. */
function DateInput({
  name,
  label,
  hint,
  value,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
}) {
  const id = `exit-${name}`;
  return (
    <PlainField id={id} label={label} hint={hint} error={error}>
      <input
        className="utrecht-textbox utrecht-textbox--html-input"
        type="date"
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </PlainField>
  );
}
