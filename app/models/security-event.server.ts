import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

/**
 * Security events in the audit trail (BIO 8.15.01): who did it (the actor), to which account
 * (the subject), with what result, from where (the origin address) and when (the event's
 * time). Never a secret (8.15.02): no password, code, token or recovery code, and no
 * address typed for an account that does not exist (it may be a mistyped password).
 */
export type SecurityEventType =
  | "security.sign_in"
  | "security.sign_out"
  | "security.second_factor.enabled"
  | "security.second_factor.disabled"
  | "security.second_factor.reset"
  | "security.recovery_codes.renewed"
  | "security.password.changed"
  | "security.password.reset"
  | "api_token.created"
  | "api_token.revoked";

export type SecurityResult = "success" | "failure" | "locked" | "busy";

export interface SecurityEventInput {
  type: SecurityEventType;
  result: SecurityResult;
  origin: string;
  actor?: Actor | null;
  /** The account the event is about (for a sign-in, the account signing in, if it exists). */
  subject?: { id: string; email: string } | null;
  /** What else is worth knowing: the method (password, totp, recovery_code), the reason. */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordSecurityEvent(input: SecurityEventInput, tx?: Prisma.TransactionClient) {
  const event = {
    type: input.type,
    actor: input.actor ?? null,
    payload: {
      result: input.result,
      origin: input.origin,
      subjectUserId: input.subject?.id ?? null,
      subjectEmail: input.subject?.email ?? null,
      ...input.details,
    },
  };
  if (tx) return appendEvent(tx, event);
  return prisma.$transaction((t) => appendEvent(t, event));
}
