import { deadlineKindMetBy, isMilestone } from "~workflows/deadlines";
import { atwHoliday, daysBetween, weekday } from "~workflows/shared/dates";

/**
 * A deadline seen from a calendar day: met (in time), late (met after the
 * date), overdue, due soon or open. A milestone (the day an exit takes
 * effect) is no task: it is scheduled, or in effect once the day has come,
 * and never overdue.
 */
export type DeadlineStatus = "met" | "late" | "overdue" | "dueSoon" | "open" | "scheduled" | "inEffect";

export const DUE_SOON_DAYS = 14;

export function deadlineStatus(dueOn: string, metOn: string | null, today: string, kind?: string): DeadlineStatus {
  if (kind !== undefined && isMilestone(kind)) return dueOn <= today ? "inEffect" : "scheduled";
  if (metOn) return metOn > dueOn ? "late" : "met";
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  return days <= DUE_SOON_DAYS ? "dueSoon" : "open";
}

/**
 * The deadline a position missed: a position that is a step meeting a
 * deadline of its municipality (a zienswijze, Wgr art. 1 lid 3) whose meeting
 * date lies after the deadline's last day. Null when it was in time or meets
 * no deadline.
 */
export function missedDeadline<D extends { municipalityId: string | null; kind: string; dueOn: string }>(
  position: { municipalityId: string | null; workflowEvent: string | null; meetingDate: string | null },
  deadlines: readonly D[],
): D | null {
  const kind = deadlineKindMetBy(position.workflowEvent);
  if (!kind || !position.meetingDate) return null;
  const deadline = deadlines.find((d) => d.kind === kind && d.municipalityId === position.municipalityId);
  return deadline && position.meetingDate > deadline.dueOn ? deadline : null;
}

/** Why the Algemene termijnenwet moved a term: the holiday (an i18n key under `atw.days`) its counted end fell on. */
export function atwRestDay(extendedFrom: string): string {
  return atwHoliday(extendedFrom) ?? (weekday(extendedFrom) === 6 ? "saturday" : "sunday");
}
