import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { checkLoginAllowed, recordLoginAttempt } from "~/models/login-attempt.server";
import { normaliseEmail, verifyLogin } from "~/models/user.server";
import { LoginSchema } from "~/schemas/auth";
import { readForm } from "~/utils/csrf.server";
import { clientIp, safeRedirect } from "~/utils/http.server";
import { getUser, signIn } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Inloggen · H10 Besluitvorming" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect("/regio");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfterMinutes: 0 }, { status: 400 });
  }
  const email = normaliseEmail(submission.value.email);
  const ip = clientIp(context);
  const allowance = await checkLoginAllowed(email, ip);
  if (!allowance.allowed) {
    return data(
      {
        result: submission.reply({ formErrors: ["auth.tooManyAttempts"], hideFields: ["password"] }),
        retryAfterMinutes: allowance.retryAfterMinutes,
      },
      { status: 429, headers: { "Retry-After": String(allowance.retryAfterMinutes * 60) } },
    );
  }
  const user = await verifyLogin(email, submission.value.password);
  await recordLoginAttempt(email, ip, user !== null);
  if (!user) {
    return data(
      {
        result: submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }),
        retryAfterMinutes: 0,
      },
      { status: 400 },
    );
  }
  return signIn(request, user, safeRedirect(submission.value.redirectTo, "/regio"));
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm(LoginSchema, actionData?.result);
  return (
    <div className="h10-narrow">
      <Heading1>{t("login.title")}</Heading1>
      <Paragraph>{t("login.intro")}</Paragraph>
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
        <Button type="submit" appearance="primary-action-button">
          {t("login.submit")}
        </Button>
      </Form>
    </div>
  );
}
