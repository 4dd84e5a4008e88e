import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { describedBy, PlainField } from "~/components/form-fields";
import { createApiTokenOnce, expiryOf, listApiTokens, revokeApiToken } from "~/models/api-token.server";
import { secondFactorRequired } from "~/models/second-factor.server";
import { hasCalendarToken, rotateCalendarToken } from "~/models/calendar-feed.server";
import { mailPreferences, setMailPreferences } from "~/models/mail-preference.server";
import { frequenciesOf, KINDS_OF_CATEGORY, MAIL_CATEGORIES, MAIL_KINDS } from "~/utils/mail-categories";
import { mailConfigured } from "~/utils/mail.server";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDateTime } from "~/utils/format";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS } from "~/utils/token-lifetime";
import { clientIp, httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";

export const meta = pageTitle("settings");

const CreateSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1, "validation.nameRequired").max(100, "validation.tooLong"),
  lifetimeDays: z.coerce
    .number()
    .refine((d) => (TOKEN_LIFETIME_DAYS as readonly number[]).includes(d), "validation.tokenLifetimeInvalid")
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
});
const FeedSchema = z.object({ intent: z.literal("feed") });
const RevokeSchema = z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1).max(64) });
/** The message of a refused e-mail choice (mail-preference.server.ts checks them: no "off" for reminders). */
const MAIL_ERRORS = {
  reminders_required: "validation.remindersRequired",
  mail_frequency_invalid: "validation.mailFrequencyInvalid",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tokens, hasFeed, mail] = await Promise.all([
    listApiTokens(user.id),
    hasCalendarToken(user.id),
    mailPreferences(user.id),
  ]);
  const now = Date.now();
  return {
    mail,
    mailOn: mailConfigured(),
    // Without a council of one's own (a secretary, an administrator) the council's kinds are named for any council.
    ownCouncil: user.municipalityId !== null,
    formKey: newFormKey(),
    hasFeed,
    passwordChanged: new URL(request.url).searchParams.get("wachtwoord") === "gewijzigd",
    secondFactor: { enabled: user.totpEnabledAt !== null, required: secondFactorRequired(user.role) },
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      expiresAt: expiryOf(t).toISOString(),
      expired: expiryOf(t).getTime() <= now,
      revoked: t.revokedAt !== null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const fields = Object.fromEntries(formData);
  if (FeedSchema.safeParse(fields).success) {
    const token = await rotateCalendarToken(actorOf(user));
    return data({
      created: null,
      repeated: false,
      error: null,
      feedUrl: `${new URL(request.url).origin}/agenda/${token}.ics`,
    });
  }
  if (fields.intent === "mail") {
    // One frequency per kind of notification; a kind left out is refused like an unknown choice.
    const choices = Object.fromEntries(
      MAIL_KINDS.map((kind) => [kind, typeof fields[kind] === "string" ? fields[kind] : ""]),
    );
    const saved = await setMailPreferences(user.id, choices, { actor: actorOf(user), via: "settings" });
    if (!saved.ok)
      return data(
        {
          created: null,
          repeated: false,
          error: null,
          feedUrl: null,
          code: saved.code,
          mailError: MAIL_ERRORS[saved.code],
        },
        { status: 400 },
      );
    return data({ created: null, repeated: false, error: null, feedUrl: null, mailSaved: true });
  }
  if (fields.intent === "revoke") {
    const parsed = RevokeSchema.safeParse(fields);
    if (
      !parsed.success ||
      !(await revokeApiToken(user.id, parsed.data.tokenId, { actor: actorOf(user), origin: clientIp(context) }))
    ) {
      throw httpError(404, "token_not_found", "Dit token bestaat niet of is al ingetrokken.");
    }
    return data({ created: null, repeated: false, error: null, feedUrl: null });
  }
  const parsed = CreateSchema.safeParse(fields);
  if (!parsed.success)
    return data(
      { created: null, repeated: false, error: parsed.error.issues[0]!.message, feedUrl: null },
      { status: 400 },
    );
  const created = await createApiTokenOnce(
    user.id,
    parsed.data.name,
    { actor: actorOf(user), origin: clientIp(context), lifetimeDays: parsed.data.lifetimeDays },
    formKeyOf(formData),
  );
  if (!created.ok)
    return data(
      { created: null, repeated: false, error: `errorCodes.${created.code}`, feedUrl: null },
      { status: created.status },
    );
  // A second post of the form creates no second token; the first answer showed the token, which is not kept.
  return data({ created: created.token, repeated: created.token === null, error: null, feedUrl: null });
}

