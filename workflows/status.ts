/**
 * Where each participating municipality stands in a trail, as a status key
 * (translated by the app) and the date it got there.
 */
import type { ExitContext } from "./exit/machine";
import type { GrAmendmentContext } from "./gr-amendment/machine";
import type { ProcurementContext } from "./procurement/machine";
import type { TrailKind } from "./shared/types";
import type { VisionContext } from "./vision/machine";

import type { WithholdingGround } from "./shared/events";

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
  switch (kind) {
    case "GR_AMENDMENT": {
      const t = (context as unknown as GrAmendmentContext).councils[municipalityId];
      if (!t) return { status: "notParticipating", on: null };
      if (t.publishedOn) return { status: "published", on: t.publishedOn };
      if (t.consent === "withheld")
        return {
          status: "consentWithheld",
          on: t.consentOn,
          withheld: { ground: t.withheldGround, reason: t.withheldReason },
        };
      if (t.consent === "given") return { status: "consentGiven", on: t.consentOn };
      if (t.zienswijze === "given") return { status: "zienswijzeGiven", on: t.zienswijzeOn };
      if (t.zienswijze === "none") return { status: "noZienswijze", on: t.zienswijzeOn };
      if (t.receivedOn) return { status: "received", on: t.receivedOn };
      return { status: "awaiting", on: null };
    }
    case "VISION": {
      const c = context as unknown as VisionContext;
      const decision = c.decisions[municipalityId];
      if (decision) return { status: decision.decision, on: decision.on };
      const input = c.input[municipalityId];
      if (input) return { status: "inputGiven", on: input };
      return { status: "awaiting", on: null };
    }
    case "PROCUREMENT": {
      const c = context as unknown as ProcurementContext;
      const college = c.colleges[municipalityId];
      if (college)
        return { status: college.decision === "adopted" ? "collegeAdopted" : "collegeRejected", on: college.on };
      const input = c.input[municipalityId];
      if (input) return { status: input.kind === "given" ? "wensenGiven" : "noInput", on: input.on };
      return { status: "awaiting", on: null };
    }
    case "EXIT": {
      const c = context as unknown as ExitContext;
      if (c.notifiedOn) return { status: "noticeGiven", on: c.notifiedOn };
      if (c.collegeDecidedOn) return { status: "collegeDecided", on: c.collegeDecidedOn };
      if (c.withheldReason)
        return {
          status: "consentWithheld",
          on: c.consentOn,
          withheld: { ground: c.withheldGround, reason: c.withheldReason },
        };
      if (c.consentOn) return { status: "consentGiven", on: c.consentOn };
      return { status: "awaiting", on: null };
    }
  }
}

/**
 * When each participating council received the document it is asked about:
 * on sending, or at the latest when it answered. The participant rows carry
 * the same dates for lists and the approval matrix.
 */
export function receivedDates(kind: TrailKind, context: Record<string, unknown>): Record<string, string> {
  switch (kind) {
    case "GR_AMENDMENT":
      return Object.fromEntries(
        Object.entries((context as unknown as GrAmendmentContext).councils)
          .filter(([, t]) => t.receivedOn !== null)
          .map(([id, t]) => [id, t.receivedOn!]),
      );
    case "VISION":
    case "PROCUREMENT":
      return { ...((context as unknown as VisionContext | ProcurementContext).received ?? {}) };
    case "EXIT": {
      const c = context as unknown as ExitContext;
      return c.receivedOn ? { [c.exiting]: c.receivedOn } : {};
    }
  }
}

/** Whether a municipality took the decision that closes its part of the trail (consent, adoption, the college's). */
export function hasDecided(kind: TrailKind, context: Record<string, unknown>, municipalityId: string): boolean {
  switch (kind) {
    case "GR_AMENDMENT":
      return ((context as unknown as GrAmendmentContext).councils[municipalityId]?.consent ?? null) !== null;
    case "VISION":
      return municipalityId in (context as unknown as VisionContext).decisions;
    case "PROCUREMENT":
      return municipalityId in (context as unknown as ProcurementContext).colleges;
    case "EXIT":
      return (context as unknown as ExitContext).consentOn !== null;
  }
}
