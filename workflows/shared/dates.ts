/**
 * Calendar dates of the legal rules, as plain YYYY-MM-DD strings: a term of
 * eight weeks or a notice year is counted in days on the Amsterdam calendar,
 * so no clock time or time zone enters the rules.
 */
export type CalendarDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: CalendarDate): Date {
  const match = PATTERN.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (utc.toISOString().slice(0, 10) !== date) throw new Error(`Not a calendar date: ${date}`);
  return utc;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== "string") return false;
  try {
    toUtc(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

export function addWeeks(date: CalendarDate, weeks: number): CalendarDate {
  return addDays(date, weeks * 7);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** The same day `months` later; a day the month does not have becomes its last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const utc = toUtc(date);
  const day = utc.getUTCDate();
  const target = new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** ISO dates compare correctly as strings. */
export function isOnOrAfter(date: CalendarDate, other: CalendarDate): boolean {
  return date >= other;
}

/** Wgr art. 1 lid 3: a council may give its view within eight weeks of receiving the draft. */
export const ZIENSWIJZE_TERM_WEEKS = 8;

/** The last day of a council's term for a zienswijze, counted from the day it received the draft. */
export function zienswijzeDeadline(receivedOn: CalendarDate, weeks = ZIENSWIJZE_TERM_WEEKS): CalendarDate {
  return addWeeks(receivedOn, weeks);
}

/**
 * The arrangement's exit rule (Wgr art. 9: the arrangement sets it). H10:
 * leaving takes effect on 1 January, after at least `noticeYears` full
 * calendar years of notice.
 */
export interface ExitRule {
  noticeYears: number;
}

export const H10_EXIT_RULE: ExitRule = { noticeYears: 1 };

/** Notice given on `notifiedOn`: the earliest day the exit takes effect. */
export function earliestExitDate(notifiedOn: CalendarDate, rule: ExitRule = H10_EXIT_RULE): CalendarDate {
  // The rest of the year of notice does not count; then noticeYears full years.
  return `${yearOf(notifiedOn) + rule.noticeYears + 1}-01-01`;
}

/** For an exit wished on `exitOn` (a 1 January), the last day notice may reach the board. */
export function latestNoticeDate(exitOn: CalendarDate, rule: ExitRule = H10_EXIT_RULE): CalendarDate {
  if (!exitOn.endsWith("-01-01")) throw new Error("An exit takes effect on 1 January");
  return `${yearOf(exitOn) - rule.noticeYears - 1}-12-31`;
}

/** Whether an exit on `exitOn` is allowed by notice given on `notifiedOn`. */
export function exitAllowed(exitOn: CalendarDate, notifiedOn: CalendarDate, rule: ExitRule = H10_EXIT_RULE): boolean {
  return exitOn.endsWith("-01-01") && exitOn >= earliestExitDate(notifiedOn, rule);
}
