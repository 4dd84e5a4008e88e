/**
 * What one kind of trail knows of itself, typed on its own machine's context: where each council stands, how far
 * the stage is, when each council received the document, who has decided, and the deadlines its rules derive.
 * Each kind's folder exports one (workflows/<kind>/index.ts); workflows/modules.ts lists them for every TrailKind.
 */
import type { DerivedDeadline } from "../deadlines";
import type { PositionBody, PositionKind } from "../positions";
import type { TrailInput } from "../registry";
import type { CouncilStatus } from "../status";
import type { StageProgress } from "../progress";
import type { CalendarDate } from "./dates";
import type { TrailEvent, TrailKind, WorkflowDefinition } from "./types";

/** A consequence of a step outside the trail, declared as data; the app carries it out in the step's transaction. */
export type TrailEffect = { type: "participationEnds"; municipalityId: string; on: CalendarDate };

/** Which positions are which steps of a kind of trail (workflows/positions.ts). */
export interface PositionSteps {
  /** A council's position of this kind is the workflow event named. */
  council: Partial<Record<PositionKind, string>>;
  /** Likewise a college's. */
  college: Partial<Record<PositionKind, string>>;
  /** On a closed trail, the decisions a municipality that had not decided may still record, for the record. */
  forTheRecord: Partial<Record<PositionBody, readonly PositionKind[]>>;
}

/**
 * Columns of the trail's row that a kind fills from its context, written with the summary in the step's
 * transaction, so that lists and look-ups query them by an index instead of parsing snapshots. Null where the kind
 * (or the trail so far) has no such value.
 */
export interface TrailListColumns {
  /** A budget cycle's budget year, once planned. */
  budgetYear: number | null;
  /** Whether a planned budget cycle is an amendment of its year's budget. */
  budgetAmendment: boolean | null;
}

/** The list columns of a kind that fills none. */
export const NO_LIST_COLUMNS: TrailListColumns = { budgetYear: null, budgetAmendment: null };

export interface TrailKindModule<Context> {
  kind: TrailKind;
  /** Its machine, the machine's version, who may send which event, and the final states (machine.ts). */
  workflow: WorkflowDefinition;
  /** How a stored context of an older version is brought up to the next, by the version it upgrades from. */
  contextUpgrades?: Readonly<Record<number, (stored: Record<string, unknown>) => Record<string, unknown>>>;
  positionSteps: PositionSteps;
  /**
   * Who takes part, of the municipalities participating on the start date (`members`): all of them unless the
   * kind says otherwise (an exit: the one that leaves). Null when the trail cannot start so.
   */
  participants?(members: string[], exiting: string | undefined): string[] | null;
  /** The machine's input: the participants, and what else the kind needs to start (default: the input as is). */
  machineInput?(input: TrailInput): Record<string, unknown>;
  /** What a step just taken changes outside the trail (`context` is after the step). */
  effects?(event: TrailEvent, context: Context): TrailEffect[];
  /**
   * The answer ledger: the steps the board may take only once it has answered every council's zienswijze in
   * writing (app/models/zienswijze-answer.server.ts). None (the default): the kind's zienswijzen get no answer.
   */
  answersRequiredBefore?: readonly string[];
  /** The row's list columns from the context (default: none). */
  listColumns?(context: Context): TrailListColumns;
  councilStatus(context: Context, municipalityId: string): CouncilStatus;
  receivedDates(context: Context): Record<string, string>;
  hasDecided(context: Context, municipalityId: string): boolean;
  /** Progress of the current stage over `total` participants; null where the stage has no councils to count. */
  stageProgress(state: string, context: Context, total: number): StageProgress | null;
  deadlines(context: Context): DerivedDeadline[];
}

/** A kind's module as the app calls it: with a persisted snapshot's context, which that kind's machine wrote. */
export type StoredContextModule = Required<TrailKindModule<Record<string, unknown>>>;

/**
 * The one place a stored context meets its kind's type: a snapshot's context was written by the machine of the
 * trail's kind (the registry restores it with that machine), so each operation reads it as that kind's context.
 */
export function forStoredContext<Context>(module: TrailKindModule<Context>): StoredContextModule {
  const typed = (context: Record<string, unknown>) => context as Context;
  return {
    kind: module.kind,
    workflow: module.workflow,
    contextUpgrades: module.contextUpgrades ?? {},
    positionSteps: module.positionSteps,
    machineInput: (input) => module.machineInput?.(input) ?? input,
    participants: (members, exiting) => (module.participants ? module.participants(members, exiting) : members),
    effects: (event, context) => module.effects?.(event, typed(context)) ?? [],
    answersRequiredBefore: module.answersRequiredBefore ?? [],
    listColumns: (context) => module.listColumns?.(typed(context)) ?? NO_LIST_COLUMNS,
    councilStatus: (context, municipalityId) => module.councilStatus(typed(context), municipalityId),
    receivedDates: (context) => module.receivedDates(typed(context)),
    hasDecided: (context, municipalityId) => module.hasDecided(typed(context), municipalityId),
    stageProgress: (state, context, total) => module.stageProgress(state, typed(context), total),
    deadlines: (context) => module.deadlines(typed(context)),
  };
}