export default function SettingsPage() {
  const { tokens, hasFeed, passwordChanged, secondFactor, formKey, mail, mailOn, ownCouncil } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading1>{t("settings.title")}</Heading1>
      {passwordChanged ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("password.changed")}</Paragraph>
        </Alert>
      ) : null}
      <Heading2>{t("settings.security")}</Heading2>
      <UnorderedList>
        <UnorderedListItem>
          <a className="utrecht-link" href="/instellingen/wachtwoord">
            {t("password.title")}
          </a>
        </UnorderedListItem>
        <UnorderedListItem>
          <a className="utrecht-link" href="/instellingen/tweestapsverificatie">
            {t("secondFactor.settingsTitle")}
          </a>{" "}
          —{" "}
          {secondFactor.enabled
            ? t("secondFactor.on")
            : secondFactor.required
              ? t("secondFactor.offRequired")
              : t("secondFactor.off")}
        </UnorderedListItem>
      </UnorderedList>
      <Heading2 id="e-mail">{t("mailSettings.title")}</Heading2>
      <Paragraph>{t(mailOn ? "mailSettings.intro" : "mailSettings.noServer")}</Paragraph>
      {actionData && "mailSaved" in actionData ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("mailSettings.saved")}</Paragraph>
        </ActionMessage>
      ) : null}
      {actionData && "mailError" in actionData && typeof actionData.mailError === "string" ? (
        <Alert type="error" role="alert">
          <Paragraph>{t(actionData.mailError)}</Paragraph>
        </Alert>
      ) : null}
      <Form method="post" aria-label={t("mailSettings.title")} className="h10-form h10-mail-kinds">
        <CsrfInput />
        <input type="hidden" name="intent" value="mail" />
        {MAIL_CATEGORIES.map((category) => (
          <Fieldset key={category}>
            <FieldsetLegend>{t(`mailSettings.categories.${category}`)}</FieldsetLegend>
            {category === "reminders" ? <Paragraph>{t("mailSettings.remindersNote")}</Paragraph> : null}
            {KINDS_OF_CATEGORY[category].map((kind) => (
              <PlainField
                key={kind}
                id={`mail-${kind}`}
                label={t(
                  !ownCouncil && i18n.exists(`mailSettings.regionalKinds.${kind}`)
                    ? `mailSettings.regionalKinds.${kind}`
                    : `mailSettings.kinds.${kind}`,
                )}
              >
                <select
                  className="utrecht-select"
                  id={`mail-${kind}`}
                  name={kind}
                  defaultValue={mail[kind]}
                  aria-describedby={describedBy(`mail-${kind}`, false, false)}
                >
                  {frequenciesOf(kind).map((frequency) => (
                    <option key={frequency} value={frequency}>
                      {t(`mailSettings.frequencies.${frequency}`)}
                    </option>
                  ))}
                </select>
              </PlainField>
            ))}
          </Fieldset>
        ))}
        <SubmitButton appearance="secondary-action-button">{t("mailSettings.save")}</SubmitButton>
      </Form>
      <Heading2>{t("settings.calendar")}</Heading2>
      <Paragraph>{t("settings.calendarIntro")}</Paragraph>
      {actionData?.feedUrl ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("settings.feedCreated")}</Paragraph>
          <Paragraph>
            <code data-testid="feed-url">{actionData.feedUrl}</code>
          </Paragraph>
        </ActionMessage>
      ) : null}
      <IntentButton
        intent="feed"
        className="h10-inline-form"
        formLabel={t("settings.calendar")}
        appearance="secondary-action-button"
        label={hasFeed ? t("settings.rotateFeed") : t("settings.createFeed")}
      />
      <Heading2>{t("settings.apiTokens")}</Heading2>
      <Paragraph>{t("settings.apiIntro")}</Paragraph>
      {actionData?.created ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("settings.tokenCreated")}</Paragraph>
          <Paragraph>
            <code data-testid="new-token">{actionData.created}</code>
          </Paragraph>
        </ActionMessage>
      ) : null}
      {actionData?.repeated ? (
        <Alert type="info" role="status">
          <Paragraph>{t("settings.tokenRepeated")}</Paragraph>
        </Alert>
      ) : null}
      {tokens.length ? (
        <UnorderedList>
          {tokens.map((token) => (
            <UnorderedListItem key={token.id}>
              {token.name} ({token.prefix}…) —{" "}
              {t("settings.created", { at: formatDateTime(token.createdAt, i18n.language) })}
              {`, ${
                token.lastUsedAt
                  ? t("settings.lastUsed", { at: formatDateTime(token.lastUsedAt, i18n.language) })
                  : t("settings.neverUsed")
              }, ${t(token.expired ? "settings.expired" : "settings.expires", {
                at: formatDateTime(token.expiresAt, i18n.language),
              })}`}
              {token.revoked ? (
                ` — ${t("settings.revoked")}`
              ) : (
                <IntentButton
                  intent="revoke"
                  fields={{ tokenId: token.id }}
                  className="h10-inline-form"
                  appearance="subtle-button"
                  aria-label={t("settings.revokeOne", { name: token.name })}
                  label={t("settings.revoke")}
                />
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("settings.noTokens")}</Paragraph>
      )}
      <Form method="post" className="h10-inline-form" aria-label={t("settings.newToken")}>
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <input type="hidden" name="intent" value="create" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="token-name">
            {t("settings.tokenName")}
          </label>
          {actionData?.error ? (
            <p className="utrecht-form-field-error-message" id="token-name-error">
              {t(actionData.error)}
            </p>
          ) : null}
          <input
            className="utrecht-textbox"
            id="token-name"
            name="name"
            maxLength={100}
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby={actionData?.error ? "token-name-error" : undefined}
          />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="token-lifetime">
            {t("settings.tokenLifetime")}
          </label>
          <select className="utrecht-select" id="token-lifetime" name="lifetimeDays" defaultValue="365">
            {TOKEN_LIFETIME_DAYS.map((days) => (
              <option key={days} value={days}>
                {t("settings.days", { count: days })}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton appearance="secondary-action-button">{t("settings.newToken")}</SubmitButton>
      </Form>
      <Paragraph>
        <a className="utrecht-link" href="/api/v1/openapi.json">
          {t("settings.apiDocs")}
        </a>
      </Paragraph>
    </>
  );
}
