import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { UserFields } from "~/components/user-fields";
import { FormErrors, useValidatedForm } from "~/components/form-fields";
import { SubmitButton } from "~/components/submit-button";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { getUserForEdit, updateUser } from "~/models/user.server";
import { EditUserSchema } from "~/schemas/admin";
import { readForm } from "~/utils/csrf.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireRole } from "~/utils/session.server";

export const meta = pageTitle<typeof loader>("editUser", (data, t) => ({ name: data?.user.name ?? t("admin.user") }));

async function editedUser(userId: string | undefined) {
  const user = userId ? await getUserForEdit(userId) : null;
  if (!user) throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const [user, municipalities] = await Promise.all([editedUser(params.userId), listMunicipalityOptions()]);
  return { user, municipalities, self: admin.id === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const formData = await readForm(request);
  const user = await editedUser(params.userId);
  const submission = parseWithZod(formData, { schema: EditUserSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), saved: false, sessionsEnded: false }, { status: 400 });
  }
  const { name, email, role, municipalityId } = submission.value;
  const result = await updateUser(
    user.id,
    { name, email, role, municipalityId: municipalityId ?? null },
    actorOf(admin),
  );
  if (!result) throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
  if (!result.ok) {
    return data(
      {
        result: submission.reply({ fieldErrors: { [result.field]: [`errorCodes.${result.code}`] } }),
        saved: false,
        sessionsEnded: false,
      },
      { status: 400 },
    );
  }
  return data({
    result: submission.reply(),
    saved: true,
    sessionsEnded: result.changed.includes("role") || result.changed.includes("municipalityId"),
  });
}

export default function EditUserPage() {
  const { user, municipalities, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(EditUserSchema, actionData?.result, {
    name: user.name,
    email: user.email,
    role: user.role,
    municipalityId: user.municipalityId ?? "",
  });
  return (
    <div className="h10-narrow">
      <Paragraph>
        <Link className="utrecht-link" to="/beheer/gebruikers">
          {t("admin.backToUsers")}
        </Link>
      </Paragraph>
      <Heading1>{t("admin.editUserTitle", { name: user.name })}</Heading1>
      {actionData?.saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("admin.userSaved")}</Paragraph>
          {actionData.sessionsEnded ? <Paragraph>{t("admin.userSessionsEnded")}</Paragraph> : null}
        </Alert>
      ) : null}
      {self ? <Paragraph>{t("admin.editSelfHint")}</Paragraph> : null}
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="edit" />
        <UserFields fields={fields} municipalities={municipalities} roleDescription={t("admin.roleChangeHint")} />
        <SubmitButton appearance="primary-action-button">{t("admin.saveUser")}</SubmitButton>
      </Form>
    </div>
  );
}
