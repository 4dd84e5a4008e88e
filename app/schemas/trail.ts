import { z } from "zod";
import { DATE_RANGES } from "~/utils/date-range";
import { TRAIL_KINDS } from "~workflows/shared/types";
import { dateFieldWithin, isoDateField } from "./fields";

export { TRAIL_KINDS };

/** How far back "recently closed" looks: a closed trail stays findable on the overview and the trail list this long. */
export const RECENTLY_CLOSED_DAYS = 90;

export const TrailFilterSchema = z.object({
  kind: z.enum(TRAIL_KINDS).optional().catch(undefined),
  /** All trails (default), the open ones, or those closed in the last 90 days. */
  status: z.enum(["open", "recentlyClosed"]).optional().catch(undefined),
});

/** The fields every workflow form posts; the event's own fields are checked against its schema. */
export const WorkflowFormSchema = z.object({
  intent: z.literal("event"),
  type: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Z_]+$/),
  municipalityId: z.string().max(64).optional(),
  revision: z.coerce.number().int().min(0),
});

export const TargetDateSchema = z.object({
  intent: z.literal("target"),
  label: z
    .string({ error: "validation.labelRequired" })
    .trim()
    .min(1, "validation.labelRequired")
    .max(200, "validation.tooLong"),
  /** Any date's range here; the model checks it against the trail's start (DATE_RANGES.trailAhead). */
  dueOn: isoDateField,
});

/** A new trail's own fields, on the new-trail form and on "start next year's budget cycle". */
const newTrailFields = {
  title: z
    .string({ error: "validation.titleRequired" })
    .trim()
    .min(1, "validation.titleRequired")
    .max(300, "validation.tooLong"),
  reference: z
    .string({ error: "validation.referenceRequired" })
    .trim()
    .min(1, "validation.referenceRequired")
    .max(60, "validation.tooLong")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "validation.referenceInvalid"),
  summary: z.string().trim().max(5000, "validation.tooLong").optional(),
  startedOn: dateFieldWithin(DATE_RANGES.trailStart),
};

/**
 * Next year's budget cycle from this one: its texts as proposed (or changed), its start and the AB meeting that
 * adopts it (any date's range here; the model checks it lies in the year before the new budget year).
 */
export const NextCycleSchema = z.object({ ...newTrailFields, abMeetingOn: isoDateField });

export const NewTrailSchema = z
  .object({
    kind: z.enum(TRAIL_KINDS, { error: "validation.kindRequired" }),
    ...newTrailFields,
    exitingMunicipalityId: z.string().max(64).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "EXIT" && !value.exitingMunicipalityId) {
      ctx.addIssue({ code: "custom", path: ["exitingMunicipalityId"], message: "validation.exitingRequired" });
    }
    // Only an exit has an exiting municipality: on any other kind the field is refused, not dropped.
    if (value.kind !== "EXIT" && value.exitingMunicipalityId) {
      ctx.addIssue({ code: "custom", path: ["exitingMunicipalityId"], message: "formsFeedback.notFor.exiting" });
    }
  });
