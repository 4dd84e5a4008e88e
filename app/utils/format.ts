/** Dates and money for display: nl-NL (or en-GB) in the Europe/Amsterdam time zone. */
export const TIME_ZONE = "Europe/Amsterdam";

export type Locale = "nl" | "en";
const INTL_LOCALE: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

function intlLocale(locale: string): string {
  return INTL_LOCALE[locale as Locale] ?? INTL_LOCALE.nl;
}

/**
 * Intl formatters are costly to construct (tens of microseconds each) and a
 * list page formats thousands of dates, so each one is built once and reused:
 * per options object (the constants below) and locale.
 */
const formatters = new WeakMap<object, Map<string, Intl.DateTimeFormat | Intl.NumberFormat>>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(options: object, locale: string, make: () => T): T {
  let byLocale = formatters.get(options);
  if (!byLocale) formatters.set(options, (byLocale = new Map()));
  let formatter = byLocale.get(locale) as T | undefined;
  if (!formatter) byLocale.set(locale, (formatter = make()));
  return formatter;
}

const dateFormatter = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached(options, locale, () => new Intl.DateTimeFormat(locale, options));
const numberFormatter = (locale: string, options: Intl.NumberFormatOptions) =>
  cached(options, locale, () => new Intl.NumberFormat(locale, options));

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: "long", timeZone: TIME_ZONE };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE };
const CALENDAR_DAY: Intl.DateTimeFormatOptions = {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
};
const UTC_OFFSET: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, timeZoneName: "longOffset" };
const SHORT_DAY_UTC: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", timeZone: "UTC" };
const SHORT_MONTH_UTC: Intl.DateTimeFormatOptions = { month: "short", year: "numeric", timeZone: "UTC" };
const EURO: Intl.NumberFormatOptions = { style: "currency", currency: "EUR" };
const PLAIN_NUMBER: Intl.NumberFormatOptions = {};

export function formatDate(value: Date | string, locale: string = "nl"): string {
  return dateFormatter(intlLocale(locale), LONG_DATE).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string = "nl"): string {
  return dateFormatter(intlLocale(locale), DATE_TIME).format(new Date(value));
}

/** A calendar day (a Date at midnight UTC) short, for a chart's axis: "3 mrt", or with `withYear` "mrt 2024". */
export function formatShortDay(day: Date, withYear: boolean, locale: string = "nl"): string {
  return dateFormatter(intlLocale(locale), withYear ? SHORT_MONTH_UTC : SHORT_DAY_UTC).format(day);
}

/** Money is integer euro cents throughout the app. */
export function formatMoney(cents: number, locale: string = "nl"): string {
  if (!Number.isInteger(cents)) throw new Error("Money is handled in whole cents");
  return numberFormatter(intlLocale(locale), EURO).format(cents / 100);
}

export function formatNumber(value: number, locale: string = "nl"): string {
  return numberFormatter(intlLocale(locale), PLAIN_NUMBER).format(value);
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in Amsterdam, through Intl. */
function calendarDayByIntl(at: Date): string {
  const parts = dateFormatter("en-CA", CALENDAR_DAY).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
}

const DAY_MS = 86_400_000;
/**
 * The instants worked out from the day's offset: 1970–2199 UTC, the range the tests compare with Intl. Outside it
 * Intl decides (some time zone data give Amsterdam's offsets before 1937 in seconds).
 */
const FAST_FROM = 0;
const FAST_UNTIL = Date.UTC(2200, 0, 1);
/**
 * Amsterdam's offset from UTC in minutes per UTC day, or null on a day the clocks change (its offset at the day's
 * first and last millisecond differ) and outside 1970–2199 (NaN included). Pages ask for the same few hundred days; up to 4,096 are kept.
 */
const dayOffsets = new Map<number, number | null>();

function offsetAllDay(ms: number): number | null {
  if (!(ms >= FAST_FROM && ms < FAST_UNTIL)) return null;
  const day = Math.floor(ms / DAY_MS);
  let offset = dayOffsets.get(day);
  if (offset === undefined) {
    const first = amsterdamOffsetMinutes(new Date(day * DAY_MS));
    const last = amsterdamOffsetMinutes(new Date(day * DAY_MS + DAY_MS - 1));
    offset = first === last ? first : null;
    if (dayOffsets.size >= 4096) dayOffsets.clear();
    dayOffsets.set(day, offset);
  }
  return offset;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The calendar date (YYYY-MM-DD) of an instant as seen in Amsterdam. A list page asks this for hundreds of
 * deadlines: Intl's formatToParts took about 3 µs a call (4 % of the secretary's overview), so the date is worked
 * out from the day's offset, and by Intl on a day the clocks change and outside 1970–2199.
 */
export function toDateInputValue(value: Date | string): string {
  const at = new Date(value);
  const ms = at.getTime();
  const offset = offsetAllDay(ms);
  if (offset === null) return calendarDayByIntl(at);
  const local = new Date(ms + offset * 60_000);
  return `${local.getUTCFullYear()}-${twoDigits(local.getUTCMonth() + 1)}-${twoDigits(local.getUTCDate())}`;
}

/**
 * Midnight (or `hour`:00) in Amsterdam of a calendar date (YYYY-MM-DD), as an instant, summer time or not. The
 * year is taken as written: Date.UTC would read 0024 as 1924. A day the month
 * does not have (2024-02-30) is no date.
 */
export function fromDateInputValue(value: string, hour = 0): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`Not a date: ${value}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
    throw new Error(`Not a date: ${value}`);
  day.setUTCHours(hour);
  const utcGuess = day.getTime();
  // Offset of Amsterdam at that moment (+1h or +2h), found through Intl (once per UTC day in 1970–2199).
  const offset = offsetAllDay(utcGuess) ?? amsterdamOffsetMinutes(new Date(utcGuess));
  return new Date(utcGuess - offset * 60_000);
}

function amsterdamOffsetMinutes(at: Date): number {
  const parts = dateFormatter("en-US", UTC_OFFSET).formatToParts(at);
  const name = parts.find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
