import { z } from "zod";
import { isoDateField } from "./fields";

/** The board's answer to a zienswijze (app/models/zienswijze-answer.server.ts). Messages are i18n keys. */
export const AnswerSchema = z.object({
  text: z
    .string({ error: "validation.answerRequired" })
    .trim()
    .min(20, "validation.answerTooShort")
    .max(20_000, "validation.answerTooLong"),
  answeredOn: isoDateField,
});
