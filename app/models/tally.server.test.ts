/**
 * The running counts of tally.server.ts, kept by triggers (issue 17): exact after every kind of write — the model
 * functions, a direct update, a set-based update, a delete — folded without changing a sum, and on PostgreSQL
 * without making concurrent writers wait for one another.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { expectTalliesMatchRows } from "../../test/factories/tallies";
import { amendmentWithDraftReceived, zienswijze, demoActors, municipalityIds } from "../../test/factories/trail";
import { logPosition, processPosition } from "./position.server";
import { COMPACT_AFTER, compactTallies, openTrailsByStage, tally } from "./tally.server";
import { answerZienswijze } from "./zienswijze-answer.server";

let actors: (local: string) => Actor;
let id: (slug: string) => string;

beforeAll(async () => {
  actors = await demoActors();
  id = await municipalityIds();
});

/** A GR amendment of Delft, Rijswijk and Westland with the zienswijzen of Delft and Westland logged. */
async function amendmentWithViews() {
  const t = await amendmentWithDraftReceived([id("delft"), id("rijswijk"), id("westland")], actors("secretaris"));
  let revision = t.revision;
  const log = async (slug: string, text: string) => {
    const logged = await logPosition(
      { trailId: t.trailId, expectedRevision: revision, municipalityId: id(slug), ...zienswijze(text, "2024-02-01") },
      actors(`griffier.${slug}`),
    );
    if (!logged.ok) throw new Error(logged.code);
    revision = logged.revision;
    return logged.positionId;
  };
  const delft = await log("delft", "De raad vraagt het bestuur de raden vroeg te betrekken bij de kaderbrief.");
  const westland = await log("westland", "De raad wil de kosten per gemeente jaarlijks zien in de begroting.");
  return { trailId: t.trailId, delft, westland };
}

describe("the running counts", () => {
  it("have their triggers after every migration (a migration that rebuilds Trail or Position must add them again)", async () => {
    // SQLite drops a table's triggers with the table; see docs/decisions/015-running-counts-by-triggers.md.
    const names = onPostgres()
      ? (
          await prisma.$queryRaw<{ name: string }[]>`
            SELECT tgname AS "name" FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%tally%'`
        ).map((row) => row.name)
      : (
          await prisma.$queryRaw<{ name: string }[]>`
            SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%tally%'`
        ).map((row) => row.name);
    expect(names.sort()).toEqual(
      onPostgres()
        ? ["Position_tally", "Trail_tally"]
        : [
            "Position_tally_delete",
            "Position_tally_insert",
            "Position_tally_update",
            "Trail_tally_delete",
            "Trail_tally_insert",
            "Trail_tally_update",
          ],
    );
  });

  it("match the template's rows: the migration counted what was there, the seed's writes added the rest", async () => {
    const rows = await expectTalliesMatchRows();
    expect(rows.stages.length).toBeGreaterThan(0);
  });

  it("follow the model functions, a direct update, a set-based update and a delete", async () => {
    const before = await expectTalliesMatchRows();
    const { trailId, delft, westland } = await amendmentWithViews();
    const logged = await expectTalliesMatchRows();
    expect(logged.processing).toBe(before.processing + 2);
    expect(logged.answer).toBe(before.answer + 2);
    expect(logged.answerOf[id("westland")]).toBe((before.answerOf[id("westland")] ?? 0) + 1);
    const stage = (rows: typeof before) =>
      rows.stages.filter((s) => s.kind === "GR_AMENDMENT").reduce((all, s) => all + s.count, 0);
    expect(stage(logged)).toBe(stage(before) + 1);

    const processed = await processPosition(
      delft,
      { outcome: "ADOPTED", reason: "Overgenomen.", location: "Artikel 2" },
      actors("secretaris"),
    );
    expect(processed).toMatchObject({ ok: true });
    const answered = await answerZienswijze(
      westland,
      { text: "Het bestuur neemt de kosten per gemeente op in de begroting van 2025.", answeredOn: "2024-02-20" },
      actors("secretaris"),
    );
    expect(answered).toMatchObject({ ok: true });
    const handled = await expectTalliesMatchRows();
    expect(handled.processing).toBe(before.processing + 1);
    expect(handled.answer).toBe(before.answer + 1);
    expect(handled.answerOf[id("westland")]).toBe(before.answerOf[id("westland")]);

    // Writes outside the model functions count too: a set-based update, closing and moving by hand, deleting.
    await prisma.position.updateMany({ where: { trailId }, data: { awaitingProcessing: true, awaitingAnswer: true } });
    expect((await expectTalliesMatchRows()).processing).toBe(before.processing + 2);
    await prisma.trail.update({ where: { id: trailId }, data: { closedAt: new Date() } });
    expect(stage(await expectTalliesMatchRows())).toBe(stage(before));
    await prisma.trail.update({ where: { id: trailId }, data: { closedAt: null, state: "elsewhere" } });
    expect((await openTrailsByStage()).find((s) => s.state === "elsewhere")).toEqual({
      kind: "GR_AMENDMENT",
      state: "elsewhere",
      count: 1,
    });
    // The trail's positions go (the audit log keeps a trail itself), and with them what they counted.
    await prisma.position.deleteMany({ where: { trailId } });
    await prisma.trail.update({ where: { id: trailId }, data: { closedAt: new Date() } });
    expect(await expectTalliesMatchRows()).toEqual(before);
  });

  it("fold into one row per key without changing a sum, also when a read finds too many rows", async () => {
    await amendmentWithViews();
    const rows = await expectTalliesMatchRows();
    const stored = await prisma.tally.count();
    expect(await compactTallies()).toBe(stored);
    const keys = await prisma.tally.findMany({ select: { topic: true, key: true, n: true } });
    expect(new Set(keys.map((k) => `${k.topic}/${k.key}`)).size).toBe(keys.length);
    expect(keys.every((k) => k.n !== 0)).toBe(true);
    expect(await expectTalliesMatchRows()).toEqual(rows);

    // Many writes since the last fold: the read that finds them folds them first.
    const churn = Array.from({ length: COMPACT_AFTER }, (_, i) => ({
      topic: "awaitingProcessing",
      key: "",
      n: i % 2 ? 1 : -1,
    }));
    await prisma.tally.createMany({ data: churn });
    expect(await tally("awaitingProcessing")).toBe(rows.processing);
    expect(await prisma.tally.count()).toBe(keys.length);
  });

  it("are read along the index Tally(topic, key, n)", async () => {
    const plan = await explain(
      `SELECT "key", SUM("n"), COUNT(*) FROM "Tally" WHERE "topic" = 'openTrails' GROUP BY "key"`,
      { ordered: true },
    );
    expect(plan).toMatch(/Tally_topic_key_n_idx/);
  });

  it.runIf(onPostgres())("let concurrent writers on PostgreSQL go on without waiting for each other", async () => {
    const { delft, westland } = await amendmentWithViews();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    // The first transaction processes Delft's position (a -1 row) and stays open.
    const first = prisma.$transaction(
      async (tx) => {
        await tx.position.update({ where: { id: delft }, data: { awaitingProcessing: false } });
        firstWrote();
        await held;
      },
      { timeout: 20_000 },
    );
    await wrote;
    // The second changes the same count meanwhile; a shared counter row would make it wait for the first.
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL lock_timeout = '2s'");
      await tx.position.update({ where: { id: westland }, data: { awaitingProcessing: false } });
    });
    release();
    await first;
    await expectTalliesMatchRows();
  });
});
