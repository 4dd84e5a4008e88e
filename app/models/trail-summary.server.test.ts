import { beforeAll, describe, expect, it } from "vitest";
import { listTrailsWithParticipants, listTrails } from "~/models/trail.server";
import { countQueries, prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres, sqlDate } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { aldermanDashboard } from "./alderman-dashboard.server";
import { councilInbox, regionOverview, secretaryPipeline } from "./dashboard.server";
import { correctPosition, logPosition, processPosition } from "./position.server";
import { participantSummarySelect, refreshStaleSummaries, SUMMARY_VERSION } from "./trail-summary.server";
import { processingState } from "~workflows/positions";
import { sendTrailEvent, setTargetDate } from "./trail-workflow.server";

let actors: (local: string) => Actor;
const ids = new Map<string, string>();
const SLUGS = ["delft", "rijswijk", "westland"] as const;
const id = (slug: (typeof SLUGS)[number]) => ids.get(slug)!;

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany({ where: { slug: { in: [...SLUGS] } } })) ids.set(m.slug, m.id);
});

/** Every trail's summary columns, to compare what the writes kept with what a rewrite from the snapshots gives. */
async function storedSummaries() {
  const trails = await prisma.trail.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      progressLabel: true,
      progressDone: true,
      progressTotal: true,
      budgetYear: true,
      budgetAmendment: true,
      summaryVersion: true,
      participants: {
        orderBy: { municipalityId: "asc" },
        select: participantSummarySelect,
      },
      positions: { orderBy: { id: "asc" }, select: { id: true, awaitingProcessing: true, awaitingAnswer: true } },
    },
  });
  return trails;
}

/**
 * The positions that await processing as the domain defines it (workflows/positions.ts: processingState "open",
 * and not superseded by a correction), derived from every position's rows, and those whose stored flag says so.
 */
async function awaitingProcessing() {
  const positions = await prisma.position.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      awaitingProcessing: true,
      supersededBy: { select: { id: true } },
      processing: { select: { id: true } },
      trail: { select: { closedAt: true } },
    },
  });
  return {
    derived: positions
      .filter(
        (p) =>
          p.supersededBy === null &&
          processingState(p.kind, p.processing !== null, p.trail.closedAt !== null) === "open",
      )
      .map((p) => p.id),
    stored: positions.filter((p) => p.awaitingProcessing).map((p) => p.id),
  };
}

/** A GR amendment of Delft, Rijswijk and Westland with its draft sent on 10 January 2024; steps as the secretary. */
async function amendment() {
  const trail = await createTrail("GR_AMENDMENT", SLUGS.map(id));
  let revision = 0;
  const send = async (type: string, fields: Record<string, unknown> = {}) => {
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, fields },
      actors("secretaris"),
    );
    if (!result.ok) throw new Error(`${type}: ${result.code}`);
    revision = result.revision;
  };
  const log = async (slug: (typeof SLUGS)[number], kind: string, meetingDate: string, extra = {}) => {
    const result = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: revision,
        municipalityId: id(slug),
        body: "COUNCIL",
        kind: kind as never,
        text: `Besluit van de raad (${kind}).`,
        meetingDate,
        ...extra,
      },
      actors(`griffier.${slug}`),
    );
    if (!result.ok) throw new Error(`${kind}: ${result.code}`);
    revision = result.revision;
  };
  return { trail, send, log };
}

/** A stored date as the day it stands for (dates are midnight in Amsterdam). */
const day = (date: Date | null | undefined) => (date ? toDateInputValue(date) : null);

const participant = (trailId: string, slug: (typeof SLUGS)[number]) =>
  prisma.trailParticipant.findUniqueOrThrow({
    where: { trailId_municipalityId: { trailId, municipalityId: id(slug) } },
  });

