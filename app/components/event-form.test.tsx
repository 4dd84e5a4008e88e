import { describe, expect, it } from "vitest";
import { renderInRoute } from "../../test/factories/render-route";
import { EventForm, type EventStep } from "./event-form";

const receipt = { type: "DRAFT_RECEIVED", municipalityId: "rijswijk", fields: ["on"] };

type StepError = Parameters<typeof EventForm>[0]["error"];

/** A step's form on a trail page (revision 7, on 6 December 2026) in `lng`: its markup and its date field. */
async function stepForm(event: EventStep, error: StepError = null, lng: "nl" | "en" = "nl") {
  const doc = await renderInRoute(
    <EventForm event={event} municipalityName="Rijswijk" revision={7} today="2026-12-06" error={error} formKey="k" />,
    { url: "/trajecten/t1", routePath: "trajecten/:trailId", lng },
  );
  return { doc, date: doc.querySelector('input[name="on"]')! };
}

describe("a step's date on the trail page", () => {
  it("a refused receipt comes back with the date the clerk entered and says at the date why, in Dutch and in English", async () => {
    const error = {
      code: "invalid_payload",
      issues: { on: ["validation.receiptInFuture"] },
      type: "DRAFT_RECEIVED",
      municipalityId: "rijswijk",
      posted: { on: "2027-02-01" },
    };
    for (const [lng, words] of [
      ["nl", "De ontvangstdatum ligt in de toekomst"],
      ["en", "The receipt date lies in the future"],
    ] as const) {
      const { doc, date } = await stepForm(receipt, error, lng);
      expect(date.getAttribute("value")).toBe("2027-02-01");
      expect(date.getAttribute("aria-invalid")).toBe("true");
      const message = doc.getElementById(date.getAttribute("aria-describedby")!)!;
      expect(message.textContent).toContain(words);
      // Said at the field, not again above the button.
      expect(doc.querySelector('[data-testid="refusal"]')).toBeNull();
    }
  });

  it("without a refusal, the date is today's", async () => {
    expect((await stepForm(receipt)).date.getAttribute("value")).toBe("2026-12-06");
  });

  it("a step that records a day that has passed goes no further than today; one that may lie ahead has no bound", async () => {
    expect((await stepForm({ ...receipt, pastOnly: true })).date.getAttribute("max")).toBe("2026-12-06");
    const ahead = await stepForm({ type: "ENTERED_INTO_FORCE", fields: ["on"], pastOnly: false });
    expect(ahead.date.hasAttribute("max")).toBe(false);
  });
});
