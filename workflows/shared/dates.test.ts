import { describe, expect, it } from "vitest";
import {
  addWeeks,
  atwApplies,
  atwHoliday,
  atwHolidays,
  atwTermEnd,
  daysBetween,
  easterSunday,
  earliestExitDate,
  exitAllowed,
  isAtwRestDay,
  isCalendarDate,
  koningsdag,
  latestNoticeDate,
  zienswijzeDeadline,
  zienswijzeTerm,
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

describe("the Algemene termijnenwet's holidays (art. 3)", () => {
  it("computes Easter Sunday with the Gregorian computus", () => {
    expect(easterSunday(2000)).toBe("2000-04-23");
    expect(easterSunday(2008)).toBe("2008-03-23");
    expect(easterSunday(2011)).toBe("2011-04-24");
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2038)).toBe("2038-04-25");
    // The earliest and latest possible dates.
    expect(easterSunday(1818)).toBe("1818-03-22");
    expect(easterSunday(1943)).toBe("1943-04-25");
  });

  it("lists 2024's holidays as art. 3 names them, Goede Vrijdag included (lid 2)", () => {
    expect(atwHolidays(2024)).toEqual([
      { date: "2024-01-01", name: "nieuwjaarsdag" },
      { date: "2024-03-29", name: "goedeVrijdag" },
      { date: "2024-04-01", name: "tweedePaasdag" },
      { date: "2024-04-27", name: "koningsdag" },
      { date: "2024-05-05", name: "bevrijdingsdag" },
      { date: "2024-05-09", name: "hemelvaartsdag" },
      { date: "2024-05-20", name: "tweedePinksterdag" },
      { date: "2024-12-25", name: "eersteKerstdag" },
      { date: "2024-12-26", name: "tweedeKerstdag" },
    ]);
  });

  it("celebrates Koningsdag on 26 April when 27 April is a Sunday (Queen's Day: 29 April for 30 April)", () => {
    expect(koningsdag(2025)).toBe("2025-04-26");
    expect(koningsdag(2014)).toBe("2014-04-26");
    expect(koningsdag(2023)).toBe("2023-04-27");
    expect(koningsdag(2006)).toBe("2006-04-29");
    expect(koningsdag(2013)).toBe("2013-04-30");
  });

  it("counts 5 May in every year, not only in lustrum years: the Atw says 'de vijfde mei'", () => {
    expect(atwHoliday("2023-05-05")).toBe("bevrijdingsdag");
    expect(atwHoliday("2025-05-05")).toBe("bevrijdingsdag");
  });

  it("knows no other days: not Easter Sunday's Thursday before, not Boxing Day's day after", () => {
    expect(atwHoliday("2024-03-28")).toBeNull();
    expect(atwHoliday("2024-12-27")).toBeNull();
    expect(isAtwRestDay("2024-03-28")).toBe(false);
    expect(isAtwRestDay("2024-03-30")).toBe(true);
  });
});

