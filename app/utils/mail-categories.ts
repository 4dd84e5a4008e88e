/**
 * The kinds of notification a user sets e-mail for, grouped under the categories the settings page shows them in,
 * and the frequencies each offers (the settings page and mail-preference.server.ts).
 */
export const MAIL_CATEGORIES = ["trails", "positions", "documents", "reminders"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const MAIL_FREQUENCIES = ["IMMEDIATE", "DAILY", "WEEKLY", "OFF"] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];

/**
 * Every notification kind written (notification.server.ts, trail-workflow.server.ts and the other models that call
 * notifyFollowers or notifyCouncils), under its category. A new kind must be added here: its e-mail preference
 * and the settings page's row come from this list.
 */
export const KINDS_OF_CATEGORY = {
  trails: ["trailStarted", "trailStep", "agendaProposed", "agendaAccepted", "agendaMoved"],
  positions: ["positionLogged", "zienswijzeAnswered"],
  documents: ["documentSent", "targetSet", "deadlineSet", "deadlineMoved", "sharedDraftPublished"],
  reminders: ["deadlineDueSoon", "deadlineOverdue"],
} as const satisfies Record<MailCategory, readonly string[]>;
export type MailKind = (typeof KINDS_OF_CATEGORY)[MailCategory][number];
export const MAIL_KINDS: readonly MailKind[] = MAIL_CATEGORIES.flatMap((c) => KINDS_OF_CATEGORY[c]);

export const isMailKind = (kind: string): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind);

/** The category of a notification kind; an unknown kind counts as a change on a trail. */
export function categoryOf(kind: string): MailCategory {
  return MAIL_CATEGORIES.find((c) => (KINDS_OF_CATEGORY[c] as readonly string[]).includes(kind)) ?? "trails";
}

/** Reminders of deadlines: their e-mail cannot be switched off (a clerk must hear of their council's deadlines). */
export const isReminderKind = (kind: string): boolean => categoryOf(kind) === "reminders";

/** The frequencies a kind offers: every one, but no "off" for reminders. */
export const frequenciesOf = (kind: string): readonly MailFrequency[] =>
  isReminderKind(kind) ? MAIL_FREQUENCIES.filter((f) => f !== "OFF") : MAIL_FREQUENCIES;
