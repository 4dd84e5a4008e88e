/**
 * One word for one thing. A council committee advises its council, so what
 * it logs as a zienswijze is an advice about one, not the council's
 * zienswijze; and a council's inbox lists the task still to do, not the name
 * of the step once done.
 */

const COMMITTEE_ADVICE = new Set(["ZIENSWIJZE", "WENSEN_EN_BEDENKINGEN", "NO_RESPONSE"]);

/** The locale key of a position's word, by the body that took it (COUNCIL, COMMITTEE, COLLEGE) and its kind. */
export function positionWord(body: string, kind: string): string {
  return body === "COMMITTEE" && COMMITTEE_ADVICE.has(kind) ? `committeeAdvice.${kind}` : `positionKinds.${kind}`;
}

/**
 * The task still to do, from the steps a trail accepts (alternatives: the council takes one of them):
 * "Zienswijze geven of geen reactie melden". Lower case to follow a colon in a sentence.
 */
export function todoText(expected: readonly string[], t: (key: string) => string, capitalised = true): string {
  const text = expected.map((type) => t(`todo.${type}`)).join(t("todo.or"));
  return capitalised ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}
