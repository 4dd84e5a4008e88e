import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { translate } from "~/locales/lookup";
import { positionRefusalReply, refusalKey, refusalText, refusalValues } from "./refusal";

const tIn = (language: string) =>
  ((key: string, values?: Record<string, string | number>) => translate(language, key, values)) as unknown as TFunction;

describe("a refused position, as its form says it", () => {
  it("puts a date out of range or ahead at its field, and the party votes at theirs only where the form has them", () => {
    const ahead = { code: "date_in_future", field: "meetingDate", message: "validation.meetingDateInFuture" };
    expect(positionRefusalReply(ahead, { partyVotesOnForm: false })).toEqual({
      reply: { fieldErrors: { meetingDate: ["validation.meetingDateInFuture"] } },
      values: null,
    });
    const votes = { code: "party_votes_exceed_totals", field: "partyVotes", message: "validation.partyVotesFor" };
    expect(positionRefusalReply(votes, { partyVotesOnForm: true }).reply).toEqual({
      fieldErrors: { partyVotes: ["validation.partyVotesFor"] },
    });
    expect(positionRefusalReply(votes, { partyVotesOnForm: false }).reply).toEqual({
      formErrors: ["validation.partyVotesFor"],
    });
  });

  it("says the workflow's reason about the day at the meeting date, with the dates it names, in the reader's language", () => {
    const refused = {
      code: "event_not_accepted",
      reason: "answerBeforeReceipt",
      values: { receivedOn: "2024-01-15" },
    };
    const { reply, values } = positionRefusalReply(refused, { partyVotesOnForm: true });
    expect(reply).toEqual({ fieldErrors: { meetingDate: ["refusals.answerBeforeReceipt"] } });
    // The field shows t(error, values): the date written out, no placeholder left.
    const shown = (language: string) =>
      translate(language, "refusals.answerBeforeReceipt", refusalValues(tIn(language), language, values));
    expect(shown("nl")).toBe("De datum ligt vóór de ontvangst van het ontwerp (15 januari 2024).");
    expect(shown("en")).toContain("15 January 2024");
    expect(shown("en")).not.toContain("{{");
    // The same sentence as a refused step on the trail page.
    expect(refusalText(tIn("nl"), "nl", refused)).toBe(shown("nl"));
  });

  it("says any other reason of the workflow above the form, with its values", () => {
    const refused = { code: "event_not_accepted", reason: "termsNotOver", values: { lastDeadline: "2024-03-11" } };
    expect(positionRefusalReply(refused, { partyVotesOnForm: true })).toEqual({
      reply: { formErrors: ["refusals.termsNotOver"] },
      values: { lastDeadline: "2024-03-11" },
    });
  });

  it("names a closed trail's reason, and a refusal without one by its code", () => {
    expect(refusalKey({ code: "trail_closed", reason: "alreadyDecided" })).toBe("refusals.closedAlreadyDecided");
    expect(refusalKey({ code: "trail_closed", reason: "notForTheRecord" })).toBe("refusals.notForTheRecord");
    expect(refusalKey({ code: "event_not_accepted" })).toBe("workflowErrors.event_not_accepted");
    expect(positionRefusalReply({ code: "revision_not_sent" }, { partyVotesOnForm: true })).toEqual({
      reply: { formErrors: ["workflowErrors.revision_not_sent"] },
      values: null,
    });
  });

  it("writes a state by its name", () => {
    const values = refusalValues(tIn("nl"), "nl", { state: "drafting" });
    expect(values).toEqual({ state: "Concept in voorbereiding" });
  });
});
