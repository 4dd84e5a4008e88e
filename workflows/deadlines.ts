/**
 * Deadlines that follow from a trail's rules and its snapshot, recomputed
 * after every transition and stored as rows (a timer inside a restored
 * machine would not survive). Target dates a secretary sets are kept apart.
 */
import type { ExitContext } from "./exit/machine";
import type { GrAmendmentContext } from "./gr-amendment/machine";
import { latestNoticeDate, zienswijzeDeadline, type CalendarDate } from "./shared/dates";
import type { TrailKind } from "./shared/types";

export interface DerivedDeadline {
  kind: "zienswijze" | "exitNotice" | "exitEffective";
  municipalityId: string | null;
  dueOn: CalendarDate;
  metOn: CalendarDate | null;
  /** The rule the date comes from. */
  basis: string;
}

export function deriveDeadlines(kind: TrailKind, context: Record<string, unknown>): DerivedDeadline[] {
  if (kind === "GR_AMENDMENT") {
    const c = context as unknown as GrAmendmentContext;
    return Object.entries(c.councils)
      .filter(([, track]) => track.receivedOn !== null)
      .map(([municipalityId, track]) => ({
        kind: "zienswijze" as const,
        municipalityId,
        dueOn: zienswijzeDeadline(track.receivedOn!),
        metOn: track.zienswijzeOn,
        basis: "Wgr art. 1 lid 3: acht weken na ontvangst van het ontwerp",
      }));
  }
  if (kind === "EXIT") {
    const c = context as unknown as ExitContext;
    const result: DerivedDeadline[] = [];
    if (c.wishedExitOn) {
      result.push({
        kind: "exitNotice",
        municipalityId: c.exiting,
        dueOn: latestNoticeDate(c.wishedExitOn, c.rule),
        metOn: c.notifiedOn,
        basis: `Uittreding per 1 januari na ${c.rule.noticeYears} vol kalenderjaar opzegging (regeling, Wgr art. 9)`,
      });
    }
    if (c.exitOn) {
      result.push({
        kind: "exitEffective",
        municipalityId: c.exiting,
        dueOn: c.exitOn,
        metOn: null,
        basis: "Datum waarop de uittreding ingaat",
      });
    }
    return result;
  }
  return [];
}
