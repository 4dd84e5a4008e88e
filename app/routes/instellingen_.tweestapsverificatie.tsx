import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, OrderedList, OrderedListItem, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { describedBy, PlainField } from "~/components/form-fields";
import {
  beginEnrolment,
  confirmEnrolment,
  pendingEnrolment,
  remainingRecoveryCodes,
  removeSecondFactor,
  renewRecoveryCodes,
  secondFactorRequired,
  verifySecondFactor,
} from "~/models/second-factor.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { clientIp, httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";

export const meta = pageTitle("secondFactor");

const CodeSchema = z.object({
  intent: z.enum(["confirm", "renew", "disable"]),
  code: z
    .string()
    .trim()
    .min(1, "validation.codeRequired")
    .max(40, "validation.codeInvalid")
    .regex(/^[0-9a-zA-Z\s-]+$/, "validation.codeInvalid"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowRestricted: true });
  const enabled = user.totpEnabledAt !== null;
  return {
    enabled,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    required: secondFactorRequired(user.role),
    dueAt: user.secondFactorDueAt?.toISOString() ?? null,
    remaining: enabled ? await remainingRecoveryCodes(user.id) : 0,
    enrolment: enabled ? null : await pendingEnrolment(user.id),
  };
}

type ActionData = { error: string | null; recoveryCodes: string[] | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowRestricted: true });
  const formData = await readForm(request);
  const origin = clientIp(context);
  const actor = actorOf(user);
  if (formData.get("intent") === "begin") {
    if (user.totpEnabledAt) throw httpError(409, "second_factor_enabled", "Tweestapsverificatie staat al aan.");
    await beginEnrolment(user.id);
    return redirect("/instellingen/tweestapsverificatie");
  }
  const parsed = CodeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const message = parsed.error.issues.find((i) => i.path[0] === "code")?.message;
    if (!message) throw httpError(400, "invalid_input", "Ongeldige invoer.");
    return data<ActionData>({ error: message, recoveryCodes: null }, { status: 400 });
  }
  const { intent, code } = parsed.data;
  if (intent === "confirm") {
    const result = await confirmEnrolment(user.id, code, { actor, origin });
    if (!result.ok) return data<ActionData>({ error: "auth.codeInvalid", recoveryCodes: null }, { status: 400 });
    return data<ActionData>({ error: null, recoveryCodes: result.recoveryCodes });
  }
  if (!user.totpEnabledAt) throw httpError(409, "second_factor_off", "Tweestapsverificatie staat niet aan.");
  if (intent === "disable" && secondFactorRequired(user.role))
    throw httpError(403, "second_factor_required", "Voor uw rol is tweestapsverificatie verplicht.");
  // Changing the second factor asks for a current code (or a recovery code).
  if (!(await verifySecondFactor(user.id, code)))
    return data<ActionData>({ error: "auth.codeInvalid", recoveryCodes: null }, { status: 400 });
  if (intent === "renew") {
    return data<ActionData>({ error: null, recoveryCodes: await renewRecoveryCodes(user.id, { actor, origin }) });
  }
  await removeSecondFactor(user.id, { actor, origin, reset: false });
  return redirect("/instellingen/tweestapsverificatie");
}

function CodeField({ id, error }: { id: string; error: string | null }) {
  const { t } = useTranslation();
  return (
    <PlainField id={id} label={t("secondFactor.code")} hint={t("secondFactor.codeHint")} error={error ?? undefined}>
      <input
        className="utrecht-textbox"
        id={id}
        name="code"
        autoComplete="one-time-code"
        maxLength={40}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
      />
    </PlainField>
  );
}

export default function SecondFactorSettingsPage() {
  const { t, i18n } = useTranslation();
  const { enabled, enabledAt, required, dueAt, remaining, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData?.error ?? null;
  const codes = actionData?.recoveryCodes ?? null;
  return (
    <div className="h10-narrow">
      <Heading1>{t("secondFactor.settingsTitle")}</Heading1>
      <Paragraph>{t("secondFactor.settingsIntro")}</Paragraph>
      {required && !enabled ? (
        <Alert type="warning">
          <Paragraph>
            {dueAt
              ? t("secondFactor.requiredBy", { at: formatDateTime(dueAt, i18n.language) })
              : t("secondFactor.required")}
          </Paragraph>
        </Alert>
      ) : null}
      {codes ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("secondFactor.recoveryCodesIntro")}</Paragraph>
          <OrderedList data-testid="recovery-codes" className="h10-recovery-codes">
            {codes.map((c) => (
              <OrderedListItem key={c}>
                <code>{c}</code>
              </OrderedListItem>
            ))}
          </OrderedList>
        </Alert>
      ) : null}
      {enabled ? (
        <>
          <Paragraph data-testid="second-factor-status">
            {t("secondFactor.enabledSince", { at: formatDateTime(enabledAt!, i18n.language) })}{" "}
            {t("secondFactor.remaining", { count: remaining })}
          </Paragraph>
          <Heading2>{t("secondFactor.renewTitle")}</Heading2>
          <Form method="post" aria-label={t("secondFactor.renewTitle")}>
            <CsrfInput />
            <input type="hidden" name="intent" value="renew" />
            <CodeField id="renew-code" error={error} />
            <SubmitButton appearance="secondary-action-button">{t("secondFactor.renew")}</SubmitButton>
          </Form>
          {required ? null : (
            <>
              <Heading2>{t("secondFactor.disableTitle")}</Heading2>
              <Form method="post" aria-label={t("secondFactor.disableTitle")}>
                <CsrfInput />
                <input type="hidden" name="intent" value="disable" />
                <CodeField id="disable-code" error={error} />
                <SubmitButton appearance="secondary-action-button">{t("secondFactor.disable")}</SubmitButton>
              </Form>
            </>
          )}
        </>
      ) : enrolment ? (
        <>
          <Heading2>{t("secondFactor.scanTitle")}</Heading2>
          <Paragraph>{t("secondFactor.scanIntro")}</Paragraph>
          <div
            className="h10-qr"
            role="img"
            aria-label={t("secondFactor.qrLabel")}
            // The SVG is generated here from the otpauth address; it holds no user input.
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <Paragraph>
            {t("secondFactor.manual")} <code data-testid="totp-secret">{enrolment.secret}</code>
          </Paragraph>
          <Form method="post" aria-label={t("secondFactor.confirmTitle")}>
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <CodeField id="confirm-code" error={error} />
            <SubmitButton appearance="primary-action-button">{t("secondFactor.confirm")}</SubmitButton>
          </Form>
        </>
      ) : (
        <IntentButton intent="begin" appearance="primary-action-button" label={t("secondFactor.begin")} />
      )}
    </div>
  );
}
