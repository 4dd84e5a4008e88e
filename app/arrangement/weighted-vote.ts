/**
 * A vote of the GR board weighted by inhabitants (DOMAIN.md: when the board
 * reaches no consensus it decides by votes weighted by the inhabitants of the
 * municipalities each member represents; seed 004: members from clusters H1,
 * H4 and H5). Integers throughout.
 *
 * Rules, as the arrangement sets them:
 * - SIMPLE: adopted when the weight for is more than half of the weight cast
 *   (for + against); a tie is not a majority.
 * - QUALIFIED: adopted when the weight for is at least two thirds of the
 *   weight cast.
 * Abstentions and absent members count as not cast; with nothing cast, the
 * proposal is not adopted.
 */
/** The clusters that each deliver one member of the GR board (seed 004). */
export const CLUSTERS = ["H1", "H4", "H5"] as const;

export const CHOICES = ["FOR", "AGAINST", "ABSTAIN", "ABSENT"] as const;
export type Choice = (typeof CHOICES)[number];
export const MAJORITY_RULES = ["SIMPLE", "QUALIFIED"] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export interface Ballot {
  member: string;
  choice: Choice;
  municipalities: { id: string; name: string; inhabitants: number }[];
}

export interface VoteResult {
  ballots: (Ballot & { weight: number })[];
  weights: Record<Choice, number>;
  cast: number;
  adopted: boolean;
  rule: MajorityRule;
}

export type VoteError = "no_ballots" | "empty_ballot" | "municipality_twice";

export function weightedVote(
  ballots: readonly Ballot[],
  rule: MajorityRule,
): { ok: true; result: VoteResult } | { ok: false; code: VoteError; detail?: string } {
  if (!ballots.length) return { ok: false, code: "no_ballots" };
  const seen = new Set<string>();
  for (const ballot of ballots) {
    if (!ballot.municipalities.length) return { ok: false, code: "empty_ballot", detail: ballot.member };
    for (const m of ballot.municipalities) {
      if (seen.has(m.id)) return { ok: false, code: "municipality_twice", detail: m.name };
      seen.add(m.id);
    }
  }
  const weighted = ballots.map((b) => ({ ...b, weight: b.municipalities.reduce((sum, m) => sum + m.inhabitants, 0) }));
  const weights: Record<Choice, number> = { FOR: 0, AGAINST: 0, ABSTAIN: 0, ABSENT: 0 };
  for (const b of weighted) weights[b.choice] += b.weight;
  const cast = weights.FOR + weights.AGAINST;
  const adopted = cast > 0 && (rule === "SIMPLE" ? 2 * weights.FOR > cast : 3 * weights.FOR >= 2 * cast);
  return { ok: true, result: { ballots: weighted, weights, cast, adopted, rule } };
}
