/** One municipality's exit (Wgr art. 9): its one track, the notice date and the day the exit takes effect. */
import type { DerivedDeadline } from "../deadlines";
import { latestNoticeDate } from "../shared/dates";
import type { TrailKindModule } from "../shared/module";
import { exitWorkflow, type ExitContext } from "./machine";

const CONSENT_AND_AFTER: ReadonlySet<string> = new Set([
  "councilConsent",
  "collegeDecision",
  "noticePending",
  "noticeGiven",
  "costsSettled",
  "contractsHandedOver",
]);

export const exit: TrailKindModule<ExitContext> = {
  kind: "EXIT",
  // Version 1 -> 2: the proposal's receipt is kept; a council that decided had received it then.
  contextUpgrades: {
    1: (stored) => ({ ...stored, receivedOn: stored.receivedOn ?? stored.consentOn ?? null }),
  },
  workflow: exitWorkflow,
  positionSteps: {
    council: { CONSENT_GIVEN: "CONSENT_GIVEN", CONSENT_WITHHELD: "CONSENT_WITHHELD" },
    // The college's exit decision carries the wished exit date: it is recorded as a step.
    college: {},
    forTheRecord: {},
  },
  // The machine names the municipality that leaves: the one participant unless the input says.
  machineInput: (input) => ({ ...input, exiting: input.exiting ?? input.participants[0] }),
  // The municipality that leaves, if it takes part on the start date.
  participants: (members, exiting) => (exiting && members.includes(exiting) ? [exiting] : null),
  // Notice given: its participation ends on the exit date.
  effects: (event, context) =>
    event.type === "NOTICE_GIVEN" && context.exitOn
      ? [{ type: "participationEnds", municipalityId: context.exiting, on: context.exitOn }]
      : [],
  councilStatus(context) {
    if (context.notifiedOn) return { status: "noticeGiven", on: context.notifiedOn };
    if (context.collegeDecidedOn) return { status: "collegeDecided", on: context.collegeDecidedOn };
    if (context.withheldReason)
      return {
        status: "consentWithheld",
        on: context.consentOn,
        withheld: { ground: context.withheldGround, reason: context.withheldReason },
      };
    if (context.consentOn) return { status: "consentGiven", on: context.consentOn };
    return { status: "awaiting", on: null };
  },
  receivedDates: (context) => (context.receivedOn ? { [context.exiting]: context.receivedOn } : {}),
  hasDecided: (context) => context.consentOn !== null,
  // One council: the leaving municipality's consent.
  // The council's consent, while it is asked and, as it was given, through the steps of the exit that follow it.
  stageProgress: (state, context) =>
    CONSENT_AND_AFTER.has(state) ? { label: "progress.consented", done: context.consentOn ? 1 : 0, total: 1 } : null,
  deadlines(context) {
    const result: DerivedDeadline[] = [];
    if (context.wishedExitOn) {
      // A term of the arrangement (Wgr art. 9), not of a law, and counted back from the exit date:
      // the Atw does not move it (art. 1 lid 1 and lid 2).
      result.push({
        kind: "exitNotice",
        municipalityId: context.exiting,
        dueOn: latestNoticeDate(context.wishedExitOn, context.rule),
        extendedFrom: null,
        metOn: context.notifiedOn,
        basis: `Uittreding per 1 januari na ${context.rule.noticeYears} vol kalenderjaar opzegging (regeling, Wgr art. 9)`,
      });
    }
    if (context.exitOn) {
      // A milestone: the day the exit takes effect, not a task with a deadline.
      result.push({
        kind: "exitEffective",
        municipalityId: context.exiting,
        dueOn: context.exitOn,
        extendedFrom: null,
        metOn: null,
        basis: "Datum waarop de uittreding ingaat",
      });
    }
    return result;
  },
};
