import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { createTrail, demoActors, seededBudgetCycle } from "../../test/factories/trail";
import { budgetContributions, contributionHistory } from "./contribution.server";
import { addFinancialItem } from "./finance.server";
import { budgetCycleLinks, nextCycleProposal } from "./next-cycle.server";
import { sendTrailEvent } from "./trail-workflow.server";

/** The seeded budget cycle H10-BEGR-2025, with the key its amounts are shared by, and the demo accounts. */
let budget: Awaited<ReturnType<typeof seededBudgetCycle>>;
let actors: (local: string) => Actor;
beforeAll(async () => {
  [budget, actors] = await Promise.all([seededBudgetCycle(), demoActors()]);
});

/** A trail's budget year columns. */
const columns = (id: string) =>
  prisma.trail.findUniqueOrThrow({ where: { id }, select: { budgetYear: true, budgetAmendment: true } });

/** Sends one step with these fields, from the trail's revision; returns the result. */
async function send(trailId: string, type: string, fields: Record<string, string>) {
  const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: trailId }, select: { revision: true } });
  return sendTrailEvent({ trailId, expectedRevision: revision, type, fields }, actors("secretaris"));
}

/** A budget cycle of the seeded cycle's councils for `budgetYear`, planned, with a shared yearly amount of it. */
async function cycleWithAmount(budgetYear: number) {
  const trail = await createTrail(
    "BUDGET_CYCLE",
    budget.cycle.participants.map((p) => p.municipalityId),
    { startedOn: `${budgetYear - 1}-01-08` },
  );
  const planned = await send(trail.id, "CYCLE_PLANNED", { abMeetingOn: `${budgetYear - 1}-07-06` });
  if (!planned.ok) throw new Error(planned.code);
  const added = await addFinancialItem(
    trail.id,
    { label: `Bijdrage ${budgetYear}`, kind: "YEARLY", year: budgetYear, amount: "3.000.000", keyId: budget.keyId },
    actors("secretaris"),
  );
  if (!added.ok) throw new Error(added.code);
  return trail;
}

/** The statements `work` sends, quoted alike on both engines (SQLite's client quotes names with backticks). */
async function sent(work: () => Promise<unknown>): Promise<string[]> {
  return (await countQueries(work)).statements.map((q) => q.replaceAll("`", '"'));
}

