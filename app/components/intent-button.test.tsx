import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { renderInRoute } from "../../test/factories/render-route";
import { IntentButton } from "./intent-button";

/** The markup of `element` on /vergaderingen/m1 under a root route whose loader gives the CSRF token. */
const render = (element: ReactNode) =>
  renderInRoute(element, { url: "/vergaderingen/m1", routePath: "vergaderingen/:meetingId" });

describe("IntentButton", () => {
  it("posts the CSRF token, the intent and its fields in order with one labelled submit button", async () => {
    const doc = await render(
      <IntentButton
        intent="accept"
        fields={{ itemId: "i7", revision: 3 }}
        className="h10-inline-form"
        appearance="secondary-action-button"
        aria-label="Agendapunt 2 accepteren"
        label="Accepteren"
      />,
    );
    const forms = doc.querySelectorAll("form");
    expect(forms.length).toBe(1);
    const form = forms[0]!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/vergaderingen/m1");
    expect(form.getAttribute("class")).toBe("h10-inline-form");
    expect(form.hasAttribute("aria-label")).toBe(false);
    const hidden = [...form.querySelectorAll('input[type="hidden"]')].map(
      (input) => `${input.getAttribute("name")}=${input.getAttribute("value")}`,
    );
    expect(hidden).toEqual(["csrf=token-1", "intent=accept", "itemId=i7", "revision=3"]);
    expect(form.querySelectorAll("input:not([type=hidden]), select, textarea").length).toBe(0);
    const buttons = form.querySelectorAll("button");
    expect(buttons.length).toBe(1);
    const button = buttons[0]!;
    expect(button.getAttribute("type")).toBe("submit");
    expect(button.getAttribute("aria-label")).toBe("Agendapunt 2 accepteren");
    expect(button.textContent).toBe("Accepteren");
    expect(button.className).toContain("utrecht-button--secondary-action");
    expect(button.hasAttribute("disabled")).toBe(false);
  });

  it("posts to another route and names the form when asked, with no class or row fields", async () => {
    const doc = await render(
      <IntentButton
        intent="feed"
        action="/instellingen"
        formLabel="Agenda-abonnement"
        appearance="subtle-button"
        label="Maak een link"
      />,
    );
    const form = doc.querySelector("form")!;
    expect(form.getAttribute("action")).toBe("/instellingen");
    expect(form.getAttribute("aria-label")).toBe("Agenda-abonnement");
    expect(form.hasAttribute("class")).toBe(false);
    const hidden = [...form.querySelectorAll('input[type="hidden"]')].map((input) => input.getAttribute("name"));
    expect(hidden).toEqual(["csrf", "intent"]);
    const button = form.querySelector("button")!;
    expect(button.hasAttribute("aria-label")).toBe(false);
    expect(button.textContent).toBe("Maak een link");
  });
});
