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
import { DataTable } from "~/components/data-table";
import { CsrfInput } from "~/components/csrf-input";
import { UserFields } from "~/components/user-fields";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { removeSecondFactor } from "~/models/second-factor.server";
import { createUser, listUsers, setTemporaryPassword, setUserDisabled } from "~/models/user.server";
import { CreateUserSchema, ToggleUserSchema, UserSecuritySchema } from "~/schemas/admin";
import { readForm } from "~/utils/csrf.server";
import { clientIp, httpError } from "~/utils/http.server";
import { generatePassword } from "~/utils/password.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("users");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const [users, municipalities] = await Promise.all([listUsers(), listMunicipalityOptions()]);
  return {
    selfId: admin.id,
    municipalities,
    users: users.map((u) => ({
      ...u,
      disabled: u.disabledAt !== null,
      disabledAt: undefined,
      secondFactor: u.totpEnabledAt !== null,
      totpEnabledAt: undefined,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "reset-second-factor" || intent === "temporary-password") {
    const parsed = UserSecuritySchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw httpError(400, "invalid_input", "Ongeldige invoer.");
    if (parsed.data.userId === admin.id)
      throw httpError(400, "cannot_reset_self", "Wijzig uw eigen beveiliging bij Instellingen.");
    const context_ = { actor: actorOf(admin), origin: clientIp(context) };
    if (parsed.data.intent === "reset-second-factor") {
      if (!(await removeSecondFactor(parsed.data.userId, { ...context_, reset: true })))
        throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
      return data({ result: undefined, created: false, toggled: null, secondFactorReset: true, temporary: null });
    }
    // A generated password, shown once to the administrator, who passes it on by another channel.
    const temporary = generatePassword();
    if (!(await setTemporaryPassword(parsed.data.userId, temporary, context_)))
      throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
    return data({ result: undefined, created: false, toggled: null, secondFactorReset: false, temporary });
  }
  if (intent === "disable" || intent === "enable") {
    const parsed = ToggleUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw httpError(400, "invalid_input", "Ongeldige invoer.");
    if (parsed.data.userId === admin.id)
      throw httpError(400, "cannot_disable_self", "U kunt uw eigen account niet blokkeren.");
    const found = await setUserDisabled(parsed.data.userId, parsed.data.intent === "disable", actorOf(admin));
    if (!found) throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
    if (found === "last_admin")
      throw httpError(409, "last_admin", "Er moet minstens één actieve beheerder overblijven.");
    return data({
      result: undefined,
      created: false,
      toggled: parsed.data.intent,
      secondFactorReset: false,
      temporary: null,
    });
  }
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") {
    return data(
      {
        result: submission.reply({ hideFields: ["password"] }),
        created: false,
        toggled: null,
        secondFactorReset: false,
        temporary: null,
      },
      { status: 400 },
    );
  }
  const { name, email, role, municipalityId, password } = submission.value;
  const result = await createUser(
    { name, email, role, municipalityId: municipalityId ?? null, password },
    actorOf(admin),
  );
  if (!result.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { [result.field]: [`errorCodes.${result.code}`] },
          hideFields: ["password"],
        }),
        created: false,
        toggled: null,
        secondFactorReset: false,
        temporary: null,
      },
      { status: 400 },
    );
  }
  return data({
    result: submission.reply({ resetForm: true }),
    created: true,
    toggled: null,
    secondFactorReset: false,
    temporary: null,
  });
}

export default function UsersPage() {
  const { users, municipalities, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(CreateUserSchema, actionData?.result);
  return (
    <>
      <Heading1>{t("admin.users")}</Heading1>
      {actionData?.temporary ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("admin.temporaryPasswordSet")}</Paragraph>
          <Paragraph>
            <code data-testid="temporary-password">{actionData.temporary}</code>
          </Paragraph>
        </Alert>
      ) : null}
      {actionData?.secondFactorReset ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("admin.secondFactorResetDone")}</Paragraph>
        </Alert>
      ) : null}
      {actionData?.created ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("admin.userCreated")}</Paragraph>
        </Alert>
      ) : null}
      <DataTable
        caption={t("admin.usersCaption", { count: users.length })}
        columns={[
          { label: t("admin.name") },
          { label: t("admin.email") },
          { label: t("admin.role") },
          { label: t("region.municipality") },
          { label: t("admin.status") },
          { label: t("admin.security") },
        ]}
      >
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableHeaderCell scope="row">
              {user.name}{" "}
              <Link
                className="utrecht-link"
                to={`/beheer/gebruikers/${user.id}`}
                aria-label={t("admin.editUserOf", { name: user.name })}
              >
                {t("admin.edit")}
              </Link>
            </TableHeaderCell>
            <TableCell>{user.email}</TableCell>
            <TableCell>{t(`roles.${user.role}`)}</TableCell>
            <TableCell>{user.municipality?.name ?? t("admin.regional")}</TableCell>
            <TableCell>
              {user.disabled ? t("admin.disabled") : t("admin.active")}
              {user.id !== selfId ? (
                <Form method="post" className="h10-inline-form">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={user.id} />
                  <SubmitButton
                    name="intent"
                    value={user.disabled ? "enable" : "disable"}
                    appearance="subtle-button"
                    aria-label={t(user.disabled ? "admin.enableUser" : "admin.disableUser", { name: user.name })}
                  >
                    {t(user.disabled ? "admin.enable" : "admin.disable")}
                  </SubmitButton>
                </Form>
              ) : null}
            </TableCell>
            <TableCell>
              {user.secondFactor ? t("secondFactor.on") : t("secondFactor.off")}
              {user.mustChangePassword ? `, ${t("admin.mustChangePassword")}` : ""}
              {user.id !== selfId ? (
                <Form method="post" className="h10-inline-form">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={user.id} />
                  {user.secondFactor ? (
                    <SubmitButton
                      name="intent"
                      value="reset-second-factor"
                      appearance="subtle-button"
                      aria-label={t("admin.resetSecondFactorOf", { name: user.name })}
                    >
                      {t("admin.resetSecondFactor")}
                    </SubmitButton>
                  ) : null}
                  <SubmitButton
                    name="intent"
                    value="temporary-password"
                    appearance="subtle-button"
                    aria-label={t("admin.temporaryPasswordFor", { name: user.name })}
                  >
                    {t("admin.temporaryPassword")}
                  </SubmitButton>
                </Form>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>

      <Heading2>{t("admin.newUser")}</Heading2>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <UserFields fields={fields} municipalities={municipalities} />
        <TextField
          field={fields.password}
          type="password"
          label={t("admin.initialPassword")}
          description={t("admin.passwordHint")}
          autoComplete="new-password"
        />
        <SubmitButton appearance="primary-action-button">{t("admin.createUser")}</SubmitButton>
      </Form>
    </>
  );
}
