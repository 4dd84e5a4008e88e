/**
 * Shared driver for the model-based tests. The XState graph utilities explore
 * every reachable snapshot of a machine (with the events a test offers):
 * - every shortest path is replayed against the pure machine in memory, with
 *   the invariants checked after every step;
 * - a deterministic sample of paths that passes through every state and takes
 *   every transition (state, event type, next state) at least once is replayed
 *   through the real persistence layer (sendTrailEvent) on the test database,
 *   and the stored result is compared with the machine's own.
 */
import { expect } from "vitest";
import { createActor, type AnyStateMachine, type EventObject } from "xstate";
import { getAdjacencyMap, serializeSnapshot } from "xstate/graph";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail } from "./trail";
import { toDateInputValue } from "~/utils/format";
import { stateName, WORKFLOWS, type PersistedSnapshot } from "~workflows/registry";
import { receivedDates } from "~workflows/status";
import type { TrailKind } from "~workflows/shared/types";
import { expectTalliesMatchRows } from "./tallies";

export interface ModelRun {
  kind: TrailKind;
  participants: string[];
  /** The events to try in a snapshot (the graph keeps those the machine accepts). */
  events: (snapshot: { context: unknown; value: unknown }) => EventObject[];
  /** Who sends an event: a secretary, or the clerk/alderman of the municipality it names. */
  actorFor: (event: EventObject & { municipalityId?: string }) => Actor;
  /** Checked on the snapshot after every step, in memory and as stored. */
  invariant: (snapshot: PersistedSnapshot) => void;
  /** Stops the traversal where a cycle would otherwise grow the context forever. */
  stopWhen?: (snapshot: { context: never; value: unknown }) => boolean;
  /** The trail's start (default 2024-01-01): the events' dates may lie from half a year before it. */
  startedOn?: string;
}

type Snapshot = { value: unknown; context: unknown };
export interface Step {
  event: EventObject;
  state: Snapshot;
}
export interface Path {
  steps: Step[];
}

export interface WorkflowGraph {
  /** The shortest path to every reachable snapshot. */
  paths: Path[];
  /** Paths that together reach every state and take every transition. */
  sample: Path[];
  /** Every transition of the graph as "state -EVENT-> state". */
  transitions: Set<string>;
  /** The machine's own top-level states. */
  states: Set<string>;
}

const transitionName = (from: Snapshot, event: EventObject, to: Snapshot) =>
  `${stateName(from)} -${event.type}-> ${stateName(to)}`;

/** The transitions a set of paths takes. */
export function transitionsTaken(paths: Path[]): Set<string> {
  const taken = new Set<string>();
  for (const path of paths) {
    for (let i = 1; i < path.steps.length; i++)
      taken.add(transitionName(path.steps[i - 1]!.state, path.steps[i]!.event, path.steps[i]!.state));
  }
  return taken;
}

/** Every state a set of paths passes through. */
export function statesVisited(paths: Path[]): Set<string> {
  return new Set(paths.flatMap((p) => p.steps.map((s) => stateName(s.state))));
}

