import { z } from "zod";

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

/**
 * Saving a revision or autosaving a draft; the content itself, its size (1 MB)
 * included, is checked by parseDocument, so that a document too large gets
 * document_too_large (readForm bounds the whole form at 4 MB).
 */
export const SaveDocumentSchema = z.object({
  intent: z.enum(["save", "autosave"]),
  baseRevision: z.coerce.number().int().min(0),
  content: z.string().min(1),
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
