import { z } from "zod";
import { emailField } from "./fields";

/** Messages are i18n keys; the form shows them in the reader's language. */
export const LoginSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "validation.passwordRequired" })
    .min(1, "validation.passwordRequired")
    .max(200, "validation.tooLong"),
  redirectTo: z.string().max(2000).optional(),
});

export const LanguageSchema = z.object({
  lng: z.enum(["nl", "en"]),
  redirectTo: z.string().max(2000).optional(),
});
