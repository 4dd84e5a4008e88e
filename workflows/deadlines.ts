/**
 * Deadlines that follow from a trail's rules and its snapshot, recomputed
 * after every transition and stored as rows (a timer inside a restored
 * machine would not survive). Target dates a secretary sets are kept apart.
 */
import { KIND_MODULES } from "./modules";
import type { CalendarDate } from "./shared/dates";
import type { TrailKind } from "./shared/types";

export type DerivedKind =
  "zienswijze" | "exitNotice" | "exitEffective" | "kaderbrief" | "draftBudget" | "budgetToGs" | "accountsToGs";

/**
 * Dates that are not something anyone must do by then, but the day a decision
 * takes effect: shown on the calendar and the trail, never "overdue".
 */
export const MILESTONE_KINDS: readonly string[] = ["exitEffective"] satisfies DerivedKind[];

export function isMilestone(kind: string): boolean {
  return MILESTONE_KINDS.includes(kind);
}

/** The trail steps that meet a deadline of a kind: a step taken after the deadline is late. */
export const STEPS_MEETING: Record<string, readonly string[]> = {
  zienswijze: ["ZIENSWIJZE_GIVEN", "NO_ZIENSWIJZE"],
  exitNotice: ["NOTICE_GIVEN"],
};

/** The deadline kind a step meets, if any. */
export function deadlineKindMetBy(step: string | null | undefined): string | null {
  if (!step) return null;
  return Object.entries(STEPS_MEETING).find(([, steps]) => steps.includes(step))?.[0] ?? null;
}

export interface DerivedDeadline {
  kind: DerivedKind;
  municipalityId: string | null;
  dueOn: CalendarDate;
  /** Where the Algemene termijnenwet (art. 1) moved a legal term's end: the day it ended by counting. */
  extendedFrom: CalendarDate | null;
  metOn: CalendarDate | null;
  /** The rule the date comes from. */
  basis: string;
}

/** The deadlines a trail's rules derive from its context (each kind's module says which). */
export function deriveDeadlines(kind: TrailKind, context: Record<string, unknown>): DerivedDeadline[] {
  return KIND_MODULES[kind].deadlines(context);
}
