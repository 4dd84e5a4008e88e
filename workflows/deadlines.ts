/**
 * Deadlines that follow from a trail's rules and its snapshot, recomputed
 * after every transition and stored as rows (a timer inside a restored
 * machine would not survive). Target dates a secretary sets are kept apart.
 */
import type { ExitContext } from "./exit/machine";
import type { GrAmendmentContext } from "./gr-amendment/machine";
import { latestNoticeDate, zienswijzeTerm, type CalendarDate } from "./shared/dates";
import type { TrailKind } from "./shared/types";

export type DerivedKind = "zienswijze" | "exitNotice" | "exitEffective";

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

export function deriveDeadlines(kind: TrailKind, context: Record<string, unknown>): DerivedDeadline[] {
  if (kind === "GR_AMENDMENT") {
    const c = context as unknown as GrAmendmentContext;
    return Object.entries(c.councils)
      .filter(([, track]) => track.receivedOn !== null)
      .map(([municipalityId, track]) => {
        // A term set in a law (Wgr art. 1 lid 3), counted forward: the Atw governs its end.
        const term = zienswijzeTerm(track.receivedOn!);
        return {
          kind: "zienswijze" as const,
          municipalityId,
          dueOn: term.dueOn,
          extendedFrom: term.extendedFrom,
          metOn: track.zienswijzeOn,
          basis: "Wgr art. 1 lid 3: acht weken na ontvangst van het ontwerp",
        };
      });
  }
  if (kind === "EXIT") {
    const c = context as unknown as ExitContext;
    const result: DerivedDeadline[] = [];
    if (c.wishedExitOn) {
      // A term of the arrangement (Wgr art. 9), not of a law, and counted back from the exit date:
      // the Atw does not move it (art. 1 lid 1 and lid 2).
      result.push({
        kind: "exitNotice",
        municipalityId: c.exiting,
        dueOn: latestNoticeDate(c.wishedExitOn, c.rule),
        extendedFrom: null,
        metOn: c.notifiedOn,
        basis: `Uittreding per 1 januari na ${c.rule.noticeYears} vol kalenderjaar opzegging (regeling, Wgr art. 9)`,
      });
    }
    if (c.exitOn) {
      // A milestone: the day the exit takes effect, not a task with a deadline.
      result.push({
        kind: "exitEffective",
        municipalityId: c.exiting,
        dueOn: c.exitOn,
        extendedFrom: null,
        metOn: null,
        basis: "Datum waarop de uittreding ingaat",
      });
    }
    return result;
  }
  return [];
}
