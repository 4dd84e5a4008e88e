import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput } from "~/components/csrf-input";
import { UserFields } from "~/components/user-fields";
import { FormErrors, TextField, useValidatedForm } from "~/components/form-fields";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { removeSecondFactor } from "~/models/second-factor.server";
import { createUser, getUserForEdit, listUsers, setTemporaryPassword, setUserDisabled } from "~/models/user.server";
import { CreateUserSchema, ToggleUserSchema, UserSecuritySchema } from "~/schemas/admin";
import { readForm } from "~/utils/csrf.server";
import { clientIp, httpError } from "~/utils/http.server";
import { generatePassword } from "~/utils/password.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { ActionMessage, ConfirmStep } from "~/components/action-message";
import { isConfirmed } from "~/utils/confirm";

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

/** The acts on a user that ask first: each locks the user out of what they had (ConfirmStep). */
type ConfirmedIntent = "disable" | "temporary-password" | "reset-second-factor";

/** The question, its consequence and the confirming button of each act that asks first. */
const CONFIRM_TEXTS: Record<ConfirmedIntent, { question: string; consequence: string; button: string }> = {
  disable: {
    question: "admin.confirmDisable",
    consequence: "admin.confirmDisableConsequence",
    button: "admin.confirmDisableButton",
  },
  "temporary-password": {
    question: "admin.confirmTemporaryPassword",
    consequence: "admin.confirmTemporaryPasswordConsequence",
    button: "admin.confirmTemporaryPasswordButton",
  },
  "reset-second-factor": {
    question: "admin.confirmResetSecondFactor",
    consequence: "admin.confirmResetSecondFactorConsequence",
    button: "admin.confirmResetSecondFactorButton",
  },
};

/** The user an answer is about, named in its message. */
type Subject = { name: string; email: string };

/** Every answer of the action has the same fields; those not given are empty. */
function answer(
  fields: {
    result?: SubmissionResult<string[]>;
    created?: boolean;
    toggled?: "disable" | "enable";
    secondFactorReset?: boolean;
    temporary?: string;
    confirm?: { intent: ConfirmedIntent; userId: string };
    user?: Subject;
  },
  status = 200,
) {
  return data(
    {
      result: fields.result,
      created: fields.created ?? false,
      toggled: fields.toggled ?? null,
      secondFactorReset: fields.secondFactorReset ?? false,
      temporary: fields.temporary ?? null,
      confirm: fields.confirm ?? null,
      user: fields.user ?? null,
    },
    { status },
  );
}

/** The user a row's button acts on, or a 404. */
async function subjectOf(userId: string) {
  const user = await getUserForEdit(userId);
  if (!user) throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
  return { id: user.id, name: user.name, email: user.email };
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
    const { id, ...user } = await subjectOf(parsed.data.userId);
    const context_ = { actor: actorOf(admin), origin: clientIp(context) };
    // Both end every session of the user, and a reset leaves the account with its password alone until the user
    // enrols again: the first post asks, the confirmed one acts.
    if (!isConfirmed(formData)) return answer({ confirm: { intent: parsed.data.intent, userId: id }, user });
    if (parsed.data.intent === "reset-second-factor") {
      if (!(await removeSecondFactor(id, { ...context_, reset: true })))
        throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
      return answer({ secondFactorReset: true, user });
    }
    // A generated password, shown once to the administrator, who passes it on by another channel.
    const temporary = generatePassword();
    if (!(await setTemporaryPassword(id, temporary, context_)))
      throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
    return answer({ temporary, user });
  }
  if (intent === "disable" || intent === "enable") {
    const parsed = ToggleUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw httpError(400, "invalid_input", "Ongeldige invoer.");
    if (parsed.data.userId === admin.id)
      throw httpError(400, "cannot_disable_self", "U kunt uw eigen account niet blokkeren.");
    const { id, ...user } = await subjectOf(parsed.data.userId);
    // Blocking locks the user out and ends every session: the first post asks, the confirmed one blocks.
    if (parsed.data.intent === "disable" && !isConfirmed(formData))
      return answer({ confirm: { intent: "disable", userId: id }, user });
    const found = await setUserDisabled(id, parsed.data.intent === "disable", actorOf(admin));
    if (!found) throw httpError(404, "user_not_found", "Deze gebruiker bestaat niet.");
    if (found === "last_admin")
      throw httpError(409, "last_admin", "Er moet minstens één actieve beheerder overblijven.");
    return answer({ toggled: parsed.data.intent, user });
  }
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") {
    return answer({ result: submission.reply({ hideFields: ["password"] }) }, 400);
  }
  const { name, email, role, municipalityId, password } = submission.value;
  const result = await createUser(
    { name, email, role, municipalityId: municipalityId ?? null, password },
    actorOf(admin),
  );
  if (!result.ok) {
    return answer(
      {
        result: submission.reply({
          fieldErrors: { [result.field]: [`errorCodes.${result.code}`] },
          hideFields: ["password"],
        }),
      },
      400,
    );
  }
  return answer({ result: submission.reply({ resetForm: true }), created: true, user: { name, email } });
}

export default function UsersPage() {
  const { users, municipalities, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(CreateUserSchema, actionData?.result);
  const subject = actionData?.user ?? null;
  const columns = {
    name: t("admin.name"),
    email: t("admin.email"),
    role: t("admin.role"),
    municipality: t("region.municipality"),
    status: t("admin.status"),
    security: t("admin.security"),
  };
  return (
    <>
      <Heading1>{t("admin.users")}</Heading1>
      {actionData?.temporary && subject ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>
            {t("admin.temporaryPasswordOf", subject)}{" "}
            <code data-testid="temporary-password">{actionData.temporary}</code>
          </Paragraph>
          <Paragraph>{t("admin.temporaryPasswordSet", subject)}</Paragraph>
        </ActionMessage>
      ) : null}
      {actionData?.confirm && subject ? (
        <ConfirmStep
          answer={actionData}
          question={t(CONFIRM_TEXTS[actionData.confirm.intent].question, subject)}
          consequence={t(CONFIRM_TEXTS[actionData.confirm.intent].consequence, subject)}
          fields={{ intent: actionData.confirm.intent, userId: actionData.confirm.userId }}
          confirmLabel={t(CONFIRM_TEXTS[actionData.confirm.intent].button)}
        />
      ) : null}
      {actionData?.toggled && subject ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>
            {t(actionData.toggled === "disable" ? "admin.userDisabled" : "admin.userEnabled", subject)}
          </Paragraph>
        </ActionMessage>
      ) : null}
      {actionData?.secondFactorReset ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("admin.secondFactorResetDone")}</Paragraph>
        </ActionMessage>
      ) : null}
      {actionData?.created ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("admin.userCreated")}</Paragraph>
        </ActionMessage>
      ) : null}
      <DataTable
        caption={t("admin.usersCaption", { count: users.length })}
        stacked
        columns={Object.values(columns).map((label) => ({ label }))}
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
            <TableCell data-label={columns.email}>{user.email}</TableCell>
            <TableCell data-label={columns.role}>{t(`roles.${user.role}`)}</TableCell>
            <TableCell data-label={columns.municipality}>{user.municipality?.name ?? t("admin.regional")}</TableCell>
            <TableCell data-label={columns.status}>
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
            <TableCell data-label={columns.security}>
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
