/**
 * A small iCalendar (RFC 5545) writer for the calendar feed: TEXT escaping (§3.3.11), CRLF line ends and
 * line folding at 75 octets (§3.1) in one pass over each line, never splitting a UTF-8 character.
 */

export const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon and comma get a backslash, line breaks become `\n`. */
export function escapeText(value: string): string {
  return value.replace(/\r\n|[\\;,\n\r]/g, (c) => (c === "\r\n" || c === "\n" || c === "\r" ? "\\n" : `\\${c}`));
}

/** The UTF-8 length of one code point. */
const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds one content line: no line longer than 75 octets, continuation lines start with one space (which counts),
 * and a multi-byte character is never split. Linear in the line's length.
 */
export function foldLine(line: string): string {
  if (line.length <= MAX_OCTETS && Buffer.byteLength(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let size = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < line.length;) {
    const codePoint = line.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const n = octets(codePoint);
    if (size + n > limit) {
      parts.push(line.slice(start, i));
      start = i;
      size = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line
    }
    size += n;
    i += width;
  }
  parts.push(line.slice(start));
  return parts.join("\r\n ");
}

/** An all-day event. `date` is the calendar day as YYYY-MM-DD. */
export interface AllDayEvent {
  uid: string;
  date: string;
  summary: string;
  description?: string;
  /** Where it takes place (a meeting's room), as LOCATION. */
  location?: string;
  url?: string;
}

export interface Calendar {
  name: string;
  /** e.g. "-//H10 Haaglanden//besluitvorming//NL" */
  prodId: string;
  /** DTSTAMP of every event: when the feed's data last changed, so the same data gives the same text. */
  stamp: Date;
  events: Iterable<AllDayEvent>;
}

const basicDate = (date: string) => date.replaceAll("-", "");
const basicDateTime = (at: Date) => `${at.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

/** The calendar's opening lines (up to its first event), folded, CRLF after every line. */
export function calendarHead(calendar: Pick<Calendar, "name" | "prodId">): string {
  return foldLines([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(calendar.prodId)}`,
    "CALSCALE:GREGORIAN",
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ]);
}

/** The calendar's closing line. */
export const CALENDAR_END = "END:VCALENDAR\r\n";

/** Events as text, folded, CRLF after every line: a calendar's body may be written in parts. */
export function writeEvents(events: Iterable<AllDayEvent>, stamp: Date): string {
  const at = basicDateTime(stamp);
  const lines: string[] = [];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${at}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL;VALUE=URI:${event.url}`);
    lines.push("END:VEVENT");
  }
  return foldLines(lines);
}

const foldLines = (lines: string[]) => (lines.length ? `${lines.map(foldLine).join("\r\n")}\r\n` : "");

/** The calendar as text, CRLF after every line. */
export function writeCalendar(calendar: Calendar): string {
  return calendarHead(calendar) + writeEvents(calendar.events, calendar.stamp) + CALENDAR_END;
}
