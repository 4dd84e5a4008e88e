// @vitest-environment happy-dom
/**
 * In a browser's DOM (happy-dom), with React rendering on the client as after hydration: the answer to a post takes
 * the focus (so it is brought into view), and a form emptied after a saved record shows its selects' placeholders.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import i18next from "i18next";
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { ActionMessage } from "./action-message";
import { SelectField, TextField, useValidatedForm } from "./form-fields";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });
});

let root: Root | null = null;
let container: HTMLElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container?.remove();
});

function render(element: ReactNode) {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>));
}

function rerender(element: ReactNode) {
  act(() => root!.render(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>));
}

describe("the answer to a post", () => {
  it("takes the focus when it appears, and again for the next answer", () => {
    const page = (answer: object | null) => (
      <>
        <button type="button">Tijdelijk wachtwoord geven</button>
        {answer ? (
          <ActionMessage type="ok" answer={answer}>
            <p>Tijdelijk wachtwoord van griffier Rijswijk</p>
          </ActionMessage>
        ) : null}
      </>
    );
    render(page(null));
    const button = container.querySelector("button")!;
    button.focus();
    rerender(page({ temporary: "a" }));
    const message = container.querySelector<HTMLElement>(".h10-action-message")!;
    expect(message.getAttribute("role")).toBe("status");
    expect(message.getAttribute("tabindex")).toBe("-1");
    expect(document.activeElement).toBe(message);

    // The administrator clicks another row's button: its answer takes the focus again.
    button.focus();
    rerender(page({ temporary: "b" }));
    expect(document.activeElement).toBe(message);
  });
});

const Schema = z.object({
  name: z.string({ error: "validation.nameRequired" }),
  role: z.enum(["CLERK", "ADMIN"], { error: "validation.roleRequired" }),
});

function UserForm({ lastResult }: { lastResult?: Parameters<typeof useValidatedForm>[1] }) {
  const [form, fields] = useValidatedForm(Schema, lastResult);
  return (
    <form id={form.id} method="post">
      <TextField field={fields.name} label="Naam" />
      <SelectField
        field={fields.role}
        label="Rol"
        placeholder="Kies een rol"
        options={[
          { value: "CLERK", label: "Griffier" },
          { value: "ADMIN", label: "Beheerder" },
        ]}
      />
    </form>
  );
}

describe("a form emptied after its record is saved", () => {
  it("shows each select's placeholder again, not an empty select", () => {
    render(<UserForm />);
    const select = container.querySelector("select")!;
    const input = container.querySelector("input")!;
    expect(select.selectedIndex).toBe(0);
    act(() => {
      input.value = "Plaatsvervangend griffier";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      select.value = "CLERK";
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(select.value).toBe("CLERK");

    // The server's answer to the saved record: reply({ resetForm: true }), as the routes give it.
    const formData = new FormData();
    formData.set("name", "Plaatsvervangend griffier");
    formData.set("role", "CLERK");
    const reply = parseWithZod(formData, { schema: Schema }).reply({ resetForm: true });
    rerender(<UserForm lastResult={reply} />);
    expect(input.value).toBe("");
    expect(select.selectedIndex).toBe(0);
    expect(select.options[select.selectedIndex]?.textContent).toBe("Kies een rol");
  });
});
