/**
 * How far the councils (or colleges) are in a trail's current stage, for the
 * region overview: "7 of 10 councils consented".
 */
import { KIND_MODULES } from "./modules";
import type { TrailKind } from "./shared/types";

export interface StageProgress {
  /** i18n key, e.g. "progress.consented". */
  label: string;
  done: number;
  total: number;
}

export function stageProgress(kind: TrailKind, state: string, context: Record<string, unknown>): StageProgress | null {
  const participants = (context.participants as string[] | undefined) ?? [];
  return KIND_MODULES[kind].stageProgress(state, context, participants.length);
}
