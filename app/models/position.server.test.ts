import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, isPostgres, prisma } from "~/utils/db.server";
import { todayInAmsterdam } from "~/utils/date-range";
import { fromDateInputValue } from "~/utils/format";
import { addDays } from "~workflows/shared/dates";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors, sendSteps } from "../../test/factories/trail";
import { listTrailEvents, verifyTrailEvents } from "./event.server";
import { addPositionItem, correctPosition, logPosition, processPosition } from "./position.server";
import { answerZienswijze } from "./zienswijze-answer.server";
import { sendTrailEvent } from "./trail-workflow.server";

let actors: (local: string) => Actor;
let delft: string;
let denHaag: string;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  denHaag = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "den-haag" } })).id;
});

/** A GR amendment whose draft both councils received on 15 January 2024. */
async function amendmentInTerm() {
  const trail = await createTrail("GR_AMENDMENT", [delft, denHaag]);
  let revision = 0;
  const send = async (type: string, municipalityId: string | undefined, fields: Record<string, unknown>) => {
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, municipalityId, fields },
      actors("secretaris"),
    );
    if (!result.ok) throw new Error(result.code);
    revision = result.revision;
  };
  await send("DRAFT_SENT", undefined, { on: "2024-01-10" });
  await send("DRAFT_RECEIVED", delft, { on: "2024-01-15" });
  await send("DRAFT_RECEIVED", denHaag, { on: "2024-01-15" });
  return { trailId: trail.id, revision: () => revision, setRevision: (r: number) => (revision = r), send };
}

const zienswijze = {
  body: "COUNCIL" as const,
  kind: "ZIENSWIJZE" as const,
  text: "De raad vraagt de rol van de raden bij de begroting te versterken.",
  meetingDate: "2024-03-07",
  votes: { for: 33, against: 12, abstained: 0 },
  partyVotes: [
    { party: "D66", for: 8, against: 0, abstained: 0 },
    { party: "PVV", for: 0, against: 7, abstained: 0 },
  ],
  decisionReference: "RIS 317 204",
};

