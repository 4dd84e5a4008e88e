/**
 * The values of a notification as a reader sees them: codes (step, position
 * kind, deadline kind, body) turned into words and dates formatted. Shared by the
 * notifications page (in the reader's language) and the e-mail (in Dutch).
 */
import { formatDate } from "./format";

export function shownNotificationValues(
  values: Record<string, string>,
  t: (key: string) => string,
  language: string,
): Record<string, string> {
  const deadline = values.deadline
    ? `${values.deadline === "target" ? (values.label ?? "") : t(`deadlineKinds.${values.deadline}`)}${values.municipality ? ` (${values.municipality})` : ""}`
    : "";
  return {
    ...values,
    step: values.step ? t(`events.${values.step}`) : "",
    kind: values.kind ? t(`positionKinds.${values.kind}`) : "",
    deadline,
    dueOn: values.dueOn ? formatDate(values.dueOn, language) : "",
    from: values.from ? formatDate(values.from, language) : "",
    date: values.date ? formatDate(values.date, language) : "",
    body: values.body ? t(`positionBodies.${values.body}`).toLowerCase() : "",
  };
}

/**
 * The text key of a notification: a step that set or moved the deadline of the councils it was for says so in the
 * same line (notifications.trailStepDeadlineSet or …Moved).
 */
export function notificationKey(kind: string, values: Record<string, string>): string {
  // A response term "runs until" its day; a date (an exit taking effect, a target, a notice) is "on" it.
  const date = values.deadline !== undefined && !TERM_KINDS.has(values.deadline);
  if (kind === "trailStep" && values.dueOn)
    return `notifications.trailStepDeadline${values.from ? "Moved" : date ? "DateSet" : "Set"}`;
  if (kind === "deadlineSet" && date) return "notifications.deadlineDateSet";
  return `notifications.${kind}`;
}

/** The kinds of deadline that are a term for a response (the others are a day something happens or is due). */
const TERM_KINDS: ReadonlySet<string> = new Set(["zienswijze"]);
