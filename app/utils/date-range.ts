/**
 * The plausible range of each kind of date people enter. A date outside it is
 * a slip (0024 for 2024, 2204 for 2024) or hostile input and is refused with a
 * clear message, on the form through its schema and in the model (so the API
 * and every form get the same rule), instead of being stored.
 *
 * - Any date (a meeting in a council's calendar, a contract's term, the exit
 *   calculator's dates): from 1 January 2000 to ten years ahead. The region's
 *   joint arrangement dates from 2014 and the oldest history logged here from
 *   2017; contracts and calendars are planned a few years ahead.
 * - The start of a trail: from 1 January 2000 to one year ahead. A trail is
 *   registered when it starts, or later to log its history.
 * - A date of what happens in a trail (a step of its workflow, a council's
 *   meeting and decision, a vote of the GR board): not before the trail's start
 *   minus half a year (a council may have discussed the subject, or the board
 *   voted on it, before the secretary registered the trail), and at most five
 *   years ahead (a step is logged after the fact; a date it names, such as an
 *   amendment's entry into force, lies a few years ahead at most).
 * - A date a trail looks ahead to (a target date, a wished exit date): not
 *   before the trail's start minus half a year, at most ten years ahead.
 *
 * "Today" is the calendar day in Amsterdam. Dates are YYYY-MM-DD strings,
 * which compare correctly as strings.
 */
import { addDays, addMonths, type CalendarDate } from "~workflows/shared/dates";
import { toDateInputValue } from "./format";

export const EARLIEST_DATE: CalendarDate = "2000-01-01";
/** How long before a trail's start a date of it may lie. */
export const TRAIL_LEAD_DAYS = 183;

export interface DateRange {
  earliest: CalendarDate;
  latest: CalendarDate;
  /** i18n keys (validation.*) of the message for a date before `earliest` and after `latest`. */
  tooEarly: string;
  tooLate: string;
}

export function todayInAmsterdam(): CalendarDate {
  return toDateInputValue(new Date());
}

function trailEarliest(trailStartedOn: CalendarDate): CalendarDate {
  const lead = addDays(trailStartedOn, -TRAIL_LEAD_DAYS);
  return lead > EARLIEST_DATE ? lead : EARLIEST_DATE;
}

export const DATE_RANGES = {
  any: (today: CalendarDate = todayInAmsterdam()): DateRange => ({
    earliest: EARLIEST_DATE,
    latest: addMonths(today, 120),
    tooEarly: "validation.dateBefore2000",
    tooLate: "validation.dateTenYearsAhead",
  }),
  /** The day of a meeting whose decision is logged: it has been held, today or earlier. */
  held: (today: CalendarDate = todayInAmsterdam()): DateRange => ({
    earliest: EARLIEST_DATE,
    latest: today,
    tooEarly: "validation.dateBefore2000",
    tooLate: "validation.meetingDateInFuture",
  }),
  trailStart: (today: CalendarDate = todayInAmsterdam()): DateRange => ({
    earliest: EARLIEST_DATE,
    latest: addMonths(today, 12),
    tooEarly: "validation.dateBefore2000",
    tooLate: "validation.trailStartOneYearAhead",
  }),
  inTrail: (trailStartedOn: CalendarDate, today: CalendarDate = todayInAmsterdam()): DateRange => ({
    earliest: trailEarliest(trailStartedOn),
    latest: addMonths(today, 60),
    tooEarly: "validation.dateBeforeTrail",
    tooLate: "validation.dateFiveYearsAhead",
  }),
  trailAhead: (trailStartedOn: CalendarDate, today: CalendarDate = todayInAmsterdam()): DateRange => ({
    earliest: trailEarliest(trailStartedOn),
    latest: addMonths(today, 120),
    tooEarly: "validation.dateBeforeTrail",
    tooLate: "validation.dateTenYearsAhead",
  }),
} as const;

/** The message key when a (well-formed) date lies outside the range, else null. */
export function outOfRange(date: CalendarDate, range: DateRange): string | null {
  if (date < range.earliest) return range.tooEarly;
  if (date > range.latest) return range.tooLate;
  return null;
}

/** A model's answer to a date out of range: a stable code, the field, the range, and the message key. */
export interface DateOutOfRange {
  ok: false;
  status: 400;
  code: "date_out_of_range";
  field: string;
  earliest: CalendarDate;
  latest: CalendarDate;
  message: string;
}

/**
 * A model's answer to a date of something that has happened (a council's meeting whose decision is logged, the
 * day a council received a draft) that lies after today: a stable code, the field, the last day allowed (today,
 * in Amsterdam), and the message key.
 */
export interface DateInFuture {
  ok: false;
  status: 400;
  code: "date_in_future";
  field: string;
  latest: CalendarDate;
  message: string;
}

/** Checks the date of something that has happened: null when it is today (Amsterdam) or earlier. */
export function checkNotInFuture(
  field: string,
  date: CalendarDate,
  message: string,
  today: CalendarDate = todayInAmsterdam(),
): DateInFuture | null {
  return date > today ? { ok: false, status: 400, code: "date_in_future", field, latest: today, message } : null;
}

/** Checks a date for a model: null when it lies in the range. */
export function checkDate(field: string, date: CalendarDate, range: DateRange): DateOutOfRange | null {
  const message = outOfRange(date, range);
  return message
    ? {
        ok: false,
        status: 400,
        code: "date_out_of_range",
        field,
        earliest: range.earliest,
        latest: range.latest,
        message,
      }
    : null;
}
