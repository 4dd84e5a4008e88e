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

export function refusalText(t: TFunction, lng: string, error: RefusalLike): string {
  if (error.code === "positions_unprocessed")
    return t("refusals.positionsUnprocessed", { count: error.unprocessed ?? 0 });
  if (error.code === "zienswijzen_unanswered")
    return t("refusals.zienswijzenUnanswered", { count: error.unanswered ?? 0 });
  if (error.code === "trail_closed" && error.reason)
    return t(error.reason === "alreadyDecided" ? "refusals.closedAlreadyDecided" : "refusals.notForTheRecord");
  if (error.code === "event_not_accepted" && error.reason) {
    const values = Object.fromEntries(
      Object.entries(error.values ?? {}).map(([key, value]) => [
        key,
        key === "state"
          ? t(`trailStates.${value}`, { defaultValue: value })
          : isCalendarDate(value)
            ? formatDate(value, lng)
            : value,
      ]),
    );
    return t(`refusals.${error.reason}`, values);
  }
  return t(`workflowErrors.${error.code}`);
}
