/**
 * Issue 16, "Forms and feedback", the server's rules (a form without
 * JavaScript shows every field, so the server decides): only the fields that
 * fit the step, "Geen reactie" without a text, a confirmation before an act
 * that cannot be undone, and letters with a missing signatory only once that
 * is confirmed. Every refusal writes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/api-token.server";
import { createDocument } from "~/models/document.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { amendmentWithDraftReceived, createTrail, demoActors } from "../../test/factories/trail";
import { action as apiPositionsAction } from "./api.v1.trails_.$trailId_.positions";
import { action as documentAction } from "./documenten.$documentId";
import { loader as lettersPdf } from "./documenten.$documentId_.brieven[.pdf]";
import { loader as lettersZip } from "./documenten.$documentId_.brieven[.zip]";
import { action as trailAction } from "./trajecten.$trailId";
import { LogPositionSchema } from "~/schemas/position";
import { CONFIRM_FIELD } from "~/utils/confirm";
import { todayInAmsterdam } from "~/utils/date-range";
import { addDays, addMonths } from "~workflows/shared/dates";
import type { TrailKind } from "~workflows/shared/types";
import { action as logAction } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { action as newTrailAction } from "./trajecten.nieuw";
import { action as positionAction } from "./trajecten.$trailId_.standpunten.$positionId";

let actors: (local: string) => Actor;
let delft: string;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
});

const written = (trailId: string) =>
  Promise.all([
    prisma.position.count({ where: { trailId } }),
    prisma.event.count({ where: { trailId } }),
    prisma.trail.findUniqueOrThrow({ where: { id: trailId }, select: { revision: true } }),
  ]);

/** Two days ahead: after today (Amsterdam) even when the test runs across midnight. */
const ahead = () => addDays(todayInAmsterdam(), 2);

/** Delft's clerk posts the position form of a GR amendment whose draft Delft received on 15 January 2024. */
async function positionForm() {
  const { trailId, revision } = await amendmentWithDraftReceived([delft], actors("secretaris"));
  const clerk = await clientFor("griffier.delft@h10.example");
  const post = (fields: Record<string, string>) =>
    outcome(() =>
      logAction({
        request: formPost(clerk, `/trajecten/${trailId}/standpunt/${delft}`, {
          revision: String(revision),
          meetingDate: "2024-02-01",
          ...fields,
        }),
        params: { trailId, municipalityId: delft },
        context: {},
      }),
    );
  return { trailId, revision, post };
}

const fieldErrors = (body: unknown) => (body as { result: { error: Record<string, string[]> } }).result.error;

