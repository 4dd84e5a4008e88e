import { z } from "zod";
import { isoDateField } from "./fields";

export const TRAIL_KINDS = ["VISION", "PROCUREMENT", "GR_AMENDMENT", "EXIT"] as const;

export const TrailFilterSchema = z.object({
  kind: z.enum(TRAIL_KINDS).optional().catch(undefined),
});

export const ReceiptSchema = z.object({
  intent: z.literal("receipt"),
  municipalityId: z.string({ error: "validation.municipalityRequired" }).min(1, "validation.municipalityRequired").max(64),
  receivedAt: isoDateField,
});
