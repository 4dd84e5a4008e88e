import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatShortDay, fromDateInputValue, toDateInputValue } from "./format";

describe("formatting for nl-NL in Europe/Amsterdam", () => {
  it("formats money from whole cents", () => {
    // Intl puts a no-break space between the sign and the amount.
    expect(formatMoney(213_000_00)).toBe("€\u00a0213.000,00");
    expect(formatMoney(329_000_00, "en")).toBe("€329,000.00");
    expect(() => formatMoney(10.5)).toThrow(/whole cents/);
  });

  it("formats a date in Dutch, on the Amsterdam calendar day", () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(formatDate(new Date("2021-12-31T23:30:00Z"))).toBe("1 januari 2022");
    expect(formatDate("2018-03-01T12:00:00Z", "en")).toBe("1 March 2018");
  });

  it("formats a chart's calendar day short, on its UTC day, with the month and year when asked", () => {
    const day = new Date("2024-03-07T00:00:00Z");
    expect(formatShortDay(day, false)).toBe("7 mrt");
    expect(formatShortDay(day, true)).toBe("mrt 2024");
    expect(formatShortDay(day, false, "en")).toBe("7 Mar");
    expect(formatShortDay(day, true, "en")).toBe("Mar 2024");
  });

  it("turns a calendar date into Amsterdam midnight in winter and summer time", () => {
    expect(fromDateInputValue("2021-12-31").toISOString()).toBe("2021-12-30T23:00:00.000Z");
    expect(fromDateInputValue("2024-07-01").toISOString()).toBe("2024-06-30T22:00:00.000Z");
    expect(toDateInputValue(fromDateInputValue("2024-02-29"))).toBe("2024-02-29");
    expect(() => fromDateInputValue("1-3-2018")).toThrow();
  });

  it("gives the Amsterdam calendar day of any instant exactly as Intl does, on the days the clocks change too", () => {
    const intl = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Amsterdam",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const byIntl = (ms: number) => {
      const parts = intl.formatToParts(ms);
      const get = (type: string) => parts.find((part) => part.type === type)!.value;
      return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
    };
    const HOUR = 3_600_000;
    const instants: number[] = [];
    // Every quarter of an hour, and the millisecond before it, through 2024 and 2025 (four changes of the clocks).
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2026, 0, 1); ms += HOUR / 4) instants.push(ms, ms - 1);
    // Around each change of 1977–2199 (the last Sundays of March and October, 01:00 UTC since 1996) and midnight.
    for (let year = 1977; year < 2200; year += 1)
      for (const month of [2, 9])
        for (let day = 24; day <= 31; day += 1)
          for (const hour of [-2, -1, 0, 1, 2, 22, 23])
            for (const minute of [-1, 0, 1]) instants.push(Date.UTC(year, month, day, hour, minute));
    // Pseudo-random instants (a fixed linear congruential sequence) from 1900 to 2300, and the edges of the range.
    let seed = 17;
    for (let i = 0; i < 20_000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      instants.push(Date.UTC(1900, 0, 1) + Math.floor((seed / 2 ** 31) * 400 * 365.25 * 24 * HOUR));
    }
    instants.push(
      Date.UTC(1969, 11, 31, 23, 30),
      0,
      Date.UTC(2200, 0, 1) - 1,
      Date.UTC(2200, 0, 1),
      -62_135_596_800_000,
    );
    const differences = instants.filter((ms) => toDateInputValue(new Date(ms)) !== byIntl(ms));
    expect(differences.map((ms) => new Date(ms).toISOString())).toEqual([]);
    expect(instants.length).toBeGreaterThan(100_000);
    // Strings are instants too; a year before 1000 keeps its four digits; no instant is no date.
    expect(toDateInputValue("2024-03-30T23:30:00Z")).toBe("2024-03-31");
    expect(toDateInputValue("2024-10-26T22:30:00Z")).toBe("2024-10-27");
    expect(toDateInputValue(fromDateInputValue("0024-03-07"))).toBe("0024-03-07");
    expect(() => toDateInputValue("gisteren")).toThrow(RangeError);
    // Midnight in Amsterdam on the days the clocks change, and the day after.
    expect(fromDateInputValue("2024-03-31").toISOString()).toBe("2024-03-30T23:00:00.000Z");
    expect(fromDateInputValue("2024-04-01").toISOString()).toBe("2024-03-31T22:00:00.000Z");
    expect(fromDateInputValue("2024-10-27").toISOString()).toBe("2024-10-26T22:00:00.000Z");
    expect(fromDateInputValue("2024-10-28").toISOString()).toBe("2024-10-27T23:00:00.000Z");
  });
});
