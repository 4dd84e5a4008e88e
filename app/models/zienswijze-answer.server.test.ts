import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres } from "../../test/factories/query-plan";
import {
  amendmentWithDraftReceived,
  zienswijze,
  createTrail,
  demoActors,
  municipalityIds,
  sendSteps,
} from "../../test/factories/trail";
import { generateOplegger } from "./oplegger.server";
import { correctPosition, logPosition } from "./position.server";
import { sendTrailEvent } from "./trail-workflow.server";
import {
  answerLedger,
  answersForCouncil,
  answerZienswijze,
  AWAITING_ANSWER,
  countUnanswered,
  unansweredZienswijzen,
} from "./zienswijze-answer.server";

let actors: (local: string) => Actor;
let id: (slug: string) => string;

beforeAll(async () => {
  actors = await demoActors();
  id = await municipalityIds();
});

afterEach(() => {
  delete process.env.UNANSWERED_ZIENSWIJZE;
});

/** The stored flags of a trail's positions, checked against what the rows give (AWAITING_ANSWER). */
async function flags(trailId: string) {
  const [stored, derived] = await Promise.all([
    prisma.position.findMany({ where: { trailId }, select: { id: true, awaitingAnswer: true } }),
    prisma.position.findMany({ where: { trailId, ...AWAITING_ANSWER }, select: { id: true } }),
  ]);
  expect(
    stored
      .filter((p) => p.awaitingAnswer)
      .map((p) => p.id)
      .sort(),
  ).toEqual(derived.map((p) => p.id).sort());
  return Object.fromEntries(stored.map((p) => [p.id, p.awaitingAnswer]));
}

