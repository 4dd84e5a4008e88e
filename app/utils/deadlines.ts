import { daysBetween } from "../../workflows/shared/dates";

/** Whether a deadline is met, overdue, due soon or open, seen from a calendar day. */
export type DeadlineStatus = "met" | "overdue" | "dueSoon" | "open";

export const DUE_SOON_DAYS = 14;

export function deadlineStatus(dueOn: string, metOn: string | null, today: string): DeadlineStatus {
  if (metOn) return "met";
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  return days <= DUE_SOON_DAYS ? "dueSoon" : "open";
}
