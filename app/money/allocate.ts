/**
 * Sharing an amount among municipalities, to the cent, exactly.
 *
 * Money is integer euro cents held as `bigint` here (and BigInt in the
 * database), never binary floating point. Weights are non-negative integers:
 * inhabitants, or decimals scaled to integers by `parseDecimal`.
 *
 * The rule (largest remainder, also "Hamilton"): every municipality first gets
 * the exact share rounded towards zero; the cents left over (fewer than the
 * number of municipalities) go one each to the municipalities whose exact
 * share lost the most in that rounding. Ties go to the larger weight, then to
 * the name in Dutch alphabetical order. The shares therefore always add up to
 * the amount, each is within one cent of its exact value, and the same input
 * always gives the same output, whatever the order it came in.
 * See docs/decisions/006-money-integer-cents.md.
 */

export interface Weighted {
  id: string;
  name: string;
  weight: bigint;
}

export interface Share extends Weighted {
  /** The share in cents. */
  cents: bigint;
  /** Whether this share received one of the leftover cents. */
  roundedUp: boolean;
}

export class AllocationError extends Error {
  constructor(
    readonly code: "no_recipients" | "zero_weight" | "negative_weight" | "duplicate_recipient",
    message: string,
  ) {
    super(message);
  }
}

const nameOrder = new Intl.Collator("nl", { sensitivity: "base", numeric: true });

/** Shares `total` cents among the recipients by weight (largest remainder). */
export function allocate(total: bigint, recipients: readonly Weighted[]): Share[] {
  if (!recipients.length) throw new AllocationError("no_recipients", "Er is niemand om het bedrag over te verdelen.");
  const ids = new Set<string>();
  let sum = 0n;
  for (const r of recipients) {
    if (r.weight < 0n) throw new AllocationError("negative_weight", `Negatieve verdeelsleutel voor ${r.name}.`);
    if (ids.has(r.id)) throw new AllocationError("duplicate_recipient", `${r.name} staat twee keer in de verdeling.`);
    ids.add(r.id);
    sum += r.weight;
  }
  if (sum === 0n) throw new AllocationError("zero_weight", "De verdeelsleutel geeft iedereen nul.");
  // A negative amount (a saving) is shared as its absolute value, then negated, so rounding is symmetric.
  const sign = total < 0n ? -1n : 1n;
  const amount = total * sign;
  const rows = recipients.map((r) => {
    const exact = amount * r.weight;
    return { r, floor: exact / sum, remainder: exact % sum };
  });
  let left = amount - rows.reduce((acc, row) => acc + row.floor, 0n);
  const order = [...rows].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.r.weight === b.r.weight ? 0 : a.r.weight > b.r.weight ? -1 : 1) ||
      nameOrder.compare(a.r.name, b.r.name) ||
      (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0),
  );
  const up = new Set<Weighted>();
  for (const row of order) {
    if (left === 0n) break;
    up.add(row.r);
    left -= 1n;
  }
  return rows.map(({ r, floor }) => ({ ...r, cents: sign * (floor + (up.has(r) ? 1n : 0n)), roundedUp: up.has(r) }));
}

const DECIMAL = /^(-)?(\d{1,15})(?:[.,](\d+))?$/;

/**
 * Parses a decimal written the Dutch or the English way ("2,24", "2.24") into
 * an integer scaled by 10^scale, exactly; null when it is not such a number or
 * has more decimals than the scale.
 */
export function parseDecimal(value: string, scale: number): bigint | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, minus, whole, fraction = ""] = match;
  if (fraction.length > scale) return null;
  const scaled = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
  return minus ? -scaled : scaled;
}

/**
 * Parses an amount in euros as entered ("7.000.000", "3 091 150,00",
 * "€ 329.000", "1234.5") into cents. A comma marks the decimals; dots or
 * spaces between groups of three digits group thousands (so "329.000" is
 * three hundred and twenty-nine thousand, as the sources write it); any other
 * single dot is a decimal point. Null when it is none of these.
 */
export function parseEuros(input: string): bigint | null {
  let value = input
    .trim()
    .replace(/^€\s*/, "")
    .replace(/\s*€$/, "")
    .replace(/[\u00a0\u202f]/g, " ");
  const negative = value.startsWith("-");
  if (negative) value = value.slice(1).trim();
  const grouped = /^\d{1,3}(?:([. ])\d{3})(?:\1\d{3})*$/;
  let normalised: string;
  if (value.includes(",")) {
    // Dutch: 1.234.567,89 or 1 234 567,89
    const [whole, fraction, extra] = value.split(",");
    if (extra !== undefined || !(grouped.test(whole!) || /^\d+$/.test(whole!))) return null;
    normalised = `${whole!.replace(/[. ]/g, "")}.${fraction}`;
  } else if (grouped.test(value)) {
    // "7.000.000", "329.000": thousands, the way the sources write amounts.
    normalised = value.replace(/[. ]/g, "");
  } else {
    normalised = value;
  }
  const cents = parseDecimal(normalised, 2);
  if (cents === null || normalised.startsWith("-")) return null;
  return negative ? -cents : cents;
}

/** Cents as a plain decimal string in euros ("329000.00"), for forms and the API. */
export function centsToDecimal(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** A scaled decimal as a plain string ("2.24" from 2240000n at scale 6), trailing zeros dropped. */
export function scaledToDecimal(value: bigint, scale: number): string {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const unit = 10n ** BigInt(scale);
  const fraction = (abs % unit).toString().padStart(scale, "0").replace(/0+$/, "");
  return `${sign}${abs / unit}${fraction ? `.${fraction}` : ""}`;
}

/** The largest amount accepted: EUR 100 billion, well inside exact integers everywhere. */
export const MAX_CENTS = 10n ** 13n;

/** Reads an entered amount: cents, null for "pm" (pro memorie), or undefined when it is not a valid amount. */
export function readAmount(amount: string): bigint | null | undefined {
  if (/^\s*p\.?\s?m\.?\s*$/i.test(amount)) return null;
  const cents = parseEuros(amount);
  if (cents === null || cents > MAX_CENTS || cents < -MAX_CENTS) return undefined;
  return cents;
}
