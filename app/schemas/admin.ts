import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import { countOf, MAX_COUNT } from "~/utils/cbs-csv";
import { roleNeedsMunicipality } from "~/utils/permissions";
import { emailField } from "./fields";

export const ROLES = ["SECRETARY", "CLERK", "ALDERMAN", "ADMIN"] as const;

const userFields = {
  name: z
    .string({ error: "validation.nameRequired" })
    .trim()
    .min(1, "validation.nameRequired")
    .max(120, "validation.tooLong"),
  email: emailField,
  role: z.enum(ROLES, { error: "validation.roleRequired" }),
  municipalityId: z.string().max(64).optional(),
};

/** Clerks and aldermen write for one municipality; the other roles are regional. */
function municipalityFitsRole(value: { role: Role; municipalityId?: string | undefined }, ctx: z.RefinementCtx) {
  const municipal = roleNeedsMunicipality(value.role);
  if (municipal && !value.municipalityId) {
    ctx.addIssue({ code: "custom", path: ["municipalityId"], message: "validation.municipalityRequiredForRole" });
  }
  if (!municipal && value.municipalityId) {
    ctx.addIssue({ code: "custom", path: ["municipalityId"], message: "validation.municipalityNotForRole" });
  }
}

export const CreateUserSchema = z
  .object({
    intent: z.literal("create"),
    ...userFields,
    password: z
      .string({ error: "validation.passwordRequired" })
      .min(12, "validation.passwordTooShort")
      .max(200, "validation.tooLong"),
  })
  .superRefine(municipalityFitsRole);

export const EditUserSchema = z.object({ intent: z.literal("edit"), ...userFields }).superRefine(municipalityFitsRole);

export const ToggleUserSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.string().min(1).max(64),
});

export const UserSecuritySchema = z.object({
  intent: z.enum(["reset-second-factor", "temporary-password"]),
  userId: z.string().min(1).max(64),
});

const currentYear = new Date().getFullYear();

export const InhabitantsSchema = z.object({
  municipalityId: z
    .string({ error: "validation.municipalityRequired" })
    .min(1, "validation.municipalityRequired")
    .max(64),
  year: z.coerce
    .number({ error: "validation.yearInvalid" })
    .int("validation.yearInvalid")
    .min(1990, "validation.yearInvalid")
    .max(currentYear + 1, "validation.yearInvalid"),
  // As the CBS import reads a figure: 103581, or with Dutch thousands separators 103.581 and 103 581.
  count: z.string({ error: "validation.countInvalid" }).transform((value, ctx) => {
    const count = countOf(value);
    if (count === null || count < 1 || count > MAX_COUNT) {
      ctx.addIssue({ code: "custom", message: "validation.countInvalid" });
      return z.NEVER;
    }
    return count;
  }),
  source: z.string().trim().max(200, "validation.tooLong").optional(),
});

const personName = z.string().trim().max(200, "validation.tooLong").optional();

/** The burgemeester and gemeentesecretaris who sign a municipality's letters. */
export const SignatoriesSchema = z.object({
  municipalityId: z
    .string({ error: "validation.municipalityRequired" })
    .min(1, "validation.municipalityRequired")
    .max(64),
  mayorName: personName,
  secretaryName: personName,
});
