import { z } from "zod";
import { isCalendarDate } from "./dates";

/** A calendar date (YYYY-MM-DD) in an event payload. */
export const calendarDate = z
  .string({ error: "validation.dateRequired" })
  .refine(isCalendarDate, "validation.dateInvalid");

export const FAR_DATE = "9999-12-31";

/** The message of a step whose day lies after today, for the steps that record a day that has passed. */
export const STEP_IN_FUTURE = "validation.stepInFuture";

/** The message of a body's decision dated after today: a decision is recorded after the meeting that took it. */
export const DECISION_IN_FUTURE = "validation.decisionInFuture";

export const noPayload = z.object({});
export const datedPayload = z.object({ on: calendarDate });

/** Grounds on which a council may withhold consent (Wgr art. 1 lid 4). */
export const WITHHOLDING_GROUNDS = ["law", "publicInterest"] as const;
export type WithholdingGround = (typeof WITHHOLDING_GROUNDS)[number];

export const withheldPayload = z.object({
  on: calendarDate,
  ground: z.enum(WITHHOLDING_GROUNDS, { error: "validation.groundRequired" }),
  reason: z
    .string({ error: "validation.reasonRequired" })
    .trim()
    .min(1, "validation.reasonRequired")
    .max(5000, "validation.tooLong"),
});
