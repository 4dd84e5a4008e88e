/**
 * The sentence for a refused step, in the reader's language: the workflow's
 * own reason (workflows/*: explainRefusal) with its dates written out, else
 * the refusal code's. Every refusal of sendTrailEvent and logPosition maps
 * here, so a form can say why next to itself.
 */
import type { TFunction } from "i18next";
import { isCalendarDate } from "~workflows/shared/dates";
import { formatDate } from "./format";

export interface RefusalLike {
  code: string;
  reason?: string;
  values?: Record<string, string>;
  unprocessed?: number;
  unanswered?: number;
}

/** The message key (i18n) of a refused step or position: the workflow's own reason when it gave one. */
export function refusalKey(error: RefusalLike): string {
  if (error.code === "positions_unprocessed") return "refusals.positionsUnprocessed";
  if (error.code === "zienswijzen_unanswered") return "refusals.zienswijzenUnanswered";
  if (error.code === "trail_closed" && error.reason)
    return error.reason === "alreadyDecided" ? "refusals.closedAlreadyDecided" : "refusals.notForTheRecord";
  if (error.code === "event_not_accepted" && error.reason) return `refusals.${error.reason}`;
  return `workflowErrors.${error.code}`;
}

/** A refusal's values as its message shows them: a date written out, a trail's state by its name. */
export function refusalValues(t: TFunction, lng: string, values: Record<string, string> | null | undefined) {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [
      key,
      key === "state"
        ? t(`trailStates.${value}`, { defaultValue: value })
        : isCalendarDate(value)
          ? formatDate(value, lng)
          : value,
    ]),
  );
}

export function refusalText(t: TFunction, lng: string, error: RefusalLike): string {
  const values =
    error.code === "positions_unprocessed"
      ? { count: error.unprocessed ?? 0 }
      : error.code === "zienswijzen_unanswered"
        ? { count: error.unanswered ?? 0 }
        : refusalValues(t, lng, error.values);
  return t(refusalKey(error), values);
}

/** What a refused position carries (logPosition, a correction, a confirmed proposal). */
export interface PositionRefusal extends RefusalLike {
  field?: string;
  message?: string;
}

/** The workflow's reasons that are about the day of the step: a position's form says them at its meeting date. */
const DATE_REASONS: ReadonlySet<string> = new Set([
  "answerBeforeSent",
  "answerBeforeReceipt",
  "receivedBeforeSent",
  "noticeBeforeCollegeDecision",
  "noticeTooLate",
]);

/**
 * Where a position's form says why it was refused: a date out of range or ahead at its field, and so the workflow's
 * reasons about the day (a zienswijze dated before the receipt); party votes over the totals at the votes when the
 * form has them (else above it); anything else above the form. The values its message names (the workflow's dates)
 * go back for the page to write out through refusalValues, at the field or in FormErrors.
 */
export function positionRefusalReply(
  result: PositionRefusal,
  { partyVotesOnForm }: { partyVotesOnForm: boolean },
): {
  reply: { fieldErrors: Record<string, string[]> } | { formErrors: string[] };
  values: Record<string, string> | null;
} {
  const { field, message } = result;
  if ((result.code === "date_out_of_range" || result.code === "date_in_future") && field && message)
    return { reply: { fieldErrors: { [field]: [message] } }, values: null };
  if (result.code === "event_not_accepted" && result.reason && DATE_REASONS.has(result.reason))
    return { reply: { fieldErrors: { meetingDate: [refusalKey(result)] } }, values: result.values ?? null };
  if (result.code === "party_votes_exceed_totals" && message)
    return {
      reply: partyVotesOnForm && field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
      values: null,
    };
  return { reply: { formErrors: [refusalKey(result)] }, values: result.values ?? null };
}
