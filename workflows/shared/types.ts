/**
 * What every trail workflow shares. Machines in workflows/ are pure: no I/O,
 * no clock, no timers (delays do not survive a restore). The app supplies
 * dates in events and persists snapshots (app/models/trail-workflow.server.ts).
 */
import type { AnyStateMachine } from "xstate";
import type { z } from "zod";

export type Role = "SECRETARY" | "CLERK" | "ALDERMAN" | "ADMIN";
/**
 * The kinds of trail: the one list that the registry (satisfies Record<TrailKind, …>), the form and query schemas
 * and the OpenAPI description take theirs from. Prisma's enum TrailKind must say the same (workflows/kinds.test.ts).
 */
export const TRAIL_KINDS = ["VISION", "PROCUREMENT", "GR_AMENDMENT", "EXIT", "BUDGET_CYCLE"] as const;
export type TrailKind = (typeof TRAIL_KINDS)[number];

/** Who may send an event: these roles; for a municipality's event, clerks and aldermen only for their own. */
export interface EventPolicy {
  roles: readonly Role[];
  /** The event names a municipality (its council or college) and is scoped to it. */
  perMunicipality: boolean;
  /** The event's payload beyond its type (and municipalityId), validated before it reaches the machine. */
  payload: z.ZodObject;
  /**
   * A payload that passes the schema, used to ask the machine whether the
   * event is possible now (given the trail's context when a fixed one won't do).
   */
  probe: Record<string, unknown> | ((context: never) => Record<string, unknown>);
  /**
   * The step records a day that has passed (a draft sent, a term closed): its `on` may not lie after today
   * (Amsterdam), and this i18n key (validation.*) says so when it does. A day ahead would start or close a
   * council's term in the future. Steps whose day may be set ahead (an amendment's entry into force, an exit
   * taking effect, the AB meeting of a budget) leave it out; so do steps recorded as positions, whose meeting day
   * is checked in app/models/position.server.ts.
   */
  pastOnly?: string;
}

export interface WorkflowDefinition {
  kind: TrailKind;
  /** Bumped when the machine changes in a way old snapshots need migrating for. */
  version: number;
  machine: AnyStateMachine;
  policies: Record<string, EventPolicy>;
  /** Final states that close the trail. */
  finalStates: readonly string[];
  /**
   * The regional, dated event by which the document goes to the councils and
   * asks them (the trail starts in a preparation state before it). It marks
   * every participating council as having received the document on that date;
   * sending a council document of the trail sends it (app/models/document.server.ts).
   */
  sendToCouncils: string;
  /** Steps a municipality may take but that are no outstanding work (a clerk correcting the presumed receipt). */
  optionalEvents?: readonly string[];
  /** Why the machine refuses an event in this snapshot, as a stable code (i18n `refusals.<code>`) and its values. */
  explainRefusal: (snapshot: { value: unknown; context: never }, event: TrailEvent) => Refusal | null;
}

/** A refusal of the workflow's rules: a stable code and the values its message names. */
export interface Refusal {
  reason: string;
  values?: Record<string, string>;
}

/** An event as the app sends it to a trail machine. */
export interface TrailEvent {
  type: string;
  municipalityId?: string;
  [key: string]: unknown;
}
