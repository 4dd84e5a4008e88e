/**
 * Each council's contribution to a budget cycle's budget year, against last year's (issue 19).
 *
 * No table of its own: the contribution is the trail's financial amounts of the budget year that a key shares
 * (finance.server.ts, the largest-remainder rule of app/money/), summed per council. Last year's is the same for
 * the year before, taken from the previous budget cycle's trail (the cycle whose budget year is one earlier) when
 * the app holds one with amounts of that year, else from amounts of that year entered on this trail. The cycles
 * are found by the Trail's budgetYear columns and their index, no snapshot read, and their amounts in one query.
 */
import { changeOf, sumShares } from "~/money/contribution";
import { prisma } from "~/utils/db.server";
import { trailsFinances, type FinanceItemView } from "./finance.server";

export interface ContributionRow {
  municipalityId: string;
  municipality: string;
  /** Cents; null when the budget year's amounts cannot be shared yet ("pm"). */
  cents: number | null;
  /** Last year's cents; null when unknown (no amounts, or the council did not take part). */
  previousCents: number | null;
  diffCents: number | null;
  /** Tenths of a percent; null when either year is unknown or last year was zero. */
  percentTenths: number | null;
}

export interface BudgetContributions {
  budgetYear: number;
  /** Where last year's figures come from: the previous cycle (its reference), this trail, or nowhere. */
  previous: { source: "previousTrail"; reference: string; trailId: string } | { source: "entered" } | null;
  rows: ContributionRow[];
  total: Omit<ContributionRow, "municipalityId" | "municipality">;
}

/** A budget cycle of the arrangement (not an amendment): found by its year in the Trail columns' index. */
const ofCycles = { kind: "BUDGET_CYCLE", budgetAmendment: false } as const;

/** The shared amounts of a year, per council: null when one of them cannot be shared yet. */
function sharesOfYear(items: readonly FinanceItemView[], year: number): Map<string, bigint> | null | undefined {
  const ofYear = items.filter((item) => item.year === year && item.key);
  if (!ofYear.length) return undefined;
  const allocations = [];
  for (const item of ofYear) {
    if (!item.allocation?.ok) return null;
    allocations.push(item.allocation.shares.map((s) => ({ id: s.municipalityId, cents: BigInt(s.cents) })));
  }
  return sumShares(allocations);
}

function row(current: bigint | null, previous: bigint | null) {
  const change = current !== null && previous !== null ? changeOf(current, previous) : null;
  return {
    cents: current === null ? null : Number(current),
    previousCents: previous === null ? null : Number(previous),
    diffCents: change ? Number(change.diffCents) : null,
    percentTenths: change?.percentTenths == null ? null : Number(change.percentTenths),
  };
}

/** A budget cycle's contributions per council; null for another kind of trail, an amendment, or no amounts yet. */
export async function budgetContributions(trailId: string): Promise<BudgetContributions | null> {
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    select: { kind: true, budgetYear: true, budgetAmendment: true },
  });
  if (trail?.kind !== "BUDGET_CYCLE" || trail.budgetYear === null || trail.budgetAmendment) return null;
  const { budgetYear } = trail;
  // The previous cycle: a budget cycle of the arrangement (the app holds one) whose budget year is one earlier.
  const before = await prisma.trail.findFirst({
    where: { ...ofCycles, budgetYear: budgetYear - 1, id: { not: trailId } },
    orderBy: { startedAt: "desc" },
    select: { id: true, reference: true },
  });
  // Both trails' amounts of the two years, in one read.
  const finances = await trailsFinances(before ? [trailId, before.id] : [trailId], {
    year: { in: [budgetYear - 1, budgetYear] },
  });
  const { items, participants } = finances.get(trailId)!;
  const current = sharesOfYear(items, budgetYear);
  if (current === undefined) return null;
  let previousShares = before ? sharesOfYear(finances.get(before.id)!.items, budgetYear - 1) : undefined;
  let previous: BudgetContributions["previous"] =
    previousShares !== undefined && before
      ? { source: "previousTrail", reference: before.reference, trailId: before.id }
      : null;
  if (previousShares === undefined) {
    previousShares = sharesOfYear(items, budgetYear - 1);
    if (previousShares !== undefined) previous = { source: "entered" };
  }
  const rows = participants.map((p) => ({
    municipalityId: p.id,
    municipality: p.name,
    ...row(current ? (current.get(p.id) ?? 0n) : null, previousShares?.get(p.id) ?? null),
  }));
  const sum = (values: Map<string, bigint> | null | undefined, ids: readonly string[]) =>
    values ? ids.reduce((acc, id) => acc + (values.get(id) ?? 0n), 0n) : null;
  const ids = participants.map((p) => p.id);
  // The total is of this year's councils; last year's council that left is not in it, so the totals compare alike.
  const total = row(sum(current, ids), rows.some((r) => r.previousCents === null) ? null : sum(previousShares, ids));
  return { budgetYear, previous, rows, total };
}

export interface ContributionHistory {
  /** The budget years, oldest first. */
  years: number[];
  /** Each of this cycle's councils with its contribution per year (cents; null when unknown or "pm"). */
  councils: { municipalityId: string; municipality: string; cents: (number | null)[] }[];
}

/**
 * The contributions over the years up to this cycle's budget year: one year per budget cycle the app holds (its
 * amounts of its budget year), and the year before this one from this trail's own amounts when no cycle holds it.
 */
export async function contributionHistory(trailId: string): Promise<ContributionHistory | null> {
  const current = await budgetContributions(trailId);
  if (!current) return null;
  // The cycles of the years up to this one, in the index's order: per year the last started wins.
  const cycles = await prisma.trail.findMany({
    where: { ...ofCycles, budgetYear: { lte: current.budgetYear } },
    orderBy: [{ budgetYear: "asc" }, { startedAt: "asc" }],
    select: { id: true, budgetYear: true },
  });
  const finances = await trailsFinances(
    cycles.map((c) => c.id),
    { keyId: { not: null } },
  );
  const byYear = new Map<number, Map<string, bigint> | null>();
  for (const cycle of cycles) {
    const budgetYear = cycle.budgetYear!;
    const shares = sharesOfYear(finances.get(cycle.id)!.items, budgetYear);
    if (shares !== undefined) byYear.set(budgetYear, shares);
  }
  const years = [...byYear.keys(), ...(current.previous?.source === "entered" ? [current.budgetYear - 1] : [])].sort(
    (a, b) => a - b,
  );
  const cents = (year: number, municipalityId: string, row: ContributionRow) => {
    if (year === current.budgetYear) return row.cents;
    if (year === current.budgetYear - 1) return row.previousCents;
    const value = byYear.get(year)?.get(municipalityId);
    return value === undefined ? null : Number(value);
  };
  return {
    years,
    councils: current.rows.map((row) => ({
      municipalityId: row.municipalityId,
      municipality: row.municipality,
      cents: years.map((year) => cents(year, row.municipalityId, row)),
    })),
  };
}
