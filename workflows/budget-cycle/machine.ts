/**
 * The budget cycle of the joint arrangement for one budget year (begrotingscyclus; Wgr art. 34, 34b, 35 as they
 * stand since 1 July 2022). The secretary plans it by the AB meeting that is to adopt the budget: the budget year
 * is the year after that meeting (the AB adopts in the year before the budget year, art. 34). Then: the kaderbrief
 * and the provisional accounts go to the councils (art. 34b); the draft budget goes to every council (art. 35
 * lid 1), which marks each as having received it; each council gives a zienswijze or says it gives none, until the
 * arrangement's date before the AB meeting; the DB answers the zienswijzen in writing and adds them to the draft
 * offered to the AB (art. 35 lid 3); the AB adopts the budget; it goes to Gedeputeerde Staten (art. 34); and in the
 * year after the budget year the accounts (jaarstukken) are adopted and go to GS, which closes the cycle.
 *
 * A budget amendment (begrotingswijziging) is a small trail of the same kind: planned as an amendment of the
 * budget of the AB meeting's year, it has no kaderbrief and no accounts, and follows the same zienswijze procedure
 * (art. 35 lid 5; an arrangement that exempts a category of amendments starts no trail for it).
 */
import { and, assign, setup } from "xstate";
import { z } from "zod";
import { addDays, yearOf, type CalendarDate } from "../shared/dates";
import { calendarDate, DECISION_IN_FUTURE, datedPayload, FAR_DATE, STEP_IN_FUTURE } from "../shared/events";
import type { EventPolicy, Refusal, TrailEvent, WorkflowDefinition } from "../shared/types";
import { STATUTORY_BUDGET_TERMS, zienswijzeDueOn, type BudgetTerms } from "./terms";

export interface BudgetCouncilTrack {
  receivedOn: CalendarDate | null;
  zienswijze: "given" | "none" | null;
  zienswijzeOn: CalendarDate | null;
}

export interface BudgetCycleContext {
  participants: string[];
  terms: BudgetTerms;
  /** The year the budget is for; null until the cycle is planned. */
  budgetYear: number | null;
  /** A budget amendment rather than the year's budget. */
  amendment: boolean;
  /** The AB meeting that is to adopt the budget (or the amendment). */
  abMeetingOn: CalendarDate | null;
  kaderbriefSentOn: CalendarDate | null;
  draftSentOn: CalendarDate | null;
  councils: Record<string, BudgetCouncilTrack>;
  /** The DB answered the zienswijzen and offered them with the draft to the AB. */
  answeredOn: CalendarDate | null;
  adoptedOn: CalendarDate | null;
  sentToGsOn: CalendarDate | null;
  accountsAdoptedOn: CalendarDate | null;
  accountsSentToGsOn: CalendarDate | null;
}

export interface BudgetCycleInput {
  participants: string[];
  /** The arrangement's terms where they differ from the law's. */
  terms?: Partial<BudgetTerms>;
}

type On = { on: CalendarDate };
type Council = { municipalityId: string };
export type BudgetCycleEvent =
  | { type: "CYCLE_PLANNED"; abMeetingOn: CalendarDate }
  | { type: "AMENDMENT_PLANNED"; abMeetingOn: CalendarDate }
  | { type: "AB_MEETING_MOVED"; abMeetingOn: CalendarDate }
  | ({ type: "KADERBRIEF_SENT" } & On)
  | ({ type: "DRAFT_SENT" } & On)
  | ({ type: "ZIENSWIJZE_GIVEN" } & Council & On)
  | ({ type: "NO_ZIENSWIJZE" } & Council & On)
  | ({ type: "WINDOW_CLOSED" } & On)
  | ({ type: "ZIENSWIJZEN_ANSWERED" } & On)
  | ({ type: "BUDGET_ADOPTED" } & On)
  | ({ type: "BUDGET_SENT_TO_GS" } & On)
  | ({ type: "ACCOUNTS_ADOPTED" } & On)
  | ({ type: "ACCOUNTS_SENT_TO_GS" } & On);

const EMPTY_TRACK: BudgetCouncilTrack = { receivedOn: null, zienswijze: null, zienswijzeOn: null };

/** The year in which the AB adopts: the year before the budget year, an amendment's in the budget year itself. */
export function adoptionYear(context: Pick<BudgetCycleContext, "budgetYear" | "amendment">): number | null {
  if (context.budgetYear === null) return null;
  return context.amendment ? context.budgetYear : context.budgetYear - 1;
}

/** The day the councils' zienswijzen are due, once the AB meeting is known. */
export function councilsDueOn(context: BudgetCycleContext): CalendarDate | null {
  return context.abMeetingOn ? zienswijzeDueOn(context.abMeetingOn, context.terms).dueOn : null;
}

