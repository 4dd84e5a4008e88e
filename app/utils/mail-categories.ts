/**
 * The categories of notification a user sets e-mail for, and the frequencies each offers (the settings page and
 * mail-preference.server.ts).
 */
export const MAIL_CATEGORIES = ["trails", "positions", "documents", "reminders"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const MAIL_FREQUENCIES = ["IMMEDIATE", "DAILY", "WEEKLY", "OFF"] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];

/** The category of a notification kind (notification.server.ts and trail-workflow.server.ts write the kinds). */
export function categoryOf(kind: string): MailCategory {
  switch (kind) {
    case "positionLogged":
      return "positions";
    case "documentSent":
    case "targetSet":
    case "deadlineSet":
    case "deadlineMoved":
    case "sharedDraftPublished":
      return "documents";
    case "deadlineDueSoon":
    case "deadlineOverdue":
      return "reminders";
    default:
      return "trails";
  }
}

/** The frequencies a category offers: every one, but no "off" for reminders. */
export const frequenciesOf = (category: MailCategory): readonly MailFrequency[] =>
  category === "reminders" ? MAIL_FREQUENCIES.filter((f) => f !== "OFF") : MAIL_FREQUENCIES;