describe("the position form takes only the fields that fit the step", () => {
  it('"Geen reactie" needs no text: an empty text is logged (a zienswijze still needs one)', async () => {
    const { trailId, post } = await positionForm();
    const before = await written(trailId);
    const refused = await post({ bodyKind: "COUNCIL:ZIENSWIJZE", text: "" });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({ text: ["validation.textRequired"] });
    expect(await written(trailId)).toEqual(before);
    const saved = await post({ bodyKind: "COUNCIL:NO_RESPONSE", text: "" });
    expect(saved.status).toBe(302);
    const position = await prisma.position.findFirstOrThrow({ where: { trailId } });
    expect(position).toMatchObject({ kind: "NO_RESPONSE", text: "" });
  });

  it("refuses a legal ground on a zienswijze, and votes and a reference on no response; nothing is written", async () => {
    const { trailId, post } = await positionForm();
    const before = await written(trailId);
    const ground = await post({ bodyKind: "COUNCIL:ZIENSWIJZE", text: "Zienswijze.", legalGround: "law" });
    expect(ground.status).toBe(400);
    expect(fieldErrors(ground.body)).toEqual({ legalGround: ["formsFeedback.notFor.legalGround"] });
    const votes = await post({
      bodyKind: "COUNCIL:NO_RESPONSE",
      votesFor: "20",
      votesAgainst: "3",
      votesAbstained: "0",
      decisionReference: "RB-2024-1",
    });
    expect(votes.status).toBe(400);
    expect(fieldErrors(votes.body)).toMatchObject({
      votesFor: ["formsFeedback.notFor.votes"],
      decisionReference: ["formsFeedback.notFor.decisionReference"],
    });
    expect(await written(trailId)).toEqual(before);
  });

  it("a college's decision carries no votes", async () => {
    const parsed = LogPositionSchema.safeParse({
      revision: 0,
      bodyKind: "COLLEGE:ZIENSWIJZE",
      meetingDate: "2024-02-01",
      text: "Advies van het college.",
      votesFor: "4",
      votesAgainst: "1",
      votesAbstained: "0",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain("votesFor");
  });
});

describe("what the position form refuses, with the user's input kept (review)", () => {
  const replyOf = (body: unknown) =>
    (body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }; late: unknown })
      .result;

  it("a meeting date after today is refused at its field, not taken for a late step, even with the late box ticked", async () => {
    const { trailId, post } = await positionForm();
    const before = await written(trailId);
    const meetingDate = ahead();
    const refused = await post({
      bodyKind: "COUNCIL:ZIENSWIJZE",
      text: "De raad vraagt vroege betrokkenheid.",
      meetingDate,
      confirmLate: "on",
    });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({ meetingDate: ["validation.meetingDateInFuture"] });
    expect((refused.body as { late: unknown }).late).toBeNull();
    expect(replyOf(refused.body).initialValue).toMatchObject({
      meetingDate,
      text: "De raad vraagt vroege betrokkenheid.",
    });
    expect(await written(trailId)).toEqual(before);
  });

  it("a zienswijze dated before the receipt is refused at its meeting date with the receipt's day; nothing written", async () => {
    const { trailId, post } = await positionForm();
    const before = await written(trailId);
    const refused = await post({ bodyKind: "COUNCIL:ZIENSWIJZE", text: "Te vroeg.", meetingDate: "2024-01-10" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      result: { error: { meetingDate: ["refusals.answerBeforeReceipt"] } },
      // The day the message names (the form writes it out in the reader's language).
      values: { receivedOn: "2024-01-15" },
    });
    expect(replyOf(refused.body).initialValue).toMatchObject({ meetingDate: "2024-01-10", text: "Te vroeg." });
    expect(await written(trailId)).toEqual(before);
  });

  it("party votes adding up to more than a total are refused naming the count; a partial breakdown is logged", async () => {
    const { trailId, post } = await positionForm();
    const totals = { votesFor: "20", votesAgainst: "10", votesAbstained: "0" };
    const before = await written(trailId);
    const over = await post({
      bodyKind: "COUNCIL:ZIENSWIJZE",
      text: "Zienswijze.",
      ...totals,
      partyVotes: "D66: 25/0/0",
    });
    expect(over.status).toBe(400);
    expect(fieldErrors(over.body)).toEqual({ partyVotes: ["validation.partyVotesExceedFor"] });
    expect(replyOf(over.body).initialValue).toMatchObject({ partyVotes: "D66: 25/0/0", votesFor: "20" });
    const against = await post({
      bodyKind: "COUNCIL:ZIENSWIJZE",
      text: "Zienswijze.",
      ...totals,
      partyVotes: "D66: 8/6/0\nVVD: 3/5/0",
    });
    expect(fieldErrors(against.body)).toEqual({ partyVotes: ["validation.partyVotesExceedAgainst"] });
    expect(await written(trailId)).toEqual(before);

    const partial = await post({
      bodyKind: "COUNCIL:ZIENSWIJZE",
      text: "Zienswijze.",
      ...totals,
      partyVotes: "D66: 8/0/0\nVVD: 3/2/0",
    });
    expect(partial.status).toBe(302);
    const position = await prisma.position.findFirstOrThrow({ where: { trailId } });
    expect(JSON.parse(position.partyVotes!)).toEqual([
      { party: "D66", for: 8, against: 0, abstained: 0 },
      { party: "VVD", for: 3, against: 2, abstained: 0 },
    ]);

    // A correction can mend the votes per party group too: over the totals it is refused at the field; a new
    // breakdown replaces the original's; emptied, the correction has none.
    const clerk = await clientFor("griffier.delft@h10.example");
    const correct = (id: string, fields: Record<string, string>) =>
      outcome(() =>
        positionAction({
          request: formPost(clerk, `/trajecten/${trailId}/standpunten/${id}`, {
            intent: "correct",
            meetingDate: "2024-02-01",
            text: "Zienswijze.",
            reason: "Stemming per fractie verkeerd overgenomen",
            ...totals,
            ...fields,
          }),
          params: { trailId, positionId: id },
          context: {},
        }),
      );
    const beforeCorrection = await written(trailId);
    const overCorrected = await correct(position.id, { partyVotes: "D66: 8/0/0\nVVD: 3/12/0" });
    expect(overCorrected.status).toBe(400);
    expect(fieldErrors(overCorrected.body)).toEqual({ partyVotes: ["validation.partyVotesExceedAgainst"] });
    expect(await written(trailId)).toEqual(beforeCorrection);
    const mended = await correct(position.id, { partyVotes: "D66: 8/0/0\nVVD: 3/1/0\nCDA: 2/0/0" });
    expect(mended.status).toBe(302);
    const corrected = await prisma.position.findFirstOrThrow({ where: { supersedesId: position.id } });
    expect(JSON.parse(corrected.partyVotes!)).toEqual([
      { party: "D66", for: 8, against: 0, abstained: 0 },
      { party: "VVD", for: 3, against: 1, abstained: 0 },
      { party: "CDA", for: 2, against: 0, abstained: 0 },
    ]);
    expect((await correct(corrected.id, { partyVotes: "" })).status).toBe(302);
    const emptied = await prisma.position.findFirstOrThrow({ where: { supersedesId: corrected.id } });
    expect(emptied.partyVotes).toBeNull();
  });
});