describe("logging positions", () => {
  it("a clerk logs their council's zienswijze: position, trail step and audit events in one go", async () => {
    const t = await amendmentInTerm();
    const result = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    expect(result).toMatchObject({ ok: true, revision: t.revision() + 1 });
    const position = await prisma.position.findFirstOrThrow({ where: { trailId: t.trailId } });
    expect(position).toMatchObject({
      kind: "ZIENSWIJZE",
      votesFor: 33,
      votesAgainst: 12,
      workflowEvent: "ZIENSWIJZE_GIVEN",
      decisionReference: "RIS 317 204",
    });
    expect(JSON.parse(position.partyVotes!)).toHaveLength(2);
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: t.trailId } });
    expect(JSON.parse(trail.snapshot!).context.councils[denHaag].zienswijze).toBe("given");
    const types = (await prisma.event.findMany({ where: { trailId: t.trailId }, orderBy: { sequence: "asc" } })).map(
      (e) => e.type,
    );
    expect(types.slice(-2)).toEqual(["workflow.ZIENSWIJZE_GIVEN", "position.logged"]);
  });

  it("sends a fixed number of queries, however many people follow the trail", async () => {
    const t = await amendmentInTerm();
    const motion = (text: string) => ({
      body: "COUNCIL" as const,
      kind: "MOTION" as const,
      text,
      meetingDate: "2024-03-07",
    });
    const log = (text: string) =>
      logPosition(
        { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: delft, ...motion(text) },
        actors("griffier.delft"),
      );
    await log("eerste motie"); // Delft's clerk now follows the trail.
    const few = await countQueries(() => log("tweede motie"));
    const users = await prisma.user.findMany({ where: { role: { in: ["ALDERMAN", "CLERK"] } }, select: { id: true } });
    await prisma.trailFollow.createMany({
      data: users
        .filter((u) => u.id !== actors("griffier.delft").id)
        .map((u) => ({ userId: u.id, trailId: t.trailId })),
    });
    const many = await countQueries(() => log("derde motie"));
    expect(few.result.ok && many.result.ok).toBe(true);
    expect(many.queries).toBe(few.queries);
    // Everyone else who follows the trail got one notification of the third motion.
    expect(
      await prisma.notification.count({ where: { trailId: t.trailId, values: { contains: "MOTION" } } }),
    ).toBeGreaterThanOrEqual(users.length - 1);
  });

  it("refuses a clerk logging for another council: 403, nothing written", async () => {
    const t = await amendmentInTerm();
    const result = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.delft"),
    );
    expect(result).toMatchObject({ ok: false, status: 403, code: "forbidden_body" });
    expect(await prisma.position.count({ where: { trailId: t.trailId } })).toBe(0);
  });

  it("refuses a position the trail does not expect now, with nothing written", async () => {
    const t = await amendmentInTerm();
    const result = await logPosition(
      {
        trailId: t.trailId,
        expectedRevision: t.revision(),
        municipalityId: delft,
        body: "COUNCIL",
        kind: "CONSENT_GIVEN",
        text: "Toestemming",
        meetingDate: "2024-03-01",
      },
      actors("griffier.delft"),
    );
    expect(result).toMatchObject({ ok: false, status: 422, code: "event_not_accepted" });
    expect(await prisma.position.count({ where: { trailId: t.trailId } })).toBe(0);
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: t.trailId } })).revision).toBe(t.revision());
  });

  it("records a withheld consent with its legal ground, and refuses one without", async () => {
    const t = await amendmentInTerm();
    await t.send("NO_ZIENSWIJZE", delft, { on: "2024-02-01" });
    await t.send("NO_ZIENSWIJZE", denHaag, { on: "2024-02-01" });
    await t.send("ZIENSWIJZEN_PROCESSED", undefined, {});
    const base = {
      trailId: t.trailId,
      municipalityId: delft,
      body: "COUNCIL" as const,
      kind: "CONSENT_WITHHELD" as const,
      meetingDate: "2024-04-04",
    };
    const withoutGround = await logPosition(
      { ...base, expectedRevision: t.revision(), text: "In strijd met het algemeen belang" },
      actors("griffier.delft"),
    );
    expect(withoutGround).toMatchObject({ ok: false, status: 400, code: "invalid_payload" });
    const withGround = await logPosition(
      {
        ...base,
        expectedRevision: t.revision(),
        text: "De regeling beperkt de zeggenschap van de raad te zeer.",
        legalGround: "publicInterest",
      },
      actors("griffier.delft"),
    );
    expect(withGround).toMatchObject({ ok: true });
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: t.trailId } });
    // Unanimity: one withheld consent ends the amendment.
    expect(trail.state).toBe("notAdopted");
  });

  it("logs a motion without moving the trail, but still checks the revision", async () => {
    const t = await amendmentInTerm();
    const motion = {
      trailId: t.trailId,
      municipalityId: delft,
      body: "COUNCIL" as const,
      kind: "MOTION" as const,
      text: "Verzoekt het college de raad per kwartaal te informeren.",
      meetingDate: "2024-03-07",
    };
    expect(
      await logPosition({ ...motion, expectedRevision: t.revision() - 1 }, actors("griffier.delft")),
    ).toMatchObject({ status: 409 });
    const result = await logPosition({ ...motion, expectedRevision: t.revision() }, actors("griffier.delft"));
    expect(result).toMatchObject({ ok: true, revision: t.revision() });
  });

  it("a college decision is logged by the alderman, not by the clerk", async () => {
    const trail = await createTrail("PROCUREMENT", [delft], { startedOn: "2017-11-01" });
    let revision = 0;
    for (const [type, municipalityId, fields] of [
      ["NOTE_SENT", undefined, { on: "2017-11-14" }],
      ["NO_INPUT", delft, { on: "2017-12-14" }],
      ["OPLEGGER_COMPLETED", undefined, {}],
      ["PROPOSAL_SENT", undefined, {}],
    ] as const) {
      const r = await sendTrailEvent(
        { trailId: trail.id, expectedRevision: revision, type, municipalityId, fields },
        actors("secretaris"),
      );
      if (!r.ok) throw new Error(r.code);
      revision = r.revision;
    }
    const decision = {
      trailId: trail.id,
      expectedRevision: revision,
      municipalityId: delft,
      body: "COLLEGE" as const,
      kind: "ADOPTED" as const,
      text: "Het college stelt de inkoopstrategie 2020-2024 vast.",
      meetingDate: "2018-04-10",
    };
    expect(await logPosition(decision, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await logPosition(decision, actors("wethouder.delft"))).toMatchObject({ ok: true });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).state).toBe("adopted");
  });
});

