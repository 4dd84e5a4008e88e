/**
 * E-mail preferences per user and category of notification: at once, in a daily or a weekly digest, or not by
 * e-mail (in the app only). Reminders of deadlines cannot be switched off: a clerk must hear of their council's
 * deadlines. A notification's e-mail is due (its `mailAfter`) at once, at 07:00 (Amsterdam) the next day, or at
 * 07:00 the next Monday; the outbox (mail-outbox.server.ts) sends what is due for one reader as one e-mail.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { mailConfigured } from "~/utils/mail.server";
import {
  categoryOf,
  frequenciesOf,
  MAIL_CATEGORIES,
  type MailCategory,
  type MailFrequency,
} from "~/utils/mail-categories";
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
  const category = categoryOf(kind);
  const chosen = new Map(
    (
      await db.mailPreference.findMany({
        where: { userId: { in: userIds }, category },
        select: { userId: true, frequency: true },
      })
    ).map((p) => [p.userId, p.frequency as MailFrequency]),
  );
  return new Map(userIds.map((id) => [id, mailAfterFor(chosen.get(id) ?? "IMMEDIATE", now)]));
}

/** A user's choice per category (at once where none is stored). */
export async function mailPreferences(userId: string): Promise<Record<MailCategory, MailFrequency>> {
  const rows = await prisma.mailPreference.findMany({ where: { userId } });
  return Object.fromEntries(
    MAIL_CATEGORIES.map((category) => [
      category,
      (rows.find((r) => r.category === category)?.frequency as MailFrequency | undefined) ?? "IMMEDIATE",
    ]),
  ) as Record<MailCategory, MailFrequency>;
}

/** Stores a user's choices; a choice a category does not offer (reminders off) is refused, and nothing is written. */
export async function setMailPreferences(
  userId: string,
  choices: Record<MailCategory, MailFrequency>,
): Promise<{ ok: true } | { ok: false; code: "reminders_required" }> {
  if (!frequenciesOf("reminders").includes(choices.reminders)) return { ok: false, code: "reminders_required" };
  await prisma.$transaction(
    MAIL_CATEGORIES.map((category) =>
      prisma.mailPreference.upsert({
        where: { userId_category: { userId, category } },
        create: { userId, category, frequency: choices[category] },
        update: { frequency: choices[category] },
      }),
    ),
  );
  return { ok: true };
}
