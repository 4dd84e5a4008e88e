/**
 * Amending the joint arrangement (wijziging gemeenschappelijke regeling),
 * Wgr art. 1 and 26: decision memo; the draft goes to every participating
 * council, which may give a zienswijze within eight weeks of receiving it (or
 * say at once it gives none); the views are processed; each college asks its
 * council for consent, which may only be withheld for conflict with the law
 * or the public interest, with the reason recorded; the amendment is adopted
 * when the arrangement's consent rule is met (the Wgr asks every council:
 * unanimity, the default); it is published in every municipality and takes
 * effect on the date it names, never before publication. Sending the draft
 * is the step that asks the councils: each is taken to have received it on
 * the day it was sent, until its clerk records the actual (later) day of
 * receipt, from which its eight weeks run.
 */
import { and, assign, setup } from "xstate";
import { zienswijzeDeadline, type CalendarDate } from "../shared/dates";
import {
  DECISION_IN_FUTURE,
  datedPayload,
  FAR_DATE,
  noPayload,
  STEP_IN_FUTURE,
  withheldPayload,
  type WithholdingGround,
} from "../shared/events";
import type { EventPolicy, Refusal, TrailEvent, WorkflowDefinition } from "../shared/types";

/** How many councils must consent: all of them unless the arrangement says otherwise. */
export type ConsentRule = { kind: "unanimous" } | { kind: "minimum"; count: number };

export interface CouncilTrack {
  receivedOn: CalendarDate | null;
  zienswijze: "given" | "none" | null;
  zienswijzeOn: CalendarDate | null;
  consent: "given" | "withheld" | null;
  consentOn: CalendarDate | null;
  withheldGround: WithholdingGround | null;
  withheldReason: string | null;
  publishedOn: CalendarDate | null;
}

export interface GrAmendmentContext {
  participants: string[];
  consentRule: ConsentRule;
  councils: Record<string, CouncilTrack>;
  sentOn: CalendarDate | null;
  effectiveOn: CalendarDate | null;
}

export interface GrAmendmentInput {
  participants: string[];
  consentRule?: ConsentRule;
}

type On = { on: CalendarDate };
export type GrAmendmentEvent =
  | ({ type: "DRAFT_SENT" } & On)
  | ({ type: "DRAFT_RECEIVED"; municipalityId: string } & On)
  | ({ type: "ZIENSWIJZE_GIVEN"; municipalityId: string } & On)
  | ({ type: "NO_ZIENSWIJZE"; municipalityId: string } & On)
  | ({ type: "TERM_CLOSED" } & On)
  | { type: "ZIENSWIJZEN_PROCESSED" }
  | ({ type: "CONSENT_GIVEN"; municipalityId: string } & On)
  | ({ type: "CONSENT_WITHHELD"; municipalityId: string; ground: WithholdingGround; reason: string } & On)
  | ({ type: "PUBLISHED"; municipalityId: string } & On)
  | ({ type: "ENTERED_INTO_FORCE" } & On);

const EMPTY_TRACK: CouncilTrack = {
  receivedOn: null,
  zienswijze: null,
  zienswijzeOn: null,
  consent: null,
  consentOn: null,
  withheldGround: null,
  withheldReason: null,
  publishedOn: null,
};

function track(context: GrAmendmentContext, event: GrAmendmentEvent): CouncilTrack | undefined {
  return "municipalityId" in event ? context.councils[event.municipalityId] : undefined;
}

function update(context: GrAmendmentContext, municipalityId: string, change: Partial<CouncilTrack>) {
  return { ...context.councils, [municipalityId]: { ...context.councils[municipalityId]!, ...change } };
}

/** Whether the consent rule is met, can no longer be met, or is still open. */
export function consentOutcome(context: GrAmendmentContext): "adopted" | "failed" | "pending" {
  const tracks = Object.values(context.councils);
  const given = tracks.filter((t) => t.consent === "given").length;
  const undecided = tracks.filter((t) => t.consent === null).length;
  const required =
    context.consentRule.kind === "unanimous" ? tracks.length : Math.min(context.consentRule.count, tracks.length);
  if (given >= required) return "adopted";
  if (given + undecided < required) return "failed";
  return "pending";
}

