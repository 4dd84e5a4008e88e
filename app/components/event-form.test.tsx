import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { renderInRoute } from "../../test/factories/render-route";
import { EventForm } from "./event-form";

/** The markup of `element` on a trail page, in `lng`. */
const render = (element: ReactNode, lng: "nl" | "en" = "nl") =>
  renderInRoute(element, { url: "/trajecten/t1", routePath: "trajecten/:trailId", lng });

const receipt = { type: "DRAFT_RECEIVED", municipalityId: "rijswijk", fields: ["on"] };

describe("a refused receipt on the trail page (review)", () => {
  it("comes back with the date the clerk entered and says at the date why, in Dutch and in English", async () => {
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
      const doc = await render(
        <EventForm
          event={receipt}
          municipalityName="Rijswijk"
          revision={7}
          today="2026-12-06"
          error={error}
          formKey="k"
        />,
        lng,
      );
      const input = doc.querySelector('input[name="on"]')!;
      expect(input.getAttribute("value")).toBe("2027-02-01");
      expect(input.getAttribute("aria-invalid")).toBe("true");
      const message = doc.getElementById(input.getAttribute("aria-describedby")!)!;
      expect(message.textContent).toContain(words);
      // Said at the field, not again above the button.
      expect(doc.querySelector('[data-testid="refusal"]')).toBeNull();
    }
  });

  it("without a refusal, the date is today's", async () => {
    const doc = await render(
      <EventForm
        event={receipt}
        municipalityName="Rijswijk"
        revision={7}
        today="2026-12-06"
        error={null}
        formKey="k"
      />,
    );
    expect(doc.querySelector('input[name="on"]')!.getAttribute("value")).toBe("2026-12-06");
  });

  it("a step that records a day that has passed goes no further than today; one that may lie ahead has no bound", async () => {
    const dateOf = async (event: { type: string; fields: string[]; pastOnly?: boolean }) =>
      (
        await render(<EventForm event={event} revision={7} today="2026-12-06" error={null} formKey="k" />)
      ).querySelector('input[name="on"]')!;
    expect((await dateOf({ ...receipt, pastOnly: true })).getAttribute("max")).toBe("2026-12-06");
    expect((await dateOf({ type: "ENTERED_INTO_FORCE", fields: ["on"], pastOnly: false })).hasAttribute("max")).toBe(
      false,
    );
  });
});
