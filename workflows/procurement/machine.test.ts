import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import { refusalOf, step, upgradeSnapshot, type PersistedSnapshot } from "../registry";
import { procurementMachine, type ProcurementContext } from "./machine";

let run: ModelRun;

beforeAll(async () => {
  const actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({ where: { slug: { in: ["delft", "den-haag"] } } });
  const slugOf = new Map(municipalities.map((m) => [m.id, m.slug]));
  const ids = municipalities.map((m) => m.id);
  run = {
    kind: "PROCUREMENT",
    participants: ids,
    startedOn: "2017-11-01",
    events: () => [
      { type: "NOTE_SENT", on: "2017-11-14" },
      ...ids.flatMap((municipalityId) => [
        { type: "WENSEN_EN_BEDENKINGEN", municipalityId, on: "2017-12-14" },
        { type: "NO_INPUT", municipalityId, on: "2017-12-15" },
        { type: "COLLEGE_ADOPTED", municipalityId, on: "2018-04-10" },
        { type: "COLLEGE_REJECTED", municipalityId, on: "2018-04-11" },
      ]),
      { type: "INPUT_TERM_CLOSED", on: "2018-02-01" },
      { type: "OPLEGGER_COMPLETED" },
      { type: "PROPOSAL_SENT" },
    ],
    actorFor: (event) =>
      event.municipalityId
        ? actors(`${event.type.startsWith("COLLEGE") ? "wethouder" : "griffier"}.${slugOf.get(event.municipalityId)}`)
        : actors("secretaris"),
    invariant: (snapshot: PersistedSnapshot) => {
      const c = snapshot.context as unknown as ProcurementContext;
      if (snapshot.value === "adopted")
        expect(c.participants.every((id) => c.colleges[id]?.decision === "adopted")).toBe(true);
      // Once the note is sent every council has received it, on that day, and none answered before.
      if (snapshot.value !== "preparing") {
        expect(c.participants.every((id) => c.received[id] === c.sentOn)).toBe(true);
        expect(Object.values(c.input).every((answer) => answer.on >= c.sentOn!)).toBe(true);
      } else expect(c.received).toEqual({});
    },
  };
});

describe("procurement strategy: model-based", () => {
  it("every path in memory; every state and transition through the real persistence layer", async () => {
    await checkModel(run, [
      "preparing",
      "councilInput",
      "processingInput",
      "definitiveProposal",
      "collegesAdopting",
      "adopted",
      "notAdopted",
    ]);
  }, 120_000);
});

describe("procurement rules", () => {
  it("moves on to processing once every council gave its input", () => {
    const actor = createActor(procurementMachine, { input: { participants: ["a", "b"] } }).start();
    actor.send({ type: "NOTE_SENT", on: "2017-11-14" });
    actor.send({ type: "WENSEN_EN_BEDENKINGEN", municipalityId: "a", on: "2017-12-14" });
    expect(actor.getSnapshot().value).toBe("councilInput");
    actor.send({ type: "NO_INPUT", municipalityId: "b", on: "2017-12-20" });
    expect(actor.getSnapshot().value).toBe("processingInput");
  });
});

describe("procurement: the note asks the councils", () => {
  const start = () => createActor(procurementMachine, { input: { participants: ["a", "b"] } }).start();

  it("starts while the note is prepared: no council is asked or can answer yet", () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe("preparing");
    expect(actor.getSnapshot().can({ type: "WENSEN_EN_BEDENKINGEN", municipalityId: "a", on: "2017-12-14" })).toBe(
      false,
    );
    expect(
      refusalOf("PROCUREMENT", actor.getSnapshot(), { type: "NO_INPUT", municipalityId: "a", on: "2017-12-14" }),
    ).toEqual({ reason: "notInThisStage", values: { state: "preparing" } });
  });

  it("sending the note asks every council and marks it as received on that day", () => {
    const actor = start();
    actor.send({ type: "NOTE_SENT", on: "2017-11-14" });
    expect(actor.getSnapshot().value).toBe("councilInput");
    expect(actor.getSnapshot().context.received).toEqual({ a: "2017-11-14", b: "2017-11-14" });
  });

  it("refuses an answer dated before the note was sent, and says why", () => {
    const actor = start();
    actor.send({ type: "NOTE_SENT", on: "2017-11-14" });
    const early = { type: "WENSEN_EN_BEDENKINGEN", municipalityId: "a", on: "2017-11-13" } as const;
    expect(actor.getSnapshot().can(early)).toBe(false);
    expect(refusalOf("PROCUREMENT", actor.getSnapshot(), early)).toEqual({
      reason: "answerBeforeSent",
      values: { sentOn: "2017-11-14" },
    });
  });

  it("a council that answers on a trail from before this rule has evidently received the note", () => {
    // A version-1 snapshot: asked from the start, no receipts kept.
    const actor = start();
    actor.send({ type: "NOTE_SENT", on: "2017-11-14" });
    const stored = actor.getPersistedSnapshot() as PersistedSnapshot;
    const { sentOn: _s, received: _r, ...old } = stored.context;
    const { snapshot } = upgradeSnapshot(
      "PROCUREMENT",
      { snapshot: { ...stored, context: old }, version: 1, state: "councilInput" },
      { participants: ["a", "b"] },
    );
    expect(snapshot.context).toMatchObject({ sentOn: null, received: {} });
    const result = step("PROCUREMENT", snapshot, { type: "NO_INPUT", municipalityId: "b", on: "2017-12-20" });
    expect(result.accepted && result.snapshot.context.received).toEqual({ b: "2017-12-20" });
  });
});
