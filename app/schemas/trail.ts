import { z } from "zod";

export const TRAIL_KINDS = ["VISION", "PROCUREMENT", "GR_AMENDMENT", "EXIT"] as const;

export const TrailFilterSchema = z.object({
  kind: z.enum(TRAIL_KINDS).optional().catch(undefined),
});

const isoDate = z
  .string({ error: "validation.dateRequired" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.dateInvalid")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "validation.dateInvalid");

export const ReceiptSchema = z.object({
  intent: z.literal("receipt"),
  municipalityId: z.string({ error: "validation.municipalityRequired" }).min(1, "validation.municipalityRequired").max(64),
  receivedAt: isoDate,
});
