/**
 * Each council's contribution to a budget cycle's budget year, against last year's (issue 19).
 *
 * No table of its own: the contribution is the trail's financial amounts of the budget year that a key shares
 * (finance.server.ts, the largest-remainder rule of app/money/), summed per council. Last year's is the same for
 * the year before, taken from the previous budget cycle's trail (the cycle whose budget year is one earlier) when
 * the app holds one with amounts of that year, else from amounts of that year entered on this trail.
 */
import type { BudgetCycleContext } from "~workflows/budget-cycle/machine";
import { changeOf, sumShares } from "~/money/contribution";
import { prisma } from "~/utils/db.server";
import { trailFinances, type FinanceItemView } from "./finance.server";
import { storedSnapshot } from "./stored-snapshot.server";

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

const cycleSelect = {
  id: true,
  kind: true,
  reference: true,
  snapshot: true,
  machineVersion: true,
  state: true,
  participants: { select: { municipalityId: true } },
} as const;

/** The budget year of a stored cycle, read from its workflow context (null until planned). */
function cycleOf(trail: Parameters<typeof storedSnapshot>[0]): Pick<BudgetCycleContext, "budgetYear" | "amendment"> {
  const context = storedSnapshot(trail).snapshot.context;
  return {
    budgetYear: typeof context.budgetYear === "number" ? context.budgetYear : null,
    amendment: context.amendment === true,
  };
}

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
  const trail = await prisma.trail.findUnique({ where: { id: trailId }, select: cycleSelect });
  if (!trail || trail.kind !== "BUDGET_CYCLE") return null;
  const { budgetYear, amendment } = cycleOf(trail);
  if (budgetYear === null || amendment) return null;
  const { items, participants } = await trailFinances(trailId);
  const current = sharesOfYear(items, budgetYear);
  if (current === undefined) return null;
  // The previous cycle: a budget cycle of the arrangement (the app holds one) whose budget year is one earlier.
  const others = await prisma.trail.findMany({
    where: { kind: "BUDGET_CYCLE", id: { not: trailId } },
    select: cycleSelect,
    orderBy: { startedAt: "desc" },
  });
  const before = others.find((other) => {
    const context = cycleOf(other);
    return context.budgetYear === budgetYear - 1 && !context.amendment;
  });
  let previousShares = before ? sharesOfYear((await trailFinances(before.id)).items, budgetYear - 1) : undefined;
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
  const cycles = await prisma.trail.findMany({
    where: { kind: "BUDGET_CYCLE" },
    select: cycleSelect,
    orderBy: { startedAt: "desc" },
  });
  const byYear = new Map<number, Map<string, bigint> | null>();
  for (const cycle of cycles) {
    const { budgetYear, amendment } = cycleOf(cycle);
    if (budgetYear === null || amendment || budgetYear > current.budgetYear || byYear.has(budgetYear)) continue;
    const shares = sharesOfYear((await trailFinances(cycle.id)).items, budgetYear);
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
