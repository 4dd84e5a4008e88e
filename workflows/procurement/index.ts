/** The procurement strategy: the councils' wishes, then each college's adoption. */
import type { TrailKindModule } from "../shared/module";
import { receiptsFromAnswers } from "../shared/upgrades";
import { procurementWorkflow, type ProcurementContext } from "./machine";

const INPUT_AND_AFTER: ReadonlySet<string> = new Set(["councilInput", "processingInput", "definitiveProposal"]);

export const procurement: TrailKindModule<ProcurementContext> = {
  kind: "PROCUREMENT",
  contextUpgrades: { 1: receiptsFromAnswers },
  workflow: procurementWorkflow,
  positionSteps: {
    council: { WENSEN_EN_BEDENKINGEN: "WENSEN_EN_BEDENKINGEN", NO_RESPONSE: "NO_INPUT" },
    college: { ADOPTED: "COLLEGE_ADOPTED", REJECTED: "COLLEGE_REJECTED" },
    forTheRecord: { COLLEGE: ["ADOPTED", "REJECTED"] },
  },
  councilStatus(context, municipalityId) {
    const college = context.colleges[municipalityId];
    if (college)
      return { status: college.decision === "adopted" ? "collegeAdopted" : "collegeRejected", on: college.on };
    const input = context.input[municipalityId];
    if (input) return { status: input.kind === "given" ? "wensenGiven" : "noInput", on: input.on };
    return { status: "awaiting", on: null };
  },
  receivedDates: (context) => ({ ...(context.received ?? {}) }),
  hasDecided: (context, municipalityId) => municipalityId in context.colleges,
  stageProgress(state, context, total) {
    // The councils' input, while they give it and, as it ended, while it is processed into the proposal.
    if (INPUT_AND_AFTER.has(state))
      return { label: "progress.inputGiven", done: Object.keys(context.input).length, total };
    if (state === "collegesAdopting")
      return {
        label: "progress.collegesAdopted",
        done: Object.values(context.colleges).filter((d) => d.decision === "adopted").length,
        total,
      };
    return null;
  },
  deadlines: () => [],
};
