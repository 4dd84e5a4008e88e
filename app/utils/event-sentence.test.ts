import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import nl from "~/locales/nl";
import { WORKFLOWS } from "~workflows/registry";
import { eventSentence, sentenceKey, type TimelineEvent, type Translate } from "./event-sentence";

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Every audit event type the app writes: the literal types its code passes to appendEvent and recordSecurityEvent, and each workflow step. */
function eventTypesTheAppWrites(): string[] {
  const types = new Set<string>();
  const literal = /"([a-z_]+(?:\.[a-z_]+)+)"/g;
  for (const file of [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "prisma"))]) {
    const source = readFileSync(file, "utf8");
    // `type: "a.b"` and `type: x ? "a.b" : "c.d"`, as appendEvent and recordSecurityEvent are called.
    for (const [expression] of source.matchAll(/\btype:\s*(?:[\w.]+\s*\?\s*)?"[a-z_.]+"(?:\s*:\s*"[a-z_.]+")?/g))
      for (const [, type] of expression.matchAll(literal)) types.add(type!);
  }
  // The security event types are a union in their module.
  const security = readFileSync(path.join(root, "app/models/security-event.server.ts"), "utf8");
  const union = /export type SecurityEventType =([^;]*);/.exec(security)?.[1] ?? "";
  for (const [, type] of union.matchAll(literal)) types.add(type!);
  // A workflow step is logged as `workflow.${step}`.
  for (const workflow of Object.values(WORKFLOWS))
    for (const step of Object.keys(workflow.policies)) types.add(`workflow.${step}`);
  return [...types].sort();
}

/** A translator that refuses a missing key or a placeholder left without a value. */
function strict(messages: object): Translate {
  return (key, values = {}) => {
    let node: unknown = messages;
    for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== "string") throw new Error(`no text for ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`${key} needs {{${name}}}`);
      return String(values[name]);
    });
  };
}

const languages = [
  { language: "nl", t: strict(nl), who: "Griffier Delft" },
  { language: "en", t: strict(en), who: "Council clerk Delft" },
] as const;

function event(
  type: string,
  details: TimelineEvent["details"] = {},
  extra: Partial<TimelineEvent> = {},
): TimelineEvent {
  return {
    sequence: 1,
    type,
    at: "2024-03-12T10:00:00.000Z",
    actor: { name: "Jan Jansen", role: "CLERK", municipality: "Delft" },
    council: "Pijnacker-Nootdorp",
    document: "Ontwerp wijziging GR",
    meetingOn: null,
    state: null,
    details,
    ...extra,
  };
}

describe("the timeline's sentences", () => {
  const types = eventTypesTheAppWrites();

  it("finds the event types the app writes", () => {
    expect(types).toEqual(
      expect.arrayContaining([
        "position.logged",
        "document.sent",
        "board_vote.recorded",
        "trail.started",
        "security.sign_in",
        "user.disabled",
        "contract.changed",
        "workflow.DRAFT_RECEIVED",
        "workflow.NO_INPUT",
      ]),
    );
    expect(types.length).toBeGreaterThan(60);
  });

  it.each(languages)("give every event type a sentence in $language naming who did it", ({ language, t, who }) => {
    const missing: string[] = [];
    for (const type of types) {
      let sentence: string;
      try {
        sentence = eventSentence(event(type, { on: "2024-03-12", result: "success" }), t, language);
      } catch (error) {
        missing.push(`${type}: ${(error as Error).message}`);
        continue;
      }
      expect(sentence, type).toContain(who);
      expect(sentence, type).not.toContain(type);
      expect(sentence, type).not.toMatch(/\{\{|undefined|null/);
    }
    expect(missing).toEqual([]);
  });

  it("name the council concerned for every step a council takes", () => {
    const councilSteps = Object.values(WORKFLOWS).flatMap((w) =>
      Object.entries(w.policies)
        .filter(([, policy]) => policy.perMunicipality)
        .map(([step]) => `workflow.${step}`),
    );
    expect(councilSteps).toContain("workflow.DRAFT_RECEIVED");
    for (const type of [...councilSteps, "position.logged", "position.processed", "municipality.participation_ends"])
      for (const { language, t } of languages)
        expect(eventSentence(event(type, { kind: "ZIENSWIJZE", outcome: "ADOPTED" }), t, language), type).toContain(
          "Pijnacker-Nootdorp",
        );
  });

  it("say who did what for which council, with the date of the step or the meeting", () => {
    const given = event(
      "workflow.ZIENSWIJZE_GIVEN",
      { type: "ZIENSWIJZE_GIVEN", on: "2024-03-12" },
      { council: "Delft" },
    );
    expect(eventSentence(given, strict(nl), "nl")).toBe(
      "Griffier Delft legde de zienswijze van de raad van Delft vast op 12 maart 2024",
    );
    expect(eventSentence(given, strict(en), "en")).toBe(
      "Council clerk Delft recorded the view (zienswijze) of the council of Delft on 12 March 2024",
    );
    const logged = event(
      "position.logged",
      { body: "COUNCIL", kind: "ZIENSWIJZE", late: true },
      { council: "Delft", meetingOn: "2024-03-28" },
    );
    expect(eventSentence(logged, strict(nl), "nl")).toBe(
      "Griffier Delft legde het standpunt van de raad van Delft vast: Zienswijze (vergadering 28 maart 2024) (te laat)",
    );
    const received = event(
      "workflow.DRAFT_RECEIVED",
      { on: "2024-02-05" },
      { actor: { name: "Anne", role: "SECRETARY", municipality: null }, council: "Rijswijk" },
    );
    expect(eventSentence(received, strict(nl), "nl")).toBe(
      "Beleidssecretaris legde vast dat de raad van Rijswijk het ontwerp ontving op 5 februari 2024",
    );
    const sent = event("document.sent", { revision: 2, step: "DRAFT_SENT" });
    expect(eventSentence(sent, strict(en), "en")).toBe("Council clerk Delft sent revision 2 of ‘Ontwerp wijziging GR’");
    expect(eventSentence(event("security.sign_in", { result: "failure" }, { actor: null }), strict(nl), "nl")).toBe(
      "Iemand meldde zich aan (mislukt)",
    );
  });

  it("keep their texts where the locale files keep them", () => {
    expect(sentenceKey("workflow.DRAFT_RECEIVED")).toBe("eventSentences.workflow.DRAFT_RECEIVED");
    expect(sentenceKey("security.second_factor.reset")).toBe("eventSentences.security_second_factor_reset");
  });
});