describe("a legal term ending on a rest day runs to the next working day (Atw art. 1 lid 1)", () => {
  it("a draft received on 5 February 2024: eight weeks end on Easter Monday, the term runs to 2 April", () => {
    expect(zienswijzeTerm("2024-02-05")).toEqual({
      dueOn: "2024-04-02",
      extendedFrom: "2024-04-01",
      endedOn: "tweedePaasdag",
    });
    expect(zienswijzeDeadline("2024-02-05")).toBe("2024-04-02");
  });

  it("Good Friday, then the Easter weekend and Easter Monday: to Tuesday", () => {
    expect(zienswijzeTerm("2024-02-02")).toEqual({
      dueOn: "2024-04-02",
      extendedFrom: "2024-03-29",
      endedOn: "goedeVrijdag",
    });
  });

  it("Christmas on a Friday: Boxing Day and the weekend follow, so Monday the 28th", () => {
    expect(zienswijzeTerm("2020-10-30")).toMatchObject({ dueOn: "2020-12-28", extendedFrom: "2020-12-25" });
    expect(zienswijzeTerm("2026-10-30")).toMatchObject({ dueOn: "2026-12-28", endedOn: "eersteKerstdag" });
  });

  it("a Saturday or a Sunday: to Monday", () => {
    expect(zienswijzeTerm("2024-01-13")).toEqual({
      dueOn: "2024-03-11",
      extendedFrom: "2024-03-09",
      endedOn: "saturday",
    });
    expect(zienswijzeTerm("2024-01-14")).toMatchObject({ dueOn: "2024-03-11", endedOn: "sunday" });
  });

  it("Koningsdag on a Sunday is celebrated on Saturday 26 April: a term ending on either runs to Monday", () => {
    const law = { setByLaw: true, countedBack: false, length: 8, unit: "weeks" } as const;
    expect(atwTermEnd("2025-04-26", law)).toMatchObject({ dueOn: "2025-04-28", endedOn: "koningsdag" });
    expect(atwTermEnd("2025-04-27", law)).toMatchObject({ dueOn: "2025-04-28", endedOn: "sunday" });
    expect(atwTermEnd("2023-04-27", law)).toMatchObject({ dueOn: "2023-04-28", endedOn: "koningsdag" });
  });

  it("consecutive holidays: Bevrijdingsdag then Hemelvaartsdag (2027) run to Friday", () => {
    const law = { setByLaw: true, countedBack: false, length: 8, unit: "weeks" } as const;
    expect(atwTermEnd("2027-05-05", law)).toMatchObject({ dueOn: "2027-05-07", endedOn: "bevrijdingsdag" });
    expect(atwTermEnd("2024-05-20", law)).toMatchObject({ dueOn: "2024-05-21", endedOn: "tweedePinksterdag" });
  });

  it("across the year end: Sunday 31 December 2023 and Nieuwjaarsdag run to 2 January", () => {
    const law = { setByLaw: true, countedBack: false, length: 8, unit: "weeks" } as const;
    expect(atwTermEnd("2023-12-31", law)).toMatchObject({ dueOn: "2024-01-02", extendedFrom: "2023-12-31" });
    expect(atwTermEnd("2022-12-31", law)).toMatchObject({ dueOn: "2023-01-02", endedOn: "saturday" });
    expect(atwTermEnd("2024-12-25", law)).toMatchObject({ dueOn: "2024-12-27" });
  });

  it("leaves a term alone that ends on a working day", () => {
    expect(zienswijzeTerm("2024-01-15")).toEqual({ dueOn: "2024-03-11", extendedFrom: null, endedOn: null });
  });

  it("does not apply to terms counted back, terms not set in a law, terms in hours or long terms (art. 1 lid 2, art. 4)", () => {
    const easterMonday = "2024-04-01";
    const term = { setByLaw: true, countedBack: false, length: 8, unit: "weeks" } as const;
    expect(atwTermEnd(easterMonday, { ...term, countedBack: true }).dueOn).toBe(easterMonday);
    expect(atwTermEnd(easterMonday, { ...term, setByLaw: false }).dueOn).toBe(easterMonday);
    expect(atwTermEnd(easterMonday, { ...term, unit: "hours", length: 48 }).dueOn).toBe(easterMonday);
    expect(atwTermEnd(easterMonday, { ...term, length: 13 }).dueOn).toBe(easterMonday);
    expect(atwTermEnd(easterMonday, { ...term, unit: "months", length: 6 }).dueOn).toBe(easterMonday);
    expect(atwTermEnd(easterMonday, { ...term, unit: "years", length: 1 }).dueOn).toBe(easterMonday);
    expect(atwApplies({ ...term, length: 12 })).toBe(true);
    expect(atwApplies({ ...term, unit: "days", length: 90 })).toBe(true);
    expect(atwApplies({ ...term, unit: "days", length: 91 })).toBe(false);
  });
});