describe("the answer ledger on an amendment of the arrangement", () => {
  it("keeps every zienswijze's flag, answers it once per council with a notice, and holds the step until all are answered", async () => {
    const secretary = actors("secretaris");
    const t = await amendmentWithDraftReceived([id("delft"), id("rijswijk"), id("westland")], secretary);
    // The seed's budget cycle holds an unanswered zienswijze of Delft already.
    const delftBefore = await countUnanswered(id("delft"));
    let revision = t.revision;
    const log = async (slug: string, input: Record<string, unknown>) => {
      const logged = await logPosition(
        { trailId: t.trailId, expectedRevision: revision, municipalityId: id(slug), ...input } as never,
        actors(`griffier.${slug}`),
      );
      if (!logged.ok) throw new Error(logged.code);
      revision = logged.revision;
      return logged.positionId;
    };
    const delft = await log(
      "delft",
      zienswijze("De raad vraagt het bestuur de raden vroeg te betrekken bij de kaderbrief.", "2024-02-01"),
    );
    const rijswijkNone = await log("rijswijk", {
      body: "COUNCIL",
      kind: "NO_RESPONSE",
      text: "",
      meetingDate: "2024-02-02",
    });
    // A committee's zienswijze is advice to its own council, not the council's: the board does not answer it.
    const committee = await log("westland", {
      body: "COMMITTEE",
      kind: "ZIENSWIJZE",
      text: "De commissie adviseert een zienswijze over de begroting.",
      meetingDate: "2024-02-05",
    });
    expect(await flags(t.trailId)).toEqual({ [delft]: true, [rijswijkNone]: false, [committee]: false });
    expect(
      await answerZienswijze(committee, { text: "x".repeat(30), answeredOn: "2024-02-10" }, secretary),
    ).toMatchObject({ ok: false, status: 422, code: "not_answerable" });
    expect(await countUnanswered(id("delft"))).toBe(delftBefore + 1);
    expect((await unansweredZienswijzen({ pageSize: 1000 })).rows.map((r) => r.positionId)).toContain(delft);

    // Only a secretary records the board's answer; not before the zienswijze, not decades ahead.
    const answer = {
      text: "Het bestuur stuurt de kaderbrief voortaan vóór 15 april naar de raden.\n\nZo kan elke raad erover vergaderen.",
      answeredOn: "2024-02-20",
    };
    expect(await answerZienswijze(delft, answer, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await answerZienswijze(delft, { ...answer, answeredOn: "2024-01-20" }, secretary)).toMatchObject({
      status: 400,
      code: "answer_before_zienswijze",
    });
    expect(await answerZienswijze(delft, { ...answer, answeredOn: "2060-01-01" }, secretary)).toMatchObject({
      status: 400,
      code: "date_out_of_range",
      field: "answeredOn",
    });
    expect(await prisma.zienswijzeAnswer.count({ where: { trailId: t.trailId } })).toBe(0);

    // Answered: no longer awaiting, in the council's inbox, its clerk told, the text in the audit log.
    const first = await answerZienswijze(delft, answer, secretary, "form-key-answer-delft");
    expect(first).toMatchObject({ ok: true, revised: false });
    // The same form posted twice answers once.
    const again = await answerZienswijze(delft, answer, secretary, "form-key-answer-delft");
    expect(again).toMatchObject({ ok: true, answerId: first.ok ? first.answerId : "" });
    expect((await flags(t.trailId))[delft]).toBe(false);
    expect(await countUnanswered(id("delft"))).toBe(delftBefore);
    const inbox = await answersForCouncil(id("delft"), 1, 1000);
    expect(inbox.rows.find((r) => r.trailId === t.trailId)).toMatchObject({
      answeredOn: "2024-02-20",
      excerpt: expect.stringContaining("kaderbrief voortaan"),
    });
    const clerk = await prisma.user.findFirstOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const notices = await prisma.notification.findMany({
      where: { trailId: t.trailId, kind: "zienswijzeAnswered", userId: clerk.id },
    });
    expect(notices).toHaveLength(1);
    const events = await prisma.event.findMany({ where: { trailId: t.trailId, type: { startsWith: "zienswijze." } } });
    expect(events.map((e) => e.type)).toEqual(["zienswijze.answered"]);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ positionId: delft, text: answer.text, on: "2024-02-20" });

    // A revision keeps one answer, and says so in the log.
    expect(await answerZienswijze(delft, { ...answer, answeredOn: "2024-02-21" }, secretary)).toMatchObject({
      ok: true,
      revised: true,
    });
    expect(await prisma.zienswijzeAnswer.count({ where: { trailId: t.trailId } })).toBe(1);

    // A correction of the meeting date only keeps the answer; one of the words needs a new answer.
    const sameWords = await correctPosition(
      delft,
      {
        text: "De raad vraagt het bestuur de raden vroeg te betrekken bij de kaderbrief.",
        meetingDate: "2024-02-02",
        reason: "Datum.",
      },
      actors("griffier.delft"),
    );
    if (!sameWords.ok) throw new Error(sameWords.code);
    expect((await flags(t.trailId))[sameWords.positionId]).toBe(false);
    expect((await answerLedger(t.trailId))[0]).toMatchObject({
      positionId: sameWords.positionId,
      answer: { answeredOn: "2024-02-21" },
    });
    const newWords = await correctPosition(
      sameWords.positionId,
      { text: "De raad vraagt ook om een halfjaarlijkse rapportage.", meetingDate: "2024-02-02", reason: "Tekst." },
      actors("griffier.delft"),
    );
    if (!newWords.ok) throw new Error(newWords.code);
    expect(await flags(t.trailId)).toMatchObject({ [sameWords.positionId]: false, [newWords.positionId]: true });
    expect(await answerLedger(t.trailId)).toEqual([
      expect.objectContaining({ positionId: newWords.positionId, municipality: "Delft", answer: null }),
    ]);
    expect(await answerZienswijze(sameWords.positionId, answer, secretary)).toMatchObject({
      status: 409,
      code: "position_superseded",
      currentId: newWords.positionId,
    });

    // Westland's council gives none; the term is over; processing is done: the board still must answer Delft.
    revision = await sendSteps(
      t.trailId,
      revision,
      [["NO_ZIENSWIJZE", id("westland"), "2024-02-06"]],
      actors("griffier.westland"),
    );
    const { processPosition } = await import("./position.server");
    for (const p of await prisma.position.findMany({ where: { trailId: t.trailId, awaitingProcessing: true } }))
      await processPosition(p.id, { outcome: "ADOPTED", reason: "Overgenomen.", location: "Art. 2" }, secretary);
    const step = () =>
      sendTrailEvent(
        { trailId: t.trailId, expectedRevision: revision, type: "ZIENSWIJZEN_PROCESSED", fields: {} },
        secretary,
      );
    expect(await step()).toMatchObject({ ok: false, status: 422, code: "zienswijzen_unanswered", unanswered: 1 });
    // The oplegger offered to the board lists the zienswijze without its answer.
    const oplegger = await generateOplegger(t.trailId, secretary);
    expect(oplegger.ok).toBe(true);
    const content = await prisma.documentRevision.findFirstOrThrow({
      where: { document: { trailId: t.trailId, kind: "OPLEGGER" } },
      orderBy: { number: "desc" },
    });
    expect(content.content).toContain("Zienswijzen en de antwoorden van het dagelijks bestuur");
    expect(content.content).toContain("Nog niet beantwoord.");
    expect(
      await answerZienswijze(
        newWords.positionId,
        { text: "Het bestuur rapporteert halfjaarlijks.", answeredOn: "2024-02-22" },
        secretary,
      ),
    ).toMatchObject({ ok: true });
    const passed = await step();
    expect(passed).toMatchObject({ ok: true, state: "consentRequested" });
  });
});

