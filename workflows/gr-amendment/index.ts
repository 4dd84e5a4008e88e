/** The amendment of the joint arrangement (Wgr art. 1): each council's track, its progress and its zienswijze term. */
import type { TrailKindModule } from "../shared/module";
import { zienswijzeTerm } from "../shared/dates";
import { grAmendmentWorkflow, type GrAmendmentContext } from "./machine";

export const grAmendment: TrailKindModule<GrAmendmentContext> = {
  kind: "GR_AMENDMENT",
  workflow: grAmendmentWorkflow,
  // The board adopts the final proposal and asks the councils' consent once it answered every zienswijze.
  answersRequiredBefore: ["ZIENSWIJZEN_PROCESSED"],
  positionSteps: {
    council: {
      ZIENSWIJZE: "ZIENSWIJZE_GIVEN",
      NO_RESPONSE: "NO_ZIENSWIJZE",
      CONSENT_GIVEN: "CONSENT_GIVEN",
      CONSENT_WITHHELD: "CONSENT_WITHHELD",
    },
    college: {},
    forTheRecord: { COUNCIL: ["CONSENT_GIVEN", "CONSENT_WITHHELD"] },
  },
  councilStatus(context, municipalityId) {
    const t = context.councils[municipalityId];
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
  },
  receivedDates: (context) =>
    Object.fromEntries(
      Object.entries(context.councils)
        .filter(([, t]) => t.receivedOn !== null)
        .map(([id, t]) => [id, t.receivedOn!]),
    ),
  hasDecided: (context, municipalityId) => (context.councils[municipalityId]?.consent ?? null) !== null,
  stageProgress(state, context, total) {
    const tracks = Object.values(context.councils);
    // The zienswijzen, while the term runs and, as it ended, while the board processes them.
    if (state === "zienswijzeTerm" || state === "processingZienswijzen")
      return { label: "progress.responded", done: tracks.filter((t) => t.zienswijze !== null).length, total };
    if (state === "consentRequested")
      return { label: "progress.consented", done: tracks.filter((t) => t.consent === "given").length, total };
    if (state === "publication")
      return { label: "progress.published", done: tracks.filter((t) => t.publishedOn !== null).length, total };
    return null;
  },
  deadlines: (context) =>
    Object.entries(context.councils)
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
      }),
};