export function workflowGraph(run: ModelRun): WorkflowGraph {
  const machine = WORKFLOWS[run.kind].machine as AnyStateMachine;
  const adjacency = getAdjacencyMap(machine, {
    events: (snapshot: Snapshot) => run.events(snapshot),
    // Only events the machine accepts are edges; a refused one would be a self-loop.
    filterEvents: (snapshot: { can(event: EventObject): boolean }, event: EventObject) => snapshot.can(event),
    input: { participants: run.participants, exiting: run.participants[0] },
    stopWhen: run.stopWhen,
  } as never) as unknown as Record<
    string,
    { state: Snapshot; transitions: Record<string, { event: EventObject; state: Snapshot }> }
  >;

  // Breadth first from the initial snapshot: the shortest path to each one.
  const keys = Object.keys(adjacency);
  const initial = keys[0]!;
  const pathTo = new Map<string, Step[]>([
    [initial, [{ event: { type: "xstate.init" }, state: adjacency[initial]!.state }]],
  ]);
  const queue = [initial];
  while (queue.length) {
    const key = queue.shift()!;
    for (const { event, state } of Object.values(adjacency[key]!.transitions)) {
      const next = serializeSnapshot(state as never);
      if (pathTo.has(next)) continue;
      pathTo.set(next, [...pathTo.get(key)!, { event, state }]);
      queue.push(next);
    }
  }
  expect(pathTo.size, "every snapshot of the graph has a path").toBe(keys.length);
  const paths = [...pathTo.values()].map((steps) => ({ steps }));

  // For each transition, the shortest way to take it: the path to its nearest source plus the edge.
  const cheapest = new Map<string, Step[]>();
  for (const key of keys) {
    const { state: from, transitions } = adjacency[key]!;
    for (const { event, state: to } of Object.values(transitions)) {
      const name = transitionName(from, event, to);
      const steps = [...pathTo.get(key)!, { event, state: to }];
      if (!cheapest.has(name) || cheapest.get(name)!.length > steps.length) cheapest.set(name, steps);
    }
  }
  // Longest first (then by name, so the sample is the same every run); a path adding no transition is left out.
  const candidates = [...cheapest.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([, steps]) => steps);
  const sample: Path[] = [];
  const covered = new Set<string>();
  for (const steps of candidates) {
    const before = covered.size;
    for (let i = 1; i < steps.length; i++)
      covered.add(transitionName(steps[i - 1]!.state, steps[i]!.event, steps[i]!.state));
    if (covered.size > before) sample.push({ steps });
  }
  return { paths, sample, transitions: new Set(cheapest.keys()), states: new Set(Object.keys(machine.root.states)) };
}

/** Replays one path against the pure machine, checking each snapshot and the invariants. */
export function replayInMemory(run: ModelRun, path: Path) {
  const machine = WORKFLOWS[run.kind].machine as AnyStateMachine;
  const actor = createActor(machine, {
    input: { participants: run.participants, exiting: run.participants[0] },
  }).start();
  for (const { event, state } of path.steps) {
    if (event.type !== "xstate.init") actor.send(event);
    const snapshot = actor.getSnapshot() as PersistedSnapshot;
    expect(snapshot.value).toEqual(state.value);
    expect(snapshot.context).toEqual(state.context);
    run.invariant(snapshot);
  }
  actor.stop();
}

/** Replays one path through the database and checks state, context, audit events and invariants. */
export async function replay(run: ModelRun, path: Path) {
  const trail = await createTrail(run.kind, run.participants, { startedOn: run.startedOn });
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
    // The participant rows carry each council's receipt as the machine has it (sending marks them all).
    const rows = await prisma.trailParticipant.findMany({ where: { trailId: trail.id } });
    expect(
      Object.fromEntries(
        rows.filter((r) => r.receivedAt).map((r) => [r.municipalityId, toDateInputValue(r.receivedAt!)]),
      ),
    ).toEqual(receivedDates(run.kind, snapshot.context));
  }
  const steps = path.steps.filter((s) => s.event.type !== "xstate.init").length;
  const events = await prisma.event.findMany({ where: { trailId: trail.id, type: { startsWith: "workflow." } } });
  expect(events).toHaveLength(steps);
  return trail.id;
}

/**
 * The model-based checks of a machine: every path in memory, the sample's
 * coverage of the graph, and the sample through the database.
 */
export async function checkModel(run: ModelRun, expectedStates: string[]) {
  const graph = workflowGraph(run);
  // Every state the machine declares is reachable with the events offered.
  expect(graph.states).toEqual(new Set(expectedStates));
  expect(statesVisited(graph.paths)).toEqual(graph.states);
  for (const path of graph.paths) replayInMemory(run, path);
  // The sample reaches every state and takes every transition of the graph.
  expect(statesVisited(graph.sample)).toEqual(graph.states);
  expect(transitionsTaken(graph.sample)).toEqual(graph.transitions);
  for (const path of graph.sample) await replay(run, path);
  // Every state entered and left through the database: the open trails per kind and state the triggers count
  // (tally.server.ts) are still the rows'.
  await expectTalliesMatchRows();
  return graph;
}
