import { describe, expect, it } from "vitest";
import { todayInAmsterdam } from "~/utils/date-range";
import { addDays } from "~workflows/shared/dates";
import { CorrectPositionSchema, LogPositionSchema, partyVotesOverTotals, positionFieldsFor } from "./position";
import { NewTrailSchema } from "./trail";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("the fields that fit a step (issue 16)", () => {
  it("a legal ground only for withheld consent; votes only for a council's or committee's answer; no text for no response", () => {
    expect(positionFieldsFor("COUNCIL", "CONSENT_WITHHELD")).toEqual({
      textRequired: true,
      votes: true,
      legalGround: true,
      decisionReference: true,
    });
    expect(positionFieldsFor("COUNCIL", "WENSEN_EN_BEDENKINGEN").legalGround).toBe(false);
    expect(positionFieldsFor("COLLEGE", "ZIENSWIJZE").votes).toBe(false);
    expect(positionFieldsFor("COUNCIL", "NO_RESPONSE")).toEqual({
      textRequired: false,
      votes: false,
      legalGround: false,
      decisionReference: false,
    });
  });

  it("the schema accepts no response without text, refuses a ground on wensen en bedenkingen, and wants withheld consent confirmed", () => {
    const base = { revision: 0, meetingDate: "2024-02-01" };
    expect(LogPositionSchema.safeParse({ ...base, bodyKind: "COUNCIL:NO_RESPONSE" }).success).toBe(true);
    expect(
      issues(
        LogPositionSchema.safeParse({
          ...base,
          bodyKind: "COUNCIL:WENSEN_EN_BEDENKINGEN",
          text: "Wensen.",
          legalGround: "law",
        }),
      ),
    ).toEqual({ legalGround: "formsFeedback.notFor.legalGround" });
    const withheld = { ...base, bodyKind: "COUNCIL:CONSENT_WITHHELD", text: "Strijdig.", legalGround: "law" };
    expect(issues(LogPositionSchema.safeParse(withheld))).toEqual({
      confirmIrreversible: "formsFeedback.confirmRequired",
    });
    expect(LogPositionSchema.safeParse({ ...withheld, confirmIrreversible: "on" }).success).toBe(true);
  });

  it("a meeting date after today is said in the same round as the form's other mistakes, not after them", () => {
    const tomorrow = addDays(todayInAmsterdam(), 1);
    expect(issues(LogPositionSchema.safeParse({ revision: 0, meetingDate: tomorrow, votesFor: "-1" }))).toMatchObject({
      bodyKind: "validation.positionKindRequired",
      meetingDate: "validation.meetingDateInFuture",
    });
    expect(
      issues(
        LogPositionSchema.safeParse({ revision: 0, meetingDate: todayInAmsterdam(), bodyKind: "COUNCIL:NO_RESPONSE" }),
      ),
    ).toEqual({});
    const correction = { intent: "correct", text: "Anders", reason: "Typfout", meetingDate: tomorrow };
    expect(issues(CorrectPositionSchema.safeParse(correction))).toEqual({
      meetingDate: "validation.meetingDateInFuture",
    });
  });

  it("a new trail names an exiting municipality only when it is an exit", () => {
    const trail = { title: "Inkoop", reference: "H10-INK", startedOn: "2024-01-10", exitingMunicipalityId: "m1" };
    expect(issues(NewTrailSchema.safeParse({ ...trail, kind: "PROCUREMENT" }))).toEqual({
      exitingMunicipalityId: "formsFeedback.notFor.exiting",
    });
    expect(NewTrailSchema.safeParse({ ...trail, kind: "EXIT" }).success).toBe(true);
  });
});

describe("votes per party group against the totals (review)", () => {
  const totals = { votesFor: "20", votesAgainst: "10", votesAbstained: "0" };
  const form = (partyVotes: string, votes: Record<string, string> = totals) =>
    LogPositionSchema.safeParse({
      revision: "1",
      bodyKind: "COUNCIL:ZIENSWIJZE",
      meetingDate: "2024-02-01",
      text: "Zienswijze",
      ...votes,
      partyVotes,
    }).error?.issues.map((i) => i.message) ?? null;

  it("a partial breakdown passes; one over a total is refused naming the count", () => {
    expect(partyVotesOverTotals({ for: 20, against: 10, abstained: 0 }, [])).toEqual([]);
    expect(form("D66: 8/0/0\nVVD: 3/2/0")).toBeNull();
    expect(form("D66: 20/10/0")).toBeNull();
    expect(form("D66: 25/0/0")).toEqual(["validation.partyVotesExceedFor"]);
    expect(form("D66: 8/0/0\nVVD: 3/11/1")).toEqual([
      "validation.partyVotesExceedAgainst",
      "validation.partyVotesExceedAbstained",
    ]);
    // Without totals there is nothing to hold the breakdown against.
    expect(form("D66: 25/0/0", {})).toBeNull();
  });
});
