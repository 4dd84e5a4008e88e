/**
 * Shared driver for the model-based tests: every path the XState graph
 * utilities find is replayed through the real persistence layer
 * (sendTrailEvent on a migrated SQLite database), and the stored result is
 * compared with the machine's own.
 */
import { expect } from "vitest";
import type { AnyStateMachine, EventObject } from "xstate";
import { createTestModel } from "xstate/graph";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail } from "./trail";
import { stateName, WORKFLOWS, type PersistedSnapshot } from "../../workflows/registry";
import type { TrailKind } from "../../workflows/shared/types";

export interface ModelRun {
  kind: TrailKind;
  participants: string[];
  /** The events to try in a snapshot (the graph keeps those the machine accepts). */
  events: (snapshot: { context: unknown; value: unknown }) => EventObject[];
  /** Who sends an event: a secretary, or the clerk/alderman of the municipality it names. */
  actorFor: (event: EventObject & { municipalityId?: string }) => Actor;
  /** Checked on the stored snapshot after every step. */
  invariant: (snapshot: PersistedSnapshot) => void;
  /** Stops the traversal where a cycle would otherwise grow the context forever. */
  stopWhen?: (snapshot: { context: never; value: unknown }) => boolean;
}

export function pathsOf(run: ModelRun, kind: "shortest" | "simple" = "shortest") {
  const machine = WORKFLOWS[run.kind].machine as AnyStateMachine;
  const model = createTestModel(machine);
  const options = {
    events: (snapshot: { context: unknown; value: unknown }) => run.events(snapshot),
    // Only events the machine accepts are edges; a refused one would be a self-loop.
    filterEvents: (snapshot: { can(event: EventObject): boolean }, event: EventObject) => snapshot.can(event),
    input: { participants: run.participants, exiting: run.participants[0] },
    stopWhen: run.stopWhen,
  };
  return kind === "shortest" ? model.getShortestPaths(options as never) : model.getSimplePaths(options as never);
}

/** Every state a set of paths passes through. */
export function statesVisited(paths: { steps: { state: { value: unknown } }[] }[]): Set<string> {
  return new Set(paths.flatMap((p) => p.steps.map((s) => stateName(s.state))));
}

/** Replays one path through the database and checks state, context, audit events and invariants. */
export async function replay(run: ModelRun, path: { steps: { event: EventObject; state: { value: unknown; context: unknown } }[] }) {
  const trail = await createTrail(run.kind, run.participants);
  let revision = trail.revision;
  for (const { event, state } of path.steps) {
    if (event.type === "xstate.init") continue;
    const { type, municipalityId, ...fields } = event as EventObject & { municipalityId?: string };
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, municipalityId, fields },
      run.actorFor(event as EventObject & { municipalityId?: string }),
    );
    expect(result, `${type} ${municipalityId ?? ""}`).toMatchObject({ ok: true });
    if (!result.ok) return;
    revision = result.revision;
    const stored = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    const snapshot = JSON.parse(stored.snapshot!) as PersistedSnapshot;
    expect(stored.state).toBe(stateName(state));
    expect(snapshot.context).toEqual(state.context);
    run.invariant(snapshot);
  }
  const steps = path.steps.filter((s) => s.event.type !== "xstate.init").length;
  const events = await prisma.event.findMany({ where: { trailId: trail.id, type: { startsWith: "workflow." } } });
  expect(events).toHaveLength(steps);
  return trail.id;
}
