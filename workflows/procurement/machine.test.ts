import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import type { PersistedSnapshot } from "../registry";
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
    },
  };
});

describe("procurement strategy: model-based", () => {
  it("every path in memory; every state and transition through the real persistence layer", async () => {
    await checkModel(run, [
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
    actor.send({ type: "WENSEN_EN_BEDENKINGEN", municipalityId: "a", on: "2017-12-14" });
    expect(actor.getSnapshot().value).toBe("councilInput");
    actor.send({ type: "NO_INPUT", municipalityId: "b", on: "2017-12-20" });
    expect(actor.getSnapshot().value).toBe("processingInput");
  });
});
