/**
 * E-mail preferences per user and kind of notification (app/utils/mail-categories.ts): at once, in a daily or a
 * weekly digest, or not by e-mail (in the app only). Reminders of deadlines cannot be switched off: a clerk must
 * hear of their council's deadlines. A notification's e-mail is due (its `mailAfter`) at once, at 07:00
 * (Amsterdam) the next day, or at 07:00 the next Monday; the outbox (mail-outbox.server.ts) sends what is due for
 * one reader as one e-mail.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { mailConfigured } from "~/utils/mail.server";
import {
  frequenciesOf,
  isMailKind,
  isReminderKind,
  MAIL_KINDS,
  type MailFrequency,
  type MailKind,
} from "~/utils/mail-categories";
import type { Actor } from "~/utils/permissions";
import { readUnsubscribeToken } from "~/utils/unsubscribe-token.server";
import { appendEvent } from "./event.server";
import { addDays, weekday } from "~workflows/shared/dates";

/** The hour of the day digests go out, in Amsterdam. */
export const DIGEST_HOUR = 7;

/** When a notification made at `now` is e-mailed at this frequency; null: not by e-mail. */
export function mailAfterFor(frequency: MailFrequency, now: Date): Date | null {
  if (frequency === "OFF") return null;
  if (frequency === "IMMEDIATE") return now;
  const today = toDateInputValue(now);
  // The next 07:00 after now; for the weekly digest, the next Monday's.
  for (let days = 0; days <= 7; days++) {
    const day = addDays(today, days);
    const at = fromDateInputValue(day, DIGEST_HOUR);
    if (at <= now || (frequency === "WEEKLY" && weekday(day) !== 1)) continue;
    return at;
  }
  throw new Error("unreachable");
}

type Db = Prisma.TransactionClient | typeof prisma;

/** Each reader's e-mail time for a notification of `kind` made at `now`: null without SMTP, or when off. */
export async function mailTimes(db: Db, userIds: string[], kind: string, now: Date): Promise<Map<string, Date | null>> {
  if (!mailConfigured() || !userIds.length) return new Map(userIds.map((id) => [id, null]));
  const chosen = new Map(
    (
      await db.mailPreference.findMany({
        where: { userId: { in: userIds }, kind },
        select: { userId: true, frequency: true },
      })
    ).map((p) => [p.userId, p.frequency as MailFrequency]),
  );
  // A reminder is never off, whatever a row says.
  const frequency = (id: string) => {
    const stored = chosen.get(id) ?? "IMMEDIATE";
    return frequenciesOf(kind).includes(stored) ? stored : "IMMEDIATE";
  };
  return new Map(userIds.map((id) => [id, mailAfterFor(frequency(id), now)]));
}

/** A user's choice per kind (at once where none is stored). */
export async function mailPreferences(userId: string): Promise<Record<MailKind, MailFrequency>> {
  const rows = await prisma.mailPreference.findMany({ where: { userId } });
  return Object.fromEntries(
    MAIL_KINDS.map((kind) => [
      kind,
      (rows.find((r) => r.kind === kind)?.frequency as MailFrequency | undefined) ?? "IMMEDIATE",
    ]),
  ) as Record<MailKind, MailFrequency>;
}

export type MailPreferenceRefusal = "reminders_required" | "mail_frequency_invalid";

/**
 * Stores a user's choices for the kinds given (the settings page gives every kind, the one-click unsubscribe the
 * kinds of one e-mail), and appends what changed to the audit trail (`via`: the settings page or an e-mail's
 * unsubscribe link). A choice a kind does not offer (a reminder off), an unknown kind or frequency is refused,
 * and nothing is written.
 */
export async function setMailPreferences(
  userId: string,
  choices: Partial<Record<string, string>>,
  audit: { actor: Actor; via: "settings" | "unsubscribe_link" },
): Promise<
  { ok: true; changed: Partial<Record<MailKind, MailFrequency>> } | { ok: false; code: MailPreferenceRefusal }
> {
  const entries = Object.entries(choices);
  for (const [kind, frequency] of entries) {
    if (!isMailKind(kind)) return { ok: false, code: "mail_frequency_invalid" };
    if (!frequenciesOf(kind).includes(frequency as MailFrequency))
      return { ok: false, code: isReminderKind(kind) ? "reminders_required" : "mail_frequency_invalid" };
  }
  const before = await mailPreferences(userId);
  const changed = Object.fromEntries(
    entries.filter(([kind, frequency]) => before[kind as MailKind] !== frequency),
  ) as Partial<Record<MailKind, MailFrequency>>;
  if (!Object.keys(changed).length) return { ok: true, changed };
  await prisma.$transaction(async (tx) => {
    for (const [kind, frequency] of Object.entries(changed))
      await tx.mailPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, frequency },
        update: { frequency },
      });
    await appendEvent(tx, {
      type: "mail_preferences.changed",
      actor: audit.actor,
      payload: { subjectUserId: userId, via: audit.via, changed },
    });
  });
  return { ok: true, changed };
}

/**
 * The user and kinds an e-mail's unsubscribe token names (app/utils/unsubscribe-token.server.ts), or null when it
 * is not one this server signed or its user no longer exists.
 */
export async function readUnsubscribe(token: string | null) {
  const named = readUnsubscribeToken(token);
  const user = named
    ? await prisma.user.findUnique({
        where: { id: named.userId },
        select: { id: true, role: true, municipalityId: true, name: true },
      })
    : null;
  return named && user ? { user, kinds: named.kinds } : null;
}

/**
 * The one-click unsubscribe (RFC 8058): switches off e-mail of the kinds the token names for its user, and audits
 * it with the user as actor (the signed token stands for them). A token that is not valid changes nothing.
 */
export async function unsubscribeByToken(
  token: string | null,
): Promise<{ ok: true; kinds: MailKind[] } | { ok: false; code: "unsubscribe_token_invalid" | MailPreferenceRefusal }> {
  const named = await readUnsubscribe(token);
  if (!named) return { ok: false, code: "unsubscribe_token_invalid" };
  const saved = await setMailPreferences(named.user.id, Object.fromEntries(named.kinds.map((kind) => [kind, "OFF"])), {
    actor: named.user,
    via: "unsubscribe_link",
  });
  return saved.ok ? { ok: true, kinds: named.kinds } : saved;
}