/** The latest day a step was recorded on, of those given. */
function latest(...dates: (CalendarDate | null)[]): CalendarDate | null {
  const known = dates.filter((d): d is CalendarDate => d !== null).sort();
  return known[known.length - 1] ?? null;
}

function lastZienswijze(context: BudgetCycleContext): CalendarDate | null {
  return latest(...Object.values(context.councils).map((t) => t.zienswijzeOn));
}

const dateOf = (event: BudgetCycleEvent) => ("on" in event ? event.on : null);

/** Until the AB adopts, its meeting may move (within the year it must adopt in). */
const MOVABLE = { AB_MEETING_MOVED: { guard: "meetingInItsYear", actions: "moveMeeting" } } as const;

export const budgetCycleMachine = setup({
  types: {
    context: {} as BudgetCycleContext,
    events: {} as BudgetCycleEvent,
    input: {} as BudgetCycleInput,
  },
  guards: {
    /** A moved meeting stays in the year the AB must adopt in, and after the draft went out. */
    meetingInItsYear: ({ context, event }) =>
      event.type === "AB_MEETING_MOVED" &&
      yearOf(event.abMeetingOn) === adoptionYear(context) &&
      (context.draftSentOn === null || event.abMeetingOn > context.draftSentOn),
    /** The draft goes out after the kaderbrief and before the AB meeting. */
    draftInOrder: ({ context, event }) =>
      event.type === "DRAFT_SENT" &&
      (context.kaderbriefSentOn === null || event.on >= context.kaderbriefSentOn) &&
      context.abMeetingOn !== null &&
      event.on < context.abMeetingOn,
    mayRespond: ({ context, event }) => {
      if (event.type !== "ZIENSWIJZE_GIVEN" && event.type !== "NO_ZIENSWIJZE") return false;
      const t = context.councils[event.municipalityId];
      return !!t && t.zienswijze === null && context.draftSentOn !== null && event.on >= context.draftSentOn;
    },
    allResponded: ({ context }) => Object.values(context.councils).every((t) => t.zienswijze !== null),
    /** Every council answered, or the day their zienswijzen were due has passed. */
    windowOver: ({ context, event }) => {
      const due = councilsDueOn(context);
      return event.type === "WINDOW_CLOSED" && due !== null && event.on > due;
    },
    /** The answers follow the last zienswijze. */
    afterZienswijzen: ({ context, event }) => {
      const after = latest(context.draftSentOn, lastZienswijze(context));
      return event.type === "ZIENSWIJZEN_ANSWERED" && (after === null || event.on >= after);
    },
    /** The AB adopts after the answers, in the year before the budget year (an amendment: in the budget year). */
    adoptionInOrder: ({ context, event }) =>
      event.type === "BUDGET_ADOPTED" &&
      context.answeredOn !== null &&
      event.on >= context.answeredOn &&
      yearOf(event.on) === adoptionYear(context),
    afterAdoption: ({ context, event }) =>
      event.type === "BUDGET_SENT_TO_GS" && context.adoptedOn !== null && event.on >= context.adoptedOn,
    isAmendment: ({ context }) => context.amendment,
    /** The accounts of a budget year are adopted in the year after it. */
    accountsAfterYear: ({ context, event }) =>
      event.type === "ACCOUNTS_ADOPTED" && context.budgetYear !== null && yearOf(event.on) > context.budgetYear,
    afterAccountsAdopted: ({ context, event }) =>
      event.type === "ACCOUNTS_SENT_TO_GS" &&
      context.accountsAdoptedOn !== null &&
      event.on >= context.accountsAdoptedOn,
  },
  actions: {
    plan: assign(({ event }) =>
      event.type === "CYCLE_PLANNED" || event.type === "AMENDMENT_PLANNED"
        ? {
            abMeetingOn: event.abMeetingOn,
            amendment: event.type === "AMENDMENT_PLANNED",
            // The AB adopts a budget in the year before it serves; an amendment changes the budget of its own year.
            budgetYear: yearOf(event.abMeetingOn) + (event.type === "AMENDMENT_PLANNED" ? 0 : 1),
          }
        : {},
    ),
    moveMeeting: assign({
      abMeetingOn: ({ context, event }) =>
        event.type === "AB_MEETING_MOVED" ? event.abMeetingOn : context.abMeetingOn,
    }),
    recordKaderbrief: assign({ kaderbriefSentOn: ({ event }) => dateOf(event) }),
    /** Every council is taken to have received the draft on the day it was sent. */
    recordDraftSent: assign(({ context, event }) =>
      event.type === "DRAFT_SENT"
        ? {
            draftSentOn: event.on,
            councils: Object.fromEntries(
              Object.entries(context.councils).map(([id, t]) => [id, { ...t, receivedOn: event.on }]),
            ),
          }
        : {},
    ),
    recordZienswijze: assign({
      councils: ({ context, event }) =>
        event.type === "ZIENSWIJZE_GIVEN" || event.type === "NO_ZIENSWIJZE"
          ? {
              ...context.councils,
              [event.municipalityId]: {
                ...context.councils[event.municipalityId]!,
                zienswijze: event.type === "ZIENSWIJZE_GIVEN" ? "given" : "none",
                zienswijzeOn: event.on,
              },
            }
          : context.councils,
    }),
    recordAnswered: assign({ answeredOn: ({ event }) => dateOf(event) }),
    recordAdopted: assign({ adoptedOn: ({ event }) => dateOf(event) }),
    recordSentToGs: assign({ sentToGsOn: ({ event }) => dateOf(event) }),
    recordAccountsAdopted: assign({ accountsAdoptedOn: ({ event }) => dateOf(event) }),
    recordAccountsSent: assign({ accountsSentToGsOn: ({ event }) => dateOf(event) }),
  },
}).createMachine({
  id: "budgetCycle",
  context: ({ input }) => ({
    participants: [...input.participants],
    terms: { ...STATUTORY_BUDGET_TERMS, ...input.terms },
    budgetYear: null,
    amendment: false,
    abMeetingOn: null,
    kaderbriefSentOn: null,
    draftSentOn: null,
    councils: Object.fromEntries(input.participants.map((id) => [id, { ...EMPTY_TRACK }])),
    answeredOn: null,
    adoptedOn: null,
    sentToGsOn: null,
    accountsAdoptedOn: null,
    accountsSentToGsOn: null,
  }),
  initial: "budgetPlanning",
  states: {
    budgetPlanning: {
      on: {
        CYCLE_PLANNED: { target: "kaderbrief", actions: "plan" },
        AMENDMENT_PLANNED: { target: "draftBudget", actions: "plan" },
      },
    },
    kaderbrief: {
      on: {
        KADERBRIEF_SENT: { target: "draftBudget", actions: "recordKaderbrief" },
        ...MOVABLE,
      },
    },
    draftBudget: {
      on: {
        DRAFT_SENT: { guard: "draftInOrder", target: "budgetZienswijzen", actions: "recordDraftSent" },
        ...MOVABLE,
      },
    },
    budgetZienswijzen: {
      always: { guard: "allResponded", target: "answeringZienswijzen" },
      on: {
        ZIENSWIJZE_GIVEN: { guard: "mayRespond", actions: "recordZienswijze" },
        NO_ZIENSWIJZE: { guard: "mayRespond", actions: "recordZienswijze" },
        WINDOW_CLOSED: { guard: "windowOver", target: "answeringZienswijzen" },
        ...MOVABLE,
      },
    },
    answeringZienswijzen: {
      on: {
        ZIENSWIJZEN_ANSWERED: { guard: "afterZienswijzen", target: "abAdoption", actions: "recordAnswered" },
        ...MOVABLE,
      },
    },
    abAdoption: {
      on: {
        BUDGET_ADOPTED: { guard: "adoptionInOrder", target: "budgetToGs", actions: "recordAdopted" },
        ...MOVABLE,
      },
    },
    budgetToGs: {
      on: {
        BUDGET_SENT_TO_GS: [
          { guard: and(["afterAdoption", "isAmendment"]), target: "budgetClosed", actions: "recordSentToGs" },
          { guard: "afterAdoption", target: "accounts", actions: "recordSentToGs" },
        ],
      },
    },
    accounts: {
      on: {
        ACCOUNTS_ADOPTED: { guard: "accountsAfterYear", target: "accountsToGs", actions: "recordAccountsAdopted" },
      },
    },
    accountsToGs: {
      on: {
        ACCOUNTS_SENT_TO_GS: { guard: "afterAccountsAdopted", target: "budgetClosed", actions: "recordAccountsSent" },
      },
    },
    budgetClosed: { type: "final" },
  },
});

