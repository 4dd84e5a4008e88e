import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { verifyEventChain } from "~/models/event.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import { refusalOf, type PersistedSnapshot } from "../registry";
import { consentOutcome, grAmendmentMachine, type GrAmendmentContext } from "./machine";

let run: ModelRun;
let slugOf: Map<string, string>;

beforeAll(async () => {
  const actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({
    where: { slug: { in: ["delft", "rijswijk"] } },
    orderBy: { slug: "asc" },
  });
  slugOf = new Map(municipalities.map((m) => [m.id, m.slug]));
  const participants = municipalities.map((m) => m.id);
  run = {
    kind: "GR_AMENDMENT",
    participants,
    events: () => [
      { type: "DRAFT_SENT", on: "2024-01-10" },
      ...participants.flatMap((municipalityId) => [
        { type: "DRAFT_RECEIVED", municipalityId, on: "2024-01-15" },
        { type: "ZIENSWIJZE_GIVEN", municipalityId, on: "2024-02-01" },
        { type: "NO_ZIENSWIJZE", municipalityId, on: "2024-02-02" },
        { type: "CONSENT_GIVEN", municipalityId, on: "2024-04-01" },
        {
          type: "CONSENT_WITHHELD",
          municipalityId,
          on: "2024-04-02",
          ground: "publicInterest",
          reason: "Strijd met het algemeen belang: zeggenschap raad",
        },
        { type: "PUBLISHED", municipalityId, on: "2024-05-01" },
      ]),
      { type: "TERM_CLOSED", on: "2024-06-01" },
      { type: "ZIENSWIJZEN_PROCESSED" },
      { type: "ENTERED_INTO_FORCE", on: "2024-07-01" },
    ],
    actorFor: (event): Actor =>
      event.municipalityId ? actors(`griffier.${slugOf.get(event.municipalityId)}`) : actors("secretaris"),
    invariant: (snapshot: PersistedSnapshot) => {
      const context = snapshot.context as unknown as GrAmendmentContext;
      const tracks = Object.values(context.councils);
      // Never in force without every council's consent (unanimity by default).
      if (snapshot.value === "inForce" || snapshot.value === "publication") {
        expect(tracks.every((t) => t.consent === "given")).toBe(true);
      }
      if (snapshot.value === "inForce") {
        expect(tracks.every((t) => t.publishedOn !== null && context.effectiveOn! >= t.publishedOn)).toBe(true);
      }
      // Once the draft is sent every council counts as having received it, never before it was sent.
      if (context.sentOn)
        expect(tracks.every((t) => t.receivedOn !== null && t.receivedOn >= context.sentOn!)).toBe(true);
      // A withheld consent always has its ground and reason.
      for (const t of tracks.filter((t) => t.consent === "withheld")) {
        expect(t.withheldReason?.length).toBeGreaterThan(0);
        expect(["law", "publicInterest"]).toContain(t.withheldGround);
      }
    },
  };
});

describe("GR amendment: model-based", () => {
  it("every path in memory; every state and transition through the real persistence layer", async () => {
    const graph = await checkModel(run, [
      "decisionMemo",
      "zienswijzeTerm",
      "processingZienswijzen",
      "consentRequested",
      "publication",
      "inForce",
      "notAdopted",
    ]);
    expect(graph.paths.length).toBeGreaterThan(20);
    expect(await verifyEventChain()).toMatchObject({ ok: true });
  }, 120_000);
});

