import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { loginBlocked, recordFailedCode } from "~/models/login-attempt.server";
import { verifySecondFactor } from "~/models/second-factor.server";
import { recordSecurityEvent } from "~/models/security-event.server";
import { countFailedCode, getPendingSession } from "~/models/session.server";
import { getUserById } from "~/models/user.server";
import { SecondFactorSchema } from "~/schemas/auth";
import { readForm } from "~/utils/csrf.server";
import { homePath } from "~/utils/home";
import { clientIp, httpError, safeRedirect } from "~/utils/http.server";
import { actorOf, sessionIdOf, signIn } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("signInCode");

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

/** The sign-in waiting for its second factor; otherwise back to the sign-in page (a form gets 401). */
async function pendingOf(request: Request) {
  const sessionId = await sessionIdOf(request);
  const pending = sessionId ? await getPendingSession(sessionId) : null;
  if (pending) return pending;
  if (request.method === "GET" || request.method === "HEAD") throw redirect("/inloggen");
  throw httpError(401, "sign_in_expired", "Uw inlogpoging is verlopen. Log opnieuw in.");
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingOf(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const pending = await pendingOf(request);
  const submission = parseWithZod(formData, { schema: SecondFactorSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }), retryAfterMinutes: 0 }, { status: 400 });
  }
  const origin = clientIp(context);
  const { email } = pending.user;
  const blockedFor = await loginBlocked(email, origin);
  if (blockedFor !== null) {
    return data(
      {
        result: submission.reply({ formErrors: ["auth.tooManyAttempts"], hideFields: ["code"] }),
        retryAfterMinutes: Math.ceil(blockedFor / 60),
      },
      { status: 429, headers: { "Retry-After": String(blockedFor) } },
    );
  }
  const method = await verifySecondFactor(pending.userId, submission.value.code);
  if (!method) {
    await recordFailedCode(email, origin);
    const stillPending = await countFailedCode(pending.id);
    await recordSecurityEvent({
      type: "security.sign_in",
      result: "failure",
      origin,
      subject: { id: pending.userId, email },
      details: { method: "second_factor", ended: !stillPending },
    });
    if (!stillPending) throw redirect("/inloggen?ended=1");
    return data(
      { result: submission.reply({ formErrors: ["auth.codeInvalid"], hideFields: ["code"] }), retryAfterMinutes: 0 },
      { status: 400 },
    );
  }
  const user = await getUserById(pending.userId);
  await recordSecurityEvent({
    type: "security.sign_in",
    result: "success",
    origin,
    actor: actorOf(user),
    subject: { id: user.id, email: user.email },
    details: { method: method === "totp" ? "password+totp" : "password+recovery_code" },
  });
  return signIn(request, user, safeRedirect(submission.value.redirectTo, homePath(user.role)), {
    secondFactorDone: true,
  });
}

export default function SecondFactorPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm(SecondFactorSchema, actionData?.result);
  return (
    <div className="h10-narrow">
      <Heading1>{t("secondFactor.title")}</Heading1>
      <Paragraph>{t("secondFactor.intro")}</Paragraph>
      <FormErrors errors={form.errors} id={form.errorId} values={{ minutes: actionData?.retryAfterMinutes ?? 0 }} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          field={fields.code}
          label={t("secondFactor.code")}
          description={t("secondFactor.codeHint")}
          autoComplete="one-time-code"
        />
        <SubmitButton appearance="primary-action-button">{t("secondFactor.submit")}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href="/inloggen">{t("secondFactor.startOver")}</Link>
      </Paragraph>
    </div>
  );
}
