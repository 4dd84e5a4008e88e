import { z } from "zod";
import { POSITION_KINDS } from "~workflows/positions";

/** The kinds of position a draft can be shared for: every kind with a text ("Geen reactie" has none). */
export const SHARED_DRAFT_KINDS = POSITION_KINDS.filter((kind) => kind !== "NO_RESPONSE");

const optional = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();

/** The form that publishes a shared draft (a model zienswijze, say), with at most one model amendment or motion. */
export const SharedDraftSchema = z
  .object({
    title: z
      .string({ error: "validation.titleRequired" })
      .trim()
      .min(1, "validation.titleRequired")
      .max(300, "validation.tooLong"),
    kind: z.enum(SHARED_DRAFT_KINDS as [string, ...string[]], { error: "validation.positionKindRequired" }),
    text: z
      .string({ error: "validation.textRequired" })
      .trim()
      .min(1, "validation.textRequired")
      .max(20_000, "validation.tooLong"),
    itemKind: z.enum(["AMENDMENT", "MOTION"]).optional(),
    itemTitle: optional(300),
    itemText: optional(20_000),
    supersedesId: optional(64),
  })
  .superRefine((value, ctx) => {
    // A model item is all three fields or none: a title or text without a kind (or the reverse) is refused.
    const given = [value.itemKind, value.itemTitle, value.itemText].filter(Boolean).length;
    if (given !== 0 && given !== 3)
      ctx.addIssue({ code: "custom", path: ["itemKind"], message: "sharedDrafts.errors.item_incomplete" });
  });
