/**
 * The terms of the budget cycle of a joint arrangement (Wgr art. 34, 34b, 35, as they stand since 1 July 2022),
 * each a parameter of the arrangement with the law's default and its article, and the deadlines they give for one
 * budget year. A day the law names (30 April, 15 September, 15 July) and a term the law counts forward (two weeks
 * after adoption) that end on a Saturday, Sunday or holiday run on to the next working day (Algemene termijnenwet
 * art. 1 lid 1); the twelve weeks before the AB meeting are counted back and do not move (art. 1 lid 2), nor does a
 * date the arrangement itself sets (the Atw covers terms set in a law only).
 */
import { addWeeks, atwTermEnd, type CalendarDate, type LegalTerm, type TermEnd } from "../shared/dates";

/** A day of the year, "MM-DD". */
export type MonthDay = `${number}-${number}`;

export interface BudgetTerms {
  /** Kaderbrief and provisional accounts to the councils before this day of the year before the budget year. */
  kaderbriefBy: MonthDay;
  /** The draft budget goes to the councils at least this many weeks before the AB adopts it. */
  draftWeeksBeforeAb: number;
  /** The councils' zienswijzen are due this many weeks before the AB meeting (the arrangement sets the date). */
  zienswijzeWeeksBeforeAb: number;
  /** The adopted budget, and the adopted accounts, go to Gedeputeerde Staten within this many weeks of adoption. */
  toGsWeeksAfterAdoption: number;
  /** ... and the budget at the latest by this day of the year before the budget year. */
  budgetToGsBy: MonthDay;
  /** ... and the accounts at the latest by this day of the year after the budget year. */
  accountsToGsBy: MonthDay;
}

/**
 * The law's terms (checked against the table of the 2022 amendment in "Tijdwinst nieuwe begrotingscyclus",
 * gemeente.nu, and the parallel art. 58; the current text of arts. 34, 34b and 35 itself was not at hand).
 * - The draft goes out twelve weeks before it is offered to the AB (art. 35 lid 1). The app counts them back from
 *   the AB meeting, since the day the meeting papers go out is not recorded: an arrangement whose papers go out two
 *   weeks ahead sets 14.
 * - The Wgr names no last day for the councils' zienswijzen: they give them in those twelve weeks, and the DB adds
 *   them to the draft offered to the AB (art. 35 lid 3). The ministry (BZK) asks the board and the councils to agree
 *   that day; the default leaves the DB two weeks to answer them before the meeting.
 */
export const STATUTORY_BUDGET_TERMS: BudgetTerms = {
  kaderbriefBy: "04-30",
  draftWeeksBeforeAb: 12,
  zienswijzeWeeksBeforeAb: 2,
  toGsWeeksAfterAdoption: 2,
  budgetToGsBy: "09-15",
  accountsToGsBy: "07-15",
};

/** Where each term comes from, as the deadline shows it. */
export const TERM_BASIS = {
  kaderbrief: "Wgr art. 34b: kaderbrief en voorlopige jaarrekening vóór 30 april naar de raden",
  draftBudget: "Wgr art. 35 lid 1: ontwerpbegroting twaalf weken vóór de aanbieding aan het AB naar de raden",
  zienswijze:
    "Wgr art. 35 lid 1-3: zienswijze in de twaalf weken vóór de aanbieding aan het AB; uiterste datum volgens afspraak (standaard twee weken vóór de AB-vergadering)",
  budgetToGs: "Wgr art. 34 lid 2: begroting binnen twee weken na vaststelling en vóór 15 september naar GS",
  amendmentToGs: "Wgr art. 34: begrotingswijziging binnen twee weken na vaststelling naar GS",
  accountsToGs: "Wgr art. 34: jaarstukken binnen twee weken na vaststelling en vóór 15 juli naar GS",
} as const;

/**
 * A day a law names: the Atw moves it when it is a rest day (art. 1 lid 1). Art. 4 leaves out long terms by their
 * length; a named day has none, so it is given as a term of no length in days.
 */
const DAY_SET_BY_LAW: LegalTerm = { setByLaw: true, countedBack: false, length: 0, unit: "days" };

/** A day the law names in a year, after the Atw. */
export function statutoryDay(year: number, day: MonthDay): TermEnd {
  return atwTermEnd(`${year}-${day}`, DAY_SET_BY_LAW);
}

/** Kaderbrief and provisional accounts to the councils (art. 34b): the named day of the year before the budget year. */
export function kaderbriefDeadline(budgetYear: number, terms: BudgetTerms = STATUTORY_BUDGET_TERMS): TermEnd {
  return statutoryDay(budgetYear - 1, terms.kaderbriefBy);
}

/** The latest day the draft budget goes to the councils: counted back from the AB meeting, so never moved. */
export function draftDeadline(abMeetingOn: CalendarDate, terms: BudgetTerms = STATUTORY_BUDGET_TERMS): TermEnd {
  const weeks = terms.draftWeeksBeforeAb;
  return atwTermEnd(addWeeks(abMeetingOn, -weeks), { setByLaw: true, countedBack: true, length: weeks, unit: "weeks" });
}

/** The councils' zienswijzen: a date of the arrangement, counted back from the AB meeting, so never moved. */
export function zienswijzeDueOn(abMeetingOn: CalendarDate, terms: BudgetTerms = STATUTORY_BUDGET_TERMS): TermEnd {
  const weeks = terms.zienswijzeWeeksBeforeAb;
  return atwTermEnd(addWeeks(abMeetingOn, -weeks), {
    setByLaw: false,
    countedBack: true,
    length: weeks,
    unit: "weeks",
  });
}

/**
 * To Gedeputeerde Staten: within the weeks after adoption (a term counted forward), and by the named day when
 * there is one; whichever comes first, each after the Atw.
 */
export function toGsDeadline(
  adoptedOn: CalendarDate,
  latest: { year: number; day: MonthDay } | null,
  terms: BudgetTerms = STATUTORY_BUDGET_TERMS,
): TermEnd {
  const weeks = terms.toGsWeeksAfterAdoption;
  const afterAdoption = atwTermEnd(addWeeks(adoptedOn, weeks), {
    setByLaw: true,
    countedBack: false,
    length: weeks,
    unit: "weeks",
  });
  if (!latest) return afterAdoption;
  const named = statutoryDay(latest.year, latest.day);
  return named.dueOn < afterAdoption.dueOn ? named : afterAdoption;
}

/** The adopted budget to GS (art. 34), by the named day of the year before the budget year. */
export function budgetToGsDeadline(
  budgetYear: number,
  adoptedOn: CalendarDate,
  terms: BudgetTerms = STATUTORY_BUDGET_TERMS,
): TermEnd {
  return toGsDeadline(adoptedOn, { year: budgetYear - 1, day: terms.budgetToGsBy }, terms);
}

/** The adopted accounts to GS (art. 34); before their adoption, the named day of the year after the budget year. */
export function accountsToGsDeadline(
  budgetYear: number,
  adoptedOn: CalendarDate | null,
  terms: BudgetTerms = STATUTORY_BUDGET_TERMS,
): TermEnd {
  const latest = { year: budgetYear + 1, day: terms.accountsToGsBy };
  return adoptedOn ? toGsDeadline(adoptedOn, latest, terms) : statutoryDay(latest.year, latest.day);
}