describe("GR amendment rules", () => {
  const start = (participants: string[], consentRule?: GrAmendmentContext["consentRule"]) => {
    const actor = createActor(grAmendmentMachine, { input: { participants, consentRule } }).start();
    return actor;
  };
  const toConsent = (actor: ReturnType<typeof start>, ids: string[]) => {
    actor.send({ type: "DRAFT_SENT", on: "2024-01-10" });
    for (const id of ids) actor.send({ type: "DRAFT_RECEIVED", municipalityId: id, on: "2024-01-15" });
    for (const id of ids) actor.send({ type: "NO_ZIENSWIJZE", municipalityId: id, on: "2024-01-20" });
    actor.send({ type: "ZIENSWIJZEN_PROCESSED" });
  };

  it("is not adopted as soon as one council withholds consent under unanimity", () => {
    const actor = start(["a", "b", "c"]);
    toConsent(actor, ["a", "b", "c"]);
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "a", on: "2024-03-01" });
    actor.send({
      type: "CONSENT_WITHHELD",
      municipalityId: "b",
      on: "2024-03-02",
      ground: "law",
      reason: "In strijd met art. 10 Wgr",
    });
    expect(actor.getSnapshot().value).toBe("notAdopted");
  });

  it("follows a different consent rule when the arrangement sets one", () => {
    const actor = start(["a", "b", "c"], { kind: "minimum", count: 2 });
    toConsent(actor, ["a", "b", "c"]);
    actor.send({ type: "CONSENT_WITHHELD", municipalityId: "c", on: "2024-03-02", ground: "law", reason: "Reden" });
    expect(actor.getSnapshot().value).toBe("consentRequested");
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "a", on: "2024-03-01" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "b", on: "2024-03-03" });
    expect(actor.getSnapshot().value).toBe("publication");
    expect(consentOutcome(actor.getSnapshot().context)).toBe("adopted");
  });

  it("refuses to withhold consent without a reason", () => {
    const actor = start(["a"]);
    toConsent(actor, ["a"]);
    expect(
      actor
        .getSnapshot()
        .can({ type: "CONSENT_WITHHELD", municipalityId: "a", on: "2024-03-01", ground: "law", reason: "  " }),
    ).toBe(false);
  });

  it("never takes effect before the last publication", () => {
    const actor = start(["a", "b"]);
    toConsent(actor, ["a", "b"]);
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "a", on: "2024-03-01" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "b", on: "2024-03-01" });
    actor.send({ type: "PUBLISHED", municipalityId: "a", on: "2024-04-01" });
    expect(actor.getSnapshot().can({ type: "ENTERED_INTO_FORCE", on: "2024-05-01" })).toBe(false);
    actor.send({ type: "PUBLISHED", municipalityId: "b", on: "2024-04-10" });
    expect(actor.getSnapshot().can({ type: "ENTERED_INTO_FORCE", on: "2024-04-09" })).toBe(false);
    actor.send({ type: "ENTERED_INTO_FORCE", on: "2024-04-10" });
    expect(actor.getSnapshot().value).toBe("inForce");
  });

  it("closes the term only when every council responded or its eight weeks passed", () => {
    const actor = start(["a", "b"]);
    actor.send({ type: "DRAFT_SENT", on: "2024-01-10" });
    actor.send({ type: "DRAFT_RECEIVED", municipalityId: "a", on: "2024-01-15" });
    actor.send({ type: "DRAFT_RECEIVED", municipalityId: "b", on: "2024-01-22" });
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-02-01" });
    // b received it on 22 January: its term runs to 18 March.
    expect(actor.getSnapshot().can({ type: "TERM_CLOSED", on: "2024-03-18" })).toBe(false);
    expect(actor.getSnapshot().can({ type: "TERM_CLOSED", on: "2024-03-19" })).toBe(true);
  });

  it("refuses a receipt dated before the draft was sent, and says why", () => {
    const actor = start(["a"]);
    actor.send({ type: "DRAFT_SENT", on: "2024-01-10" });
    const early = { type: "DRAFT_RECEIVED", municipalityId: "a", on: "2024-01-09" } as const;
    expect(actor.getSnapshot().can(early)).toBe(false);
    expect(refusalOf("GR_AMENDMENT", actor.getSnapshot(), early)).toEqual({
      reason: "receivedBeforeSent",
      values: { sentOn: "2024-01-10" },
    });
  });

  it("sending the draft marks every council as having received it that day; a clerk records a later receipt", () => {
    const actor = start(["a", "b"]);
    actor.send({ type: "DRAFT_SENT", on: "2024-01-10" });
    expect(actor.getSnapshot().context.councils.a!.receivedOn).toBe("2024-01-10");
    expect(actor.getSnapshot().context.councils.b!.receivedOn).toBe("2024-01-10");
    actor.send({ type: "DRAFT_RECEIVED", municipalityId: "b", on: "2024-01-15" });
    expect(actor.getSnapshot().context.councils.b!.receivedOn).toBe("2024-01-15");
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "b", on: "2024-02-01" });
    // After its answer a council's receipt no longer changes.
    expect(
      refusalOf("GR_AMENDMENT", actor.getSnapshot(), { type: "DRAFT_RECEIVED", municipalityId: "b", on: "2024-01-16" }),
    ).toEqual({ reason: "alreadyAnswered" });
  });

  it("explains each refused step: the term still running, a second consent, an entry into force before publication", () => {
    const actor = start(["a", "b"]);
    actor.send({ type: "DRAFT_SENT", on: "2024-01-10" });
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-02-01" });
    const snapshot = () => actor.getSnapshot();
    expect(refusalOf("GR_AMENDMENT", snapshot(), { type: "TERM_CLOSED", on: "2024-03-01" })).toEqual({
      reason: "termsNotOver",
      values: { lastDeadline: "2024-03-06" },
    });
    expect(
      refusalOf("GR_AMENDMENT", snapshot(), { type: "NO_ZIENSWIJZE", municipalityId: "b", on: "2024-01-09" }),
    ).toEqual({ reason: "answerBeforeReceipt", values: { receivedOn: "2024-01-10" } });
    expect(refusalOf("GR_AMENDMENT", snapshot(), { type: "ZIENSWIJZEN_PROCESSED" })).toEqual({
      reason: "notInThisStage",
      values: { state: "zienswijzeTerm" },
    });
    actor.send({ type: "NO_ZIENSWIJZE", municipalityId: "b", on: "2024-02-02" });
    actor.send({ type: "ZIENSWIJZEN_PROCESSED" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "a", on: "2024-03-01" });
    expect(
      refusalOf("GR_AMENDMENT", snapshot(), { type: "CONSENT_GIVEN", municipalityId: "a", on: "2024-03-02" }),
    ).toEqual({ reason: "alreadyDecided" });
    actor.send({ type: "CONSENT_GIVEN", municipalityId: "b", on: "2024-03-02" });
    actor.send({ type: "PUBLISHED", municipalityId: "a", on: "2024-04-01" });
    expect(refusalOf("GR_AMENDMENT", snapshot(), { type: "ENTERED_INTO_FORCE", on: "2024-05-01" })).toEqual({
      reason: "notAllPublished",
    });
    actor.send({ type: "PUBLISHED", municipalityId: "b", on: "2024-04-10" });
    expect(refusalOf("GR_AMENDMENT", snapshot(), { type: "ENTERED_INTO_FORCE", on: "2024-04-09" })).toEqual({
      reason: "beforePublication",
      values: { publishedOn: "2024-04-10" },
    });
    actor.send({ type: "ENTERED_INTO_FORCE", on: "2024-04-10" });
    expect(refusalOf("GR_AMENDMENT", snapshot(), { type: "PUBLISHED", municipalityId: "a", on: "2024-05-01" })).toEqual(
      {
        reason: "trailClosed",
        values: { state: "inForce" },
      },
    );
  });
});
