/** Dates and money for display: nl-NL (or en-GB) in the Europe/Amsterdam time zone. */
export const TIME_ZONE = "Europe/Amsterdam";

export type Locale = "nl" | "en";
const INTL_LOCALE: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

function intlLocale(locale: string): string {
  return INTL_LOCALE[locale as Locale] ?? INTL_LOCALE.nl;
}

/**
 * Intl formatters are costly to construct (tens of microseconds each) and a
 * list page formats thousands of dates, so each one is built once and reused.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

function numberFormatter(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(locale, options)));
  return formatter;
}

export function formatDate(value: Date | string, locale: string = "nl"): string {
  return dateFormatter(intlLocale(locale), { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string = "nl"): string {
  return dateFormatter(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(
    new Date(value),
  );
}

/** Money is integer euro cents throughout the app. */
export function formatMoney(cents: number, locale: string = "nl"): string {
  if (!Number.isInteger(cents)) throw new Error("Money is handled in whole cents");
  return numberFormatter(intlLocale(locale), { style: "currency", currency: "EUR" }).format(cents / 100);
}

export function formatNumber(value: number, locale: string = "nl"): string {
  return numberFormatter(intlLocale(locale)).format(value);
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in Amsterdam. */
export function toDateInputValue(value: Date | string): string {
  const parts = dateFormatter("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
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
  // Offset of Amsterdam at that moment (+1h or +2h), found through Intl.
  const offset = amsterdamOffsetMinutes(new Date(utcGuess));
  return new Date(utcGuess - offset * 60_000);
}

function amsterdamOffsetMinutes(at: Date): number {
  const parts = dateFormatter("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
