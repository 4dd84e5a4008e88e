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

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return toUtc(date).getUTCDay();
}

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian computus, as in
 * Meeus, Astronomical Algorithms, ch. 8).
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type AtwHoliday =
  | "nieuwjaarsdag"
  | "goedeVrijdag"
  | "tweedePaasdag"
  | "koningsdag"
  | "bevrijdingsdag"
  | "hemelvaartsdag"
  | "tweedePinksterdag"
  | "eersteKerstdag"
  | "tweedeKerstdag";

/**
 * The day the King's (before 2014 the Queen's) birthday is celebrated: 27
 * April (30 April until 2013), the day before when that falls on a Sunday.
 */
export function koningsdag(year: number): CalendarDate {
  const date = year >= 2014 ? `${year}-04-27` : `${year}-04-30`;
  return weekday(date) === 0 ? addDays(date, -1) : date;
}

/**
 * The algemeen erkende feestdagen of the Algemene termijnenwet, art. 3: lid 1
 * names Nieuwjaarsdag, the Christian second Easter and Whit days, both
 * Christmas days, Ascension Day, the day the King's birthday is celebrated and
 * "de vijfde mei" (every year: the Atw knows no lustrum rule, which is a
 * matter of collective agreements); lid 2 equates Goede Vrijdag. Days equated
 * by royal decree (lid 3, published in the Staatscourant for a few years at a
 * time) cannot be computed and are not included.
 */
export function atwHolidays(year: number): { date: CalendarDate; name: AtwHoliday }[] {
  const easter = easterSunday(year);
  const days: { date: CalendarDate; name: AtwHoliday }[] = [
    { date: `${year}-01-01`, name: "nieuwjaarsdag" },
    { date: addDays(easter, -2), name: "goedeVrijdag" },
    { date: addDays(easter, 1), name: "tweedePaasdag" },
    { date: koningsdag(year), name: "koningsdag" },
    { date: `${year}-05-05`, name: "bevrijdingsdag" },
    { date: addDays(easter, 39), name: "hemelvaartsdag" },
    { date: addDays(easter, 50), name: "tweedePinksterdag" },
    { date: `${year}-12-25`, name: "eersteKerstdag" },
    { date: `${year}-12-26`, name: "tweedeKerstdag" },
  ];
  return days.sort((x, y) => x.date.localeCompare(y.date));
}

/** The Atw holiday on a date, if any. */
export function atwHoliday(date: CalendarDate): AtwHoliday | null {
  return atwHolidays(yearOf(date)).find((h) => h.date === date)?.name ?? null;
}

/** A Saturday, Sunday or algemeen erkende feestdag (Atw art. 1 lid 1, art. 3). */
export function isAtwRestDay(date: CalendarDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6 || atwHoliday(date) !== null;
}

/** How a term is set, as far as the Algemene termijnenwet cares. */
export interface LegalTerm {
  /** Set in a wet or AMvB (art. 1 lid 1); not a term of an arrangement, contract or planning. */
  setByLaw: boolean;
  /** Counted back from a moment or event, e.g. "12 weeks before the AB meeting" (art. 1 lid 2). */
  countedBack: boolean;
  /** The term's length and unit, for art. 4. */
  length: number;
  unit: "hours" | "days" | "weeks" | "months" | "years";
}

/**
 * Whether the Atw governs a term: art. 1 lid 1 only for terms set in a law;
 * lid 2 not for terms counted back; art. 4 not for terms in hours nor for long
 * terms (over 90 days, 12 weeks or three months; in years). The eight weeks
 * of Wgr art. 1 lid 3 are governed.
 */
export function atwApplies(term: LegalTerm): boolean {
  if (!term.setByLaw || term.countedBack) return false;
  switch (term.unit) {
    case "hours":
    case "years":
      return false;
    case "days":
      return term.length <= 90;
    case "weeks":
      return term.length <= 12;
    case "months":
      return term.length <= 3;
  }
}

/** The end of a term after the Atw: the day itself, or the day it is extended to, and why. */
export interface TermEnd {
  /** The last day of the term. */
  dueOn: CalendarDate;
  /** The day the term ended by counting, when art. 1 moved it; else null. */
  extendedFrom: CalendarDate | null;
  /** The rest day it ended on: a holiday's name, or "saturday" / "sunday". */
  endedOn: AtwHoliday | "saturday" | "sunday" | null;
}

/**
 * Atw art. 1 lid 1: a term set in a law that ends on a Saturday, Sunday or
 * algemeen erkende feestdag runs to and including the next day that is none
 * of these. Terms the Atw does not govern (see atwApplies) end where counted.
 */
export function atwTermEnd(countedEnd: CalendarDate, term: LegalTerm): TermEnd {
  if (!atwApplies(term) || !isAtwRestDay(countedEnd)) return { dueOn: countedEnd, extendedFrom: null, endedOn: null };
  let dueOn = countedEnd;
  while (isAtwRestDay(dueOn)) dueOn = addDays(dueOn, 1);
  const day = weekday(countedEnd);
  return {
    dueOn,
    extendedFrom: countedEnd,
    endedOn: atwHoliday(countedEnd) ?? (day === 6 ? "saturday" : "sunday"),
  };
}

/** Wgr art. 1 lid 3: a council may give its view within eight weeks of receiving the draft. */
export const ZIENSWIJZE_TERM_WEEKS = 8;

/** The Wgr's own term: set in a law, counted forward from receipt, in weeks. */
export const ZIENSWIJZE_TERM: LegalTerm = {
  setByLaw: true,
  countedBack: false,
  length: ZIENSWIJZE_TERM_WEEKS,
  unit: "weeks",
};

/**
 * A council's term for a zienswijze, counted from the day it received the
 * draft, with its end moved by the Atw when it falls on a rest day.
 */
export function zienswijzeTerm(receivedOn: CalendarDate, weeks = ZIENSWIJZE_TERM_WEEKS): TermEnd {
  return atwTermEnd(addWeeks(receivedOn, weeks), { ...ZIENSWIJZE_TERM, length: weeks });
}

/** The last day of a council's term for a zienswijze (after the Atw). */
export function zienswijzeDeadline(receivedOn: CalendarDate, weeks = ZIENSWIJZE_TERM_WEEKS): CalendarDate {
  return zienswijzeTerm(receivedOn, weeks).dueOn;
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