const COUNCIL_ROLES = ["CLERK", "SECRETARY"] as const;
const SECRETARY = ["SECRETARY"] as const;
const probe = { on: FAR_DATE };
const meetingPayload = z.object({ abMeetingOn: calendarDate });
const dated = (roles: EventPolicy["roles"], perMunicipality = false): EventPolicy => ({
  roles,
  perMunicipality,
  payload: datedPayload,
  probe,
});
/** A secretary's step that records a day that has passed. */
const recorded = (): EventPolicy => ({ ...dated(SECRETARY), pastOnly: STEP_IN_FUTURE });
/** A council's decision, dated by the meeting that took it. */
const councilDecision = (): EventPolicy => ({ ...dated(COUNCIL_ROLES, true), pastOnly: DECISION_IN_FUTURE });

const policies: Record<BudgetCycleEvent["type"], EventPolicy> = {
  CYCLE_PLANNED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: meetingPayload,
    probe: { abMeetingOn: FAR_DATE },
  },
  AMENDMENT_PLANNED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: meetingPayload,
    probe: { abMeetingOn: FAR_DATE },
  },
  AB_MEETING_MOVED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: meetingPayload,
    // The last day of the year the AB adopts in passes the guard whenever a move is possible at all.
    probe: (context: BudgetCycleContext) => ({ abMeetingOn: `${adoptionYear(context) ?? 9999}-12-31` }),
  },
  KADERBRIEF_SENT: recorded(),
  DRAFT_SENT: {
    ...recorded(),
    // The day before the AB meeting passes the guard whenever sending is possible at all.
    probe: (context: BudgetCycleContext) => ({ on: context.abMeetingOn ? addDays(context.abMeetingOn, -1) : FAR_DATE }),
  },
  ZIENSWIJZE_GIVEN: councilDecision(),
  NO_ZIENSWIJZE: councilDecision(),
  WINDOW_CLOSED: recorded(),
  ZIENSWIJZEN_ANSWERED: recorded(),
  BUDGET_ADOPTED: {
    ...recorded(),
    probe: (context: BudgetCycleContext) => ({ on: `${adoptionYear(context) ?? 9999}-12-31` }),
  },
  BUDGET_SENT_TO_GS: recorded(),
  ACCOUNTS_ADOPTED: recorded(),
  ACCOUNTS_SENT_TO_GS: recorded(),
};