describe("corrections, amendments and processing", () => {
  it("a correction keeps the original and records the reason; a second correction of the original is refused", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    const corrected = await correctPosition(
      logged.positionId,
      {
        text: zienswijze.text,
        meetingDate: "2024-03-07",
        votes: { for: 34, against: 11, abstained: 0 },
        reason: "Stemmen verkeerd overgenomen uit de notulen",
      },
      actors("griffier.den-haag"),
    );
    expect(corrected).toMatchObject({ ok: true });
    const positions = await prisma.position.findMany({ where: { trailId: t.trailId }, orderBy: { loggedAt: "asc" } });
    expect(positions).toHaveLength(2);
    expect(positions[0]!.votesFor).toBe(33);
    expect(positions[1]).toMatchObject({
      votesFor: 34,
      supersedesId: logged.positionId,
      correctionReason: "Stemmen verkeerd overgenomen uit de notulen",
    });
    expect(
      await correctPosition(
        logged.positionId,
        { text: "x", meetingDate: "2024-03-07", reason: "nogmaals" },
        actors("griffier.den-haag"),
      ),
    ).toMatchObject({
      status: 409,
    });
  });

  it("adds an adopted amendment with its own votes", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    const item = await addPositionItem(
      logged.positionId,
      {
        kind: "AMENDMENT",
        title: "Amendement 1: zienswijze aanvullen",
        text: "Voeg toe: de raad ontvangt jaarlijks een verantwoording.",
        adopted: true,
        votes: { for: 40, against: 5, abstained: 0 },
      },
      actors("griffier.den-haag"),
    );
    expect(item).toMatchObject({ ok: true });
    // Without a text decided on there are no decision points to refer to.
    expect(
      await addPositionItem(
        logged.positionId,
        { kind: "AMENDMENT", title: "Amendement 2", text: "x", adopted: true, decisionPoint: "Beslispunt 2" },
        actors("griffier.den-haag"),
      ),
    ).toMatchObject({ status: 422, code: "unknown_decision_point" });
    expect(await prisma.positionItem.count({ where: { positionId: logged.positionId } })).toBe(1);
  });

  it("the trail cannot leave its processing step while a position is unprocessed", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    t.setRevision(logged.revision);
    await t.send("NO_ZIENSWIJZE", delft, { on: "2024-02-01" });
    const refused = await sendTrailEvent(
      { trailId: t.trailId, expectedRevision: t.revision(), type: "ZIENSWIJZEN_PROCESSED", fields: {} },
      actors("secretaris"),
    );
    expect(refused).toMatchObject({ ok: false, status: 422, code: "positions_unprocessed", unprocessed: 1 });
    expect(
      await processPosition(
        logged.positionId,
        {
          outcome: "PARTLY_ADOPTED",
          reason: "Begrotingsrol opgenomen, verantwoording niet",
          location: "Artikel 24 lid 2",
        },
        actors("griffier.den-haag"),
      ),
    ).toMatchObject({
      status: 403,
    });
    expect(
      await processPosition(
        logged.positionId,
        {
          outcome: "PARTLY_ADOPTED",
          reason: "Begrotingsrol opgenomen, verantwoording niet",
          location: "Artikel 24 lid 2",
        },
        actors("secretaris"),
      ),
    ).toMatchObject({
      ok: true,
    });
    // Processed, but the board has not answered Den Haag's zienswijze in writing: still refused (the answer ledger).
    const unanswered = await sendTrailEvent(
      { trailId: t.trailId, expectedRevision: t.revision(), type: "ZIENSWIJZEN_PROCESSED", fields: {} },
      actors("secretaris"),
    );
    expect(unanswered).toMatchObject({ ok: false, status: 422, code: "zienswijzen_unanswered", unanswered: 1 });
    const answer = { text: "Het bestuur neemt de begrotingsrol op in artikel 24 lid 2.", answeredOn: "2024-02-20" };
    expect(await answerZienswijze(logged.positionId, answer, actors("griffier.den-haag"))).toMatchObject({
      status: 403,
      code: "forbidden_role",
    });
    // Not dated before the council meeting that gave the zienswijze (7 March).
    expect(await answerZienswijze(logged.positionId, answer, actors("secretaris"))).toMatchObject({
      status: 400,
      code: "answer_before_zienswijze",
      earliest: "2024-03-07",
    });
    expect(
      await answerZienswijze(logged.positionId, { ...answer, answeredOn: "2024-03-14" }, actors("secretaris")),
    ).toMatchObject({ ok: true });
    const allowed = await sendTrailEvent(
      { trailId: t.trailId, expectedRevision: t.revision(), type: "ZIENSWIJZEN_PROCESSED", fields: {} },
      actors("secretaris"),
    );
    expect(allowed).toMatchObject({ ok: true, state: "consentRequested" });
  });
});

