/**
 * A procurement strategy (inkoopstrategie / uitgangspuntennotitie inkoop en
 * bekostiging), seed 000: the note goes to all councils for their wensen en
 * bedenkingen; "the input of the councils will be processed where possible,
 * and an oplegger will show how each council advised and how that was
 * processed in the final document"; the definitive proposal follows; the
 * colleges adopt the strategy. The trail starts while the note is prepared:
 * sending it is the step that asks the councils, and marks each as having
 * received it on that date.
 */
import { assign, setup } from "xstate";
import type { CalendarDate } from "../shared/dates";
import { DECISION_IN_FUTURE, datedPayload, FAR_DATE, noPayload, STEP_IN_FUTURE } from "../shared/events";
import type { EventPolicy, Refusal, TrailEvent, WorkflowDefinition } from "../shared/types";

export interface ProcurementContext {
  participants: string[];
  /** When the note of principles went to the councils (null while it is prepared). */
  sentOn: CalendarDate | null;
  /** When each council received the note: on sending, or at the latest when it answered. */
  received: Record<string, CalendarDate>;
  /** Each council's input: wensen en bedenkingen given, or none. */
  input: Record<string, { kind: "given" | "none"; on: CalendarDate }>;
  colleges: Record<string, { decision: "adopted" | "rejected"; on: CalendarDate }>;
}

type On = { on: CalendarDate };
export type ProcurementEvent =
  | ({ type: "NOTE_SENT" } & On)
  | ({ type: "WENSEN_EN_BEDENKINGEN"; municipalityId: string } & On)
  | ({ type: "NO_INPUT"; municipalityId: string } & On)
  | ({ type: "INPUT_TERM_CLOSED" } & On)
  | { type: "OPLEGGER_COMPLETED" }
  | { type: "PROPOSAL_SENT" }
  | ({ type: "COLLEGE_ADOPTED"; municipalityId: string } & On)
  | ({ type: "COLLEGE_REJECTED"; municipalityId: string } & On);

/** An answer dated before the note was sent. */
function answersBeforeSent(context: ProcurementContext, event: ProcurementEvent) {
  return "on" in event && context.sentOn !== null && event.on < context.sentOn;
}

const collegesDecided = (c: ProcurementContext) => c.participants.every((id) => c.colleges[id] !== undefined);

export const procurementMachine = setup({
  types: { context: {} as ProcurementContext, events: {} as ProcurementEvent, input: {} as { participants: string[] } },
  guards: {
    councilWithoutInput: ({ context, event }) =>
      "municipalityId" in event &&
      context.participants.includes(event.municipalityId) &&
      !(event.municipalityId in context.input) &&
      !answersBeforeSent(context, event),
    allInputIn: ({ context }) => context.participants.every((id) => id in context.input),
    undecidedCollege: ({ context, event }) =>
      "municipalityId" in event &&
      context.participants.includes(event.municipalityId) &&
      !(event.municipalityId in context.colleges),
    allAdopted: ({ context }) =>
      collegesDecided(context) && Object.values(context.colleges).every((c) => c.decision === "adopted"),
    decidedNotAll: ({ context }) =>
      collegesDecided(context) && Object.values(context.colleges).some((c) => c.decision === "rejected"),
  },
  actions: {
    recordSent: assign(({ context, event }) =>
      event.type === "NOTE_SENT"
        ? { sentOn: event.on, received: Object.fromEntries(context.participants.map((id) => [id, event.on])) }
        : {},
    ),
    /** A council that answers has evidently received the note: its receipt is recorded if it was missing. */
    recordReceipt: assign({
      received: ({ context, event }) =>
        (event.type === "WENSEN_EN_BEDENKINGEN" || event.type === "NO_INPUT") && !context.received[event.municipalityId]
          ? { ...context.received, [event.municipalityId]: context.sentOn ?? event.on }
          : context.received,
    }),
    recordInput: assign({
      input: ({ context, event }) =>
        event.type === "WENSEN_EN_BEDENKINGEN" || event.type === "NO_INPUT"
          ? {
              ...context.input,
              [event.municipalityId]: { kind: event.type === "NO_INPUT" ? "none" : "given", on: event.on },
            }
          : context.input,
    }),
    recordCollege: assign({
      colleges: ({ context, event }) =>
        event.type === "COLLEGE_ADOPTED" || event.type === "COLLEGE_REJECTED"
          ? {
              ...context.colleges,
              [event.municipalityId]: {
                decision: event.type === "COLLEGE_ADOPTED" ? "adopted" : "rejected",
                on: event.on,
              },
            }
          : context.colleges,
    }),
  },
}).createMachine({
  id: "procurement",
  context: ({ input }) => ({
    participants: [...input.participants],
    sentOn: null,
    received: {},
    input: {},
    colleges: {},
  }),
  initial: "preparing",
  states: {
    preparing: { on: { NOTE_SENT: { target: "councilInput", actions: "recordSent" } } },
    councilInput: {
      always: { guard: "allInputIn", target: "processingInput" },
      on: {
        WENSEN_EN_BEDENKINGEN: { guard: "councilWithoutInput", actions: ["recordReceipt", "recordInput"] },
        NO_INPUT: { guard: "councilWithoutInput", actions: ["recordReceipt", "recordInput"] },
        INPUT_TERM_CLOSED: "processingInput",
      },
    },
    processingInput: { on: { OPLEGGER_COMPLETED: "definitiveProposal" } },
    definitiveProposal: { on: { PROPOSAL_SENT: "collegesAdopting" } },
    collegesAdopting: {
      always: [
        { guard: "allAdopted", target: "adopted" },
        { guard: "decidedNotAll", target: "notAdopted" },
      ],
      on: {
        COLLEGE_ADOPTED: { guard: "undecidedCollege", actions: "recordCollege" },
        COLLEGE_REJECTED: { guard: "undecidedCollege", actions: "recordCollege" },
      },
    },
    adopted: { type: "final" },
    notAdopted: { type: "final" },
  },
});

