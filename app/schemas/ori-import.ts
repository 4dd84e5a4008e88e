import { z } from "zod";
import { POSITION_KINDS } from "~workflows/positions";
import { heldDateField } from "./fields";

/** An administrator's source for a municipality: an ORI API's base URL and the key there; both empty: off. */
export const OriSourceSchema = z
  .object({
    municipalityId: z
      .string({ error: "validation.municipalityRequired" })
      .min(1, "validation.municipalityRequired")
      .max(64),
    baseUrl: z
      .string()
      .trim()
      .max(300, "validation.tooLong")
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, "oriImport.baseUrlInvalid")
      .refine((value) => URL.canParse(value), "oriImport.baseUrlInvalid")
      .optional(),
    sourceKey: z
      .string()
      .trim()
      .max(100, "validation.tooLong")
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "oriImport.sourceKeyInvalid")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.baseUrl && !value.sourceKey)
      ctx.addIssue({ code: "custom", path: ["sourceKey"], message: "oriImport.sourceKeyRequired" });
  });

const optionalCount = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.coerce
    .number({ error: "validation.votesInvalid" })
    .int("validation.votesInvalid")
    .min(0, "validation.votesInvalid")
    .max(500, "validation.votesInvalid")
    .optional(),
);

/** The clerk's confirmation of a proposal, pre-filled with the import and editable. */
export const ConfirmProposalSchema = z
  .object({
    intent: z.literal("confirm"),
    revision: z.coerce.number().int().min(0),
    kind: z.enum(POSITION_KINDS, { error: "validation.positionKindRequired" }),
    meetingDate: heldDateField,
    text: z
      .string({ error: "validation.textRequired" })
      .trim()
      .min(1, "validation.textRequired")
      .max(20_000, "validation.tooLong"),
    votesFor: optionalCount,
    votesAgainst: optionalCount,
    votesAbstained: optionalCount,
    confirmLate: z.enum(["on"]).optional(),
  })
  .superRefine((value, ctx) => {
    const given = [value.votesFor, value.votesAgainst, value.votesAbstained].filter((v) => v !== undefined).length;
    if (given !== 0 && given !== 3)
      ctx.addIssue({ code: "custom", path: ["votesFor"], message: "validation.votesIncomplete" });
  });

export const RejectProposalSchema = z.object({
  intent: z.literal("reject"),
  reason: z
    .string({ error: "oriImport.reasonRequired" })
    .trim()
    .min(1, "oriImport.reasonRequired")
    .max(2000, "validation.tooLong"),
});
