/**
 * The exit calculator of an exit trail (seed 004): the notice dates the
 * arrangement's rule gives, the estimated exit payment (a multiple of the
 * exiting municipality's annual contribution), and the financial overview of
 * one-off friction costs and structural extra costs, "pm" allowed; with the
 * contracts that run past the exit date.
 */
import { centsToDecimal } from "~/money/allocate";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { earliestExitDate, H10_EXIT_RULE, latestNoticeDate, type ExitRule } from "~workflows/shared/dates";
import { contractsForExit } from "./contract.server";
import { appendEvent } from "./event.server";
import { trailFinances } from "./finance.server";

/** The H10 arrangement's exit terms (seed 004): one full calendar year of notice; about three times the annual contribution. */
export const H10_EXIT_PAYMENT_MULTIPLE_HUNDREDTHS = 300;

/** Annual contribution × multiple, rounded half away from zero to the cent. */
export function exitPayment(annualCents: bigint, multipleHundredths: number): bigint {
  const product = annualCents * BigInt(multipleHundredths);
  const sign = product < 0n ? -1n : 1n;
  return sign * ((sign * product + 50n) / 100n);
}

/** An exit trail's estimate as figures: the multiple (the arrangement's unless set), the annual contribution and the payment (null while unknown). */
export function exitPaymentOf(estimate: { annualContributionCents: bigint | null; multipleHundredths: number } | null) {
  const multipleHundredths = estimate?.multipleHundredths ?? H10_EXIT_PAYMENT_MULTIPLE_HUNDREDTHS;
  const annual = estimate?.annualContributionCents ?? null;
  return { multipleHundredths, annual, payment: annual === null ? null : exitPayment(annual, multipleHundredths) };
}

export interface OverviewLine {
  label: string;
  cents: number | null;
  /** The exit payment line is computed, not entered. */
  computed?: boolean;
}

/** Sum of the known amounts, and whether "pm" items remain. */
function total(lines: OverviewLine[]) {
  return { cents: lines.reduce((sum, l) => sum + (l.cents ?? 0), 0), pm: lines.some((l) => l.cents === null) };
}

export async function exitOverview(
  trailId: string,
  options: { wishedExitOn?: string; notifiedOn?: string } = {},
  rule: ExitRule = H10_EXIT_RULE,
) {
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    select: {
      id: true,
      kind: true,
      snapshot: true,
      exitEstimate: true,
      participants: { select: { municipality: { select: { id: true, name: true } } } },
    },
  });
  if (!trail || trail.kind !== "EXIT") return null;
  const context =
    (trail.snapshot
      ? (JSON.parse(trail.snapshot) as { context?: Record<string, string | null> }).context
      : undefined) ?? {};
  const wishedExitOn = options.wishedExitOn ?? context.wishedExitOn ?? null;
  const notifiedOn = options.notifiedOn ?? context.notifiedOn ?? null;
  // The wished date when the notice reaches it, else the earliest the notice allows; the trail's own once recorded, unless asked "what if".
  const computedExitOn = notifiedOn
    ? wishedExitOn && wishedExitOn >= earliestExitDate(notifiedOn, rule)
      ? wishedExitOn
      : earliestExitDate(notifiedOn, rule)
    : wishedExitOn;
  const exitOn = options.wishedExitOn || options.notifiedOn ? computedExitOn : (context.exitOn ?? computedExitOn);
  const { multipleHundredths: multiple, annual, payment } = exitPaymentOf(trail.exitEstimate);
  const { items } = await trailFinances(trail.id);
  const own = items.filter((i) => !i.key);
  const friction: OverviewLine[] = [
    { label: "Kosten uittreding GR", cents: payment === null ? null : Number(payment), computed: true },
    ...own.filter((i) => i.kind === "ONE_OFF").map((i) => ({ label: i.label, cents: i.cents })),
  ];
  const structural: OverviewLine[] = own
    .filter((i) => i.kind === "YEARLY")
    .map((i) => ({ label: i.label, cents: i.cents }));
  return {
    trailId: trail.id,
    exiting: trail.participants[0]?.municipality ?? null,
    rule,
    wishedExitOn,
    notifiedOn,
    exitOn,
    latestNoticeOn: wishedExitOn && wishedExitOn.endsWith("-01-01") ? latestNoticeDate(wishedExitOn, rule) : null,
    earliestExitOn: notifiedOn ? earliestExitDate(notifiedOn, rule) : null,
    estimate: {
      annualCents: annual === null ? null : Number(annual),
      multipleHundredths: multiple,
      paymentCents: payment === null ? null : Number(payment),
    },
    friction: { lines: friction, total: total(friction) },
    structural: { lines: structural, total: total(structural) },
    contracts: exitOn ? await contractsForExit(exitOn) : [],
  };
}

export type ExitOverview = NonNullable<Awaited<ReturnType<typeof exitOverview>>>;

export async function setExitEstimate(
  trailId: string,
  input: { annualCents: bigint | null; multipleHundredths: number },
  actor: Actor,
): Promise<{ ok: true } | { ok: false; code: "trail_not_found" | "not_an_exit" }> {
  return prisma.$transaction(async (tx) => {
    const trail = await tx.trail.findUnique({ where: { id: trailId }, select: { id: true, kind: true, state: true } });
    if (!trail) return { ok: false as const, code: "trail_not_found" as const };
    if (trail.kind !== "EXIT") return { ok: false as const, code: "not_an_exit" as const };
    const data = { annualContributionCents: input.annualCents, multipleHundredths: input.multipleHundredths };
    await tx.exitEstimate.upsert({ where: { trailId }, create: { trailId, ...data }, update: data });
    await appendEvent(tx, {
      type: "exit.estimate_set",
      trailId,
      actor,
      resultingState: trail.state,
      payload: {
        annualContribution: input.annualCents === null ? "pm" : centsToDecimal(input.annualCents),
        multiple: input.multipleHundredths / 100,
        exitPayment:
          input.annualCents === null ? "pm" : centsToDecimal(exitPayment(input.annualCents, input.multipleHundredths)),
      },
    });
    return { ok: true as const };
  });
}
