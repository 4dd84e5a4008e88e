import { z } from "zod";
import { readAmount } from "~/money/allocate";

const id = z.string().min(1).max(64);
const year = z.coerce
  .number({ error: "validation.financeYearInvalid" })
  .int("validation.financeYearInvalid")
  .min(1990, "validation.financeYearInvalid")
  .max(2100, "validation.financeYearInvalid");

/** An amount on a trail: euros as written, or pm. */
export const FinancialItemSchema = z.object({
  intent: z.literal("add"),
  label: z
    .string({ error: "validation.labelRequired" })
    .trim()
    .min(1, "validation.labelRequired")
    .max(200, "validation.tooLong"),
  kind: z.enum(["ONE_OFF", "YEARLY"], { error: "validation.amountKindRequired" }),
  year,
  amount: z
    .string({ error: "validation.amountInvalid" })
    .max(40, "validation.amountInvalid")
    .refine((value) => readAmount(value) !== undefined, "validation.amountInvalid"),
  keyId: id.optional(),
});

export const RemoveItemSchema = z.object({ intent: z.literal("remove"), itemId: id });

/** An allocation key; entries are per municipality (percentages or euros as written). */
export const AllocationKeySchema = z.object({
  intent: z.literal("save"),
  id: id.optional(),
  name: z
    .string({ error: "validation.keyNameRequired" })
    .trim()
    .min(1, "validation.keyNameRequired")
    .max(120, "validation.tooLong"),
  method: z.enum(["INHABITANTS", "EQUAL", "PERCENTAGES", "USAGE"], { error: "validation.methodRequired" }),
  inhabitantsYear: year.optional(),
  description: z.string().trim().max(1000, "validation.tooLong").optional(),
  entries: z
    .array(z.object({ municipalityId: id, value: z.string().trim().max(40, "validation.tooLong").optional() }))
    .max(50)
    .optional(),
});

export const DeleteKeySchema = z.object({ intent: z.literal("delete"), id });
