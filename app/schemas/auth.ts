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

/** A code from the authenticator app (6 digits) or a recovery code (10 characters, a dash allowed). */
export const SecondFactorSchema = z.object({
  code: z
    .string({ error: "validation.codeRequired" })
    .trim()
    .min(1, "validation.codeRequired")
    .max(40, "validation.codeInvalid")
    .regex(/^[0-9a-zA-Z\s-]+$/, "validation.codeInvalid"),
  redirectTo: z.string().max(2000).optional(),
});

/** Password rules (BIO2 / NCSC): at least 12 characters, at most 200, not the same as the old one. */
export const newPasswordField = z
  .string({ error: "validation.passwordRequired" })
  .min(12, "validation.passwordTooShort")
  .max(200, "validation.tooLong");

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.passwordRequired" })
      .min(1, "validation.passwordRequired")
      .max(200, "validation.tooLong"),
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "validation.passwordRequired" }).max(200, "validation.tooLong"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "validation.passwordUnchanged",
  });
