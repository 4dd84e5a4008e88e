import { Window } from "happy-dom";
import i18next from "i18next";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { IntentButton } from "./intent-button";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });
});

/** The markup of `element` on /vergaderingen/m1 under a root route whose loader gives the CSRF token. */
async function render(element: ReactNode) {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ csrfToken: "token-1" }),
      children: [{ id: "meeting", path: "vergaderingen/:meetingId", element }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/vergaderingen/m1"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />
    </I18nextProvider>,
  );
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document;
}

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
