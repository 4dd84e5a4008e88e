/**
 * Next year's budget cycle, proposed from this one (issue 19): the texts with the budget year moved on, and the
 * AB meeting a year later. Pure; app/models/next-cycle.server.ts writes the new cycle.
 */
import { addDays, addMonths, isAtwRestDay, yearOf, type CalendarDate } from "../shared/dates";

/**
 * A cycle's title, reference or summary for the next budget year: every whole `year` in it becomes the year
 * after ("Begroting 2025 GR …" → "Begroting 2026 GR …", "H10-BEGR-2025" → "H10-BEGR-2026"); other years (the
 * cost "in 2021") stay. Null when the text does not name the year.
 */
export function withNextYear(text: string, year: number): string | null {
  const pattern = new RegExp(`(?<![0-9])${year}(?![0-9])`, "g");
  return pattern.test(text) ? text.replace(pattern, String(year + 1)) : null;
}

/** The title of the next cycle: the year moved on, or the year added when the title does not name it. */
export function nextCycleTitle(title: string, year: number): string {
  return withNextYear(title, year) ?? `${title} (${year + 1})`;
}

/** The reference of the next cycle: the year moved on, or the year added when the reference does not name it. */
export function nextCycleReference(reference: string, year: number): string {
  return withNextYear(reference, year) ?? `${reference}-${year + 1}`;
}

/**
 * The proposed AB meeting of the next cycle: the same day a year later (29 February becomes 28 February), moved
 * on to the next working day when that is a Saturday, Sunday or holiday, and back to the last working day
 * before it when moving on would leave the year (the AB adopts in the year before the budget year).
 */
export function proposedAbMeeting(abMeetingOn: CalendarDate): CalendarDate {
  const sameDay = addMonths(abMeetingOn, 12);
  let day = sameDay;
  while (isAtwRestDay(day)) day = addDays(day, 1);
  if (yearOf(day) === yearOf(sameDay)) return day;
  day = sameDay;
  while (isAtwRestDay(day)) day = addDays(day, -1);
  return day;
}