const COUNCIL = ["CLERK", "SECRETARY"] as const;
const COLLEGE = ["ALDERMAN", "SECRETARY"] as const;
const SECRETARY = ["SECRETARY"] as const;
const probe = { on: FAR_DATE };

/** A council's or college's decision, dated by the meeting that took it. */
const decision = (roles: EventPolicy["roles"]): EventPolicy => ({
  roles,
  perMunicipality: true,
  payload: datedPayload,
  probe,
  pastOnly: DECISION_IN_FUTURE,
});

const policies: Record<ProcurementEvent["type"], EventPolicy> = {
  NOTE_SENT: { roles: SECRETARY, perMunicipality: false, payload: datedPayload, probe, pastOnly: STEP_IN_FUTURE },
  WENSEN_EN_BEDENKINGEN: decision(COUNCIL),
  NO_INPUT: decision(COUNCIL),
  INPUT_TERM_CLOSED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe,
    pastOnly: STEP_IN_FUTURE,
  },
  OPLEGGER_COMPLETED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  PROPOSAL_SENT: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  COLLEGE_ADOPTED: decision(COLLEGE),
  COLLEGE_REJECTED: decision(COLLEGE),
};

/** Why an event that fits the state is refused: the guards' conditions, in order. */
function explainRefusal(snapshot: { value: unknown; context: ProcurementContext }, raw: TrailEvent): Refusal | null {
  const event = raw as ProcurementEvent;
  const c = snapshot.context;
  if (!("municipalityId" in event)) return null;
  if (!c.participants.includes(event.municipalityId)) return { reason: "notParticipating" };
  if (event.type === "WENSEN_EN_BEDENKINGEN" || event.type === "NO_INPUT") {
    if (event.municipalityId in c.input) return { reason: "alreadyAnswered" };
    if (answersBeforeSent(c, event)) return { reason: "answerBeforeSent", values: { sentOn: c.sentOn! } };
  }
  if ((event.type === "COLLEGE_ADOPTED" || event.type === "COLLEGE_REJECTED") && event.municipalityId in c.colleges)
    return { reason: "alreadyDecided" };
  return null;
}

export const procurementWorkflow: WorkflowDefinition = {
  kind: "PROCUREMENT",
  // 2: the note is prepared before it goes to the councils; receipts are recorded.
  version: 2,
  machine: procurementMachine,
  policies,
  finalStates: ["adopted", "notAdopted"],
  sendToCouncils: "NOTE_SENT",
  explainRefusal: explainRefusal as WorkflowDefinition["explainRefusal"],
};
