import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Alert, Heading1, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/submit-button";
import { readUnsubscribe, unsubscribeByToken } from "~/models/mail-preference.server";
import { readLimited } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";

/**
 * /e-mail/afmelden?t=…: the one-click unsubscribe of an e-mail (RFC 8058). The signed token in the address is the
 * only authentication: no session and no CSRF token, because the mail provider posts here, on the reader's
 * behalf, with neither (server/cross-origin.ts lets this one path through). A GET only shows what the link
 * switches off, with a button to confirm: it never changes anything, since mail scanners open links. A POST with
 * the body List-Unsubscribe=One-Click switches those kinds of e-mail off.
 */
export const meta = pageTitle("unsubscribe");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** The most bytes of the body read: it is one short field. */
const MAX_BODY = 4096;

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("t");

export async function loader({ request }: LoaderFunctionArgs) {
  const named = await readUnsubscribe(tokenOf(request));
  if (!named) return data({ valid: false as const, kinds: [] }, { status: 400 });
  return { valid: true as const, kinds: named.kinds };
}

/** The posted body's List-Unsubscribe field, form-encoded or multipart (RFC 8058 allows both). */
async function oneClickField(request: Request): Promise<string | null> {
  const bytes = await readLimited(request, MAX_BODY, () => null).catch(() => null);
  if (!bytes) return null;
  const type = request.headers.get("Content-Type") ?? "";
  try {
    const form = type.toLowerCase().startsWith("multipart/form-data")
      ? await new Response(bytes.slice(), { headers: { "Content-Type": type } }).formData()
      : new URLSearchParams(new TextDecoder().decode(bytes));
    const value = form.get("List-Unsubscribe");
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  if ((await oneClickField(request)) !== "One-Click")
    return data(
      {
        done: false as const,
        code: "one_click_required",
        message: "Stuur List-Unsubscribe=One-Click mee.",
        error: "unsubscribe.oneClickRequired",
      },
      { status: 400 },
    );
  const result = await unsubscribeByToken(tokenOf(request));
  if (!result.ok)
    return data(
      {
        done: false as const,
        code: result.code,
        message: "Deze afmeldlink klopt niet: hij is onvolledig of gewijzigd.",
        error: "unsubscribe.invalid",
      },
      { status: 400 },
    );
  return { done: true as const, kinds: result.kinds };
}

export default function UnsubscribePage() {
  const { valid, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { search } = useLocation();
  const list = (
    <UnorderedList>
      {kinds.map((kind) => (
        <UnorderedListItem key={kind}>{t(`mailSettings.kinds.${kind}`)}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
  return (
    <>
      <Heading1>{t("unsubscribe.title")}</Heading1>
      {result && !result.done ? (
        <Alert type="error" role="alert">
          <Paragraph>{t(result.error)}</Paragraph>
        </Alert>
      ) : null}
      {!valid ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("unsubscribe.invalid")}</Paragraph>
        </Alert>
      ) : result?.done ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("unsubscribe.done")}</Paragraph>
          {list}
        </Alert>
      ) : (
        <>
          <Paragraph>{t("unsubscribe.intro")}</Paragraph>
          {list}
          <Paragraph>{t("unsubscribe.stillInApp")}</Paragraph>
          <Form method="post" action={`/e-mail/afmelden${search}`} aria-label={t("unsubscribe.title")}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <SubmitButton>{t("unsubscribe.confirm")}</SubmitButton>
          </Form>
        </>
      )}
      <Paragraph>
        {t("unsubscribe.settingsNote")}{" "}
        <a className="utrecht-link" href="/instellingen#e-mail">
          {t("mail.settings")}
        </a>
      </Paragraph>
    </>
  );
}
