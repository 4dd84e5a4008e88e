import { describe, expect, it } from "vitest";
import { daysBetween } from "../shared/dates";
import {
  accountsToGsDeadline,
  budgetToGsDeadline,
  draftDeadline,
  kaderbriefDeadline,
  STATUTORY_BUDGET_TERMS,
  toGsDeadline,
  zienswijzeDueOn,
} from "./terms";

describe("twelve weeks counted back from the AB meeting (Wgr art. 35 lid 1)", () => {
  it("is the same weekday twelve weeks earlier", () => {
    expect(draftDeadline("2024-07-04")).toEqual({ dueOn: "2024-04-11", extendedFrom: null, endedOn: null });
    expect(daysBetween(draftDeadline("2024-07-04").dueOn, "2024-07-04")).toBe(84);
  });

  it("is not moved when it falls on a holiday: the Atw does not cover terms counted back (art. 1 lid 2)", () => {
    // 24 June 2024 minus twelve weeks is Easter Monday; 21 August 2025 minus twelve weeks is Ascension Day.
    expect(draftDeadline("2024-06-24")).toEqual({ dueOn: "2024-04-01", extendedFrom: null, endedOn: null });
    expect(draftDeadline("2025-08-21")).toEqual({ dueOn: "2025-05-29", extendedFrom: null, endedOn: null });
  });

  it("crosses a year end and follows an arrangement's longer term", () => {
    expect(draftDeadline("2025-02-13").dueOn).toBe("2024-11-21");
    expect(draftDeadline("2024-07-04", { ...STATUTORY_BUDGET_TERMS, draftWeeksBeforeAb: 14 }).dueOn).toBe("2024-03-28");
  });
});

describe("30 April for the kaderbrief (Wgr art. 34b) and the Algemene termijnenwet", () => {
  it("is 30 April of the year before the budget year on a working day", () => {
    expect(kaderbriefDeadline(2026)).toEqual({ dueOn: "2025-04-30", extendedFrom: null, endedOn: null });
  });

  it("runs to the Monday when 30 April is a Saturday or a Sunday (art. 1 lid 1)", () => {
    expect(kaderbriefDeadline(2023)).toEqual({ dueOn: "2022-05-02", extendedFrom: "2022-04-30", endedOn: "saturday" });
    expect(kaderbriefDeadline(2024)).toEqual({ dueOn: "2023-05-01", extendedFrom: "2023-04-30", endedOn: "sunday" });
  });

  it("runs to the next day when 30 April is a holiday (Koninginnedag until 2013, art. 3)", () => {
    expect(kaderbriefDeadline(2014)).toEqual({
      dueOn: "2013-05-01",
      extendedFrom: "2013-04-30",
      endedOn: "koningsdag",
    });
  });
});

describe("to Gedeputeerde Staten (Wgr art. 34)", () => {
  it("the budget: two weeks after adoption, when that is before 15 September", () => {
    expect(budgetToGsDeadline(2025, "2024-07-04")).toEqual({ dueOn: "2024-07-18", extendedFrom: null, endedOn: null });
  });

  it("the budget: 15 September when adoption is later, moved off a Sunday", () => {
    expect(budgetToGsDeadline(2025, "2024-09-10")).toEqual({
      dueOn: "2024-09-16",
      extendedFrom: "2024-09-15",
      endedOn: "sunday",
    });
  });

  it("two weeks that end on a holiday run to the next working day", () => {
    // Adopted Friday 12 December 2025: two weeks end on Boxing Day, a Friday, so the term runs to Monday 29 December.
    expect(toGsDeadline("2025-12-12", null)).toEqual({
      dueOn: "2025-12-29",
      extendedFrom: "2025-12-26",
      endedOn: "tweedeKerstdag",
    });
  });

  it("the accounts: 15 July of the year after the budget year, moved off a Saturday", () => {
    expect(accountsToGsDeadline(2022, null)).toEqual({
      dueOn: "2023-07-17",
      extendedFrom: "2023-07-15",
      endedOn: "saturday",
    });
    expect(accountsToGsDeadline(2024, null).dueOn).toBe("2025-07-15");
  });

  it("the accounts: two weeks after adoption when that comes first", () => {
    expect(accountsToGsDeadline(2024, "2025-06-26").dueOn).toBe("2025-07-10");
    expect(accountsToGsDeadline(2024, "2025-07-10").dueOn).toBe("2025-07-15");
  });
});

describe("a window over the summer recess", () => {
  it("runs on through the recess: no rule of the Wgr or the Atw lengthens it", () => {
    // The AB adopts on Thursday 3 October 2024: the draft is due at the councils by 11 July, before most councils
    // rise for the summer, and their zienswijzen two weeks before the meeting, on 19 September.
    expect(draftDeadline("2024-10-03").dueOn).toBe("2024-07-11");
    expect(zienswijzeDueOn("2024-10-03")).toEqual({ dueOn: "2024-09-19", extendedFrom: null, endedOn: null });
    expect(daysBetween("2024-07-11", "2024-09-19")).toBe(70);
  });

  it("a zienswijze date the arrangement sets is not moved off a weekend or holiday (not a term set in a law)", () => {
    const terms = { ...STATUTORY_BUDGET_TERMS, zienswijzeWeeksBeforeAb: 3 };
    // Three weeks before Monday 22 April 2024 is Easter Monday: the arrangement's date stays.
    expect(zienswijzeDueOn("2024-04-22", terms)).toEqual({ dueOn: "2024-04-01", extendedFrom: null, endedOn: null });
  });
});
