/**
 * The workflow of each trail kind, the pure operations the app needs on a
 * persisted snapshot, and the migrations that keep older snapshots loading.
 */
import { createActor, type AnyMachineSnapshot, type Snapshot } from "xstate";
import { KIND_MODULES } from "./modules";
import type { EventPolicy, Refusal, Role, TrailEvent, TrailKind, WorkflowDefinition } from "./shared/types";

/** Each kind's workflow, from its module (workflows/<kind>/index.ts). */
export const WORKFLOWS = Object.fromEntries(
  Object.entries(KIND_MODULES).map(([kind, module]) => [kind, module.workflow]),
) as Record<TrailKind, WorkflowDefinition>;

/** The message key when a step's day lies after today, for a step that records a day that has passed (else none). */
export function pastOnlyMessage(kind: TrailKind, type: string): string | undefined {
  return WORKFLOWS[kind].policies[type]?.pastOnly;
}

/** The fields of an event's form, from the event's own payload schema (none for an event the kind does not have). */
export function eventFields(kind: TrailKind, type: string): string[] {
  return Object.keys(WORKFLOWS[kind].policies[type]?.payload.shape ?? {});
}

export type PersistedSnapshot = Snapshot<unknown> & { value: unknown; context: Record<string, unknown> };

/** What a trail's machine needs to start: its participants (and for an exit, who leaves). */
export interface TrailInput {
  participants: string[];
  [key: string]: unknown;
}

export function initialSnapshot(kind: TrailKind, input: TrailInput): PersistedSnapshot {
  const actor = createActor(WORKFLOWS[kind].machine, { input: KIND_MODULES[kind].machineInput(input) });
  actor.start();
  const snapshot = actor.getPersistedSnapshot() as PersistedSnapshot;
  actor.stop();
  return snapshot;
}

/** The top-level state of a snapshot, as stored on the trail row for lists and filters. */
export function stateName(snapshot: { value: unknown }): string {
  return typeof snapshot.value === "string" ? snapshot.value : Object.keys(snapshot.value as object)[0]!;
}

function restored(kind: TrailKind, persisted: PersistedSnapshot) {
  const actor = createActor(WORKFLOWS[kind].machine, { snapshot: persisted });
  actor.start();
  return actor;
}

export function currentSnapshot(kind: TrailKind, persisted: PersistedSnapshot): AnyMachineSnapshot {
  const actor = restored(kind, persisted);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

export type StepResult =
  { accepted: true; snapshot: PersistedSnapshot; state: string; done: boolean } | { accepted: false; refusal: Refusal };

/**
 * Why the machine refuses an event, as a stable code: the trail is closed; the
 * step does not belong to the current stage (with the steps it does expect);
 * or one of the step's own conditions (the definition's explainRefusal).
 */
export function refusalOf(kind: TrailKind, snapshot: AnyMachineSnapshot, event: TrailEvent): Refusal {
  const state = stateName(snapshot);
  if (snapshot.status === "done") return { reason: "trailClosed", values: { state } };
  const definition = WORKFLOWS[kind];
  const accepted = snapshot._nodes.some((node) => event.type in node.on);
  if (!accepted) return { reason: "notInThisStage", values: { state } };
  return definition.explainRefusal(snapshot as never, event) ?? { reason: "conditionNotMet", values: { state } };
}

/** Restore, check, send, persist: the machine's answer to one event, without side effects. */
export function step(kind: TrailKind, persisted: PersistedSnapshot, event: TrailEvent): StepResult {
  const actor = restored(kind, persisted);
  try {
    if (!actor.getSnapshot().can(event))
      return { accepted: false, refusal: refusalOf(kind, actor.getSnapshot(), event) };
    actor.send(event);
    const after = actor.getSnapshot();
    const snapshot = actor.getPersistedSnapshot() as PersistedSnapshot;
    return { accepted: true, snapshot, state: stateName(after), done: after.status === "done" };
  } finally {
    actor.stop();
  }
}

export interface ActorScope {
  role: Role;
  municipalityId: string | null;
}

/** Whether this user may send this event (the machine decides separately whether it fits now). */
export function mayActorSend(policy: EventPolicy, actor: ActorScope, municipalityId: string | undefined): boolean {
  if (!policy.roles.includes(actor.role)) return false;
  if (!policy.perMunicipality) return true;
  if (!municipalityId) return false;
  // Clerks and aldermen act only for their own municipality; a secretary may record for any.
  return actor.role === "SECRETARY" || actor.municipalityId === municipalityId;
}

export interface AvailableEvent {
  type: string;
  municipalityId?: string;
}

/** The events this user may send now: allowed by policy and accepted by the machine. */
/** With actor null: every event the machine accepts now, whoever may send it, that is work still to do. */
export function availableEvents(
  kind: TrailKind,
  persisted: PersistedSnapshot,
  actor: ActorScope | null,
): AvailableEvent[] {
  const definition = WORKFLOWS[kind];
  const snapshot = currentSnapshot(kind, persisted);
  if (snapshot.status === "done") return [];
  const participants = (persisted.context.participants as string[] | undefined) ?? [];
  const result: AvailableEvent[] = [];
  for (const [type, policy] of Object.entries(definition.policies)) {
    // What is still to do, whoever does it, leaves out the optional steps.
    if (!actor && definition.optionalEvents?.includes(type)) continue;
    const probe =
      typeof policy.probe === "function"
        ? (policy.probe as (c: unknown) => Record<string, unknown>)(persisted.context)
        : policy.probe;
    const targets = policy.perMunicipality ? participants : [undefined];
    for (const municipalityId of targets) {
      if (actor && !mayActorSend(policy, actor, municipalityId)) continue;
      const event = { type, ...probe, ...(municipalityId ? { municipalityId } : {}) };
      if (snapshot.can(event)) result.push(municipalityId ? { type, municipalityId } : { type });
    }
  }
  return result;
}

/**
 * Brings a snapshot made by an older definition up to date. Version 0 is a
 * trail from before the workflows ran (the foundation release stored only the
 * state name): its snapshot is rebuilt at that state with a fresh context.
 */
export function upgradeSnapshot(
  kind: TrailKind,
  stored: { snapshot: PersistedSnapshot | null; version: number; state: string },
  input: TrailInput,
): { snapshot: PersistedSnapshot; version: number } {
  const definition = WORKFLOWS[kind];
  let { snapshot, version } = stored;
  if (snapshot === null || version === 0) {
    const fresh = initialSnapshot(kind, input);
    const resolved = definition.machine.resolveState({ value: stored.state, context: fresh.context });
    const actor = createActor(definition.machine, { snapshot: resolved });
    snapshot = actor.getPersistedSnapshot() as PersistedSnapshot;
    version = 1;
  }
  if (version > definition.version) {
    throw new Error(`Snapshot version ${version} is newer than the ${kind} workflow (version ${definition.version})`);
  }
  // Each older version's context up to the next (the kind's module says how: vision, procurement and exit to 2).
  const upgrades = KIND_MODULES[kind].contextUpgrades;
  while (version < definition.version) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new Error(`No upgrade of a ${kind} snapshot from version ${version}`);
    snapshot = { ...snapshot, context: upgrade(snapshot.context) };
    version += 1;
  }
  return { snapshot, version };
}
