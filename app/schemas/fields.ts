import { z } from "zod";

/** Field schemas shared by several forms. Messages are i18n keys. */
export const emailField = z
  .string({ error: "validation.emailRequired" })
  .trim()
  .min(1, "validation.emailRequired")
  .max(254, "validation.emailInvalid")
  .pipe(z.email({ error: "validation.emailInvalid" }));

export const isoDateField = z
  .string({ error: "validation.dateRequired" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.dateInvalid")
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "validation.dateInvalid",
  );
