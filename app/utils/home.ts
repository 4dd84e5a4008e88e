import type { Role } from "~/generated/prisma/enums";

/**
 * Where each role lands (issue 16): a clerk on their council's inbox and a secretary on the pipeline (both the
 * first section of /overzicht for that role), an alderman on the dashboard, an administrator on /beheer.
 */
export function homePath(role: Role): string {
  switch (role) {
    case "ALDERMAN":
      return "/dashboard";
    case "ADMIN":
      return "/beheer";
    case "CLERK":
    case "SECRETARY":
      return "/overzicht";
    default:
      return "/regio";
  }
}