describe("the trail summary columns (issue 17)", () => {
  it("follow every step in the step's own transaction: progress, standing, what is awaited and by when", async () => {
    const { trail, send, log } = await amendment();
    // In preparation nothing is asked of the councils yet.
    expect(await participant(trail.id, "delft")).toMatchObject({
      status: "awaiting",
      awaiting: null,
      inboxDueAt: null,
    });

    await send("DRAFT_SENT", { on: "2024-01-10" });
    const sent = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(sent).toMatchObject({ progressLabel: "progress.responded", progressDone: 0, progressTotal: 3 });
    const delft = await participant(trail.id, "delft");
    expect(delft.status).toBe("received");
    expect(day(delft.receivedAt)).toBe("2024-01-10");
    expect(delft.awaiting?.split(",").sort()).toEqual(["NO_ZIENSWIJZE", "ZIENSWIJZE_GIVEN"]);
    // The council's zienswijze term (8 weeks after sending, Wgr) orders its inbox.
    const delftDeadline = await prisma.deadline.findFirstOrThrow({
      where: { trailId: trail.id, municipalityId: id("delft"), kind: "zienswijze" },
    });
    expect(delft.inboxDueAt).toEqual(delftDeadline.dueAt);

    await log("delft", "ZIENSWIJZE", "2024-02-01");
    expect(await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).toMatchObject({ progressDone: 1 });
    expect(await participant(trail.id, "delft")).toMatchObject({ status: "zienswijzeGiven", awaiting: null });
    expect(day((await participant(trail.id, "delft")).statusOn)).toBe("2024-02-01");
    expect((await participant(trail.id, "rijswijk")).awaiting).not.toBeNull();

    // Consent withheld on a unanimous amendment closes the trail: nothing is awaited any more.
    await log("rijswijk", "NO_RESPONSE", "2024-02-02");
    await log("westland", "NO_RESPONSE", "2024-02-03");
    const { positions } = { positions: await prisma.position.findMany({ where: { trailId: trail.id } }) };
    const { processPosition } = await import("./position.server");
    const { answerZienswijze } = await import("./zienswijze-answer.server");
    for (const p of positions.filter((p) => p.kind === "ZIENSWIJZE")) {
      await processPosition(
        p.id,
        { outcome: "ADOPTED", reason: "Overgenomen.", location: "Art. 2" },
        actors("secretaris"),
      );
      await answerZienswijze(
        p.id,
        { text: "Het bestuur neemt de zienswijze over.", answeredOn: "2024-02-05" },
        actors("secretaris"),
      );
    }
    await send("ZIENSWIJZEN_PROCESSED");
    await log("westland", "CONSENT_WITHHELD", "2024-03-12", {
      legalGround: "publicInterest",
      text: "Strijd met het algemeen belang.",
    });
    const closed = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(closed.closedAt).not.toBeNull();
    expect(closed).toMatchObject({ progressLabel: null, progressDone: null });
    // The search's open/closed filter follows: the trail's positions are found as closed, no longer as open.
    const { search } = await import("./search.server");
    const hrefs = async (state: "open" | "closed") =>
      (await search("strijd algemeen belang", { state, kind: "position" })).groups.flatMap((g) =>
        g.results.map((r) => r.href),
      );
    expect(await hrefs("closed")).toContainEqual(expect.stringContaining(`/trajecten/${trail.id}/`));
    expect(await hrefs("open")).not.toContainEqual(expect.stringContaining(`/trajecten/${trail.id}/`));
    expect(await participant(trail.id, "westland")).toMatchObject({
      status: "consentWithheld",
      withheldGround: "publicInterest",
      withheldReason: "Strijd met het algemeen belang.",
      awaiting: null,
      inboxDueAt: null,
    });
    expect(await prisma.trailParticipant.count({ where: { trailId: trail.id, awaiting: { not: null } } })).toBe(0);
  });

  it("a secretary's target date is the inbox date of councils without a term of their own", async () => {
    const { trail } = await amendment();
    // A vision's councils give input without a term: the general target date orders their inbox.
    const vision = await createTrail("VISION", SLUGS.map(id));
    const sent = await sendTrailEvent(
      { trailId: vision.id, expectedRevision: 0, type: "START_PICTURE_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    expect(sent).toMatchObject({ ok: true });
    const before = await participant(vision.id, "delft");
    expect(before.awaiting).not.toBeNull();
    expect(day(before.inboxDueAt)).toBe("9999-12-31");
    expect(
      await setTargetDate(
        { trailId: vision.id, label: "Inbreng startnotitie", dueOn: "2024-03-01" },
        actors("secretaris"),
      ),
    ).toMatchObject({ ok: true });
    expect(day((await participant(vision.id, "delft")).inboxDueAt)).toBe("2024-03-01");
    // The amendment in preparation is untouched.
    expect((await participant(trail.id, "delft")).inboxDueAt).toBeNull();
  });

  it("keep each position's awaitingProcessing flag equal to what its rows give, through processing, a correction and the close", async () => {
    const { trail, send, log } = await amendment();
    const secretary = actors("secretaris");
    const flags = async () => {
      const { derived, stored } = await awaitingProcessing();
      // What the pipeline counts and lists is the stored flag; it must be what the positions' rows give.
      expect(stored).toEqual(derived);
      const pipeline = await secretaryPipeline("2024-03-08", {}, 1000);
      expect(pipeline.unprocessed.total).toBe(derived.length);
      expect(pipeline.unprocessed.rows.map((r) => r.id).sort()).toEqual([...derived].sort());
      return Object.fromEntries(
        (
          await prisma.position.findMany({
            where: { trailId: trail.id },
            select: { id: true, awaitingProcessing: true },
          })
        ).map((p) => [p.id, p.awaitingProcessing]),
      );
    };
    const positionOf = async (slug: (typeof SLUGS)[number], kind: string) =>
      (
        await prisma.position.findFirstOrThrow({
          where: { trailId: trail.id, municipalityId: id(slug), kind: kind as never, supersededBy: null },
        })
      ).id;

    await send("DRAFT_SENT", { on: "2024-01-10" });
    // A zienswijze waits for the secretary's processing.
    await log("delft", "ZIENSWIJZE", "2024-02-01");
    const delftOriginal = await positionOf("delft", "ZIENSWIJZE");
    expect((await flags())[delftOriginal]).toBe(true);

    // Its correction supersedes it: the correction waits, the original no longer.
    const corrected = await correctPosition(
      delftOriginal,
      { text: "Gecorrigeerde zienswijze.", meetingDate: "2024-02-01", reason: "Verkeerde tekst." },
      actors("griffier.delft"),
    );
    expect(corrected).toMatchObject({ ok: true });
    const delftCorrection = corrected.ok ? corrected.positionId : "";
    expect(await flags()).toMatchObject({ [delftOriginal]: false, [delftCorrection]: true });

    // A "no response" has nothing to process; a second zienswijze waits.
    await log("rijswijk", "ZIENSWIJZE", "2024-02-02");
    await log("westland", "NO_RESPONSE", "2024-02-03");
    const rijswijk = await positionOf("rijswijk", "ZIENSWIJZE");
    const westlandNone = await positionOf("westland", "NO_RESPONSE");
    expect(await flags()).toMatchObject({ [delftCorrection]: true, [rijswijk]: true, [westlandNone]: false });

    // Processing ends the wait, one position at a time.
    for (const positionId of [delftCorrection, rijswijk]) {
      const processed = await processPosition(
        positionId,
        { outcome: "ADOPTED", reason: "Overgenomen.", location: "Art. 2" },
        secretary,
      );
      expect(processed).toMatchObject({ ok: true });
    }
    expect(await flags()).toMatchObject({ [delftCorrection]: false, [rijswijk]: false });
    const { answerZienswijze } = await import("./zienswijze-answer.server");
    for (const positionId of [delftCorrection, rijswijk])
      await answerZienswijze(
        positionId,
        { text: "Het bestuur neemt de zienswijze over.", answeredOn: "2024-02-05" },
        secretary,
      );
    await send("ZIENSWIJZEN_PROCESSED");

    // A motion waits until the trail closes: consent withheld on a unanimous amendment closes it, and neither
    // the motion nor the withholding itself waits on a closed trail.
    await log("delft", "MOTION", "2024-03-05");
    const motion = await positionOf("delft", "MOTION");
    expect((await flags())[motion]).toBe(true);
    await log("westland", "CONSENT_WITHHELD", "2024-03-12", {
      legalGround: "publicInterest",
      text: "Strijd met het algemeen belang.",
    });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).closedAt).not.toBeNull();
    const withheld = await positionOf("westland", "CONSENT_WITHHELD");
    expect(await flags()).toMatchObject({ [motion]: false, [withheld]: false });
    expect(Object.values(await flags()).some(Boolean)).toBe(false);
  });

  it("equal what a rewrite from the snapshots gives, for every trail; the rewrite runs at start for old rows", async () => {
    const kept = await storedSummaries();
    expect(kept.length).toBeGreaterThan(4);
    expect(kept.every((t) => t.summaryVersion === SUMMARY_VERSION)).toBe(true);
    expect(kept.flatMap((t) => t.positions).some((p) => p.awaitingProcessing)).toBe(true);
    // As after an upgrade: every row written by an older summary version, its columns blanked.
    // The seeded budget cycle's year among them (SUMMARY_VERSION 2 fills these columns in existing rows).
    expect(kept.filter((t) => t.budgetYear !== null)).toEqual([
      expect.objectContaining({ budgetYear: 2025, budgetAmendment: false }),
    ]);
    await prisma.trail.updateMany({
      data: { summaryVersion: 0, progressLabel: null, progressDone: null, budgetYear: null, budgetAmendment: null },
    });
    await prisma.trailParticipant.updateMany({ data: { status: "awaiting", awaiting: null, inboxDueAt: null } });
    // And every position's awaitingProcessing flag turned over.
    await prisma.$executeRawUnsafe(`UPDATE "Position" SET "awaitingProcessing" = NOT "awaitingProcessing"`);
    // And every awaitingAnswer flag (the answer ledger), some of which the seed set (H10-GR-2024, H10-BEGR-2025).
    expect(kept.flatMap((t) => t.positions).some((p) => p.awaitingAnswer)).toBe(true);
    await prisma.$executeRawUnsafe(`UPDATE "Position" SET "awaitingAnswer" = NOT "awaitingAnswer"`);
    expect(await refreshStaleSummaries(3)).toBe(kept.length);
    expect(await storedSummaries()).toEqual(kept);
    expect(await refreshStaleSummaries()).toBe(0);
  });
});