describe("a meeting after today and party votes over the totals are refused (review)", () => {
  /** Two days ahead: after today (Amsterdam) even when the test runs across midnight. */
  const ahead = () => addDays(todayInAmsterdam(), 2);
  const written = (trailId: string) =>
    Promise.all([
      prisma.position.count(),
      prisma.event.count(),
      prisma.trail.findUniqueOrThrow({ where: { id: trailId }, select: { revision: true, snapshot: true } }),
    ]);

  it("a zienswijze of a meeting ahead is no late step but a slip: 400 date_in_future, nothing written", async () => {
    const t = await amendmentInTerm();
    const before = await written(t.trailId);
    const meetingDate = ahead();
    // Even with the late box ticked: it was the only way past the check before.
    const refused = await logPosition(
      {
        trailId: t.trailId,
        expectedRevision: t.revision(),
        municipalityId: denHaag,
        ...zienswijze,
        meetingDate,
        confirmLate: true,
      },
      actors("griffier.den-haag"),
    );
    expect(refused).toEqual({
      ok: false,
      status: 400,
      code: "date_in_future",
      field: "meetingDate",
      latest: todayInAmsterdam(),
      message: "validation.meetingDateInFuture",
    });
    // A motion, which is no step of the trail, too.
    const motion = await logPosition(
      {
        trailId: t.trailId,
        expectedRevision: t.revision(),
        municipalityId: denHaag,
        body: "COUNCIL",
        kind: "MOTION",
        text: "Motie over de begroting",
        meetingDate,
      },
      actors("griffier.den-haag"),
    );
    expect(motion).toMatchObject({ ok: false, code: "date_in_future" });
    expect(await written(t.trailId)).toEqual(before);
    // Today itself is a meeting held: logged (as late, confirmed).
    const today = await logPosition(
      {
        trailId: t.trailId,
        expectedRevision: t.revision(),
        municipalityId: denHaag,
        ...zienswijze,
        meetingDate: todayInAmsterdam(),
        confirmLate: true,
      },
      actors("griffier.den-haag"),
    );
    expect(today).toMatchObject({ ok: true });
  });

  it("a correction to a meeting date ahead is refused as well", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    const before = await written(t.trailId);
    const corrected = await correctPosition(
      logged.positionId,
      { text: zienswijze.text, meetingDate: ahead(), reason: "Datum" },
      actors("griffier.den-haag"),
    );
    expect(corrected).toMatchObject({ ok: false, status: 400, code: "date_in_future", field: "meetingDate" });
    expect(await written(t.trailId)).toEqual(before);
  });

  it("votes per party group may be partial, but not add up to more than a total: the count exceeded is named", async () => {
    const t = await amendmentInTerm();
    const position = {
      trailId: t.trailId,
      municipalityId: denHaag,
      ...zienswijze,
      votes: { for: 20, against: 10, abstained: 0 },
    };
    const before = await written(t.trailId);
    const over = await logPosition(
      {
        ...position,
        expectedRevision: t.revision(),
        partyVotes: [
          { party: "D66", for: 8, against: 0, abstained: 0 },
          { party: "VVD", for: 17, against: 2, abstained: 0 },
        ],
      },
      actors("griffier.den-haag"),
    );
    expect(over).toEqual({
      ok: false,
      status: 400,
      code: "party_votes_exceed_totals",
      field: "partyVotes",
      message: "validation.partyVotesExceedFor",
      exceeded: [{ count: "for", parties: 25, total: 20 }],
    });
    // Against and abstained as well, each named.
    const both = await logPosition(
      {
        ...position,
        expectedRevision: t.revision(),
        partyVotes: [{ party: "PVV", for: 0, against: 11, abstained: 1 }],
      },
      actors("griffier.den-haag"),
    );
    expect(both).toMatchObject({
      code: "party_votes_exceed_totals",
      message: "validation.partyVotesExceedAgainst",
      exceeded: [
        { count: "against", parties: 11, total: 10 },
        { count: "abstained", parties: 1, total: 0 },
      ],
    });
    expect(await written(t.trailId)).toEqual(before);
    // 20/10/0 with "D66: 8/0/0" and "VVD: 3/2/0": partial, and logged.
    const partial = await logPosition(
      {
        ...position,
        expectedRevision: t.revision(),
        partyVotes: [
          { party: "D66", for: 8, against: 0, abstained: 0 },
          { party: "VVD", for: 3, against: 2, abstained: 0 },
        ],
      },
      actors("griffier.den-haag"),
    );
    expect(partial).toMatchObject({ ok: true });
    // A correction keeps the party votes: totals below them are refused.
    const lowered = await correctPosition(
      partial.ok ? partial.positionId : "",
      { text: zienswijze.text, meetingDate: "2024-03-07", votes: { for: 10, against: 1, abstained: 0 }, reason: "x" },
      actors("griffier.den-haag"),
    );
    expect(lowered).toMatchObject({
      ok: false,
      code: "party_votes_exceed_totals",
      exceeded: [
        { count: "for", parties: 11, total: 10 },
        { count: "against", parties: 2, total: 1 },
      ],
    });
  });
});

