import type { Role } from "~/generated/prisma/enums";

/** What the server knows of the signed-in user when deciding what they may do. */
export interface Actor {
  id: string;
  role: Role;
  municipalityId: string | null;
  /** Display name, when known, for notifications ("… by Anna de Vries"). */
  name?: string;
}

/** Roles that belong to one municipality and write only for it. */
export const MUNICIPAL_ROLES: readonly Role[] = ["CLERK", "ALDERMAN"];

export function roleNeedsMunicipality(role: Role): boolean {
  return MUNICIPAL_ROLES.includes(role);
}

/** Starting a trail is the policy secretaries' work. */
export function canStartTrail(actor: Actor): boolean {
  return actor.role === "SECRETARY";
}

/** Target dates on a trail ("definitive proposal before 1 March 2018") are set by secretaries. */
export function canSetTargetDate(actor: Actor): boolean {
  return actor.role === "SECRETARY";
}
