import { z } from "zod";

/** Withdrawing a published document (app/models/publication.server.ts). Messages are i18n keys. */
export const WithdrawSchema = z.object({
  reason: z
    .string({ error: "woo.validation.reasonRequired" })
    .trim()
    .min(10, "woo.validation.reasonTooShort")
    .max(2_000, "woo.validation.reasonTooLong"),
});

/** The secretary's publishing of a due decision. */
export const PublishSchema = z.object({
  intent: z.literal("publish"),
  publicationId: z.string().min(1).max(64),
});