describe("a budget cycle's year in the Trail columns", () => {
  it("follow the steps: null until planned, the budget year once planned, kept when the AB meeting moves", async () => {
    const participants = budget.cycle.participants.map((p) => p.municipalityId);
    expect(await columns(budget.cycle.id)).toEqual({ budgetYear: 2025, budgetAmendment: false });
    const gr = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" }, select: { id: true } });
    expect(await columns(gr.id)).toEqual({ budgetYear: null, budgetAmendment: null });

    const cycle = await createTrail("BUDGET_CYCLE", participants, { startedOn: "2019-01-07" });
    expect(await columns(cycle.id)).toEqual({ budgetYear: null, budgetAmendment: null });
    expect((await send(cycle.id, "CYCLE_PLANNED", { abMeetingOn: "2019-07-04" })).ok).toBe(true);
    expect(await columns(cycle.id)).toEqual({ budgetYear: 2020, budgetAmendment: false });
    // The AB meeting moves within the year it adopts in: the budget year stays.
    expect((await send(cycle.id, "AB_MEETING_MOVED", { abMeetingOn: "2019-11-13" })).ok).toBe(true);
    expect(await columns(cycle.id)).toEqual({ budgetYear: 2020, budgetAmendment: false });
    // Into another year it is refused, and the columns stay as they are.
    const moved = await send(cycle.id, "AB_MEETING_MOVED", { abMeetingOn: "2020-02-05" });
    expect(moved).toMatchObject({ ok: false, code: "event_not_accepted" });
    expect(await columns(cycle.id)).toEqual({ budgetYear: 2020, budgetAmendment: false });
    // The next step keeps them.
    expect((await send(cycle.id, "KADERBRIEF_SENT", { on: "2019-04-10" })).ok).toBe(true);
    expect(await columns(cycle.id)).toEqual({ budgetYear: 2020, budgetAmendment: false });

    // An amendment changes the budget of its own year.
    const amendment = await createTrail("BUDGET_CYCLE", participants, { startedOn: "2020-01-06" });
    expect((await send(amendment.id, "AMENDMENT_PLANNED", { abMeetingOn: "2020-06-05" })).ok).toBe(true);
    expect(await columns(amendment.id)).toEqual({ budgetYear: 2020, budgetAmendment: true });
    // Neither is the other's year: the amendment is no cycle of 2020, and 2019 has none.
    const links = await budgetCycleLinks(
      await prisma.trail.findUniqueOrThrow({ where: { id: cycle.id }, include: { participants: true } }),
      actors("secretaris"),
    );
    expect(links).toMatchObject({ budgetYear: 2020, previous: null, next: null, mayStart: 2021 });
  });

  it("find the cycles with no snapshot read, in as many statements however many years the app holds", async () => {
    const seededTrail = await prisma.trail.findUniqueOrThrow({
      where: { id: budget.cycle.id },
      include: { participants: true },
    });
    const lookUps = () =>
      sent(async () => {
        await budgetContributions(budget.cycle.id);
        await contributionHistory(budget.cycle.id);
        await budgetCycleLinks(seededTrail, actors("secretaris"));
      });
    const proposal = () => sent(() => nextCycleProposal(budget.cycle.id, "2025-01-06"));
    const [few, fewProposal] = [await lookUps(), await proposal()];
    expect((await contributionHistory(budget.cycle.id))!.years).toEqual([2024, 2025]);

    for (const year of [2021, 2022, 2023]) await cycleWithAmount(year);
    const [many, manyProposal] = [await lookUps(), await proposal()];
    expect((await contributionHistory(budget.cycle.id))!.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(many.length).toBe(few.length);
    expect(manyProposal.length).toBe(fewProposal.length);
    expect(many.filter((q) => /"snapshot"/.test(q))).toEqual([]);
    // The proposal reads its own cycle's snapshot (its AB meeting and terms), by its id, and no other.
    expect(manyProposal.filter((q) => /"snapshot"/.test(q))).toEqual([
      expect.stringMatching(/WHERE \("?\w+"?\."Trail"\."id" = /),
    ]);
    // The cycles by their year's columns; the amounts of them all in one statement per look-up (the history
    // looks up this year's contributions too).
    expect(many.filter((q) => /"budgetYear" (=|<=|IN)/.test(q)).length).toBeGreaterThanOrEqual(3);
    expect(many.filter((q) => /FROM "\w+"\."FinancialItem"/.test(q))).toEqual(
      Array(3).fill(expect.stringMatching(/"trailId" IN \(/)),
    );
  });

  it("are filled in existing rows by the migration as the steps wrote them", async () => {
    const every = () =>
      prisma.trail.findMany({ orderBy: { id: "asc" }, select: { id: true, budgetYear: true, budgetAmendment: true } });
    const written = await every();
    // The tests before planned cycles and an amendment.
    expect(written.filter((t) => t.budgetAmendment === true).length).toBeGreaterThan(0);
    expect(written.filter((t) => t.budgetAmendment === false).length).toBeGreaterThan(3);
    const file = path.join(
      "prisma",
      onPostgres() ? "postgresql/migrations" : "migrations",
      "20261204034540_trail_budget_year",
      "migration.sql",
    );
    const fill = /UPDATE "Trail" SET[\s\S]*?;/.exec(fs.readFileSync(file, "utf8"))![0];
    await prisma.trail.updateMany({ data: { budgetYear: null, budgetAmendment: null } });
    await prisma.$executeRawUnsafe(fill);
    expect(await every()).toEqual(written);
  });

  it("are looked up by the index Trail(kind, budgetAmendment, budgetYear, startedAt) on both engines", async () => {
    const no = onPostgres() ? "false" : "0";
    const index = "Trail_kind_budgetAmendment_budgetYear_startedAt_idx";
    // With the table's statistics PostgreSQL weighs a year's few cycles against all trails of the kind (without
    // them, on the tiny test table, walking Trail(kind, startedAt) costs the same).
    if (onPostgres()) await prisma.$executeRawUnsafe('ANALYZE "Trail"');
    // The cycle of a year (the previous year's, the next year's), the first or last started.
    const ofYear = await explain(
      `SELECT "id" FROM "Trail" WHERE "kind" = 'BUDGET_CYCLE' AND "budgetYear" = 2024 AND "budgetAmendment" = ${no} ORDER BY "startedAt" DESC LIMIT 1`,
      { ordered: true },
    );
    // The years up to this one, in order.
    const years = await explain(
      `SELECT "id", "budgetYear" FROM "Trail" WHERE "kind" = 'BUDGET_CYCLE' AND "budgetYear" <= 2025 AND "budgetAmendment" = ${no} ORDER BY "budgetYear", "startedAt"`,
      { ordered: true },
    );
    for (const plan of [ofYear, years]) {
      expect(plan).toContain(index);
      // The year is a condition of the index's walk, not a filter of the kind's rows.
      expect(plan).toMatch(/budgetAmendment"? ?= ?(\?|false)\)? AND \(?"?budgetYear"? ?(=|<)/);
      expect(plan).not.toMatch(/TEMP B-TREE|Sort\b|Seq Scan|SCAN "?Trail"?(?! USING)/);
    }
    // The year before and after a cycle's, for its page's links.
    const around = await explain(
      `SELECT "id" FROM "Trail" WHERE "kind" = 'BUDGET_CYCLE' AND "budgetYear" IN (2024, 2026) AND "budgetAmendment" = ${no}`,
    );
    expect(around).toContain(index);
    // The years' amounts, by the trails' ids.
    const amounts = await explain(`SELECT "id" FROM "FinancialItem" WHERE "trailId" IN ('a', 'b')`);
    expect(amounts).toContain("FinancialItem_trailId_idx");
  });
});
