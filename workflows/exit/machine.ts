/**
 * One municipality leaves the joint arrangement (uittreding), seed 004:
 * criteria are weighed with a financial overview; the council consents (Wgr
 * art. 1 lid 2-3); the college decides; the GR board is notified; the exit
 * takes effect on the date the arrangement's rule allows (H10: 1 January,
 * after one full calendar year of notice); exit costs are settled and the
 * running contracts handed over. The weighing is the preparation: completing
 * it sends the proposal to the council, which asks it for consent and marks
 * it as having received the proposal on that date.
 */
import { and, assign, setup } from "xstate";
import { z } from "zod";
import {
  earliestExitDate,
  exitAllowed,
  H10_EXIT_RULE,
  latestNoticeDate,
  type CalendarDate,
  type ExitRule,
} from "../shared/dates";
import {
  calendarDate,
  DECISION_IN_FUTURE,
  datedPayload,
  FAR_DATE,
  STEP_IN_FUTURE,
  withheldPayload,
  type WithholdingGround,
} from "../shared/events";
import type { EventPolicy, Refusal, TrailEvent, WorkflowDefinition } from "../shared/types";

export interface ExitContext {
  participants: string[];
  /** The municipality that leaves (the only participant). */
  exiting: string;
  rule: ExitRule;
  /** When the council received the proposal: when the weighing was sent, or at the latest when it decided. */
  receivedOn: CalendarDate | null;
  consentOn: CalendarDate | null;
  withheldGround: WithholdingGround | null;
  withheldReason: string | null;
  collegeDecidedOn: CalendarDate | null;
  /** The exit date the college asked for (a 1 January), if any. */
  wishedExitOn: CalendarDate | null;
  notifiedOn: CalendarDate | null;
  exitOn: CalendarDate | null;
  costsSettledOn: CalendarDate | null;
  contractsHandedOverOn: CalendarDate | null;
}

export interface ExitInput {
  exiting: string;
  rule?: ExitRule;
}

type On = { on: CalendarDate };
export type ExitEvent =
  | ({ type: "WEIGHING_COMPLETED" } & On)
  | ({ type: "CONSENT_GIVEN"; municipalityId: string } & On)
  | ({ type: "CONSENT_WITHHELD"; municipalityId: string; ground: WithholdingGround; reason: string } & On)
  | ({ type: "COLLEGE_DECIDED"; municipalityId: string; wishedExitOn?: CalendarDate } & On)
  | ({ type: "NOTICE_GIVEN"; municipalityId: string } & On)
  | ({ type: "COSTS_SETTLED" } & On)
  | ({ type: "CONTRACTS_HANDED_OVER" } & On)
  | ({ type: "EXIT_EFFECTIVE" } & On);

export const exitMachine = setup({
  types: { context: {} as ExitContext, events: {} as ExitEvent, input: {} as ExitInput },
  guards: {
    exitingCouncil: ({ context, event }) => "municipalityId" in event && event.municipalityId === context.exiting,
    notBeforeReceipt: ({ context, event }) =>
      "on" in event && (context.receivedOn === null || event.on >= context.receivedOn),
    hasReason: ({ event }) => event.type === "CONSENT_WITHHELD" && event.reason.trim().length > 0,
    wishIsPossible: ({ event }) =>
      event.type === "COLLEGE_DECIDED" && (event.wishedExitOn === undefined || event.wishedExitOn.endsWith("-01-01")),
    /** Notice may not precede the college's decision, and must still reach a wished exit date. */
    noticeInTime: ({ context, event }) =>
      "on" in event &&
      context.collegeDecidedOn !== null &&
      event.on >= context.collegeDecidedOn &&
      (context.wishedExitOn === null || exitAllowed(context.wishedExitOn, event.on, context.rule)),
    onOrAfterExit: ({ context, event }) => "on" in event && context.exitOn !== null && event.on >= context.exitOn,
  },
  actions: {
    recordSent: assign({ receivedOn: ({ event }) => ("on" in event ? event.on : null) }),
    /** A council that decides has evidently received the proposal: its receipt is recorded if it was missing. */
    recordConsent: assign(({ context, event }) => ({
      consentOn: "on" in event ? event.on : null,
      receivedOn: context.receivedOn ?? ("on" in event ? event.on : null),
    })),
    recordWithheld: assign(({ context, event }) =>
      event.type === "CONSENT_WITHHELD"
        ? {
            consentOn: event.on,
            receivedOn: context.receivedOn ?? event.on,
            withheldGround: event.ground,
            withheldReason: event.reason.trim(),
          }
        : {},
    ),
    recordCollegeDecision: assign(({ event }) =>
      event.type === "COLLEGE_DECIDED" ? { collegeDecidedOn: event.on, wishedExitOn: event.wishedExitOn ?? null } : {},
    ),
    /** The exit date: the wished one when the notice reaches it, else the earliest the rule allows. */
    recordNotice: assign(({ context, event }) =>
      event.type === "NOTICE_GIVEN"
        ? { notifiedOn: event.on, exitOn: context.wishedExitOn ?? earliestExitDate(event.on, context.rule) }
        : {},
    ),
    recordCosts: assign({ costsSettledOn: ({ event }) => ("on" in event ? event.on : null) }),
    recordHandover: assign({ contractsHandedOverOn: ({ event }) => ("on" in event ? event.on : null) }),
  },
}).createMachine({
  id: "exit",
  context: ({ input }) => ({
    participants: [input.exiting],
    exiting: input.exiting,
    rule: input.rule ?? H10_EXIT_RULE,
    receivedOn: null,
    consentOn: null,
    withheldGround: null,
    withheldReason: null,
    collegeDecidedOn: null,
    wishedExitOn: null,
    notifiedOn: null,
    exitOn: null,
    costsSettledOn: null,
    contractsHandedOverOn: null,
  }),
  initial: "weighing",
  states: {
    weighing: { on: { WEIGHING_COMPLETED: { target: "councilConsent", actions: "recordSent" } } },
    councilConsent: {
      on: {
        CONSENT_GIVEN: {
          guard: and(["exitingCouncil", "notBeforeReceipt"]),
          target: "collegeDecision",
          actions: "recordConsent",
        },
        CONSENT_WITHHELD: {
          guard: and(["exitingCouncil", "notBeforeReceipt", "hasReason"]),
          target: "withdrawn",
          actions: "recordWithheld",
        },
      },
    },
    collegeDecision: {
      on: {
        COLLEGE_DECIDED: {
          guard: and(["exitingCouncil", "wishIsPossible"]),
          target: "noticePending",
          actions: "recordCollegeDecision",
        },
      },
    },
    noticePending: {
      on: {
        NOTICE_GIVEN: {
          guard: and(["exitingCouncil", "noticeInTime"]),
          target: "noticeGiven",
          actions: "recordNotice",
        },
      },
    },
    noticeGiven: { on: { COSTS_SETTLED: { target: "costsSettled", actions: "recordCosts" } } },
    costsSettled: { on: { CONTRACTS_HANDED_OVER: { target: "contractsHandedOver", actions: "recordHandover" } } },
    contractsHandedOver: { on: { EXIT_EFFECTIVE: { guard: "onOrAfterExit", target: "exited" } } },
    exited: { type: "final" },
    withdrawn: { type: "final" },
  },
});