describe("the receipt of the draft on the trail page's matrix row (review)", () => {
  /** The seeded GR amendment: sent on 12 January 2024; Rijswijk recorded no receipt, so its term ran to 8 March. */
  const seeded = () =>
    prisma.trail.findUniqueOrThrow({
      where: { reference: "H10-GR-2024" },
      include: { participants: { orderBy: { municipalityId: "asc" } }, deadlines: { orderBy: { id: "asc" } } },
    });

  it("a receipt after today is refused at its date with the date kept; one before the sending too; nothing written", async () => {
    const rijswijk = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } })).id;
    const trail = await seeded();
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const post = (on: string) =>
      outcome(() =>
        trailAction({
          request: formPost(clerk, `/trajecten/${trail.id}`, {
            intent: "event",
            type: "DRAFT_RECEIVED",
            municipalityId: rijswijk,
            revision: String(trail.revision),
            on,
            // Not a field of a receipt: not given back as the form's input.
            reason: "geen veld van deze stap",
          }),
          params: { trailId: trail.id },
          context: {},
        }),
      );
    const before = await Promise.all([written(trail.id), seeded()]);
    for (const on of [ahead(), addMonths(todayInAmsterdam(), 2)]) {
      const refused = await post(on);
      expect(refused.status, on).toBe(400);
      expect(refused.body, on).toMatchObject({
        error: {
          code: "invalid_payload",
          issues: { on: ["validation.receiptInFuture"] },
          type: "DRAFT_RECEIVED",
          municipalityId: rijswijk,
          posted: { on },
        },
        done: null,
      });
      expect((refused.body as { error: { posted: unknown } }).error.posted, on).toEqual({ on });
    }
    const early = await post("2024-01-11");
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      error: { code: "event_not_accepted", reason: "receivedBeforeSent", values: { sentOn: "2024-01-12" } },
    });
    // The snapshot, the participants' receipt dates and the deadlines as they were.
    expect(await Promise.all([written(trail.id), seeded()])).toEqual(before);
    expect(JSON.parse(before[1].snapshot!).context.councils[rijswijk].receivedOn).toBe("2024-01-12");
  });

  it("a receipt of today is recorded", async () => {
    const { trailId, revision } = await amendmentWithDraftReceived([delft], actors("secretaris"));
    const clerk = await clientFor("griffier.delft@h10.example");
    const taken = await outcome(() =>
      trailAction({
        request: formPost(clerk, `/trajecten/${trailId}`, {
          intent: "event",
          type: "DRAFT_RECEIVED",
          municipalityId: delft,
          revision: String(revision),
          on: todayInAmsterdam(),
        }),
        params: { trailId },
        context: {},
      }),
    );
    expect(taken.body).toEqual({ error: null, done: "DRAFT_RECEIVED" });
  });

  it("every step that records what has happened refuses a day after today at its date; nothing written", async () => {
    const steps = [
      ["GR_AMENDMENT", "DRAFT_SENT"],
      ["GR_AMENDMENT", "TERM_CLOSED"],
      ["GR_AMENDMENT", "PUBLISHED"],
      ["PROCUREMENT", "NOTE_SENT"],
      ["PROCUREMENT", "INPUT_TERM_CLOSED"],
      ["VISION", "START_PICTURE_SENT"],
      ["EXIT", "WEIGHING_COMPLETED"],
      ["EXIT", "NOTICE_GIVEN"],
      ["EXIT", "COSTS_SETTLED"],
      ["EXIT", "CONTRACTS_HANDED_OVER"],
      ["BUDGET_CYCLE", "KADERBRIEF_SENT"],
      ["BUDGET_CYCLE", "DRAFT_SENT"],
      ["BUDGET_CYCLE", "WINDOW_CLOSED"],
      ["BUDGET_CYCLE", "ZIENSWIJZEN_ANSWERED"],
      ["BUDGET_CYCLE", "BUDGET_ADOPTED"],
      ["BUDGET_CYCLE", "BUDGET_SENT_TO_GS"],
      ["BUDGET_CYCLE", "ACCOUNTS_ADOPTED"],
      ["BUDGET_CYCLE", "ACCOUNTS_SENT_TO_GS"],
    ] as const;
    for (const [kind, type] of steps) {
      const perMunicipality = type === "PUBLISHED" || type === "NOTICE_GIVEN";
      await expectRefusedAhead(kind, type, perMunicipality ? { municipalityId: delft } : {}, "validation.stepInFuture");
    }
  });

  it("a body's decision sent as a step refuses a day after today at its date, as the position form does; nothing written", async () => {
    const withheld = { ground: "law", reason: "Strijd met artikel 1 lid 4 Wgr." };
    const decisions = [
      ["GR_AMENDMENT", "ZIENSWIJZE_GIVEN", {}],
      ["GR_AMENDMENT", "NO_ZIENSWIJZE", {}],
      ["GR_AMENDMENT", "CONSENT_GIVEN", {}],
      ["GR_AMENDMENT", "CONSENT_WITHHELD", withheld],
      ["PROCUREMENT", "WENSEN_EN_BEDENKINGEN", {}],
      ["PROCUREMENT", "NO_INPUT", {}],
      ["PROCUREMENT", "COLLEGE_ADOPTED", {}],
      ["PROCUREMENT", "COLLEGE_REJECTED", {}],
      ["VISION", "INPUT_GIVEN", {}],
      ["VISION", "COUNCIL_ADOPTED", {}],
      ["VISION", "COUNCIL_ADOPTED_WITH_AMENDMENTS", {}],
      ["VISION", "COUNCIL_REJECTED", {}],
      ["EXIT", "CONSENT_GIVEN", {}],
      ["EXIT", "CONSENT_WITHHELD", withheld],
      ["EXIT", "COLLEGE_DECIDED", {}],
      ["BUDGET_CYCLE", "ZIENSWIJZE_GIVEN", {}],
      ["BUDGET_CYCLE", "NO_ZIENSWIJZE", {}],
    ] as const;
    for (const [kind, type, fields] of decisions)
      await expectRefusedAhead(kind, type, { municipalityId: delft, ...fields }, "validation.decisionInFuture");
  });

  it("a step posted without its date or reason asks for them by the app's own messages; nothing written", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    for (const [kind, type, fields, issues] of [
      ["GR_AMENDMENT", "DRAFT_SENT", {}, { on: ["validation.dateRequired"] }],
      ["VISION", "END", {}, { reason: ["validation.reasonRequired"] }],
      [
        "GR_AMENDMENT",
        "CONSENT_WITHHELD",
        { municipalityId: delft },
        {
          on: ["validation.dateRequired"],
          ground: ["validation.groundRequired"],
          reason: ["validation.reasonRequired"],
        },
      ],
    ] as const) {
      const trail = await createTrail(kind, [delft], { startedOn: "2024-01-02" });
      const before = await written(trail.id);
      const refused = await outcome(() =>
        trailAction({
          request: formPost(secretary, `/trajecten/${trail.id}`, {
            intent: "event",
            type,
            revision: String(trail.revision),
            ...fields,
            [CONFIRM_FIELD]: "on",
          }),
          params: { trailId: trail.id },
          context: {},
        }),
      );
      expect(refused.status, type).toBe(400);
      expect(refused.body, type).toMatchObject({ error: { code: "invalid_payload", issues } });
      expect(await written(trail.id), type).toEqual(before);
    }
  });

  it("a day ahead stays open to a step that may be recorded before it comes (an amendment's entry into force)", async () => {
    const trail = await createTrail("GR_AMENDMENT", [delft], { startedOn: "2024-01-02" });
    const secretary = await clientFor("secretaris@h10.example");
    const refused = await outcome(() =>
      trailAction({
        request: formPost(secretary, `/trajecten/${trail.id}`, {
          intent: "event",
          type: "ENTERED_INTO_FORCE",
          revision: String(trail.revision),
          on: ahead(),
          [CONFIRM_FIELD]: "on",
        }),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    // Refused by the workflow (the councils have not decided yet), not for its date.
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: "event_not_accepted" } });
  });
});

