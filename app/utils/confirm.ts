/**
 * Acts that cannot be undone are confirmed: the form carries a required box
 * (`confirm=on`) and the server refuses a post without it, writing nothing.
 *
 * The workflow steps that end a trail or a council's say in it: ending a
 * vision, an exit taking effect, an amendment entering into force, and
 * withholding consent (which ends an exit and can end an amendment); and the
 * budget cycle's decisions of the AB (the budget, the accounts: the councils'
 * zienswijzen can no longer count) and the step that closes a budget amendment
 * or a cycle (sent to Gedeputeerde Staten).
 */
export const IRREVERSIBLE_EVENTS: ReadonlySet<string> = new Set([
  "END",
  "EXIT_EFFECTIVE",
  "ENTERED_INTO_FORCE",
  "CONSENT_WITHHELD",
  "BUDGET_ADOPTED",
  "BUDGET_SENT_TO_GS",
  "ACCOUNTS_ADOPTED",
  "ACCOUNTS_SENT_TO_GS",
]);

/** The name and value of the box that confirms an irreversible act. */
export const CONFIRM_FIELD = "confirm";

export function isConfirmed(fields: FormData | Record<string, unknown>): boolean {
  const value = fields instanceof FormData ? fields.get(CONFIRM_FIELD) : fields[CONFIRM_FIELD];
  return value === "on";
}

/** The i18n key of the error for a post of an irreversible act without its confirmation. */
export const CONFIRM_REQUIRED = "formsFeedback.confirmRequired";