describe("a late zienswijze (issue 16)", () => {
  const late = { ...zienswijze, meetingDate: "2024-03-28" };

  it("is refused until the clerk confirms it is late, with nothing written", async () => {
    const t = await amendmentInTerm();
    const before = await Promise.all([prisma.position.count(), prisma.event.count()]);
    const refused = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...late },
      actors("griffier.den-haag"),
    );
    // Received 15 January 2024: eight weeks end on Monday 11 March 2024.
    expect(refused).toEqual({
      ok: false,
      status: 422,
      code: "late_not_confirmed",
      dueOn: "2024-03-11",
      extendedFrom: null,
    });
    expect(await Promise.all([prisma.position.count(), prisma.event.count()])).toEqual(before);
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: t.trailId } });
    expect(trail.revision).toBe(t.revision());
  });

  it("once confirmed, is recorded as late: never as met, in the deadline, the position, the audit trail and the matrix", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...late, confirmLate: true },
      actors("griffier.den-haag"),
    );
    expect(logged).toMatchObject({ ok: true, lateAfter: "2024-03-11" });
    const { listTrailDeadlines } = await import("./trail-workflow.server");
    const { deadlineStatus } = await import("~/utils/deadlines");
    const deadline = (await listTrailDeadlines(t.trailId)).find((d) => d.municipalityId === denHaag)!;
    expect(deadline).toMatchObject({ dueOn: "2024-03-11", metOn: "2024-03-28" });
    expect(deadlineStatus(deadline.dueOn, deadline.metOn, "2024-04-01", deadline.kind)).toBe("late");
    const { listTrailPositions } = await import("./position.server");
    const [position] = await listTrailPositions(t.trailId);
    expect(position!.lateAfter).toBe("2024-03-11");
    const event = await prisma.event.findFirstOrThrow({
      where: { trailId: t.trailId, type: "position.logged" },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(event.payload)).toMatchObject({ late: true, dueOn: "2024-03-11" });

    const { loadTrailBrief } = await import("./brief.server");
    const brief = (await loadTrailBrief(t.trailId, actors("secretaris"), "2024-04-01"))!;
    const row = brief.matrix.find((r) => r.municipalityId === denHaag)!;
    expect(row.council).toMatchObject({ state: "late", note: "matrix.lateUndecided" });
    expect(row.position.state).toBe("late");
    expect(row.received.deadline).toMatchObject({ dueOn: "2024-03-11", status: "late" });
    expect(brief.positions[0]).toMatchObject({ lateAfter: "2024-03-11" });
    // The secretary's pipeline lists it as late.
    const { secretaryPipeline } = await import("./dashboard.server");
    const listed = (await secretaryPipeline("2024-04-01")).unprocessed.rows.find((p) => p.id === position!.id);
    expect(listed).toMatchObject({ late: true });
    // An in-time zienswijze of the other council is not late.
    const delftRow = brief.matrix.find((r) => r.municipalityId === delft)!;
    expect(delftRow.council.state).toBe("none");
  });

  it("the secretary decides whether it counts when processing it; that is stored and shown", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...late, confirmLate: true },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    const processing = { outcome: "NOT_ADOPTED" as const, reason: "Te laat ingediend.", location: "Nota, §2" };
    expect(await processPosition(logged.positionId, processing, actors("secretaris"))).toMatchObject({
      ok: false,
      status: 422,
      code: "late_counts_required",
    });
    expect(await prisma.processing.count({ where: { positionId: logged.positionId } })).toBe(0);
    expect(
      await processPosition(logged.positionId, { ...processing, lateCounts: false }, actors("secretaris")),
    ).toEqual({ ok: true });
    expect(await prisma.processing.findUniqueOrThrow({ where: { positionId: logged.positionId } })).toMatchObject({
      lateCounts: false,
    });
    const { loadTrailBrief } = await import("./brief.server");
    const brief = (await loadTrailBrief(t.trailId, actors("secretaris"), "2024-04-01"))!;
    expect(brief.matrix.find((r) => r.municipalityId === denHaag)!.council.note).toBe("matrix.lateNotCounted");
    expect(brief.positions[0]!.processing).toMatchObject({ lateCounts: false });
  });

  it("an in-time position's processing stores no late-counts choice, whatever is sent", async () => {
    const t = await amendmentInTerm();
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
      actors("griffier.den-haag"),
    );
    if (!logged.ok) throw new Error(logged.code);
    expect(logged.lateAfter).toBeNull();
    await processPosition(
      logged.positionId,
      { outcome: "ADOPTED", reason: "Overgenomen.", location: "Art. 3", lateCounts: false },
      actors("secretaris"),
    );
    expect(await prisma.processing.findUniqueOrThrow({ where: { positionId: logged.positionId } })).toMatchObject({
      lateCounts: null,
    });
  });
});

