import { z } from "zod";
import { POSITION_KINDS, type PositionBody, type PositionKind } from "~workflows/positions";
import { heldDateField } from "./fields";

const count = z.coerce
  .number({ error: "validation.votesInvalid" })
  .int("validation.votesInvalid")
  .min(0, "validation.votesInvalid")
  .max(500, "validation.votesInvalid");
const optionalCount = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), count.optional());
const text = z
  .string({ error: "validation.textRequired" })
  .trim()
  .min(1, "validation.textRequired")
  .max(20_000, "validation.tooLong");

/** "Partij: voor/tegen/onthouden" per line, e.g. "D66: 8/0/0". */
export const partyVotesField = z
  .string()
  .max(5000, "validation.tooLong")
  .optional()
  .transform((value, ctx) => {
    const lines = (value ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const result: { party: string; for: number; against: number; abstained: number }[] = [];
    for (const line of lines) {
      const match = /^(.+?):\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*\/\s*(\d{1,3})$/.exec(line);
      if (!match) {
        ctx.addIssue({ code: "custom", message: "validation.partyVotesInvalid" });
        return z.NEVER;
      }
      result.push({
        party: match[1]!.trim(),
        for: Number(match[2]),
        against: Number(match[3]),
        abstained: Number(match[4]),
      });
    }
    return result;
  });

/** The three counts of a vote, and the message key for party groups' votes that add up to more than a total. */
export const VOTE_COUNTS = ["for", "against", "abstained"] as const;
export type VoteCount = (typeof VOTE_COUNTS)[number];
export const PARTY_VOTES_EXCEED: Record<VoteCount, string> = {
  for: "validation.partyVotesExceedFor",
  against: "validation.partyVotesExceedAgainst",
  abstained: "validation.partyVotesExceedAbstained",
};

/**
 * The counts that the party groups' votes together exceed in the vote's totals, with both sums. A breakdown may
 * leave groups out (it is then partial), but cannot add up to more than the council cast; without totals there
 * is nothing to hold it against.
 */
export function partyVotesOverTotals(
  totals: Record<VoteCount, number> | undefined,
  partyVotes: readonly Record<VoteCount, number>[] | undefined,
): { count: VoteCount; parties: number; total: number }[] {
  if (!totals || !partyVotes?.length) return [];
  return VOTE_COUNTS.flatMap((count) => {
    const parties = partyVotes.reduce((sum, group) => sum + group[count], 0);
    return parties > totals[count] ? [{ count, parties, total: totals[count] }] : [];
  });
}

const votes = {
  votesFor: optionalCount,
  votesAgainst: optionalCount,
  votesAbstained: optionalCount,
};

function votesComplete(
  value: { votesFor?: number; votesAgainst?: number; votesAbstained?: number },
  ctx: z.RefinementCtx,
) {
  const given = [value.votesFor, value.votesAgainst, value.votesAbstained].filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3)
    ctx.addIssue({ code: "custom", path: ["votesFor"], message: "validation.votesIncomplete" });
}

/** A text that may be left empty (a "Geen reactie" says nothing). */
const optionalText = z.string().trim().max(20_000, "validation.tooLong").optional();

/**
 * The fields that fit a kind of position logged by a body, so a form shows
 * only these and the server refuses a value in any other:
 * - a legal ground only when consent is withheld (Wgr: law or public interest);
 * - votes only for a decision of a council or committee (a college votes not in public), not for "Geen reactie";
 * - a decision reference not for "Geen reactie", which decided nothing;
 * - a text is required except for "Geen reactie", which needs none.
 */
export function positionFieldsFor(body: PositionBody, kind: PositionKind) {
  const answered = kind !== "NO_RESPONSE";
  return {
    textRequired: answered,
    votes: answered && body !== "COLLEGE",
    legalGround: kind === "CONSENT_WITHHELD",
    decisionReference: answered,
  };
}

/** The form fields that do not fit the chosen step, each with the values that would be given in it. */
const FIELDS_OF = {
  votes: ["votesFor", "votesAgainst", "votesAbstained", "partyVotes"],
  legalGround: ["legalGround"],
  decisionReference: ["decisionReference"],
} as const;