describe("the council's inbox from the summary rows", () => {
  it("lists what is awaited, soonest deadline first and those without one last, a page at a time", async () => {
    const delft = id("delft");
    const { rows, total } = await councilInbox(delft, "2024-02-01", 1, 1000);
    expect(total).toBe(rows.length);
    const dated = rows.filter((r) => r.dueOn !== null).map((r) => r.dueOn!);
    expect(dated).toEqual([...dated].sort());
    const firstUndated = rows.findIndex((r) => r.dueOn === null);
    if (firstUndated >= 0) expect(rows.slice(firstUndated).every((r) => r.dueOn === null)).toBe(true);
    // Paged: two rows a page, every row once.
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(total / 2) }, (_, i) => councilInbox(delft, "2024-02-01", i + 1, 2)),
    );
    expect(pages.flatMap((p) => p.rows.map((r) => r.trailId))).toEqual(rows.map((r) => r.trailId));
    expect(pages[0]!.pages).toBe(Math.max(1, Math.ceil(total / 2)));
  });
});

/** The statements `work` sends, quoted alike on both engines (SQLite's client quotes names with backticks). */
async function sent(work: () => Promise<unknown>): Promise<string[]> {
  return (await countQueries(work)).statements.map((q) => q.replaceAll("`", '"'));
}