describe("the zienswijze term under the Algemene termijnenwet (issue 16)", () => {
  it("a draft received on 5 February 2024: the term ends on Easter Monday and runs to 2 April, stored with its cause", async () => {
    const trail = await createTrail("GR_AMENDMENT", [delft, denHaag]);
    const revision = await sendSteps(
      trail.id,
      0,
      [
        ["DRAFT_SENT", undefined, "2024-02-01"],
        ["DRAFT_RECEIVED", delft, "2024-02-05"],
      ],
      actors("secretaris"),
    );
    const { listTrailDeadlines } = await import("./trail-workflow.server");
    // Sending marked every council received on 1 February; Delft's own receipt of 5 February counts for Delft.
    expect((await listTrailDeadlines(trail.id)).filter((d) => d.municipalityId === delft)).toMatchObject([
      { kind: "zienswijze", municipalityId: delft, dueOn: "2024-04-02", extendedFrom: "2024-04-01", metOn: null },
    ]);
    // A zienswijze on Tuesday 2 April is in time: no warning, not late.
    const logged = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: revision,
        municipalityId: delft,
        ...zienswijze,
        meetingDate: "2024-04-02",
      },
      actors("griffier.delft"),
    );
    expect(logged).toMatchObject({ ok: true, lateAfter: null });
  });
});

