import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { changeOwnPassword } from "~/models/user.server";
import { ChangePasswordSchema } from "~/schemas/auth";
import { readForm } from "~/utils/csrf.server";
import { clientIp } from "~/utils/http.server";
import { PasswordCheckBusyError } from "~/utils/password.server";
import { actorOf, requireUser, sessionIdOf } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("password");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowRestricted: true });
  return { mustChange: user.mustChangePassword };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowRestricted: true });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  }
  let result: Awaited<ReturnType<typeof changeOwnPassword>>;
  try {
    result = await changeOwnPassword(user.id, submission.value, {
      actor: actorOf(user),
      origin: clientIp(context),
      keepSessionId: await sessionIdOf(request),
    });
  } catch (error) {
    if (!(error instanceof PasswordCheckBusyError)) throw error;
    return data({ result: submission.reply({ formErrors: ["auth.busy"], hideFields }) }, { status: 503 });
  }
  if (!result.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { [result.field]: [`errorCodes.${result.code}`] }, hideFields }) },
      { status: 400 },
    );
  }
  return redirect("/instellingen?wachtwoord=gewijzigd");
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(ChangePasswordSchema, actionData?.result);
  return (
    <div className="h10-narrow">
      <Heading1>{t("password.title")}</Heading1>
      {mustChange ? (
        <Alert type="warning">
          <Paragraph>{t("password.mustChange")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("password.intro")}</Paragraph>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <CsrfInput />
        <TextField
          field={fields.currentPassword}
          type="password"
          label={t("password.current")}
          autoComplete="current-password"
        />
        <TextField
          field={fields.newPassword}
          type="password"
          label={t("password.new")}
          description={t("password.rules")}
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirmPassword}
          type="password"
          label={t("password.confirm")}
          autoComplete="new-password"
        />
        <SubmitButton appearance="primary-action-button">{t("password.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