describe("list queries read no snapshot and use their indexes", () => {
  it("sends no query that selects a workflow snapshot for the overviews, the dashboard and the lists", async () => {
    const delft = id("delft");
    const { statements } = await countQueries(async () => {
      await regionOverview({}, "2024-03-08");
      await councilInbox(delft, "2024-03-08");
      await secretaryPipeline("2024-03-08");
      await aldermanDashboard(delft, { today: "2024-03-08" });
      await listTrails({});
      await listTrailsWithParticipants({}, { limit: 50, after: null });
    });
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.filter((q) => /"snapshot"/.test(q))).toEqual([]);
  });

  it("serves the inbox from the index TrailParticipant(municipalityId, inboxDueAt, trailId) on both engines", async () => {
    const plan = await explain(
      `SELECT "trailId" FROM "TrailParticipant" WHERE "municipalityId" = 'x' AND "inboxDueAt" IS NOT NULL ORDER BY "inboxDueAt", "trailId" LIMIT 50`,
      { ordered: true },
    );
    expect(plan).toContain("TrailParticipant_municipalityId_inboxDueAt_trailId_idx");
    // Ordered by the index itself: no separate sort step.
    expect(plan).not.toMatch(/TEMP B-TREE|Sort\b/);
    expect(
      await explain(`SELECT "id" FROM "Deadline" WHERE "metAt" IS NULL AND "dueAt" < ${sqlDate()} ORDER BY "dueAt"`),
    ).toMatch(/Deadline_\w*dueAt\w*_idx/);
  });
  it("pages the pipeline's overdue deadlines along the index Deadline(metAt, dueAt, id), on both engines", async () => {
    // The overdue page orders by metAt too (null in every row it lists): the order of the index Deadline(metAt,
    // dueAt, id). By (dueAt, id) alone, PostgreSQL (which does not take "metAt IS NULL" as fixing metAt) walked the
    // (dueAt, id) index past every met deadline in the past (issue 17), and SQLite sorted each day's deadlines by id.
    const pipeline = await sent(() => secretaryPipeline("2024-03-08"));
    expect(pipeline.filter((q) => /"Deadline"\."metAt" IS NULL/.test(q) && /ORDER BY/.test(q))).toEqual([
      expect.stringMatching(
        /ORDER BY "\w+"\."Deadline"\."metAt" ASC, "\w+"\."Deadline"\."dueAt" ASC, "\w+"\."Deadline"\."id" ASC/,
      ),
    ]);
    const overdue = await explain(
      `SELECT "id" FROM "Deadline" WHERE "metAt" IS NULL AND "dueAt" < ${sqlDate()} ORDER BY "metAt", "dueAt", "id" LIMIT 50 OFFSET 50`,
      { ordered: true },
    );
    expect(overdue).toContain("Deadline_metAt_dueAt_id_idx");
    expect(overdue).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
  it("counts the trail list's participants for its page's trails only, by key, on both engines", async () => {
    // Not every trail's participants counted and joined to the page (Prisma's relation count: a full scan of
    // TrailParticipant on both engines, issue 17).
    const list = await sent(() => listTrails({}));
    const { rows } = await listTrails({});
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.participants).toBe(await prisma.trailParticipant.count({ where: { trailId: row.id } }));
    expect(list.filter((q) => /"TrailParticipant"/.test(q))).toEqual([
      expect.stringMatching(/WHERE "\w+"\."TrailParticipant"\."trailId" IN \(/),
    ]);
    // Grouped along the key's order: on the tiny test table PostgreSQL may otherwise read a whole other index
    // through a bitmap and sort it, which says nothing of the index's use at scale.
    const counted = await explain(
      `SELECT "trailId", COUNT(*) FROM "TrailParticipant" WHERE "trailId" IN ('a', 'b') GROUP BY "trailId"`,
      { ordered: true },
    );
    expect(counted).toMatch(/TrailParticipant_pkey|sqlite_autoindex_TrailParticipant_1/);
    expect(counted).toMatch(/Index Cond: \("trailId" = ANY|\(trailId=\?\)/);
    expect(counted).not.toMatch(/SCAN "?TrailParticipant"?(?! USING)|Seq Scan/);
    const page = await explain(`SELECT "id" FROM "Trail" ORDER BY "startedAt" DESC, "id" DESC LIMIT 50 OFFSET 50`, {
      ordered: true,
    });
    expect(page).toContain("Trail_startedAt_id_idx");
    expect(page).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
  it("counts and pages the pipeline's positions awaiting processing and its stages from indexes, on both engines", async () => {
    // The statements secretaryPipeline sends (Prisma's count is COUNT(*) over the filtered ids).
    const count = await explain(
      `SELECT COUNT(*) FROM (SELECT "id" FROM "Position" WHERE "awaitingProcessing" = ${onPostgres() ? "true" : "1"}) AS sub`,
    );
    const page = await explain(
      `SELECT "id", "kind", "trailId" FROM "Position" WHERE "awaitingProcessing" = ${onPostgres() ? "true" : "1"} ORDER BY "loggedAt", "id" LIMIT 50 OFFSET 50`,
      { ordered: true },
    );
    for (const plan of [count, page]) {
      expect(plan).toContain("Position_awaitingProcessing_loggedAt_id_idx");
      // No full scan of the positions, no join with the trail, supersession or processing per position.
      expect(plan).not.toMatch(/SCAN "?Position"?(?! USING)|Seq Scan|\bProcessing\b|\bTrail\b/);
    }
    expect(page).not.toMatch(/TEMP B-TREE|Sort\b/);
    // The open trails counted (Prisma's count selects their ids) and counted by stage: from an index alone, no
    // row lookups of the wide Trail rows (SQLite counts from any index on closedAt, PostgreSQL needs the id in it; on
    // its few test rows any of Trail's indexes that carry closedAt and the id may be the cheapest).
    const fromIndexAlone = onPostgres()
      ? /Index Only Scan using "?Trail_\w+_idx/
      : /COVERING INDEX Trail_closedAt_\w*idx/;
    // PostgreSQL reads an index alone only for pages its visibility map marks all-visible, which a vacuum does (as
    // autovacuum does on a live database); fresh test rows are not, and it would pick a bitmap scan instead.
    if (onPostgres()) await prisma.$executeRawUnsafe('VACUUM ANALYZE "Trail"');
    for (const sql of [
      `SELECT COUNT(*) FROM (SELECT "id" FROM "Trail" WHERE "closedAt" IS NULL) AS sub`,
      `SELECT "kind", "state", COUNT(*) FROM "Trail" WHERE "closedAt" IS NULL GROUP BY "kind", "state" ORDER BY "kind", "state"`,
      `SELECT "state" FROM "Trail" WHERE "closedAt" IS NULL GROUP BY "state" ORDER BY "state"`,
    ])
      expect(await explain(sql)).toMatch(fromIndexAlone);
  });
});
