import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import { refusalOf, type PersistedSnapshot } from "../registry";
import { visionMachine, type VisionContext } from "./machine";

let run: ModelRun;

beforeAll(async () => {
  const actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({ where: { slug: { in: ["westland", "zoetermeer"] } } });
  const slugOf = new Map(municipalities.map((m) => [m.id, m.slug]));
  const ids = municipalities.map((m) => m.id);
  run = {
    kind: "VISION",
    participants: ids,
    startedOn: "2020-06-01",
    events: () => [
      { type: "START_PICTURE_SENT", on: "2020-09-01" },
      ...ids.flatMap((municipalityId) => [
        { type: "INPUT_GIVEN", municipalityId, on: "2020-10-01" },
        { type: "COUNCIL_ADOPTED", municipalityId, on: "2021-03-01" },
        { type: "COUNCIL_ADOPTED_WITH_AMENDMENTS", municipalityId, on: "2021-03-02" },
        { type: "COUNCIL_REJECTED", municipalityId, on: "2021-03-03" },
      ]),
      { type: "START_PICTURE_CLOSED" },
      { type: "DRAFT_TO_DO" },
      { type: "DO_ADVISED" },
      { type: "BO_AGREED" },
      { type: "BO_SENT_BACK" },
      { type: "REDRAFT" },
      { type: "END", reason: "De raden verwierpen de visie; geen nieuw voorstel" },
    ],
    actorFor: (event) =>
      event.municipalityId ? actors(`griffier.${slugOf.get(event.municipalityId)}`) : actors("secretaris"),
    invariant: (snapshot: PersistedSnapshot) => {
      const c = snapshot.context as unknown as VisionContext;
      // Adopted regionally only when every council decided for it.
      if (snapshot.value === "adopted") {
        expect(c.participants.every((id) => c.decisions[id] && c.decisions[id]!.decision !== "rejected")).toBe(true);
      }
      if (snapshot.value === "ended") expect(c.endReason?.length).toBeGreaterThan(0);
      // Once the start picture is sent every council has received it on that day.
      if (snapshot.value !== "preparing") expect(c.participants.every((id) => c.received[id] === c.sentOn)).toBe(true);
    },
    // A redraft starts the councils' round again; one redraft covers the cycle.
    stopWhen: (snapshot) => (snapshot.context as VisionContext).redrafts > 1,
  };
});

describe("vision: model-based", () => {
  it("every path in memory; every state and transition through the real persistence layer", async () => {
    const graph = await checkModel(run, [
      "preparing",
      "startPicture",
      "drafting",
      "directorsReview",
      "boAgreement",
      "councilsDeciding",
      "adopted",
      "rejected",
      "ended",
    ]);
    expect(graph.paths.length).toBeGreaterThan(100);
  }, 120_000);
});

describe("vision rules", () => {
  it("a rejection is visible and leads back to redrafting, with every council deciding again", () => {
    const actor = createActor(visionMachine, { input: { participants: ["a", "b"] } }).start();
    actor.send({ type: "START_PICTURE_SENT", on: "2020-09-01" });
    for (const type of ["START_PICTURE_CLOSED", "DRAFT_TO_DO", "DO_ADVISED", "BO_AGREED"] as const)
      actor.send({ type });
    actor.send({ type: "COUNCIL_ADOPTED", municipalityId: "a", on: "2021-03-01" });
    actor.send({ type: "COUNCIL_REJECTED", municipalityId: "b", on: "2021-03-02" });
    expect(actor.getSnapshot().value).toBe("rejected");
    actor.send({ type: "REDRAFT" });
    expect(actor.getSnapshot().value).toBe("drafting");
    expect(actor.getSnapshot().context.decisions).toEqual({});
  });
});

describe("vision: the start picture asks the councils", () => {
  it("starts while the start picture is prepared; sending it asks every council and marks it as received", () => {
    const actor = createActor(visionMachine, { input: { participants: ["a", "b"] } }).start();
    expect(actor.getSnapshot().value).toBe("preparing");
    expect(actor.getSnapshot().can({ type: "INPUT_GIVEN", municipalityId: "a", on: "2020-10-01" })).toBe(false);
    actor.send({ type: "START_PICTURE_SENT", on: "2020-09-01" });
    expect(actor.getSnapshot().value).toBe("startPicture");
    expect(actor.getSnapshot().context.received).toEqual({ a: "2020-09-01", b: "2020-09-01" });
    const early = { type: "INPUT_GIVEN", municipalityId: "a", on: "2020-08-31" } as const;
    expect(actor.getSnapshot().can(early)).toBe(false);
    expect(refusalOf("VISION", actor.getSnapshot(), early)).toEqual({
      reason: "answerBeforeSent",
      values: { sentOn: "2020-09-01" },
    });
  });
});