/**
 * The secretary sends a step dated a day after today on a new trail of the kind from the trail page's form: 400 at
 * the date with the step's message and the posted date; nothing written.
 */
async function expectRefusedAhead(kind: TrailKind, type: string, fields: Record<string, string>, message: string) {
  const secretary = await clientFor("secretaris@h10.example");
  const trail = await createTrail(kind, [delft], { startedOn: "2024-01-02" });
  const before = await written(trail.id);
  const on = ahead();
  const refused = await outcome(() =>
    trailAction({
      request: formPost(secretary, `/trajecten/${trail.id}`, {
        intent: "event",
        type,
        ...fields,
        revision: String(trail.revision),
        on,
        // Steps that cannot be undone (the budget's adoption) ask for the box first.
        [CONFIRM_FIELD]: "on",
      }),
      params: { trailId: trail.id },
      context: {},
    }),
  );
  expect(refused.status, `${kind} ${type}`).toBe(400);
  expect(refused.body, `${kind} ${type}`).toMatchObject({
    error: { code: "invalid_payload", issues: { on: [message] }, type, posted: { on } },
  });
  expect(await written(trail.id), `${kind} ${type}`).toEqual(before);
}

/** A GR amendment at consent for Delft (draft received, no zienswijze, processed). */
async function atConsent() {
  const { trailId } = await amendmentWithDraftReceived([delft], actors("secretaris"));
  let revision = (await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).revision;
  for (const [type, municipalityId, fields, actor] of [
    ["NO_ZIENSWIJZE", delft, { on: "2024-02-01" }, "griffier.delft"],
    ["ZIENSWIJZEN_PROCESSED", undefined, {}, "secretaris"],
  ] as const) {
    const r = await sendTrailEvent(
      { trailId, expectedRevision: revision, type, municipalityId, fields },
      actors(actor),
    );
    if (!r.ok) throw new Error(r.code);
    revision = r.revision;
  }
  return { trailId, revision };
}

