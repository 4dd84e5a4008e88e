import { z } from "zod";
import { DATE_RANGES, outOfRange, todayInAmsterdam, type DateRange } from "~/utils/date-range";

/** Field schemas shared by several forms. Messages are i18n keys. */
export const emailField = z
  .string({ error: "validation.emailRequired" })
  .trim()
  .min(1, "validation.emailRequired")
  .max(254, "validation.emailInvalid")
  .pipe(z.email({ error: "validation.emailInvalid" }));

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  return (
    DATE_PATTERN.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/**
 * A real calendar date (YYYY-MM-DD) of any year. The API reads its dates with
 * it and leaves the range to the model, which answers date_out_of_range.
 */
export const calendarDateField = z
  .string({ error: "validation.dateRequired" })
  .regex(DATE_PATTERN, "validation.dateInvalid")
  .refine(isRealDate, "validation.dateInvalid");

/**
 * A date on a form: a real calendar date within the range of its kind
 * (app/utils/date-range.ts), checked on the day the form is sent.
 */
export function dateFieldWithin(range: (today: string) => DateRange) {
  return calendarDateField.superRefine((value, ctx) => {
    if (!isRealDate(value)) return;
    const problem = outOfRange(value, range(todayInAmsterdam()));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A date on a form, of any kind: from 1 January 2000 to ten years ahead. */
export const isoDateField = dateFieldWithin(DATE_RANGES.any);

/**
 * The day of a meeting whose decision a form logs: not after today, said with the form's other mistakes at once
 * (the model checks it again, and against the trail's start).
 */
export const heldDateField = dateFieldWithin(DATE_RANGES.held);