/** A budget cycle of three councils with the draft sent on 10 April 2024 for the AB meeting of 4 July 2024. */
async function budgetCycleInWindow() {
  const secretary = actors("secretaris");
  const trail = await createTrail("BUDGET_CYCLE", [id("zoetermeer"), id("delft"), id("midden-delfland")]);
  let revision = 0;
  const planned = await sendTrailEvent(
    { trailId: trail.id, expectedRevision: revision, type: "CYCLE_PLANNED", fields: { abMeetingOn: "2024-07-04" } },
    secretary,
  );
  if (!planned.ok) throw new Error(planned.code);
  revision = await sendSteps(
    trail.id,
    planned.revision,
    [
      ["KADERBRIEF_SENT", undefined, "2024-02-15"],
      ["DRAFT_SENT", undefined, "2024-04-10"],
    ],
    secretary,
  );
  const logged = await logPosition(
    {
      trailId: trail.id,
      expectedRevision: revision,
      municipalityId: id("zoetermeer"),
      ...zienswijze("De raad vraagt de stijging van de bijdrage te beperken tot de indexatie.", "2024-05-27"),
    },
    actors("griffier.zoetermeer"),
  );
  if (!logged.ok) throw new Error(logged.code);
  revision = await sendSteps(
    trail.id,
    logged.revision,
    [
      ["NO_ZIENSWIJZE", id("delft"), "2024-05-28"],
      ["NO_ZIENSWIJZE", id("midden-delfland"), "2024-05-28"],
    ],
    actors("secretaris"),
  );
  return { trailId: trail.id, revision, positionId: logged.positionId };
}

