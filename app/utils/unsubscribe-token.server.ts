/**
 * The signed token of an e-mail's one-click unsubscribe link (RFC 8058): it names the reader and the kinds of
 * notification the e-mail contained, and is signed with an HMAC under a key derived from SESSION_SECRET, so only
 * this server makes one and a changed letter makes it worthless. It is the only authentication of
 * /e-mail/afmelden (no session, no CSRF token: the mail provider posts it). It does not expire: an old e-mail's
 * link only switches off what that e-mail was about. Reminders of deadlines are never named: they cannot be
 * switched off. Rotating SESSION_SECRET makes the links in e-mails sent before it worthless.
 *
 * Form: `<userId>.<kind>-<kind>….<signature>` (base64url), short enough for a header line.
 */
import crypto from "node:crypto";
import { getEnv } from "./env.server";
import { isMailKind, isReminderKind, type MailKind } from "./mail-categories";

const key = () => Buffer.from(crypto.hkdfSync("sha256", getEnv().SESSION_SECRET, "h10", "h10 unsubscribe v1", 32));

const sign = (payload: string) => crypto.createHmac("sha256", key()).update(payload).digest("base64url");

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The kinds of `kinds` one can switch off, each once, in a stable order. */
export function unsubscribableKinds(kinds: readonly string[]): MailKind[] {
  return [...new Set(kinds)].filter((k): k is MailKind => isMailKind(k) && !isReminderKind(k)).sort();
}

/** The token for switching off `kinds` for a user; null when none of them can be switched off. */
export function unsubscribeToken(userId: string, kinds: readonly string[]): string | null {
  const named = unsubscribableKinds(kinds);
  if (!named.length || !USER_ID.test(userId)) return null;
  const payload = `${userId}.${named.join("-")}`;
  return `${payload}.${sign(payload)}`;
}

/** The user and kinds a token names, or null when it is not one this server signed. */
export function readUnsubscribeToken(token: string | null | undefined): { userId: string; kinds: MailKind[] } | null {
  if (typeof token !== "string" || token.length > 1000) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [userId, list, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${userId}.${list}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const kinds = list.split("-");
  // Signed by this server, so well formed; checked all the same.
  if (!USER_ID.test(userId) || unsubscribableKinds(kinds).join("-") !== list) return null;
  return { userId, kinds: kinds as MailKind[] };
}
