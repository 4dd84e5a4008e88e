import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { finishLoginAttempt, reserveLoginAttempt } from "~/models/login-attempt.server";
import { recordSecurityEvent } from "~/models/security-event.server";
import { accountOf, normaliseEmail, verifyLogin } from "~/models/user.server";
import { LoginSchema } from "~/schemas/auth";
import { readForm } from "~/utils/csrf.server";
import { homePath } from "~/utils/home";
import { clientIp, safeRedirect } from "~/utils/http.server";
import { PasswordCheckBusyError } from "~/utils/password.server";
import { actorOf, getUser, signIn } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("signIn");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePath(user.role));
  return null;
}

/** The 429's Retry-After and the 503's reach the browser on a plain (document) form post too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfterMinutes: 0 }, { status: 400 });
  }
  const email = normaliseEmail(submission.value.email);
  const origin = clientIp(context);
  const refuse = (status: number, message: string, retryAfterSeconds: number) =>
    data(
      {
        result: submission.reply({ formErrors: [message], hideFields: ["password"] }),
        retryAfterMinutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
      },
      { status, headers: { "Retry-After": String(retryAfterSeconds) } },
    );
  const reservation = await reserveLoginAttempt(email, origin);
  if (!reservation.allowed) {
    const account = await accountOf(email);
    await recordSecurityEvent({
      type: "security.sign_in",
      result: "locked",
      origin,
      subject: account,
      details: { scope: reservation.scope },
    });
    return refuse(429, "auth.tooManyAttempts", reservation.retryAfterSeconds);
  }
  let user: Awaited<ReturnType<typeof verifyLogin>>;
  try {
    user = await verifyLogin(email, submission.value.password);
  } catch (error) {
    if (!(error instanceof PasswordCheckBusyError)) throw error;
    // Not a wrong password: the attempt does not count.
    await finishLoginAttempt(reservation.attemptId, true);
    await recordSecurityEvent({ type: "security.sign_in", result: "busy", origin, subject: await accountOf(email) });
    return refuse(503, "auth.busy", 5);
  }
  await finishLoginAttempt(reservation.attemptId, user !== null);
  if (!user) {
    await recordSecurityEvent({
      type: "security.sign_in",
      result: "failure",
      origin,
      subject: await accountOf(email),
      details: { method: "password" },
    });
    return data(
      {
        result: submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }),
        retryAfterMinutes: 0,
      },
      { status: 400 },
    );
  }
  const redirectTo = safeRedirect(submission.value.redirectTo, homePath(user.role));
  if (!user.totpEnabledAt) {
    await recordSecurityEvent({
      type: "security.sign_in",
      result: "success",
      origin,
      actor: actorOf(user),
      subject: { id: user.id, email: user.email },
      details: { method: "password" },
    });
  }
  // With a second factor, the event is recorded when the code is given (inloggen_.code.tsx).
  return signIn(request, user, redirectTo);
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm(LoginSchema, actionData?.result);
  // A refused sign-in empties the password field, as the page does without JavaScript: the reply leaves the password
  // out (hideFields), but a field the browser filled keeps what was typed until it is cleared.
  const passwordId = fields.password.id;
  useEffect(() => {
    if (!actionData) return;
    const input = document.getElementById(passwordId);
    if (input instanceof HTMLInputElement) input.value = "";
  }, [actionData, passwordId]);
  return (
    <div className="h10-narrow">
      <Heading1>{t("login.title")}</Heading1>
      <Paragraph>{t("login.intro")}</Paragraph>
      {searchParams.get("ended") ? (
        <Alert type="warning">
          <Paragraph>{t("auth.sessionEnded")}</Paragraph>
        </Alert>
      ) : null}
      <FormErrors errors={form.errors} id={form.errorId} values={{ minutes: actionData?.retryAfterMinutes ?? 0 }} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField field={fields.email} type="email" label={t("login.email")} autoComplete="username" />
        <TextField
          field={fields.password}
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
        />
        <SubmitButton appearance="primary-action-button">{t("login.submit")}</SubmitButton>
      </Form>
      <Paragraph className="h10-note">{t("login.forgotten")}</Paragraph>
    </div>
  );
}