const COUNCIL = ["CLERK", "SECRETARY"] as const;
const COLLEGE = ["ALDERMAN", "SECRETARY"] as const;
const SECRETARY = ["SECRETARY"] as const;
const probe = { on: FAR_DATE };

const policies: Record<ExitEvent["type"], EventPolicy> = {
  WEIGHING_COMPLETED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe,
    pastOnly: STEP_IN_FUTURE,
  },
  CONSENT_GIVEN: { roles: COUNCIL, perMunicipality: true, payload: datedPayload, probe, pastOnly: DECISION_IN_FUTURE },
  CONSENT_WITHHELD: {
    roles: COUNCIL,
    perMunicipality: true,
    payload: withheldPayload,
    pastOnly: DECISION_IN_FUTURE,
    probe: { on: FAR_DATE, ground: "law", reason: "probe" },
  },
  COLLEGE_DECIDED: {
    roles: COLLEGE,
    perMunicipality: true,
    payload: z.object({
      on: calendarDate,
      wishedExitOn: calendarDate.refine((d) => d.endsWith("-01-01"), "validation.exitOnJanuaryFirst").optional(),
    }),
    probe,
    pastOnly: DECISION_IN_FUTURE,
  },
  NOTICE_GIVEN: {
    roles: COLLEGE,
    perMunicipality: true,
    payload: datedPayload,
    probe: (context: ExitContext) => ({ on: context.collegeDecidedOn ?? FAR_DATE }),
    pastOnly: STEP_IN_FUTURE,
  },
  COSTS_SETTLED: { roles: SECRETARY, perMunicipality: false, payload: datedPayload, probe, pastOnly: STEP_IN_FUTURE },
  CONTRACTS_HANDED_OVER: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe,
    pastOnly: STEP_IN_FUTURE,
  },
  EXIT_EFFECTIVE: { roles: SECRETARY, perMunicipality: false, payload: datedPayload, probe },
};

/** Why an event that fits the state is refused: the guards' conditions, in order. */
function explainRefusal(snapshot: { value: unknown; context: ExitContext }, raw: TrailEvent): Refusal | null {
  const event = raw as ExitEvent;
  const c = snapshot.context;
  if ("municipalityId" in event && event.municipalityId !== c.exiting) return { reason: "notExiting" };
  if ((event.type === "CONSENT_GIVEN" || event.type === "CONSENT_WITHHELD") && c.receivedOn && event.on < c.receivedOn)
    return { reason: "answerBeforeSent", values: { sentOn: c.receivedOn } };
  if (event.type === "CONSENT_WITHHELD" && !event.reason.trim()) return { reason: "reasonRequired" };
  if (event.type === "COLLEGE_DECIDED" && event.wishedExitOn && !event.wishedExitOn.endsWith("-01-01"))
    return { reason: "exitOnJanuaryFirst" };
  if (event.type === "NOTICE_GIVEN") {
    if (c.collegeDecidedOn && event.on < c.collegeDecidedOn)
      return { reason: "noticeBeforeCollegeDecision", values: { decidedOn: c.collegeDecidedOn } };
    if (c.wishedExitOn && !exitAllowed(c.wishedExitOn, event.on, c.rule))
      return {
        reason: "noticeTooLate",
        values: { exitOn: c.wishedExitOn, latest: latestNoticeDate(c.wishedExitOn, c.rule) },
      };
  }
  if (event.type === "EXIT_EFFECTIVE" && c.exitOn && event.on < c.exitOn)
    return { reason: "beforeExitDate", values: { exitOn: c.exitOn } };
  return null;
}

export const exitWorkflow: WorkflowDefinition = {
  kind: "EXIT",
  // 2: completing the weighing is dated and sends the proposal to the council (its receipt).
  version: 2,
  machine: exitMachine,
  policies,
  finalStates: ["exited", "withdrawn"],
  sendToCouncils: "WEIGHING_COMPLETED",
  explainRefusal: explainRefusal as WorkflowDefinition["explainRefusal"],
};
