import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import { refusalOf, upgradeSnapshot, type PersistedSnapshot } from "../registry";
import { earliestExitDate } from "../shared/dates";
import { exitMachine, type ExitContext } from "./machine";

let run: ModelRun;

beforeAll(async () => {
  const actors = await demoActors();
  const wassenaar = await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } });
  const m = wassenaar.id;
  run = {
    kind: "EXIT",
    participants: [m],
    startedOn: "2021-06-01",
    events: () => [
      { type: "WEIGHING_COMPLETED", on: "2021-06-20" },
      { type: "CONSENT_GIVEN", municipalityId: m, on: "2021-07-06" },
      {
        type: "CONSENT_WITHHELD",
        municipalityId: m,
        on: "2021-07-06",
        ground: "publicInterest",
        reason: "Kwaliteit van de toegang niet geborgd",
      },
      { type: "COLLEGE_DECIDED", municipalityId: m, on: "2021-09-14", wishedExitOn: "2023-01-01" },
      { type: "COLLEGE_DECIDED", municipalityId: m, on: "2021-09-15" },
      { type: "NOTICE_GIVEN", municipalityId: m, on: "2021-12-20" },
      { type: "NOTICE_GIVEN", municipalityId: m, on: "2022-01-03" },
      { type: "COSTS_SETTLED", on: "2022-06-01" },
      { type: "CONTRACTS_HANDED_OVER", on: "2022-09-01" },
      { type: "EXIT_EFFECTIVE", on: "2023-01-01" },
      { type: "EXIT_EFFECTIVE", on: "2024-01-01" },
    ],
    actorFor: (event) =>
      event.type === "COLLEGE_DECIDED" || event.type === "NOTICE_GIVEN"
        ? actors("wethouder.wassenaar")
        : event.municipalityId
          ? actors("griffier.wassenaar")
          : actors("secretaris"),
    invariant: (snapshot: PersistedSnapshot) => {
      const c = snapshot.context as unknown as ExitContext;
      if (c.exitOn) {
        // Never earlier than the rule allows, always on 1 January.
        expect(c.exitOn >= earliestExitDate(c.notifiedOn!, c.rule)).toBe(true);
        expect(c.exitOn.endsWith("-01-01")).toBe(true);
      }
      if (snapshot.value === "withdrawn") expect(c.withheldReason?.length).toBeGreaterThan(0);
      // Past the weighing the council has received the proposal, and never decided before it did.
      if (snapshot.value !== "weighing") expect(c.receivedOn).not.toBeNull();
      if (c.consentOn) expect(c.consentOn >= c.receivedOn!).toBe(true);
    },
  };
});

describe("exit: model-based", () => {
  it("every path in memory; every state and transition through the database, which ends the municipality's participation on the exit date", async () => {
    await checkModel(run, [
      "weighing",
      "councilConsent",
      "collegeDecision",
      "noticePending",
      "noticeGiven",
      "costsSettled",
      "contractsHandedOver",
      "exited",
      "withdrawn",
    ]);
    const wassenaar = await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } });
    expect(["2022-12-31T23:00:00.000Z", "2023-12-31T23:00:00.000Z"]).toContain(
      wassenaar.participationTo?.toISOString(),
    );
  }, 120_000);
});

describe("exit rules", () => {
  const toNotice = (wishedExitOn?: string) => {
    const actor = createActor(exitMachine, { input: { exiting: "v" } }).start();
    actor.send({ type: "WEIGHING_COMPLETED", on: "2021-06-20" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "v", on: "2021-07-06" });
    actor.send({ type: "COLLEGE_DECIDED", municipalityId: "v", on: "2021-09-14", wishedExitOn });
    return actor;
  };

  it("notice on 31 December 2021 gives an exit on 1 January 2023 (seed 004)", () => {
    const actor = toNotice();
    actor.send({ type: "NOTICE_GIVEN", municipalityId: "v", on: "2021-12-31" });
    expect(actor.getSnapshot().context.exitOn).toBe("2023-01-01");
  });

  it("refuses notice that comes too late for the wished exit date", () => {
    const actor = toNotice("2023-01-01");
    expect(actor.getSnapshot().can({ type: "NOTICE_GIVEN", municipalityId: "v", on: "2022-01-01" })).toBe(false);
    expect(actor.getSnapshot().can({ type: "NOTICE_GIVEN", municipalityId: "v", on: "2021-12-31" })).toBe(true);
  });

  it("only the exiting municipality's council and college act", () => {
    const actor = createActor(exitMachine, { input: { exiting: "v" } }).start();
    actor.send({ type: "WEIGHING_COMPLETED", on: "2021-06-20" });
    expect(actor.getSnapshot().can({ type: "CONSENT_GIVEN", municipalityId: "other", on: "2021-07-06" })).toBe(false);
  });

  it("takes effect no earlier than the exit date", () => {
    const actor = toNotice();
    actor.send({ type: "NOTICE_GIVEN", municipalityId: "v", on: "2021-12-20" });
    actor.send({ type: "COSTS_SETTLED", on: "2022-06-01" });
    actor.send({ type: "CONTRACTS_HANDED_OVER", on: "2022-09-01" });
    expect(actor.getSnapshot().can({ type: "EXIT_EFFECTIVE", on: "2022-12-31" })).toBe(false);
    actor.send({ type: "EXIT_EFFECTIVE", on: "2023-01-01" });
    expect(actor.getSnapshot().status).toBe("done");
  });
});

describe("exit: the proposal goes to the council", () => {
  it("completing the weighing marks the council as having received the proposal on that date", () => {
    const actor = createActor(exitMachine, { input: { exiting: "v" } }).start();
    expect(actor.getSnapshot().context.receivedOn).toBeNull();
    actor.send({ type: "WEIGHING_COMPLETED", on: "2021-06-20" });
    expect(actor.getSnapshot().value).toBe("councilConsent");
    expect(actor.getSnapshot().context.receivedOn).toBe("2021-06-20");
  });

  it("refuses a consent dated before the proposal was sent, and says why", () => {
    const actor = createActor(exitMachine, { input: { exiting: "v" } }).start();
    actor.send({ type: "WEIGHING_COMPLETED", on: "2021-06-20" });
    const early = { type: "CONSENT_GIVEN", municipalityId: "v", on: "2021-06-19" } as const;
    expect(actor.getSnapshot().can(early)).toBe(false);
    expect(refusalOf("EXIT", actor.getSnapshot(), early)).toEqual({
      reason: "answerBeforeSent",
      values: { sentOn: "2021-06-20" },
    });
  });

  it("an older snapshot keeps its state and takes the consent date as the receipt", () => {
    const actor = createActor(exitMachine, { input: { exiting: "v" } }).start();
    actor.send({ type: "WEIGHING_COMPLETED", on: "2021-06-20" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "v", on: "2021-07-06" });
    const stored = actor.getPersistedSnapshot() as PersistedSnapshot;
    const { receivedOn: _dropped, ...old } = stored.context;
    const upgraded = upgradeSnapshot(
      "EXIT",
      { snapshot: { ...stored, context: old }, version: 1, state: "collegeDecision" },
      { participants: ["v"] },
    );
    expect(upgraded.version).toBe(2);
    expect(upgraded.snapshot.context.receivedOn).toBe("2021-07-06");
  });
});
