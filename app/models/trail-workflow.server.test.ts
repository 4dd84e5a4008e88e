import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import { createTrail, demoActors } from "../../test/factories/trail";
import { verifyEventChain } from "./event.server";
import { getTrailWorkflow, sendTrailEvent, startTrail } from "./trail-workflow.server";

describe("persisted trail workflows", () => {
  it("lets exactly one of two simultaneous steps on the same revision win; the other gets 409", async () => {
    const actors = await demoActors();
    const ids = (await prisma.municipality.findMany({ where: { slug: { in: ["delft", "rijswijk"] } } })).map(
      (m) => m.id,
    );
    const trail = await createTrail("GR_AMENDMENT", ids);
    const results = await Promise.all([
      sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
        actors("secretaris"),
      ),
      sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-11" } },
        actors("secretaris"),
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409, code: "revision_conflict" })]);
    const stored = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(stored.revision).toBe(1);
    expect(await prisma.event.count({ where: { trailId: trail.id, type: "workflow.DRAFT_SENT" } })).toBe(1);
    expect(await verifyEventChain()).toMatchObject({ ok: true });
  });

  it("rejects an event the machine does not accept now, writing nothing", async () => {
    const actors = await demoActors();
    const ids = (await prisma.municipality.findMany({ where: { slug: "delft" } })).map((m) => m.id);
    const trail = await createTrail("GR_AMENDMENT", ids);
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "ENTERED_INTO_FORCE", fields: { on: "2024-07-01" } },
      actors("secretaris"),
    );
    expect(result).toMatchObject({ ok: false, status: 422, code: "event_not_accepted", state: "decisionMemo" });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).revision).toBe(0);
  });

  it("refuses unknown fields and unknown events", async () => {
    const actors = await demoActors();
    const ids = (await prisma.municipality.findMany({ where: { slug: "delft" } })).map((m) => m.id);
    const trail = await createTrail("GR_AMENDMENT", ids);
    expect(
      await sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "SELF_DESTRUCT", fields: {} },
        actors("secretaris"),
      ),
    ).toMatchObject({ status: 400, code: "unknown_event" });
    expect(
      await sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "gisteren" } },
        actors("secretaris"),
      ),
    ).toMatchObject({ status: 400, code: "invalid_payload", issues: { on: ["validation.dateInvalid"] } });
  });

  it("loads a trail stored before the workflows existed (state only) and runs it on", async () => {
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    // As the foundation release stored trails: a state name, no snapshot.
    const old = await prisma.trail.create({
      data: {
        kind: "PROCUREMENT",
        title: "Oud traject",
        reference: `OUD-${Date.now()}`,
        state: "processingInput",
        snapshot: null,
        startedAt: new Date("2017-11-01"),
        participants: { create: [{ municipalityId: delft.id }] },
      },
    });
    const view = await getTrailWorkflow(old.id, actors("secretaris"));
    expect(view?.state).toBe("processingInput");
    expect(view?.available).toEqual([{ type: "OPLEGGER_COMPLETED" }]);
    const result = await sendTrailEvent(
      { trailId: old.id, expectedRevision: 0, type: "OPLEGGER_COMPLETED", fields: {} },
      actors("secretaris"),
    );
    expect(result).toMatchObject({ ok: true, state: "definitiveProposal" });
    const stored = await prisma.trail.findUniqueOrThrow({ where: { id: old.id } });
    // Rebuilt at its state, then brought up to the procurement machine's current version.
    expect(stored.machineVersion).toBe(2);
    expect(JSON.parse(stored.snapshot!).value).toBe("definitiveProposal");
  });

  it("starts a trail with the municipalities that participate on its start date", async () => {
    const actors = await demoActors();
    const before = await startTrail(
      {
        kind: "VISION",
        title: "Regiovisie Jeugdhulp Haaglanden 2021-2026",
        reference: `VISIE-${Date.now()}`,
        summary: "",
        startedOn: "2020-06-01",
      },
      actors("secretaris"),
    );
    const after = await startTrail(
      {
        kind: "VISION",
        title: "Regiovisie na 2026",
        reference: `VISIE-NA-${Date.now()}`,
        summary: "",
        startedOn: "2025-06-01",
      },
      actors("secretaris"),
    );
    const count = async (id: string) => prisma.trailParticipant.count({ where: { trailId: id } });
    // Voorschoten left on 1 January 2023 (its exit trail in the seed).
    expect(before.ok && (await count(before.trailId))).toBe(10);
    expect(after.ok && (await count(after.trailId))).toBe(9);
  });

  it("starts an exit with the leaving municipality alone, and its notice ends its participation on the exit date", async () => {
    const actors = await demoActors();
    const wassenaar = await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } });
    const exit = (exitingMunicipalityId: string) =>
      startTrail(
        {
          kind: "EXIT",
          title: "Uittreding Wassenaar uit de GR Jeugdhulp Haaglanden",
          reference: `EXIT-WASSENAAR-${exitingMunicipalityId.slice(0, 6)}-${Date.now()}`,
          summary: "",
          startedOn: "2025-01-10",
          exitingMunicipalityId,
        },
        actors("secretaris"),
      );
    // A municipality that does not take part cannot leave: nothing is started.
    expect(await exit("geen-deelnemer")).toEqual({ ok: false, code: "exiting_not_participating" });
    const started = await exit(wassenaar.id);
    if (!started.ok || !("trailId" in started)) throw new Error("not started");
    const trailId = started.trailId;
    expect(await prisma.trailParticipant.findMany({ where: { trailId }, select: { municipalityId: true } })).toEqual([
      { municipalityId: wassenaar.id },
    ]);
    const steps: [string, string, Record<string, string>, string?][] = [
      ["secretaris", "WEIGHING_COMPLETED", { on: "2025-02-01" }],
      ["griffier.wassenaar", "CONSENT_GIVEN", { on: "2025-03-06" }, wassenaar.id],
      ["wethouder.wassenaar", "COLLEGE_DECIDED", { on: "2025-03-20" }, wassenaar.id],
      ["wethouder.wassenaar", "NOTICE_GIVEN", { on: "2025-04-01" }, wassenaar.id],
    ];
    for (const [who, type, fields, municipalityId] of steps) {
      const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
      expect(
        await sendTrailEvent({ trailId, expectedRevision: revision, type, municipalityId, fields }, actors(who)),
        type,
      ).toMatchObject({ ok: true });
    }
    const { snapshot } = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const { exitOn } = JSON.parse(snapshot ?? "{}").context as { exitOn: string };
    expect(exitOn).toMatch(/^20\d\d-01-01$/);
    const after = await prisma.municipality.findUniqueOrThrow({ where: { id: wassenaar.id } });
    expect(after.participationTo && toDateInputValue(after.participationTo)).toBe(exitOn);
    const ends = await prisma.event.findMany({ where: { trailId, type: "municipality.participation_ends" } });
    expect(ends.map((e) => JSON.parse(e.payload ?? "null"))).toEqual([{ municipalityId: wassenaar.id, exitOn }]);
  });
});
