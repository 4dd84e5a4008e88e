/**
 * The budget cycle (Wgr art. 34, 34b, 35): each council's zienswijze on the draft budget, the progress of the
 * window, and the deadlines of the year, computed from the AB meeting with the arrangement's terms.
 */
import type { DerivedDeadline } from "../deadlines";
import { NO_LIST_COLUMNS, type TrailKindModule } from "../shared/module";
import { budgetCycleWorkflow, type BudgetCycleContext } from "./machine";
import {
  accountsToGsDeadline,
  budgetToGsDeadline,
  draftDeadline,
  kaderbriefDeadline,
  TERM_BASIS,
  toGsDeadline,
  zienswijzeDueOn,
} from "./terms";

/** The deadlines of a cycle, once it is planned: each from its term, met by the step it names. */
function deadlines(context: BudgetCycleContext): DerivedDeadline[] {
  const { budgetYear, abMeetingOn, terms } = context;
  if (budgetYear === null || abMeetingOn === null) return [];
  const regional = (kind: DerivedDeadline["kind"], term: { dueOn: string; extendedFrom: string | null }) => ({
    kind,
    municipalityId: null,
    dueOn: term.dueOn,
    extendedFrom: term.extendedFrom,
  });
  const result: DerivedDeadline[] = [];
  if (!context.amendment)
    result.push({
      ...regional("kaderbrief", kaderbriefDeadline(budgetYear, terms)),
      metOn: context.kaderbriefSentOn,
      basis: TERM_BASIS.kaderbrief,
    });
  result.push({
    ...regional("draftBudget", draftDeadline(abMeetingOn, terms)),
    metOn: context.draftSentOn,
    basis: TERM_BASIS.draftBudget,
  });
  // Each council's zienswijze, once the draft is with them.
  if (context.draftSentOn) {
    const due = zienswijzeDueOn(abMeetingOn, terms);
    for (const [municipalityId, track] of Object.entries(context.councils))
      result.push({
        kind: "zienswijze",
        municipalityId,
        dueOn: due.dueOn,
        extendedFrom: due.extendedFrom,
        metOn: track.zienswijzeOn,
        basis: TERM_BASIS.zienswijze,
      });
  }
  // Until the AB adopts, the planned meeting stands for the day of adoption. An amendment goes to GS within two
  // weeks of its adoption as the budget does (art. 35 lid 5 applies the budget's procedure to amendments); that it
  // goes to GS at all, and by when, is not verified against the law's text.
  const adoptedOn = context.adoptedOn ?? abMeetingOn;
  result.push(
    context.amendment
      ? {
          ...regional("budgetToGs", toGsDeadline(adoptedOn, null, terms)),
          metOn: context.sentToGsOn,
          basis: TERM_BASIS.amendmentToGs,
        }
      : {
          ...regional("budgetToGs", budgetToGsDeadline(budgetYear, adoptedOn, terms)),
          metOn: context.sentToGsOn,
          basis: TERM_BASIS.budgetToGs,
        },
  );
  if (!context.amendment)
    result.push({
      ...regional("accountsToGs", accountsToGsDeadline(budgetYear, context.accountsAdoptedOn, terms)),
      metOn: context.accountsSentToGsOn,
      basis: TERM_BASIS.accountsToGs,
    });
  return result;
}

const ZIENSWIJZEN_AND_AFTER: ReadonlySet<string> = new Set([
  "budgetZienswijzen",
  "answeringZienswijzen",
  "abAdoption",
  "budgetToGs",
]);

export const budgetCycle: TrailKindModule<BudgetCycleContext> = {
  kind: "BUDGET_CYCLE",
  workflow: budgetCycleWorkflow,
  // Art. 35 lid 3: the DB answers the councils' zienswijzen in writing before it offers them with the draft to the
  // AB, and the AB adopts the budget only then.
  answersRequiredBefore: ["ZIENSWIJZEN_ANSWERED", "BUDGET_ADOPTED"],
  // The cycle of a year, and the years in order, are looked up by these (contribution.server.ts, next-cycle.server.ts).
  listColumns: ({ budgetYear, amendment }) =>
    budgetYear === null ? NO_LIST_COLUMNS : { budgetYear, budgetAmendment: amendment },
  positionSteps: {
    council: { ZIENSWIJZE: "ZIENSWIJZE_GIVEN", NO_RESPONSE: "NO_ZIENSWIJZE" },
    college: {},
    forTheRecord: {},
  },
  councilStatus(context, municipalityId) {
    const t = context.councils[municipalityId];
    if (!t) return { status: "notParticipating", on: null };
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
  // A council's say in the budget is its zienswijze (or that it gives none).
  hasDecided: (context, municipalityId) => (context.councils[municipalityId]?.zienswijze ?? null) !== null,
  stageProgress(state, context, total) {
    // The zienswijzen, while the window is open and, as it closed, until the adopted budget went to GS.
    if (!ZIENSWIJZEN_AND_AFTER.has(state)) return null;
    const done = Object.values(context.councils).filter((t) => t.zienswijze !== null).length;
    return { label: "progress.responded", done, total };
  },
  deadlines,
};
