import { z } from "zod";

/** Messages are i18n keys; the form shows them in the reader's language. */
export const LoginSchema = z.object({
  email: z
    .string({ error: "validation.emailRequired" })
    .trim()
    .min(1, "validation.emailRequired")
    .max(254, "validation.emailInvalid")
    .pipe(z.email({ error: "validation.emailInvalid" })),
  password: z.string({ error: "validation.passwordRequired" }).min(1, "validation.passwordRequired").max(200, "validation.tooLong"),
  redirectTo: z.string().max(2000).optional(),
});

export const LanguageSchema = z.object({
  lng: z.enum(["nl", "en"]),
  redirectTo: z.string().max(2000).optional(),
});