describe("withholding consent is confirmed first", () => {
  it("on the position form: without the box nothing is written; with it the position is logged", async () => {
    const { trailId, revision } = await atConsent();
    const clerk = await clientFor("griffier.delft@h10.example");
    const fields = {
      revision: String(revision),
      bodyKind: "COUNCIL:CONSENT_WITHHELD",
      meetingDate: "2024-03-12",
      text: "In strijd met het algemeen belang.",
      legalGround: "publicInterest",
    };
    const post = (extra: Record<string, string>) =>
      outcome(() =>
        logAction({
          request: formPost(clerk, `/trajecten/${trailId}/standpunt/${delft}`, { ...fields, ...extra }),
          params: { trailId, municipalityId: delft },
          context: {},
        }),
      );
    const before = await written(trailId);
    const refused = await post({});
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({ confirmIrreversible: ["formsFeedback.confirmRequired"] });
    expect(await written(trailId)).toEqual(before);

    expect((await post({ confirmIrreversible: "on" })).status).toBe(302);
    expect(await prisma.position.count({ where: { trailId, kind: "CONSENT_WITHHELD" } })).toBe(1);
  });

  it("on the trail page's step: without the box the step is refused and the trail stays as it was", async () => {
    const { trailId, revision } = await atConsent();
    const clerk = await clientFor("griffier.delft@h10.example");
    const fields = {
      intent: "event",
      type: "CONSENT_WITHHELD",
      municipalityId: delft,
      revision: String(revision),
      on: "2024-03-12",
      ground: "law",
      reason: "In strijd met de wet.",
    };
    const post = (extra: Record<string, string>) =>
      outcome(() =>
        trailAction({
          request: formPost(clerk, `/trajecten/${trailId}`, { ...fields, ...extra }),
          params: { trailId },
          context: {},
        }),
      );
    const before = await written(trailId);
    const refused = await post({});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { type: "CONSENT_WITHHELD", issues: { confirm: ["formsFeedback.confirmRequired"] } },
    });
    expect(await written(trailId)).toEqual(before);

    const taken = await post({ confirm: "on" });
    expect(taken.body).toMatchObject({ error: null, done: "CONSENT_WITHHELD" });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).state).toBe("notAdopted");
  });
});

