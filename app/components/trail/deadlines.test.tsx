import { describe, expect, it } from "vitest";
import { renderInRoute } from "../../../test/factories/render-route";
import { DeadlinesSection } from "./deadlines";

type Refusal = Parameters<typeof DeadlinesSection>[0]["targetRefusal"];

/** The secretary's target-date form on a trail page without deadlines, after a refusal or none, in `lng`. */
async function targetForm(targetRefusal: Refusal, lng: "nl" | "en" = "nl") {
  const doc = await renderInRoute(
    <DeadlinesSection id="termijnen" deadlines={[]} mayAddTarget formKey="k" targetRefusal={targetRefusal} />,
    { url: "/trajecten/t1", routePath: "trajecten/:trailId", lng },
  );
  const field = (name: string) => doc.querySelector(`input[name="${name}"]`)!;
  const messageOf = (name: string) => {
    const describedBy = field(name).getAttribute("aria-describedby");
    return describedBy ? doc.getElementById(describedBy)!.textContent : null;
  };
  return { doc, field, messageOf };
}

describe("the target-date form", () => {
  it("says each refusal at its own field, once, and keeps what was typed, in Dutch and English", async () => {
    const refusal = {
      issues: { label: ["validation.labelRequired"], dueOn: ["validation.dateInvalid", "validation.dateInvalid"] },
      posted: { label: "", dueOn: "2024-02-30" },
    };
    const { doc, field, messageOf } = await targetForm(refusal);
    expect(doc.querySelector("details")!.hasAttribute("open")).toBe(true);
    expect(field("label").getAttribute("aria-invalid")).toBe("true");
    expect(messageOf("label")).toBe("Vul een omschrijving in.");
    expect(field("dueOn").getAttribute("value")).toBe("2024-02-30");
    expect(field("dueOn").className).toContain("utrecht-textbox--invalid");
    // The date's reason once, not twice.
    expect(messageOf("dueOn")).toBe("Vul een geldige datum in (dag, maand, jaar).");
    expect(doc.querySelectorAll(".utrecht-form-field-error-message")).toHaveLength(3);
    expect(doc.querySelector('[role="alert"]')!.textContent).toBe("Niets opgeslagen: verbeter de gemarkeerde velden.");
    const en = await targetForm(refusal, "en");
    expect(en.doc.querySelector('[role="alert"]')!.textContent).toBe("Nothing saved: correct the marked fields.");
  });

  it("a date out of the trail's range is said at the date only, with the label kept", async () => {
    const { field, messageOf } = await targetForm({
      issues: { dueOn: ["validation.dateBeforeTrail"] },
      posted: { label: "Besluit AB", dueOn: "2010-01-01" },
    });
    expect(field("label").getAttribute("value")).toBe("Besluit AB");
    expect(field("label").hasAttribute("aria-invalid")).toBe(false);
    expect(messageOf("dueOn")).toBeTruthy();
  });

  it("without a refusal the form is closed and quiet", async () => {
    const { doc, field } = await targetForm(null);
    expect(doc.querySelector("details")!.hasAttribute("open")).toBe(false);
    expect(field("label").hasAttribute("aria-invalid")).toBe(false);
    expect(doc.querySelector('[role="alert"]')).toBeNull();
  });
});