export const grAmendmentMachine = setup({
  types: {
    context: {} as GrAmendmentContext,
    events: {} as GrAmendmentEvent,
    input: {} as GrAmendmentInput,
  },
  guards: {
    /** The actual day of receipt, recorded while the council has not answered: not before sending, and a change. */
    awaitingReceipt: ({ context, event }) => {
      const t = track(context, event);
      return (
        !!t &&
        t.zienswijze === null &&
        "on" in event &&
        context.sentOn !== null &&
        event.on >= context.sentOn &&
        event.on !== t.receivedOn
      );
    },
    mayRespond: ({ context, event }) => {
      const t = track(context, event);
      const receivedOn = t?.receivedOn ?? context.sentOn;
      return !!t && t.zienswijze === null && "on" in event && receivedOn !== null && event.on >= receivedOn;
    },
    allResponded: ({ context }) => Object.values(context.councils).every((t) => t.zienswijze !== null),
    termsOver: ({ context, event }) =>
      "on" in event &&
      Object.values(context.councils).every(
        (t) => t.zienswijze !== null || (t.receivedOn !== null && event.on > zienswijzeDeadline(t.receivedOn)),
      ),
    awaitingConsent: ({ context, event }) => {
      const t = track(context, event);
      return !!t && t.consent === null;
    },
    hasReason: ({ event }) => event.type === "CONSENT_WITHHELD" && event.reason.trim().length > 0,
    consentRuleMet: ({ context }) => consentOutcome(context) === "adopted",
    consentRuleFailed: ({ context }) => consentOutcome(context) === "failed",
    awaitingPublication: ({ context, event }) => {
      const t = track(context, event);
      return !!t && t.publishedOn === null;
    },
    notBeforePublication: ({ context, event }) =>
      "on" in event &&
      Object.values(context.councils).every((t) => t.publishedOn !== null && event.on >= t.publishedOn),
  },
  actions: {
    /** Every council is taken to have received the draft on the day it was sent (its clerk may record a later day). */
    recordSent: assign(({ context, event }) =>
      event.type === "DRAFT_SENT"
        ? {
            sentOn: event.on,
            councils: Object.fromEntries(
              Object.entries(context.councils).map(([id, t]) => [id, { ...t, receivedOn: t.receivedOn ?? event.on }]),
            ),
          }
        : {},
    ),
    recordReceived: assign({
      councils: ({ context, event }) =>
        event.type === "DRAFT_RECEIVED"
          ? update(context, event.municipalityId, { receivedOn: event.on })
          : context.councils,
    }),
    recordZienswijze: assign({
      councils: ({ context, event }) =>
        event.type === "ZIENSWIJZE_GIVEN" || event.type === "NO_ZIENSWIJZE"
          ? update(context, event.municipalityId, {
              zienswijze: event.type === "ZIENSWIJZE_GIVEN" ? "given" : "none",
              zienswijzeOn: event.on,
              // A council that answers has evidently received the draft.
              receivedOn: context.councils[event.municipalityId]!.receivedOn ?? context.sentOn ?? event.on,
            })
          : context.councils,
    }),
    recordConsent: assign({
      councils: ({ context, event }) =>
        event.type === "CONSENT_GIVEN"
          ? update(context, event.municipalityId, { consent: "given", consentOn: event.on })
          : event.type === "CONSENT_WITHHELD"
            ? update(context, event.municipalityId, {
                consent: "withheld",
                consentOn: event.on,
                withheldGround: event.ground,
                withheldReason: event.reason.trim(),
              })
            : context.councils,
    }),
    recordPublished: assign({
      councils: ({ context, event }) =>
        event.type === "PUBLISHED"
          ? update(context, event.municipalityId, { publishedOn: event.on })
          : context.councils,
    }),
    recordEffective: assign({ effectiveOn: ({ event }) => ("on" in event ? event.on : null) }),
  },
}).createMachine({
  id: "grAmendment",
  context: ({ input }) => ({
    participants: [...input.participants],
    consentRule: input.consentRule ?? { kind: "unanimous" },
    councils: Object.fromEntries(input.participants.map((id) => [id, { ...EMPTY_TRACK }])),
    sentOn: null,
    effectiveOn: null,
  }),
  initial: "decisionMemo",
  states: {
    decisionMemo: {
      on: { DRAFT_SENT: { target: "zienswijzeTerm", actions: "recordSent" } },
    },
    zienswijzeTerm: {
      always: { guard: "allResponded", target: "processingZienswijzen" },
      on: {
        DRAFT_RECEIVED: { guard: "awaitingReceipt", actions: "recordReceived" },
        ZIENSWIJZE_GIVEN: { guard: "mayRespond", actions: "recordZienswijze" },
        NO_ZIENSWIJZE: { guard: "mayRespond", actions: "recordZienswijze" },
        TERM_CLOSED: { guard: "termsOver", target: "processingZienswijzen" },
      },
    },
    processingZienswijzen: {
      on: { ZIENSWIJZEN_PROCESSED: { target: "consentRequested" } },
    },
    consentRequested: {
      always: [
        { guard: "consentRuleMet", target: "publication" },
        { guard: "consentRuleFailed", target: "notAdopted" },
      ],
      on: {
        CONSENT_GIVEN: { guard: "awaitingConsent", actions: "recordConsent" },
        // Withholding is only valid with a recorded reason (art. 1 lid 4).
        CONSENT_WITHHELD: { guard: and(["awaitingConsent", "hasReason"]), actions: "recordConsent" },
      },
    },
    publication: {
      on: {
        PUBLISHED: { guard: "awaitingPublication", actions: "recordPublished" },
        ENTERED_INTO_FORCE: { guard: "notBeforePublication", target: "inForce", actions: "recordEffective" },
      },
    },
    inForce: { type: "final" },
    notAdopted: { type: "final" },
  },
});