/** Why an event that fits the state is refused: the guards' conditions, in order. */
function explainRefusal(snapshot: { value: unknown; context: BudgetCycleContext }, raw: TrailEvent): Refusal | null {
  const event = raw as BudgetCycleEvent;
  const c = snapshot.context;
  switch (event.type) {
    case "AB_MEETING_MOVED": {
      const year = String(adoptionYear(c));
      if (yearOf(event.abMeetingOn) !== adoptionYear(c)) return { reason: "abMeetingOutsideYear", values: { year } };
      return c.draftSentOn ? { reason: "abMeetingBeforeDraft", values: { sentOn: c.draftSentOn } } : null;
    }
    case "DRAFT_SENT":
      if (c.kaderbriefSentOn && event.on < c.kaderbriefSentOn)
        return { reason: "draftBeforeKaderbrief", values: { sentOn: c.kaderbriefSentOn } };
      return c.abMeetingOn ? { reason: "draftAfterAbMeeting", values: { abMeetingOn: c.abMeetingOn } } : null;
    case "ZIENSWIJZE_GIVEN":
    case "NO_ZIENSWIJZE": {
      const t = c.councils[event.municipalityId];
      if (!t) return { reason: "notParticipating" };
      if (t.zienswijze !== null) return { reason: "alreadyAnswered" };
      return c.draftSentOn ? { reason: "answerBeforeSent", values: { sentOn: c.draftSentOn } } : null;
    }
    case "WINDOW_CLOSED": {
      const due = councilsDueOn(c);
      return due ? { reason: "termsNotOver", values: { lastDeadline: due } } : null;
    }
    case "ZIENSWIJZEN_ANSWERED": {
      const after = latest(c.draftSentOn, lastZienswijze(c));
      return after ? { reason: "answersBeforeZienswijzen", values: { after } } : null;
    }
    case "BUDGET_ADOPTED":
      if (c.answeredOn && event.on < c.answeredOn)
        return { reason: "adoptionBeforeAnswers", values: { answeredOn: c.answeredOn } };
      return { reason: "adoptionOutsideYear", values: { year: String(adoptionYear(c)) } };
    case "BUDGET_SENT_TO_GS":
      return c.adoptedOn ? { reason: "beforeAdoption", values: { adoptedOn: c.adoptedOn } } : null;
    case "ACCOUNTS_ADOPTED":
      return { reason: "accountsInBudgetYear", values: { year: String(c.budgetYear) } };
    case "ACCOUNTS_SENT_TO_GS":
      return c.accountsAdoptedOn ? { reason: "beforeAdoption", values: { adoptedOn: c.accountsAdoptedOn } } : null;
    default:
      return null;
  }
}

export const budgetCycleWorkflow: WorkflowDefinition = {
  kind: "BUDGET_CYCLE",
  version: 1,
  machine: budgetCycleMachine,
  policies,
  finalStates: ["budgetClosed"],
  sendToCouncils: "DRAFT_SENT",
  // Moving the AB meeting is possible until it adopts, but no step anyone still has to take.
  optionalEvents: ["AB_MEETING_MOVED"],
  explainRefusal: explainRefusal as WorkflowDefinition["explainRefusal"],
};