export const LogPositionSchema = z
  .object({
    revision: z.coerce.number().int().min(0),
    /** body and kind together, e.g. "COUNCIL:ZIENSWIJZE". */
    bodyKind: z
      .string({ error: "validation.positionKindRequired" })
      .regex(/^(COUNCIL|COMMITTEE|COLLEGE):[A-Z_]+$/, "validation.positionKindRequired")
      .refine(
        (v) => (POSITION_KINDS as readonly string[]).includes(v.split(":")[1]!),
        "validation.positionKindRequired",
      ),
    /** Held, today or earlier; the model checks it against the trail's start (DATE_RANGES.inTrail). */
    meetingDate: heldDateField,
    text: optionalText,
    ...votes,
    partyVotes: partyVotesField,
    legalGround: z.enum(["law", "publicInterest"], { error: "validation.groundRequired" }).optional(),
    decisionReference: z.string().trim().max(200, "validation.tooLong").optional(),
    /** The sent document revision the council decided on. */
    documentRevisionId: z.string().trim().max(64).optional(),
    /** The agenda item under which the council decided, when the clerk started from it. */
    agendaItemId: z.string().trim().max(64).optional(),
    /** The clerk confirms logging a step after its deadline (it is recorded as late). */
    confirmLate: z.enum(["on"]).optional(),
    /** The clerk confirms a step that cannot be undone (withholding consent). */
    confirmIrreversible: z.enum(["on"]).optional(),
    /** The shared draft the position starts from (the model checks that it is of this trail). */
    sharedDraftId: z.string().trim().max(64).optional(),
    /** Per model amendment or motion of that draft: adopted ("yes"), rejected ("no") or not voted on (empty). */
    draftItems: z
      .array(z.enum(["yes", "no"]).optional())
      .max(20)
      .optional(),
  })
  .superRefine((value, ctx) => {
    votesComplete(value, ctx);
    for (const { count } of partyVotesOverTotals(votesOf(value), value.partyVotes))
      ctx.addIssue({ code: "custom", path: ["partyVotes"], message: PARTY_VOTES_EXCEED[count] });
    const [body, kind] = value.bodyKind.split(":") as [PositionBody, PositionKind];
    const fit = positionFieldsFor(body, kind);
    if (fit.textRequired && !value.text)
      ctx.addIssue({ code: "custom", path: ["text"], message: "validation.textRequired" });
    if (fit.legalGround && !value.legalGround) {
      ctx.addIssue({ code: "custom", path: ["legalGround"], message: "validation.groundRequired" });
    }
    // A value in a field that does not fit the step (a form without JavaScript shows every field) is refused, not dropped.
    for (const [group, names] of Object.entries(FIELDS_OF)) {
      if (fit[group as keyof typeof FIELDS_OF]) continue;
      for (const name of names) {
        const given = value[name];
        if (given !== undefined && !(Array.isArray(given) && given.length === 0))
          ctx.addIssue({ code: "custom", path: [name], message: `formsFeedback.notFor.${group}` });
      }
    }
    // Withholding consent cannot be undone: the clerk confirms it (the form's box), or nothing is written.
    if (kind === "CONSENT_WITHHELD" && value.confirmIrreversible !== "on")
      ctx.addIssue({ code: "custom", path: ["confirmIrreversible"], message: "formsFeedback.confirmRequired" });
  });

export const CorrectPositionSchema = z
  .object({
    intent: z.literal("correct"),
    meetingDate: heldDateField,
    text,
    ...votes,
    /** The votes per party group as corrected: the form shows the original's; emptied, there are none. */
    partyVotes: partyVotesField,
    decisionReference: z.string().trim().max(200, "validation.tooLong").optional(),
    reason: z
      .string({ error: "validation.correctionReasonRequired" })
      .trim()
      .min(1, "validation.correctionReasonRequired")
      .max(2000, "validation.tooLong"),
  })
  .superRefine((value, ctx) => {
    votesComplete(value, ctx);
    for (const { count } of partyVotesOverTotals(votesOf(value), value.partyVotes))
      ctx.addIssue({ code: "custom", path: ["partyVotes"], message: PARTY_VOTES_EXCEED[count] });
  });

export const PositionItemSchema = z
  .object({
    intent: z.literal("item"),
    itemKind: z.enum(["AMENDMENT", "MOTION"], { error: "validation.itemKindRequired" }),
    title: z
      .string({ error: "validation.titleRequired" })
      .trim()
      .min(1, "validation.titleRequired")
      .max(300, "validation.tooLong"),
    itemText: text,
    adopted: z.enum(["yes", "no"], { error: "validation.adoptedRequired" }),
    ...votes,
    decisionPoint: z.string().trim().max(200, "validation.tooLong").optional(),
  })
  .superRefine(votesComplete);

export const ProcessingSchema = z.object({
  intent: z.literal("process"),
  outcome: z.enum(["ADOPTED", "PARTLY_ADOPTED", "NOT_ADOPTED", "NOT_APPLICABLE"], {
    error: "validation.outcomeRequired",
  }),
  reason: z
    .string({ error: "validation.reasonRequired" })
    .trim()
    .min(1, "validation.reasonRequired")
    .max(5000, "validation.tooLong"),
  location: z
    .string({ error: "validation.locationRequired" })
    .trim()
    .min(1, "validation.locationRequired")
    .max(300, "validation.tooLong"),
  /** Optional grouping in the oplegger. */
  theme: z.string().trim().max(100, "validation.tooLong").optional(),
  /** For a late position: whether it still counts (the model requires it then). */
  lateCounts: z.enum(["yes", "no"]).optional(),
  decisionPoint: z.string().trim().max(64, "validation.tooLong").optional(),
});

/** Votes from the form fields, when all three were given. */
export function votesOf(value: { votesFor?: number; votesAgainst?: number; votesAbstained?: number }) {
  return value.votesFor === undefined
    ? undefined
    : { for: value.votesFor, against: value.votesAgainst!, abstained: value.votesAbstained! };
}
