/**
 * Where each participating municipality stands in a trail, as a status key
 * (translated by the app) and the date it got there.
 */
import { KIND_MODULES } from "./modules";
import type { WithholdingGround } from "./shared/events";
import type { TrailKind } from "./shared/types";

export interface CouncilStatus {
  status: string;
  on: string | null;
  /** A withheld consent's legal ground (Wgr art. 1 lid 4) and recorded reason. */
  withheld?: { ground: WithholdingGround | null; reason: string | null };
}

export function councilStatus(
  kind: TrailKind,
  context: Record<string, unknown>,
  municipalityId: string,
): CouncilStatus {
  return KIND_MODULES[kind].councilStatus(context, municipalityId);
}

/**
 * When each participating council received the document it is asked about:
 * on sending, or at the latest when it answered. The participant rows carry
 * the same dates for lists and the approval matrix.
 */
export function receivedDates(kind: TrailKind, context: Record<string, unknown>): Record<string, string> {
  return KIND_MODULES[kind].receivedDates(context);
}

/** Whether a municipality took the decision that closes its part of the trail (consent, adoption, the college's). */
export function hasDecided(kind: TrailKind, context: Record<string, unknown>, municipalityId: string): boolean {
  return KIND_MODULES[kind].hasDecided(context, municipalityId);
}
