/**
 * Votes of the GR board weighted by inhabitants: who voted how for which
 * municipalities, the weights, the result by the arrangement's rule, kept with
 * the inhabitants that counted and recorded in the audit trail.
 */
import { weightedVote, type Ballot, type Choice, type MajorityRule } from "~/arrangement/weighted-vote";
import { DATE_RANGES, outOfRange } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";
import { recordDecisionDue } from "./publication.server";
import { createOnce, type FormKeyReused } from "./form-key.server";

export interface BoardVoteInput {
  subject: string;
  heldOn: string;
  rule: MajorityRule;
  /** Null: the year before the vote. */
  inhabitantsYear: number | null;
  ballots: { member: string; choice: Choice; municipalityIds: string[] }[];
}

export type BoardVoteError =
  | "trail_not_found"
  | "no_ballots"
  | "empty_ballot"
  | "municipality_twice"
  | "not_a_member"
  | "inhabitants_missing"
  | "date_out_of_range";

/** The municipalities taking part in the arrangement on a day, by cluster, for the board's members. */
export async function boardMunicipalities(on: string) {
  const day = fromDateInputValue(on);
  const rows = await prisma.municipality.findMany({
    where: { participationFrom: { lte: day }, OR: [{ participationTo: null }, { participationTo: { gt: day } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, cluster: true },
  });
  return rows;
}

/** Every municipality with its cluster, and whether it takes part in the arrangement on `on`. */
export async function allMunicipalities(on: string) {
  const [all, members] = await Promise.all([
    prisma.municipality.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, cluster: true } }),
    boardMunicipalities(on),
  ]);
  const memberIds = new Set(members.map((m) => m.id));
  return all.map((m) => ({ ...m, memberToday: memberIds.has(m.id) }));
}

export async function recordBoardVote(
  trailId: string,
  input: BoardVoteInput,
  actor: Actor,
  /** The form's one-time key: a second post with it records nothing and answers with the first vote. */
  formKey?: string | null,
): Promise<
  | { ok: true; id: string }
  | { ok: false; code: BoardVoteError | FormKeyReused["code"]; detail?: string; message?: string }
> {
  // A vote on this trail's subject: not long before its start, not years ahead (app/utils/date-range.ts).
  const trail = await prisma.trail.findUnique({ where: { id: trailId }, select: { startedAt: true } });
  if (!trail) return { ok: false, code: "trail_not_found" };
  const outside = outOfRange(input.heldOn, DATE_RANGES.inTrail(toDateInputValue(trail.startedAt)));
  if (outside) return { ok: false, code: "date_out_of_range", message: outside };
  const year = input.inhabitantsYear ?? Number(input.heldOn.slice(0, 4)) - 1;
  const members = new Map((await boardMunicipalities(input.heldOn)).map((m) => [m.id, m]));
  const ids = input.ballots.flatMap((b) => b.municipalityIds);
  const outsider = ids.find((id) => !members.has(id));
  if (outsider) return { ok: false, code: "not_a_member" };
  const counts = new Map(
    (
      await prisma.inhabitantCount.findMany({
        where: { year, municipalityId: { in: ids } },
        select: { municipalityId: true, count: true },
      })
    ).map((c) => [c.municipalityId, c.count]),
  );
  const missing = [...new Set(ids)]
    .filter((id) => !counts.has(id))
    .map((id) => members.get(id)!.name)
    .sort((a, b) => a.localeCompare(b, "nl"));
  if (missing.length) return { ok: false, code: "inhabitants_missing", detail: `${year}: ${missing.join(", ")}` };
  const ballots: Ballot[] = input.ballots.map((b) => ({
    member: b.member,
    choice: b.choice,
    municipalities: b.municipalityIds.map((id) => ({ id, name: members.get(id)!.name, inhabitants: counts.get(id)! })),
  }));
  const outcome = weightedVote(ballots, input.rule);
  if (!outcome.ok) return outcome;
  const { result } = outcome;
  return createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "board_vote",
    content: { trailId, ...input },
    create: async (tx) => {
      const trail = await tx.trail.findUnique({ where: { id: trailId }, select: { id: true, state: true } });
      if (!trail) return { ok: false as const, code: "trail_not_found" as const };
      const vote = await tx.boardVote.create({
        data: {
          trailId,
          subject: input.subject,
          heldOn: fromDateInputValue(input.heldOn),
          rule: input.rule,
          inhabitantsYear: year,
          weightFor: result.weights.FOR,
          weightAgainst: result.weights.AGAINST,
          weightAbstained: result.weights.ABSTAIN,
          weightAbsent: result.weights.ABSENT,
          adopted: result.adopted,
          createdById: actor.id,
          ballots: {
            create: result.ballots.map((b, position) => ({
              position,
              member: b.member,
              choice: b.choice,
              municipalities: {
                create: b.municipalities.map((m) => ({ municipalityId: m.id, inhabitants: m.inhabitants })),
              },
            })),
          },
        },
        select: { id: true },
      });
      // An adopted decision of the board: due for Woo publication within two weeks.
      if (result.adopted)
        await recordDecisionDue(tx, {
          kind: "vote",
          sourceId: vote.id,
          trailId,
          title: `Besluit van het bestuur: ${input.subject}`,
          adoptedOn: fromDateInputValue(input.heldOn),
        });
      await appendEvent(tx, {
        type: "board_vote.recorded",
        trailId,
        actor,
        resultingState: trail.state,
        payload: {
          voteId: vote.id,
          subject: input.subject,
          heldOn: input.heldOn,
          rule: input.rule,
          inhabitantsYear: year,
          ballots: result.ballots.map((b) => ({
            member: b.member,
            choice: b.choice,
            weight: b.weight,
            municipalities: b.municipalities.map((m) => `${m.name} ${m.inhabitants}`),
          })),
          weights: result.weights,
          cast: result.cast,
          adopted: result.adopted,
        },
      });
      return { ok: true as const, id: vote.id };
    },
    idOf: (recorded) => recorded.id,
    repeat: (id) => ({ ok: true as const, id }),
  });
}

export async function listBoardVotes(trailId: string) {
  const votes = await prisma.boardVote.findMany({
    where: { trailId },
    orderBy: [{ heldOn: "asc" }, { createdAt: "asc" }],
    include: {
      ballots: {
        orderBy: { position: "asc" },
        include: { municipalities: { include: { municipality: { select: { name: true } } } } },
      },
    },
  });
  return votes.map((v) => ({
    id: v.id,
    subject: v.subject,
    heldOn: toDateInputValue(v.heldOn),
    rule: v.rule,
    inhabitantsYear: v.inhabitantsYear,
    weights: { FOR: v.weightFor, AGAINST: v.weightAgainst, ABSTAIN: v.weightAbstained, ABSENT: v.weightAbsent },
    cast: v.weightFor + v.weightAgainst,
    adopted: v.adopted,
    ballots: v.ballots.map((b) => ({
      member: b.member,
      choice: b.choice,
      weight: b.municipalities.reduce((sum, m) => sum + m.inhabitants, 0),
      municipalities: b.municipalities
        .map((m) => ({ name: m.municipality.name, inhabitants: m.inhabitants }))
        .sort((a, b) => a.name.localeCompare(b.name, "nl")),
    })),
  }));
}

export type BoardVoteView = Awaited<ReturnType<typeof listBoardVotes>>[number];
