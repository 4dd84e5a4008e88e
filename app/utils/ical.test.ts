import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeCalendar } from "./ical";

const lines = (folded: string) => folded.split("\r\n");
const octets = (line: string) => Buffer.byteLength(line);
/** RFC 5545 §3.1: a CRLF followed by one space or tab is removed when reading. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("folding content lines at 75 octets (RFC 5545 §3.1)", () => {
  it("leaves a line of exactly 75 octets alone and folds one of 76", () => {
    const exact = `SUMMARY:${"a".repeat(67)}`;
    expect(octets(exact)).toBe(75);
    expect(foldLine(exact)).toBe(exact);
    const longer = `${exact}b`;
    expect(lines(foldLine(longer))).toEqual([exact, " b"]);
  });

  it("folds long ASCII lines into 75-octet lines whose continuations start with one space", () => {
    const line = `DESCRIPTION:${"x".repeat(300)}`;
    const folded = lines(foldLine(line));
    expect(folded.every((l) => octets(l) <= 75)).toBe(true);
    expect(octets(folded[0]!)).toBe(75);
    expect(folded.slice(1, -1).every((l) => l.startsWith(" ") && octets(l) === 75)).toBe(true);
    expect(unfold(folded.join("\r\n"))).toBe(line);
  });

  it("never splits a multi-byte character at the boundary", () => {
    for (const ch of ["é", "€", "😀"]) {
      for (let pad = 70; pad <= 76; pad++) {
        const line = `${"a".repeat(pad)}${ch.repeat(5)}z`;
        const folded = foldLine(line);
        for (const l of lines(folded)) {
          expect(octets(l)).toBeLessThanOrEqual(75);
          // A split character would be a lone surrogate or a replacement after the UTF-8 round trip.
          expect(Buffer.from(l, "utf8").toString("utf8")).toBe(l);
          expect(l).not.toMatch(/[\uD800-\uDFFF]/u);
        }
        expect(unfold(folded)).toBe(line);
      }
    }
    // 73 ASCII octets and a 3-octet € would make 76: the € moves to the next line whole.
    expect(lines(foldLine(`${"a".repeat(73)}€`))).toEqual(["a".repeat(73), " €"]);
    // 73 octets and a 2-octet é make exactly 75: no fold.
    expect(foldLine(`${"a".repeat(73)}é`)).toBe(`${"a".repeat(73)}é`);
  });

  it("takes linear time: a megabyte line folds in well under a second", () => {
    const line = `DESCRIPTION:${"é€a".repeat(350_000)}`;
    const start = performance.now();
    const folded = foldLine(line);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(unfold(folded)).toBe(line);
  });
});

describe("escaping TEXT values (RFC 5545 §3.3.11)", () => {
  it("escapes backslash, semicolon and comma, and writes line breaks as \\n", () => {
    expect(escapeText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
    expect(escapeText("one\ntwo\r\nthree\rfour")).toBe("one\\ntwo\\nthree\\nfour");
    expect(escapeText('colon: and "quotes" stay')).toBe('colon: and "quotes" stay');
  });
});

describe("writing a calendar", () => {
  it("ends every line with CRLF, folds, escapes and writes all-day events", () => {
    const text = writeCalendar({
      name: "H10 — Zoë",
      prodId: "-//H10 Haaglanden//besluitvorming//NL",
      stamp: new Date("2024-03-01T10:11:12Z"),
      events: [
        {
          uid: "deadline-1@h10",
          date: "2024-03-12",
          summary: `Termijn zienswijze (Delft): ${"Wijziging, € en é; ".repeat(6)}`,
          description: "Wgr art. 1\nGehaald",
          url: "https://h10.example/trajecten/1",
        },
      ],
    });
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines(text).every((l) => octets(l) <= 75)).toBe(true);
    const read = unfold(text);
    expect(read).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:-\/\/H10 Haaglanden\/\/besluitvorming\/\/NL\r\n/);
    expect(read).toContain("\r\nDTSTAMP:20240301T101112Z\r\nDTSTART;VALUE=DATE:20240312\r\n");
    expect(read).toContain(`SUMMARY:Termijn zienswijze (Delft): ${"Wijziging\\, € en é\\; ".repeat(6)}\r\n`);
    expect(read).toContain("DESCRIPTION:Wgr art. 1\\nGehaald\r\n");
    expect(read).toContain("X-WR-CALNAME:H10 — Zoë\r\n");
  });
});