type Step = readonly [type: string, fields: Record<string, string>, actor: string];

/**
 * Takes `steps` (each as its actor, Delft's where a council is meant) and returns a post of the secretary's
 * irreversible step `type` on `on` from the trail page, with extra fields such as the confirmation.
 */
async function upToIrreversible(trailId: string, revision: number, steps: readonly Step[], type: string, on: string) {
  for (const [step, fields, actor] of steps) {
    const r = await sendTrailEvent(
      { trailId, expectedRevision: revision, type: step, municipalityId: delft, fields },
      actors(actor),
    );
    if (!r.ok) throw new Error(`${step}: ${r.code}`);
    revision = r.revision;
  }
  const secretary = await clientFor("secretaris@h10.example");
  return (extra: Record<string, string>) =>
    outcome(() =>
      trailAction({
        request: formPost(secretary, `/trajecten/${trailId}`, {
          intent: "event",
          type,
          revision: String(revision),
          on,
          ...extra,
        }),
        params: { trailId },
        context: {},
      }),
    );
}

describe("closing a trail is confirmed first", () => {
  it("an amendment entering into force: refused without the box, taken with it", async () => {
    const { trailId } = await atConsent();
    const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const post = await upToIrreversible(
      trailId,
      revision,
      [
        ["CONSENT_GIVEN", { on: "2024-03-12" }, "griffier.delft"],
        ["PUBLISHED", { on: "2024-03-20" }, "secretaris"],
      ],
      "ENTERED_INTO_FORCE",
      "2024-04-01",
    );
    const before = await written(trailId);
    expect((await post({})).status).toBe(422);
    expect(await written(trailId)).toEqual(before);
    expect((await post({ confirm: "on" })).body).toMatchObject({ error: null, done: "ENTERED_INTO_FORCE" });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).closedAt).not.toBeNull();
  });
});

describe("the budget cycle's AB decision is confirmed first", () => {
  it("the AB adopting the budget: refused without the box and nothing written, taken with it", async () => {
    const { id: trailId, revision } = await createTrail("BUDGET_CYCLE", [delft]);
    // The AB meeting of 18 July 2024 adopts the budget 2025; Delft's zienswijze is answered before it.
    const post = await upToIrreversible(
      trailId,
      revision,
      [
        ["CYCLE_PLANNED", { abMeetingOn: "2024-07-18" }, "secretaris"],
        ["KADERBRIEF_SENT", { on: "2024-04-19" }, "secretaris"],
        ["DRAFT_SENT", { on: "2024-04-25" }, "secretaris"],
        ["ZIENSWIJZE_GIVEN", { on: "2024-06-13" }, "griffier.delft"],
        ["ZIENSWIJZEN_ANSWERED", { on: "2024-07-05" }, "secretaris"],
      ],
      "BUDGET_ADOPTED",
      "2024-07-18",
    );
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).state).toBe("abAdoption");
    const before = await written(trailId);
    const refused = await post({});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { type: "BUDGET_ADOPTED", issues: { confirm: ["formsFeedback.confirmRequired"] } },
    });
    expect(await written(trailId)).toEqual(before);
    expect((await post({ confirm: "on" })).body).toMatchObject({ error: null, done: "BUDGET_ADOPTED" });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).state).toBe("budgetToGs");
  });
});

