import { describe, expect, it } from "vitest";
import {
  addWeeks,
  daysBetween,
  earliestExitDate,
  exitAllowed,
  isCalendarDate,
  latestNoticeDate,
  zienswijzeDeadline,
} from "./dates";

describe("the exit notice rule of the H10 arrangement", () => {
  it("notice on 31 December 2021 means exit on 1 January 2023 (seed 004)", () => {
    expect(earliestExitDate("2021-12-31")).toBe("2023-01-01");
  });

  it("notice one day later, on 1 January 2022, means exit a year later", () => {
    expect(earliestExitDate("2022-01-01")).toBe("2024-01-01");
  });

  it("gives 31 December two years before as the latest notice for an exit on 1 January", () => {
    expect(latestNoticeDate("2023-01-01")).toBe("2021-12-31");
    expect(() => latestNoticeDate("2023-07-01")).toThrow(/1 January/);
  });

  it("allows a later exit than the earliest, never an earlier one or one mid-year", () => {
    expect(exitAllowed("2023-01-01", "2021-12-31")).toBe(true);
    expect(exitAllowed("2024-01-01", "2021-12-31")).toBe(true);
    expect(exitAllowed("2023-01-01", "2022-01-01")).toBe(false);
    expect(exitAllowed("2023-06-30", "2021-01-01")).toBe(false);
  });

  it("a notice period that the arrangement sets longer moves the exit", () => {
    expect(earliestExitDate("2021-06-15", { noticeYears: 2 })).toBe("2024-01-01");
  });
});

describe("the eight-week term for a zienswijze (Wgr art. 1 lid 3)", () => {
  it("counts eight weeks from the day each council received the draft", () => {
    expect(zienswijzeDeadline("2024-01-15")).toBe("2024-03-11");
    expect(zienswijzeDeadline("2024-01-16")).toBe("2024-03-12");
  });

  it("crosses 29 February in a leap year and not in another year", () => {
    expect(zienswijzeDeadline("2024-02-01")).toBe("2024-03-28");
    expect(zienswijzeDeadline("2023-02-01")).toBe("2023-03-29");
    expect(daysBetween("2024-02-01", zienswijzeDeadline("2024-02-01"))).toBe(56);
  });

  it("crosses the year end", () => {
    expect(addWeeks("2023-12-20", 8)).toBe("2024-02-14");
  });

  it("rejects what is not a calendar date", () => {
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("29-02-2024")).toBe(false);
    expect(() => zienswijzeDeadline("2024-13-01")).toThrow();
  });
});
