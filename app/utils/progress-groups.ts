/**
 * The four groups of a trail's progress across the councils (the dashboard's progress chart): a council's state
 * in the approval matrix falls in one of them. Overdue counts as late, due soon as open.
 */
import type { CellState } from "./approval-matrix";

export const PROGRESS_GROUPS = ["done", "open", "late", "refused"] as const;
export type ProgressGroup = (typeof PROGRESS_GROUPS)[number];
export type ProgressCounts = Record<ProgressGroup, number>;

export function progressGroup(state: CellState): ProgressGroup {
  if (state === "done" || state === "refused" || state === "late") return state;
  if (state === "overdue") return "late";
  return "open";
}
