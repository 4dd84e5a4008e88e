/**
 * Allocation keys: which weight each participating municipality gets under a
 * key, for an amount of a given year. Pure, so the same rules serve the trail
 * page, the letters, the brief and the tests.
 */
import { allocate, type Share } from "./allocate";

export const ALLOCATION_METHODS = ["INHABITANTS", "EQUAL", "PERCENTAGES", "USAGE"] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

/** Percentages are stored times 10^6: 2.24 % is 2_240_000. */
export const PERCENT_SCALE = 6;
export const HUNDRED_PERCENT = 100n * 10n ** BigInt(PERCENT_SCALE);

export interface KeyRule {
  method: AllocationMethod;
  /** INHABITANTS: the year of the figures; null is the year before the amount's year. */
  inhabitantsYear: number | null;
  /** PERCENTAGES (scaled) or USAGE (cents), per municipality id. */
  entries: ReadonlyMap<string, bigint>;
}

export interface Participant {
  id: string;
  name: string;
  /** Inhabitants per year. */
  inhabitants: ReadonlyMap<number, number>;
}

export type WeightsResult =
  | { ok: true; weights: { id: string; name: string; weight: bigint }[]; inhabitantsYear: number | null }
  | {
      ok: false;
      code: "inhabitants_missing" | "key_entry_missing" | "zero_weight";
      municipalities: string[];
      inhabitantsYear: number | null;
    };

/** The year whose inhabitants count for an amount of `amountYear`. */
export function inhabitantsYearFor(rule: Pick<KeyRule, "inhabitantsYear">, amountYear: number): number {
  return rule.inhabitantsYear ?? amountYear - 1;
}

export function weightsFor(rule: KeyRule, participants: readonly Participant[], amountYear: number): WeightsResult {
  const year = rule.method === "INHABITANTS" ? inhabitantsYearFor(rule, amountYear) : null;
  const missing: string[] = [];
  const weights = participants.map((p) => {
    let weight = 0n;
    if (rule.method === "EQUAL") weight = 1n;
    else if (rule.method === "INHABITANTS") {
      const count = p.inhabitants.get(year!);
      if (count === undefined) missing.push(p.name);
      else weight = BigInt(count);
    } else {
      const value = rule.entries.get(p.id);
      if (value === undefined) missing.push(p.name);
      else weight = value;
    }
    return { id: p.id, name: p.name, weight };
  });
  if (missing.length) {
    return {
      ok: false,
      code: rule.method === "INHABITANTS" ? "inhabitants_missing" : "key_entry_missing",
      municipalities: missing,
      inhabitantsYear: year,
    };
  }
  if (weights.every((w) => w.weight === 0n))
    return { ok: false, code: "zero_weight", municipalities: [], inhabitantsYear: year };
  return { ok: true, weights, inhabitantsYear: year };
}

export type AllocationResult =
  | { ok: true; shares: Share[]; inhabitantsYear: number | null; totalWeight: bigint }
  | Extract<WeightsResult, { ok: false }>;

/** Shares an amount of `amountYear` among the participants by the key. */
export function allocateByKey(
  amountCents: bigint,
  rule: KeyRule,
  participants: readonly Participant[],
  amountYear: number,
): AllocationResult {
  const result = weightsFor(rule, participants, amountYear);
  if (!result.ok) return result;
  return {
    ok: true,
    shares: allocate(amountCents, result.weights),
    inhabitantsYear: result.inhabitantsYear,
    totalWeight: result.weights.reduce((sum, w) => sum + w.weight, 0n),
  };
}