describe("the answer ledger on a budget cycle", () => {
  it("refuses the board's step while Zoetermeer's zienswijze is unanswered, and takes it once answered", async () => {
    const c = await budgetCycleInWindow();
    const answered = () =>
      sendTrailEvent(
        {
          trailId: c.trailId,
          expectedRevision: c.revision,
          type: "ZIENSWIJZEN_ANSWERED",
          fields: { on: "2024-06-20" },
        },
        actors("secretaris"),
      );
    expect(await answered()).toMatchObject({ ok: false, code: "zienswijzen_unanswered", unanswered: 1 });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: c.trailId } })).state).toBe("answeringZienswijzen");
    expect(
      await answerZienswijze(
        c.positionId,
        { text: "De stijging bestaat uit loon- en prijsindexatie.", answeredOn: "2024-06-06" },
        actors("secretaris"),
      ),
    ).toMatchObject({ ok: true });
    expect(await answered()).toMatchObject({ ok: true, state: "abAdoption" });
  });

  it("lets the step pass while one is unanswered when the arrangement only warns, and the alarm stays", async () => {
    const c = await budgetCycleInWindow();
    process.env.UNANSWERED_ZIENSWIJZE = "warn";
    const passed = await sendTrailEvent(
      { trailId: c.trailId, expectedRevision: c.revision, type: "ZIENSWIJZEN_ANSWERED", fields: { on: "2024-06-20" } },
      actors("secretaris"),
    );
    expect(passed).toMatchObject({ ok: true, state: "abAdoption" });
    expect((await unansweredZienswijzen({ pageSize: 1000 })).rows.map((r) => r.positionId)).toContain(c.positionId);
  });
});

describe("the ledger's queries", () => {
  it("count and page the unanswered zienswijzen and a council's answers along their indexes, on both engines", async () => {
    const truth = onPostgres() ? "true" : "1";
    const count = await explain(
      `SELECT COUNT(*) FROM (SELECT "id" FROM "Position" WHERE "awaitingAnswer" = ${truth}) AS sub`,
    );
    const page = await explain(
      `SELECT "id" FROM "Position" WHERE "awaitingAnswer" = ${truth} ORDER BY "loggedAt", "id" LIMIT 50 OFFSET 50`,
      { ordered: true },
    );
    for (const plan of [count, page]) {
      expect(plan).toContain("Position_awaitingAnswer_loggedAt_id_idx");
      expect(plan).not.toMatch(/SCAN "?Position"?(?! USING)|Seq Scan/);
    }
    expect(page).not.toMatch(/TEMP B-TREE|Sort\b/);
    // One council's count (the dashboard) from its own index, not by checking every unanswered row's council.
    const own = await explain(
      `SELECT COUNT(*) FROM (SELECT "id" FROM "Position" WHERE "awaitingAnswer" = ${truth} AND "municipalityId" = 'x') AS sub`,
    );
    expect(own).toContain("Position_municipalityId_awaitingAnswer_idx");
    const inbox = await explain(
      `SELECT "id" FROM "ZienswijzeAnswer" WHERE "municipalityId" = 'x' ORDER BY "answeredOn" DESC, "id" DESC LIMIT 50`,
      { ordered: true },
    );
    expect(inbox).toContain("ZienswijzeAnswer_municipalityId_answeredOn_id_idx");
    expect(inbox).not.toMatch(/TEMP B-TREE|Sort\b/);
  });

  it("the migration's backfill sets the flags the writes set", async () => {
    const stored = await prisma.position.findMany({ where: { awaitingAnswer: true }, select: { id: true } });
    expect(stored.length).toBeGreaterThan(0);
    const file = path.join(
      "prisma",
      onPostgres() ? "postgresql/migrations" : "migrations",
      "20261204024724_zienswijze_answers",
      "migration.sql",
    );
    const backfill = /UPDATE "Position" SET "awaitingAnswer" = true[\s\S]*?;/.exec(fs.readFileSync(file, "utf8"))![0];
    await prisma.$executeRawUnsafe(`UPDATE "Position" SET "awaitingAnswer" = false`);
    await prisma.$executeRawUnsafe(backfill);
    const after = await prisma.position.findMany({ where: { awaitingAnswer: true }, select: { id: true } });
    expect(after.map((p) => p.id).sort()).toEqual(stored.map((p) => p.id).sort());
  });
});
