import { describe, expect, it } from "vitest";
import { translate } from "~/locales/lookup";
import { eventSentence, type TimelineEvent } from "~/utils/event-sentence";

const planned = (type: string, abMeetingOn: string): TimelineEvent => ({
  sequence: 1,
  type: `workflow.${type}`,
  at: "2024-01-08T10:00:00.000Z",
  actor: { name: "Secretaris", role: "SECRETARY", municipality: null },
  council: null,
  document: null,
  meetingOn: null,
  state: null,
  details: { type, abMeetingOn },
});

describe("the budget cycle's steps in the timeline", () => {
  it("name the AB meeting the cycle is planned by, and where it moved", () => {
    const t = (language: string) => (key: string, values?: Record<string, string | number>) =>
      translate(language, key, values);
    expect(eventSentence(planned("CYCLE_PLANNED", "2024-07-04"), t("nl"), "nl")).toBe(
      "Beleidssecretaris plande de begrotingscyclus: vaststelling in de AB-vergadering van 4 juli 2024",
    );
    expect(eventSentence(planned("AB_MEETING_MOVED", "2024-07-11"), t("en"), "en")).toBe(
      "Policy secretary moved the general board meeting to 11 July 2024",
    );
  });

  it("say which cycle the next year's was started from, on both cycles", () => {
    const t = (language: string) => (key: string, values?: Record<string, string | number>) =>
      translate(language, key, values);
    const carried = (type: string, reference: string, year: number): TimelineEvent => ({
      ...planned("CYCLE_PLANNED", "2025-07-03"),
      type,
      details: { reference, year },
    });
    expect(eventSentence(carried("budget_cycle.carried_over", "H10-BEGR-2025", 2025), t("nl"), "nl")).toBe(
      "Beleidssecretaris startte deze begrotingscyclus vanuit H10-BEGR-2025: de deelnemers, de verdeelsleutel en de cijfers van 2025 zijn overgenomen",
    );
    expect(eventSentence(carried("budget_cycle.next_started", "H10-BEGR-2026", 2026), t("en"), "en")).toBe(
      "Policy secretary started the 2026 budget cycle (H10-BEGR-2026) from this cycle",
    );
  });
});