const COUNCIL_ROLES = ["CLERK", "SECRETARY"] as const;
const SECRETARY = ["SECRETARY"] as const;
const probeDate = { on: FAR_DATE };

/** A council's decision, dated by the meeting that took it. */
const councilDecision: EventPolicy = {
  roles: COUNCIL_ROLES,
  perMunicipality: true,
  payload: datedPayload,
  probe: probeDate,
  pastOnly: DECISION_IN_FUTURE,
};

const policies: Record<GrAmendmentEvent["type"], EventPolicy> = {
  DRAFT_SENT: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe: probeDate,
    pastOnly: STEP_IN_FUTURE,
  },
  DRAFT_RECEIVED: {
    roles: COUNCIL_ROLES,
    perMunicipality: true,
    payload: datedPayload,
    probe: probeDate,
    pastOnly: "validation.receiptInFuture",
  },
  ZIENSWIJZE_GIVEN: councilDecision,
  NO_ZIENSWIJZE: councilDecision,
  TERM_CLOSED: {
    roles: SECRETARY,
    perMunicipality: false,
    payload: datedPayload,
    probe: probeDate,
    pastOnly: STEP_IN_FUTURE,
  },
  ZIENSWIJZEN_PROCESSED: { roles: SECRETARY, perMunicipality: false, payload: noPayload, probe: {} },
  CONSENT_GIVEN: councilDecision,
  CONSENT_WITHHELD: {
    ...councilDecision,
    payload: withheldPayload,
    probe: { on: FAR_DATE, ground: "law", reason: "probe" },
  },
  PUBLISHED: {
    roles: COUNCIL_ROLES,
    perMunicipality: true,
    payload: datedPayload,
    probe: probeDate,
    pastOnly: STEP_IN_FUTURE,
  },
  ENTERED_INTO_FORCE: { roles: SECRETARY, perMunicipality: false, payload: datedPayload, probe: probeDate },
};

/** Why an event that fits the state is refused: the guards' conditions, in order. */
function explainRefusal(snapshot: { value: unknown; context: GrAmendmentContext }, raw: TrailEvent): Refusal | null {
  const event = raw as GrAmendmentEvent;
  const c = snapshot.context;
  const t = track(c, event);
  if ("municipalityId" in event && !t) return { reason: "notParticipating" };
  switch (event.type) {
    case "DRAFT_RECEIVED":
      if (t!.zienswijze !== null) return { reason: "alreadyAnswered" };
      if (c.sentOn !== null && event.on < c.sentOn)
        return { reason: "receivedBeforeSent", values: { sentOn: c.sentOn } };
      if (event.on === t!.receivedOn) return { reason: "receiptAlreadyRecorded", values: { receivedOn: event.on } };
      return null;
    case "ZIENSWIJZE_GIVEN":
    case "NO_ZIENSWIJZE": {
      if (t!.zienswijze !== null) return { reason: "alreadyAnswered" };
      const receivedOn = t!.receivedOn ?? c.sentOn;
      if (receivedOn !== null && event.on < receivedOn)
        return { reason: "answerBeforeReceipt", values: { receivedOn } };
      return null;
    }
    case "TERM_CLOSED": {
      const open = Object.values(c.councils)
        .filter((track) => track.zienswijze === null && track.receivedOn !== null)
        .map((track) => zienswijzeDeadline(track.receivedOn!))
        .sort();
      const last = open[open.length - 1];
      return last && event.on <= last ? { reason: "termsNotOver", values: { lastDeadline: last } } : null;
    }
    case "CONSENT_GIVEN":
    case "CONSENT_WITHHELD":
      if (t!.consent !== null) return { reason: "alreadyDecided" };
      if (event.type === "CONSENT_WITHHELD" && !event.reason.trim()) return { reason: "reasonRequired" };
      return null;
    case "PUBLISHED":
      return t!.publishedOn !== null ? { reason: "alreadyPublished", values: { publishedOn: t!.publishedOn } } : null;
    case "ENTERED_INTO_FORCE": {
      const published = Object.values(c.councils).map((track) => track.publishedOn);
      if (published.some((on) => on === null)) return { reason: "notAllPublished" };
      const last = (published as string[]).sort()[published.length - 1]!;
      return event.on < last ? { reason: "beforePublication", values: { publishedOn: last } } : null;
    }
    default:
      return null;
  }
}

export const grAmendmentWorkflow: WorkflowDefinition = {
  kind: "GR_AMENDMENT",
  // Sending presumes receipt now; the context is unchanged, so older snapshots load as they are.
  version: 1,
  machine: grAmendmentMachine,
  policies,
  finalStates: ["inForce", "notAdopted"],
  sendToCouncils: "DRAFT_SENT",
  // Every council counts as having received the draft when it was sent; recording a later day is a correction.
  optionalEvents: ["DRAFT_RECEIVED"],
  explainRefusal: explainRefusal as WorkflowDefinition["explainRefusal"],
};
