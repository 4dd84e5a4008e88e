/**
 * Acts that cannot be undone are confirmed: the form carries a required box
 * (`confirm=on`) and the server refuses a post without it, writing nothing.
 *
 * The workflow steps that end a trail or a council's say in it: ending a
 * vision, an exit taking effect, an amendment entering into force, and
 * withholding consent (which ends an exit and can end an amendment).
 */
export const IRREVERSIBLE_EVENTS: ReadonlySet<string> = new Set([
  "END",
  "EXIT_EFFECTIVE",
  "ENTERED_INTO_FORCE",
  "CONSENT_WITHHELD",
]);

/** The name and value of the box that confirms an irreversible act. */
export const CONFIRM_FIELD = "confirm";

export function isConfirmed(fields: FormData | Record<string, unknown>): boolean {
  const value = fields instanceof FormData ? fields.get(CONFIRM_FIELD) : fields[CONFIRM_FIELD];
  return value === "on";
}

/** The i18n key of the error for a post of an irreversible act without its confirmation. */
export const CONFIRM_REQUIRED = "formsFeedback.confirmRequired";
