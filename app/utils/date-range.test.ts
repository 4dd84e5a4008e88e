import { describe, expect, it } from "vitest";
import { LogPositionSchema } from "~/schemas/position";
import { calendarDateField, isoDateField } from "~/schemas/fields";
import { NewTrailSchema, TargetDateSchema } from "~/schemas/trail";
import { ContractSchema, BoardVoteSchema } from "~/schemas/arrangement";
import { addDays, addMonths } from "~workflows/shared/dates";
import { checkNotInFuture, DATE_RANGES, outOfRange, todayInAmsterdam } from "./date-range";
import { fromDateInputValue, toDateInputValue } from "./format";

/** The first message of a failed parse, or null when it passed. */
function problem(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
) {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : parsed.error!.issues.map((i) => i.message);
}

describe("calendar dates as instants", () => {
  it("keeps years below 100 as written instead of moving them to 1900–1999", () => {
    expect(fromDateInputValue("0024-03-01").getUTCFullYear()).toBe(24);
    expect(toDateInputValue(fromDateInputValue("0024-03-01"))).toBe("0024-03-01");
    expect(fromDateInputValue("0099-12-31").getUTCFullYear()).toBe(99);
    expect(() => fromDateInputValue("2024-02-30")).toThrow(/Not a date/);
    expect(toDateInputValue(fromDateInputValue("2000-01-01"))).toBe("2000-01-01");
  });
});

describe("the plausible range of each kind of date", () => {
  const today = todayInAmsterdam();
  const tenYears = addMonths(today, 120);

  it("a form's date: from 1 January 2000 to ten years ahead, with a Dutch message key", () => {
    for (const early of ["0000-01-01", "0024-03-07", "0099-12-31", "1900-01-01", "1999-12-31"])
      expect(problem(isoDateField, early), early).toEqual(["validation.dateBefore2000"]);
    for (const late of ["9999-12-31", "2204-03-07", addDays(tenYears, 1)])
      expect(problem(isoDateField, late), late).toEqual(["validation.dateTenYearsAhead"]);
    for (const fine of ["2000-01-01", "2024-03-07", today, tenYears])
      expect(problem(isoDateField, fine), fine).toBeNull();
    // Not a date at all says so, and nothing about its range.
    expect(new Set(problem(isoDateField, "gisteren"))).toEqual(new Set(["validation.dateInvalid"]));
    expect(problem(isoDateField, "2024-02-30")).toEqual(["validation.dateInvalid"]);
  });

  it("every form with a date uses it: positions, target dates, contracts, board votes; a trail starts at most a year ahead", () => {
    const position = {
      revision: "0",
      bodyKind: "COUNCIL:MOTION",
      text: "Motie",
    };
    expect(problem(LogPositionSchema, { ...position, meetingDate: "0024-03-07" })).toEqual([
      "validation.dateBefore2000",
    ]);
    expect(problem(LogPositionSchema, { ...position, meetingDate: "2024-03-07" })).toBeNull();
    expect(problem(TargetDateSchema, { intent: "target", label: "x", dueOn: "9999-12-31" })).toEqual([
      "validation.dateTenYearsAhead",
    ]);
    expect(
      problem(ContractSchema, {
        intent: "save",
        name: "x",
        firstTermEndsOn: "0030-12-31",
        extensionCount: "0",
        extensionMonths: "12",
      }),
    ).toEqual(["validation.dateBefore2000"]);
    expect(problem(BoardVoteSchema.pick({ heldOn: true }), { heldOn: "2099-06-01" })).toEqual([
      "validation.dateTenYearsAhead",
    ]);
    const trail = { kind: "VISION", title: "x", reference: "X-1" };
    expect(problem(NewTrailSchema, { ...trail, startedOn: "0017-05-30" })).toEqual(["validation.dateBefore2000"]);
    expect(problem(NewTrailSchema, { ...trail, startedOn: addDays(addMonths(today, 12), 1) })).toEqual([
      "validation.trailStartOneYearAhead",
    ]);
    expect(problem(NewTrailSchema, { ...trail, startedOn: "2017-05-30" })).toBeNull();
  });

  it("the API reads any real date and leaves the range to the model", () => {
    expect(problem(calendarDateField, "0024-03-07")).toBeNull();
    expect(problem(calendarDateField, "2024-02-30")).toEqual(["validation.dateInvalid"]);
  });

  it("a date in a trail: from half a year before its start to five years ahead; a date it looks ahead to: ten", () => {
    const inTrail = DATE_RANGES.inTrail("2023-09-01", "2026-12-02");
    expect(inTrail).toMatchObject({ earliest: "2023-03-02", latest: "2031-12-02" });
    expect(outOfRange("2023-03-01", inTrail)).toBe("validation.dateBeforeTrail");
    expect(outOfRange("2023-03-02", inTrail)).toBeNull();
    expect(outOfRange("2031-12-03", inTrail)).toBe("validation.dateFiveYearsAhead");
    expect(DATE_RANGES.trailAhead("2023-09-01", "2026-12-02")).toMatchObject({
      earliest: "2023-03-02",
      latest: "2036-12-02",
    });
    // Never before 2000, whatever the start.
    expect(DATE_RANGES.inTrail("2000-02-01", "2026-12-02").earliest).toBe("2000-01-01");
  });
});

describe("the date of something that has happened (review)", () => {
  it("may be today in Amsterdam or earlier, not a day later", () => {
    expect(checkNotInFuture("on", "2026-12-06", "validation.receiptInFuture", "2026-12-06")).toBeNull();
    expect(checkNotInFuture("on", "2024-01-15", "validation.receiptInFuture", "2026-12-06")).toBeNull();
    expect(checkNotInFuture("on", "2027-02-01", "validation.receiptInFuture", "2026-12-06")).toEqual({
      ok: false,
      status: 400,
      code: "date_in_future",
      field: "on",
      latest: "2026-12-06",
      message: "validation.receiptInFuture",
    });
    // By default today is the Amsterdam calendar day.
    expect(checkNotInFuture("on", addDays(todayInAmsterdam(), 2), "m")).toMatchObject({ latest: todayInAmsterdam() });
  });
});
