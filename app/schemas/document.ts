import { z } from "zod";
import { LIMITS } from "~/editor/document-json";

export const DOCUMENT_KINDS = [
  "RAADSVOORSTEL",
  "RAADSINFORMATIEBRIEF",
  "BESLISPUNTENMEMO",
  "OPLEGGER",
  "BESLUIT",
] as const;

export const NewDocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { error: "validation.kindRequired" }),
  title: z
    .string({ error: "validation.titleRequired" })
    .trim()
    .min(1, "validation.titleRequired")
    .max(300, "validation.tooLong"),
});

/** Saving a revision or autosaving a draft; the content itself is checked by parseDocument. */
export const SaveDocumentSchema = z.object({
  intent: z.enum(["save", "autosave"]),
  baseRevision: z.coerce.number().int().min(0),
  content: z
    .string()
    .min(1)
    .max(LIMITS.bytes + 1),
  note: z.string().trim().max(500, "validation.tooLong").optional(),
});

export const SendRevisionSchema = z.object({
  intent: z.literal("send"),
  revision: z.coerce.number().int().min(1),
});

export const CompareSchema = z.object({
  a: z.coerce.number().int().min(1),
  b: z.coerce.number().int().min(1),
});