describe("sending a revision is confirmed first", () => {
  it("without the box the revision stays open and the trail does not move; with it the revision is sent", async () => {
    const trail = await createTrail("GR_AMENDMENT", [delft]);
    const created = await createDocument(
      { trailId: trail.id, kind: "RAADSVOORSTEL", title: "Raadsvoorstel wijziging" },
      actors("secretaris"),
    );
    if (!created.ok) throw new Error(created.code);
    const documentId = created.documentId;
    const secretary = await clientFor("secretaris@h10.example");
    const post = (extra: Record<string, string>) =>
      outcome(() =>
        documentAction({
          request: formPost(secretary, `/documenten/${documentId}`, { intent: "send", revision: "1", ...extra }),
          params: { documentId },
          context: {},
        }),
      );
    const frozen = async () =>
      (await prisma.documentRevision.findFirstOrThrow({ where: { documentId, number: 1 } })).frozenAt;
    const before = await written(trail.id);
    const refused = await post({});
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ error: "formsFeedback.confirmRequired" });
    expect(await frozen()).toBeNull();
    expect(await written(trail.id)).toEqual(before);

    const sent = await post({ confirm: "on" });
    expect(sent.status).toBe(302);
    expect(await frozen()).not.toBeNull();
  });
});

describe("letters with a missing signatory's name are made only once confirmed", () => {
  it("answers 409 naming the councils without a name, makes them with ?confirm=on, and freely once names are in", async () => {
    const document = await prisma.document.findFirstOrThrow({ where: { trail: { reference: "H10-GR-2024" } } });
    const reader = await clientFor("wethouder.rijswijk@h10.example");
    const fetchLetters = (loader: typeof lettersZip, query = "") =>
      outcome(() =>
        loader({
          request: get(reader, `/documenten/${document.id}/brieven.zip${query}`),
          params: { documentId: document.id },
          context: {},
        }),
      );
    for (const loader of [lettersZip, lettersPdf]) {
      const refused = await fetchLetters(loader);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: "signatories_missing" });
      const body = refused.body as { message: string; municipalities: string[] };
      expect(body.municipalities).toContain("Rijswijk");
      expect(body.message).toContain("Rijswijk");
      expect(body.message).toContain("Beheer › Ondertekening");
      expect((await fetchLetters(loader, "?confirm=on")).status).toBe(200);
    }
    // Every participant signed: no confirmation needed.
    await prisma.municipality.updateMany({ data: { mayorName: "A. Burgemeester", secretaryName: "B. Secretaris" } });
    expect((await fetchLetters(lettersZip)).status).toBe(200);
  });
});

describe("a new trail has an exiting municipality only when it is an exit", () => {
  it("refuses a procurement trail with an exiting municipality and creates nothing", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const reference = `E2E-INK-${Date.now()}`;
    const posted = await outcome(() =>
      newTrailAction({
        request: formPost(secretary, "/trajecten/nieuw", {
          kind: "PROCUREMENT",
          title: "Inkoopstrategie 2026",
          reference,
          startedOn: "2024-01-10",
          exitingMunicipalityId: delft,
        }),
        params: {},
        context: {},
      }),
    );
    expect(posted.status).toBe(400);
    expect(fieldErrors(posted.body)).toEqual({ exitingMunicipalityId: ["formsFeedback.notFor.exiting"] });
    expect(await prisma.trail.count({ where: { reference } })).toBe(0);
  });
});

describe("the API takes the same fields per step as the form", () => {
  it('logs "Geen reactie" without text, and refuses a ground on a zienswijze naming the field; nothing is written', async () => {
    const { trailId, revision } = await amendmentWithDraftReceived([delft], actors("secretaris"));
    const { token } = await createApiToken(actors("griffier.delft").id, "RIS Delft", {
      actor: actors("griffier.delft"),
      origin: "127.0.0.1",
    });
    const post = async (body: object) => {
      const request = new Request(`http://127.0.0.1/api/v1/trails/${trailId}/positions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ expectedRevision: revision, municipalityId: delft, body: "COUNCIL", ...body }),
      });
      const response = (await apiPositionsAction({ request, params: { trailId }, context: {} })) as Response;
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const before = await written(trailId);
    const ground = await post({
      kind: "ZIENSWIJZE",
      text: "Zienswijze.",
      meetingDate: "2024-02-01",
      legalGround: "law",
    });
    expect(ground).toMatchObject({ status: 400, body: { code: "invalid_body", details: { fields: ["legalGround"] } } });
    const votes = await post({
      kind: "NO_RESPONSE",
      meetingDate: "2024-02-01",
      votes: { for: 1, against: 0, abstained: 0 },
    });
    expect(votes).toMatchObject({ status: 400, body: { details: { fields: ["votes"] } } });
    expect(await written(trailId)).toEqual(before);

    const none = await post({ kind: "NO_RESPONSE", meetingDate: "2024-02-01" });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ kind: "NO_RESPONSE", text: "" });
  });
});