describe("statements per position (issue 17: writes)", () => {
  /** The statements sent, listed in the failure message. */
  const listed = (statements: string[]) => statements.map((s, i) => `${i + 1}. ${s.slice(0, 120)}`).join("\n");
  /** PostgreSQL adds one: the audit chain's lock (event.server.ts). */
  const extra = isPostgres() ? 1 : 0;

  it("a zienswijze that is a step reads the trail once and appends its two audit events at once; a motion sends fewer", async () => {
    const t = await amendmentInTerm();
    const named = (local: string) => ({ ...actors(local), name: `Griffier ${local}` });
    const deadlinesBefore = await prisma.deadline.findMany({ where: { trailId: t.trailId }, orderBy: { id: "asc" } });
    // The secretary who sent the steps follows the trail, so the followers are told; the clerks start following.
    // At most (the body and municipality name caches may be cold): SQLite sent 21 before issue 17, PostgreSQL 23.
    // Issue 18 added two: the position's search entry and its stems (search.server.ts), inserted without a read.
    const step = await countQueries(() =>
      logPosition(
        { trailId: t.trailId, expectedRevision: t.revision(), municipalityId: denHaag, ...zienswijze },
        named("griffier.den-haag"),
      ),
    );
    expect(step.result).toMatchObject({ ok: true });
    if (step.result.ok) t.setRevision(step.result.revision);
    expect(step.queries, listed(step.statements)).toBeLessThanOrEqual(17 + extra);
    // Before: 11 on SQLite, 12 on PostgreSQL.
    const motion = await countQueries(() =>
      logPosition(
        {
          trailId: t.trailId,
          expectedRevision: t.revision(),
          municipalityId: delft,
          body: "COUNCIL",
          kind: "MOTION",
          text: "Motie",
          meetingDate: "2024-03-07",
        },
        named("griffier.delft"),
      ),
    );
    expect(motion.result).toMatchObject({ ok: true });
    expect(motion.queries, listed(motion.statements)).toBeLessThanOrEqual(12 + extra);

    // What was written is what was written before: the chain holds, both events in order, the deadline met in place.
    const events = await listTrailEvents(t.trailId);
    expect(events.slice(-3).map((e) => e.type)).toEqual([
      "workflow.ZIENSWIJZE_GIVEN",
      "position.logged",
      "position.logged",
    ]);
    expect(await verifyTrailEvents(t.trailId, events)).toMatchObject({ ok: true, checked: events.length });
    const deadlinesAfter = await prisma.deadline.findMany({ where: { trailId: t.trailId }, orderBy: { id: "asc" } });
    expect(deadlinesAfter.map((d) => d.id)).toEqual(deadlinesBefore.map((d) => d.id));
    expect(deadlinesAfter.find((d) => d.municipalityId === denHaag)?.metAt).toEqual(fromDateInputValue("2024-03-07"));
    expect(deadlinesAfter.find((d) => d.municipalityId === delft)).toEqual(
      deadlinesBefore.find((d) => d.municipalityId === delft),
    );
    expect(await prisma.notification.count({ where: { trailId: t.trailId, kind: "positionLogged" } })).toBe(3);
  });
});
