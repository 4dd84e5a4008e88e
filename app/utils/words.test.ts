import { describe, expect, it } from "vitest";
import { translate } from "~/locales/lookup";
import { initialSnapshot, step, WORKFLOWS, type PersistedSnapshot } from "~workflows/registry";
import { workflowEventFor } from "~workflows/positions";
import { councilStatus } from "~workflows/status";
import type { TrailEvent, TrailKind } from "~workflows/shared/types";
import { positionWord, todoText } from "./words";

const languages = ["nl", "en"] as const;
const t = (language: string) => (key: string) => translate(language, key);

/** The snapshot after these steps, each of which the machine must accept. */
function after(kind: TrailKind, events: TrailEvent[]): PersistedSnapshot {
  let snapshot = initialSnapshot(kind, { participants: ["a", "b"] });
  for (const event of events) {
    const result = step(kind, snapshot, event);
    if (!result.accepted) throw new Error(`${event.type} refused`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

describe("one word for one thing", () => {
  it("calls a council that does not respond 'Geen reactie' on the form, in the matrix and in the timeline", () => {
    const paths: Record<string, TrailEvent[]> = {
      GR_AMENDMENT: [
        { type: "DRAFT_SENT", on: "2024-01-15" },
        { type: "NO_ZIENSWIJZE", municipalityId: "a", on: "2024-02-01" },
      ] as TrailEvent[],
      PROCUREMENT: [
        { type: "NOTE_SENT", on: "2017-11-01" },
        { type: "NO_INPUT", municipalityId: "a", on: "2017-12-14" },
      ] as TrailEvent[],
    };
    for (const [kind, events] of Object.entries(paths) as [TrailKind, TrailEvent[]][]) {
      const stepName = workflowEventFor(kind, "COUNCIL", "NO_RESPONSE")!;
      expect(events.map((e) => e.type)).toContain(stepName);
      const { status } = councilStatus(kind, after(kind, events).context, "a");
      for (const language of languages) {
        const form = translate(language, "positionKinds.NO_RESPONSE");
        expect(form).toBe(language === "nl" ? "Geen reactie" : "No response");
        expect(translate(language, `trackStatus.${status}`), `${kind} matrix`).toBe(form);
        expect(translate(language, `events.${stepName}`), `${kind} step`).toBe(form);
      }
    }
  });

  it("calls a committee's position an advice, not the council's zienswijze", () => {
    expect(translate("nl", positionWord("COMMITTEE", "ZIENSWIJZE"))).toBe("Advies over de zienswijze");
    expect(translate("en", positionWord("COMMITTEE", "ZIENSWIJZE"))).toBe("Advice on the view");
    expect(translate("nl", positionWord("COUNCIL", "ZIENSWIJZE"))).toBe("Zienswijze");
    expect(translate("nl", positionWord("COMMITTEE", "MOTION"))).toBe("Motie");
  });

  it("lists in the inbox the task still to do, not the name of the step once done", () => {
    expect(todoText(["ZIENSWIJZE_GIVEN", "NO_ZIENSWIJZE"], t("nl"))).toBe("Zienswijze geven of geen reactie melden");
    expect(todoText(["ZIENSWIJZE_GIVEN", "NO_ZIENSWIJZE"], t("en"))).toBe(
      "Give a view (zienswijze) or report no response",
    );
    expect(todoText(["DRAFT_SENT"], t("nl"), false)).toBe("ontwerp naar de raden sturen");
    // Every step of every workflow has a task in both languages.
    for (const workflow of Object.values(WORKFLOWS))
      for (const type of Object.keys(workflow.policies))
        for (const language of languages)
          expect(translate(language, `todo.${type}`), `${language} todo.${type}`).not.toBe(type);
  });
});
