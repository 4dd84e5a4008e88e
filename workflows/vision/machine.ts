/**
 * A regional vision (regiovisie), seeds 000, 002, 003: the start picture
 * (startfoto) is discussed with the councils, who give input; a draft is
 * prepared, advised on by the directors (DO) and agreed in the BO Jeugd;
 * then every participating council adopts it, adopts it with amendments, or
 * rejects it. It is adopted regionally when every council has decided for it;
 * a rejection is visible and leads back to redrafting or to a recorded end.
 * The trail starts while the start picture is prepared: sending it is the
 * step that asks the councils, and marks each as having received it.
 */
import { assign, setup } from "xstate";
import { z } from "zod";
import type { CalendarDate } from "../shared/dates";
import { DECISION_IN_FUTURE, datedPayload, FAR_DATE, noPayload, STEP_IN_FUTURE } from "../shared/events";
import type { EventPolicy, Refusal, TrailEvent, WorkflowDefinition } from "../shared/types";

export type CouncilDecision = "adopted" | "adoptedWithAmendments" | "rejected";

export interface VisionContext {
  participants: string[];
  /** When the start picture went to the councils (null while it is prepared). */
  sentOn: CalendarDate | null;
  /** When each council received it: on sending, or at the latest when it answered. */
  received: Record<string, CalendarDate>;
  /** Councils that gave input on the start picture. */
  input: Record<string, CalendarDate>;
  decisions: Record<string, { decision: CouncilDecision; on: CalendarDate }>;
  /** How many times the draft went back for redrafting after a rejection. */
  redrafts: number;
  endReason: string | null;
}

type On = { on: CalendarDate };
export type VisionEvent =
  | ({ type: "START_PICTURE_SENT" } & On)
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

/** A council's answer dated before the start picture was sent. */
function answersBeforeSent(context: VisionContext, event: VisionEvent) {
  return "on" in event && context.sentOn !== null && event.on < context.sentOn;
}

function allDecided(context: VisionContext) {
  return context.participants.every((id) => context.decisions[id] !== undefined);
}

export const visionMachine = setup({
  types: { context: {} as VisionContext, events: {} as VisionEvent, input: {} as { participants: string[] } },
  guards: {
    participantWithoutInput: ({ context, event }) =>
      "municipalityId" in event &&
      context.participants.includes(event.municipalityId) &&
      !(event.municipalityId in context.input) &&
      !answersBeforeSent(context, event),
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
    recordSent: assign(({ context, event }) =>
      event.type === "START_PICTURE_SENT"
        ? { sentOn: event.on, received: Object.fromEntries(context.participants.map((id) => [id, event.on])) }
        : {},
    ),
    /** A council that answers has evidently received the text: its receipt is recorded if it was missing. */
    recordReceipt: assign({
      received: ({ context, event }) =>
        "municipalityId" in event && "on" in event && !context.received[event.municipalityId]
          ? { ...context.received, [event.municipalityId]: context.sentOn ?? event.on }
          : context.received,
    }),
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
    sentOn: null,
    received: {},
    input: {},
    decisions: {},
    redrafts: 0,
    endReason: null,
  }),
  initial: "preparing",
  states: {
    preparing: { on: { START_PICTURE_SENT: { target: "startPicture", actions: "recordSent" } } },
    startPicture: {
      on: {
        INPUT_GIVEN: { guard: "participantWithoutInput", actions: ["recordReceipt", "recordInput"] },
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
        COUNCIL_ADOPTED: { guard: "undecidedParticipant", actions: ["recordReceipt", "recordDecision"] },
        COUNCIL_ADOPTED_WITH_AMENDMENTS: {
          guard: "undecidedParticipant",
          actions: ["recordReceipt", "recordDecision"],
        },
        COUNCIL_REJECTED: { guard: "undecidedParticipant", actions: ["recordReceipt", "recordDecision"] },
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

/** A council's decision, dated by the meeting that took it. */
const councilDecision: EventPolicy = {
  roles: COUNCIL,
  perMunicipality: true,
  payload: datedPayload,
  probe,
  pastOnly: DECISION_IN_FUTURE,
};

const policies: Record<VisionEvent["type"], EventPolicy> = {
  START_PICTURE_SENT: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe,
    pastOnly: STEP_IN_FUTURE,
  },
  INPUT_GIVEN: councilDecision,
  START_PICTURE_CLOSED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  DRAFT_TO_DO: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  DO_ADVISED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  BO_AGREED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  BO_SENT_BACK: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  COUNCIL_ADOPTED: councilDecision,
  COUNCIL_ADOPTED_WITH_AMENDMENTS: councilDecision,
  COUNCIL_REJECTED: councilDecision,
  REDRAFT: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  END: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: z.object({
      reason: z
        .string({ error: "validation.reasonRequired" })
        .trim()
        .min(1, "validation.reasonRequired")
        .max(5000, "validation.tooLong"),
    }),
    probe: { reason: "probe" },
  },
};

/** Why an event that fits the state is refused: the guards' conditions, in order. */
function explainRefusal(snapshot: { value: unknown; context: VisionContext }, raw: TrailEvent): Refusal | null {
  const event = raw as VisionEvent;
  const c = snapshot.context;
  if (event.type === "END" && !event.reason.trim()) return { reason: "reasonRequired" };
  if (!("municipalityId" in event)) return null;
  if (!c.participants.includes(event.municipalityId)) return { reason: "notParticipating" };
  if (event.type === "INPUT_GIVEN") {
    if (event.municipalityId in c.input) return { reason: "alreadyAnswered" };
    if (answersBeforeSent(c, event)) return { reason: "answerBeforeSent", values: { sentOn: c.sentOn! } };
  }
  if (event.type in DECISION_OF && event.municipalityId in c.decisions) return { reason: "alreadyDecided" };
  return null;
}

export const visionWorkflow: WorkflowDefinition = {
  kind: "VISION",
  // 2: the start picture is prepared before it goes to the councils; receipts are recorded.
  version: 2,
  machine: visionMachine,
  policies,
  finalStates: ["adopted", "ended"],
  sendToCouncils: "START_PICTURE_SENT",
  explainRefusal: explainRefusal as WorkflowDefinition["explainRefusal"],
};
