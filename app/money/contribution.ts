/**
 * A council's contribution to the budget against last year's: the difference in cents and in percent, exactly.
 * The percentage is in tenths, rounded half away from zero in integer arithmetic (no floating point), and
 * absent when last year's contribution was nothing.
 */

export interface Change {
  diffCents: bigint;
  /** The difference in tenths of a percent (41n is 4.1 %), or null when last year was zero. */
  percentTenths: bigint | null;
}

/** Integer division rounded half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

export function changeOf(current: bigint, previous: bigint): Change {
  const diffCents = current - previous;
  return { diffCents, percentTenths: previous === 0n ? null : divideRounded(diffCents * 1000n, previous) };
}

/** Sums each recipient's shares over several allocations (the budget year's shared amounts), in cents. */
export function sumShares(allocations: readonly (readonly { id: string; cents: bigint }[])[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const shares of allocations) for (const s of shares) sums.set(s.id, (sums.get(s.id) ?? 0n) + s.cents);
  return sums;
}

/** Tenths of a percent written with a sign: "+4,0 %", "-0,3 %", "0,0 %" (Dutch) or "+4.0 %" (English). */
export function percentText(tenths: bigint, language: string): string {
  const sign = tenths > 0n ? "+" : tenths < 0n ? "-" : "";
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}${language === "nl" ? "," : "."}${abs % 10n} %`;
}
