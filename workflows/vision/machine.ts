/**
 * A regional vision (regiovisie), seeds 000, 002, 003: the start picture
 * (startfoto) is discussed with the councils, who give input; a draft is
 * prepared, advised on by the directors (DO) and agreed in the BO Jeugd;
 * then every participating council adopts it, adopts it with amendments, or
 * rejects it. It is adopted regionally when every council has decided for it;
 * a rejection is visible and leads back to redrafting or to a recorded end.
 */
import { assign, setup } from "xstate";
import { z } from "zod";
import type { CalendarDate } from "../shared/dates";
import { datedPayload, FAR_DATE, noPayload } from "../shared/events";
import type { EventPolicy, WorkflowDefinition } from "../shared/types";

export type CouncilDecision = "adopted" | "adoptedWithAmendments" | "rejected";

export interface VisionContext {
  participants: string[];
  /** Councils that gave input on the start picture. */
  input: Record<string, CalendarDate>;
  decisions: Record<string, { decision: CouncilDecision; on: CalendarDate }>;
  /** How many times the draft went back for redrafting after a rejection. */
  redrafts: number;
  endReason: string | null;
}

type On = { on: CalendarDate };
export type VisionEvent =
  | ({ type: "INPUT_GIVEN"; municipalityId: string } & On)
  | { type: "START_PICTURE_CLOSED" }
  | { type: "DRAFT_TO_DO" }
  | { type: "DO_ADVISED" }
  | { type: "BO_AGREED" }
  | { type: "BO_SENT_BACK" }
  | ({ type: "COUNCIL_ADOPTED"; municipalityId: string } & On)
  | ({ type: "COUNCIL_ADOPTED_WITH_AMENDMENTS"; municipalityId: string } & On)
  | ({ type: "COUNCIL_REJECTED"; municipalityId: string } & On)
  | { type: "REDRAFT" }
  | { type: "END"; reason: string };

const DECISION_OF = {
  COUNCIL_ADOPTED: "adopted",
  COUNCIL_ADOPTED_WITH_AMENDMENTS: "adoptedWithAmendments",
  COUNCIL_REJECTED: "rejected",
} as const;

function allDecided(context: VisionContext) {
  return context.participants.every((id) => context.decisions[id] !== undefined);
}

export const visionMachine = setup({
  types: { context: {} as VisionContext, events: {} as VisionEvent, input: {} as { participants: string[] } },
  guards: {
    participantWithoutInput: ({ context, event }) =>
      "municipalityId" in event &&
      context.participants.includes(event.municipalityId) &&
      !(event.municipalityId in context.input),
    undecidedParticipant: ({ context, event }) =>
      "municipalityId" in event &&
      context.participants.includes(event.municipalityId) &&
      !(event.municipalityId in context.decisions),
    allForIt: ({ context }) =>
      allDecided(context) && Object.values(context.decisions).every((d) => d.decision !== "rejected"),
    allDecidedSomeAgainst: ({ context }) =>
      allDecided(context) && Object.values(context.decisions).some((d) => d.decision === "rejected"),
    hasReason: ({ event }) => event.type === "END" && event.reason.trim().length > 0,
  },
  actions: {
    recordInput: assign({
      input: ({ context, event }) =>
        event.type === "INPUT_GIVEN" ? { ...context.input, [event.municipalityId]: event.on } : context.input,
    }),
    recordDecision: assign({
      decisions: ({ context, event }) =>
        event.type in DECISION_OF && "municipalityId" in event && "on" in event
          ? {
              ...context.decisions,
              [event.municipalityId]: { decision: DECISION_OF[event.type as keyof typeof DECISION_OF], on: event.on },
            }
          : context.decisions,
    }),
    /** A redraft goes to every council again. */
    startRedraft: assign({ decisions: () => ({}), redrafts: ({ context }) => context.redrafts + 1 }),
    recordEnd: assign({ endReason: ({ event }) => (event.type === "END" ? event.reason.trim() : null) }),
  },
}).createMachine({
  id: "vision",
  context: ({ input }) => ({
    participants: [...input.participants],
    input: {},
    decisions: {},
    redrafts: 0,
    endReason: null,
  }),
  initial: "startPicture",
  states: {
    startPicture: {
      on: {
        INPUT_GIVEN: { guard: "participantWithoutInput", actions: "recordInput" },
        START_PICTURE_CLOSED: "drafting",
      },
    },
    drafting: { on: { DRAFT_TO_DO: "directorsReview" } },
    directorsReview: { on: { DO_ADVISED: "boAgreement" } },
    boAgreement: { on: { BO_AGREED: "councilsDeciding", BO_SENT_BACK: "drafting" } },
    councilsDeciding: {
      always: [
        { guard: "allForIt", target: "adopted" },
        { guard: "allDecidedSomeAgainst", target: "rejected" },
      ],
      on: {
        COUNCIL_ADOPTED: { guard: "undecidedParticipant", actions: "recordDecision" },
        COUNCIL_ADOPTED_WITH_AMENDMENTS: { guard: "undecidedParticipant", actions: "recordDecision" },
        COUNCIL_REJECTED: { guard: "undecidedParticipant", actions: "recordDecision" },
      },
    },
    rejected: {
      on: {
        REDRAFT: { target: "drafting", actions: "startRedraft" },
        END: { guard: "hasReason", target: "ended", actions: "recordEnd" },
      },
    },
    adopted: { type: "final" },
    ended: { type: "final" },
  },
});

const COUNCIL = ["CLERK", "SECRETARY"] as const;
const SECRETARY = ["SECRETARY"] as const;
const probe = { on: FAR_DATE };

const policies: Record<VisionEvent["type"], EventPolicy> = {
  INPUT_GIVEN: { roles: COUNCIL, perMunicipality: true, payload: datedPayload, probe },
  START_PICTURE_CLOSED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  DRAFT_TO_DO: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  DO_ADVISED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  BO_AGREED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  BO_SENT_BACK: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  COUNCIL_ADOPTED: { roles: COUNCIL, perMunicipality: true, payload: datedPayload, probe },
  COUNCIL_ADOPTED_WITH_AMENDMENTS: { roles: COUNCIL, perMunicipality: true, payload: datedPayload, probe },
  COUNCIL_REJECTED: { roles: COUNCIL, perMunicipality: true, payload: datedPayload, probe },
  REDRAFT: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  END: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: z.object({
      reason: z.string().trim().min(1, "validation.reasonRequired").max(5000, "validation.tooLong"),
    }),
    probe: { reason: "probe" },
  },
};

export const visionWorkflow: WorkflowDefinition = {
  kind: "VISION",
  version: 1,
  machine: visionMachine,
  policies,
  finalStates: ["adopted", "ended"],
};
