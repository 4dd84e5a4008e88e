/**
 * How far the councils (or colleges) are in a trail's current stage, for the
 * region overview: "7 of 10 councils consented".
 */
import type { GrAmendmentContext } from "./gr-amendment/machine";
import type { ProcurementContext } from "./procurement/machine";
import type { TrailKind } from "./shared/types";
import type { VisionContext } from "./vision/machine";
import type { ExitContext } from "./exit/machine";

export interface StageProgress {
  /** i18n key, e.g. "progress.consented". */
  label: string;
  done: number;
  total: number;
}

export function stageProgress(kind: TrailKind, state: string, context: Record<string, unknown>): StageProgress | null {
  const participants = (context.participants as string[] | undefined) ?? [];
  const total = participants.length;
  if (kind === "GR_AMENDMENT") {
    const tracks = Object.values((context as unknown as GrAmendmentContext).councils);
    if (state === "zienswijzeTerm")
      return { label: "progress.responded", done: tracks.filter((t) => t.zienswijze !== null).length, total };
    if (state === "consentRequested")
      return { label: "progress.consented", done: tracks.filter((t) => t.consent === "given").length, total };
    if (state === "publication")
      return { label: "progress.published", done: tracks.filter((t) => t.publishedOn !== null).length, total };
    return null;
  }
  if (kind === "VISION") {
    const c = context as unknown as VisionContext;
    if (state === "startPicture") return { label: "progress.inputGiven", done: Object.keys(c.input).length, total };
    if (state === "councilsDeciding")
      return {
        label: "progress.adopted",
        done: Object.values(c.decisions).filter((d) => d.decision !== "rejected").length,
        total,
      };
    return null;
  }
  if (kind === "PROCUREMENT") {
    const c = context as unknown as ProcurementContext;
    if (state === "councilInput") return { label: "progress.inputGiven", done: Object.keys(c.input).length, total };
    if (state === "collegesAdopting")
      return {
        label: "progress.collegesAdopted",
        done: Object.values(c.colleges).filter((d) => d.decision === "adopted").length,
        total,
      };
    return null;
  }
  const c = context as unknown as ExitContext;
  if (state === "councilConsent") return { label: "progress.consented", done: c.consentOn ? 1 : 0, total: 1 };
  return null;
}
