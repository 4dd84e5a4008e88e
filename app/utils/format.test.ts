import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, fromDateInputValue, toDateInputValue } from "./format";

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

  it("turns a calendar date into Amsterdam midnight in winter and summer time", () => {
    expect(fromDateInputValue("2021-12-31").toISOString()).toBe("2021-12-30T23:00:00.000Z");
    expect(fromDateInputValue("2024-07-01").toISOString()).toBe("2024-06-30T22:00:00.000Z");
    expect(toDateInputValue(fromDateInputValue("2024-02-29"))).toBe("2024-02-29");
    expect(() => fromDateInputValue("1-3-2018")).toThrow();
  });
});
