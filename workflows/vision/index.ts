/** The regional vision: the councils' input on the start picture, then each council's decision. */
import type { TrailKindModule } from "../shared/module";
import { receiptsFromAnswers } from "../shared/upgrades";
import { visionWorkflow, type VisionContext } from "./machine";

const INPUT_AND_AFTER: ReadonlySet<string> = new Set(["startPicture", "drafting", "directorsReview", "boAgreement"]);

export const vision: TrailKindModule<VisionContext> = {
  kind: "VISION",
  contextUpgrades: { 1: receiptsFromAnswers },
  workflow: visionWorkflow,
  positionSteps: {
    council: {
      ZIENSWIJZE: "INPUT_GIVEN",
      ADOPTED: "COUNCIL_ADOPTED",
      ADOPTED_WITH_AMENDMENTS: "COUNCIL_ADOPTED_WITH_AMENDMENTS",
      REJECTED: "COUNCIL_REJECTED",
    },
    college: {},
    forTheRecord: { COUNCIL: ["ADOPTED", "ADOPTED_WITH_AMENDMENTS", "REJECTED"] },
  },
  councilStatus(context, municipalityId) {
    const decision = context.decisions[municipalityId];
    if (decision) return { status: decision.decision, on: decision.on };
    const input = context.input[municipalityId];
    if (input) return { status: "inputGiven", on: input };
    return { status: "awaiting", on: null };
  },
  receivedDates: (context) => ({ ...(context.received ?? {}) }),
  hasDecided: (context, municipalityId) => municipalityId in context.decisions,
  stageProgress(state, context, total) {
    // The councils' input, while they give it and, as it ended, while the vision is drafted and agreed.
    if (INPUT_AND_AFTER.has(state))
      return { label: "progress.inputGiven", done: Object.keys(context.input).length, total };
    if (state === "councilsDeciding")
      return {
        label: "progress.adopted",
        done: Object.values(context.decisions).filter((d) => d.decision !== "rejected").length,
        total,
      };
    return null;
  },
  deadlines: () => [],
};
