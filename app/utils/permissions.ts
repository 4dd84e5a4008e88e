import type { Role } from "~/generated/prisma/enums";

/** What the server knows of the signed-in user when deciding what they may do. */
export interface Actor {
  id: string;
  role: Role;
  municipalityId: string | null;
}

/** Roles that belong to one municipality and write only for it. */
export const MUNICIPAL_ROLES: readonly Role[] = ["CLERK", "ALDERMAN"];

export function roleNeedsMunicipality(role: Role): boolean {
  return MUNICIPAL_ROLES.includes(role);
}

/** Everybody signed in reads every trail of the region (public governance). */
export function canReadRegion(actor: Actor | null): boolean {
  return actor !== null;
}

export function canAdminister(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Starting a trail is the policy secretaries' work. */
export function canStartTrail(actor: Actor): boolean {
  return actor.role === "SECRETARY";
}
