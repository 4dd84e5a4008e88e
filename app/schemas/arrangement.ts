import { z } from "zod";
import { CHOICES, MAJORITY_RULES } from "~/arrangement/weighted-vote";
import { readAmount } from "~/money/allocate";
import { isoDateField as dateField } from "./fields";

const id = z.string().min(1).max(64);
const optionalDate = dateField.optional();

/** A contract in the register. */
export const ContractSchema = z.object({
  intent: z.literal("save"),
  id: id.optional(),
  name: z
    .string({ error: "validation.nameRequired" })
    .trim()
    .min(1, "validation.nameRequired")
    .max(200, "validation.tooLong"),
  parties: z.string().trim().max(300, "validation.tooLong").optional(),
  startsOn: optionalDate,
  firstTermEndsOn: dateField,
  extensionCount: z.coerce
    .number({ error: "validation.extensionCountInvalid" })
    .int("validation.extensionCountInvalid")
    .min(0, "validation.extensionCountInvalid")
    .max(20, "validation.extensionCountInvalid"),
  extensionMonths: z.coerce
    .number({ error: "validation.extensionMonthsInvalid" })
    .int("validation.extensionMonthsInvalid")
    .min(1, "validation.extensionMonthsInvalid")
    .max(120, "validation.extensionMonthsInvalid"),
  tacit: z.enum(["on"]).optional(),
  note: z.string().trim().max(2000, "validation.tooLong").optional(),
});

/** The exit payment estimate: annual contribution (euros or pm) and the arrangement's multiple. */
export const ExitEstimateSchema = z.object({
  annual: z
    .string({ error: "validation.amountInvalid" })
    .max(40, "validation.amountInvalid")
    .refine((value) => readAmount(value) !== undefined, "validation.amountInvalid"),
  multiple: z
    .string({ error: "validation.multipleInvalid" })
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/, "validation.multipleInvalid"),
});

/** What-if dates of the exit calculator (a query, not a write). */
export const ExitDatesSchema = z.object({
  gewenst: dateField.refine((d) => d.endsWith("-01-01"), "validation.exitOnJanuaryFirst").optional(),
  opzegging: optionalDate,
});

/** A board vote: subject, date, rule, and a ballot per member with the municipalities it represents. */
export const BoardVoteSchema = z.object({
  subject: z
    .string({ error: "validation.subjectRequired" })
    .trim()
    .min(1, "validation.subjectRequired")
    .max(300, "validation.tooLong"),
  heldOn: dateField,
  rule: z.enum(MAJORITY_RULES, { error: "validation.ruleRequired" }),
  inhabitantsYear: z.coerce
    .number({ error: "validation.financeYearInvalid" })
    .int("validation.financeYearInvalid")
    .min(1990, "validation.financeYearInvalid")
    .max(2100, "validation.financeYearInvalid")
    .optional(),
  ballots: z
    .array(
      z.object({
        member: z
          .string({ error: "validation.memberRequired" })
          .trim()
          .min(1, "validation.memberRequired")
          .max(200, "validation.tooLong"),
        choice: z.enum(CHOICES, { error: "validation.choiceRequired" }),
        municipalityIds: z
          .array(id, { error: "validation.representsRequired" })
          .min(1, "validation.representsRequired")
          .max(20),
      }),
    )
    .min(1)
    .max(10),
});
