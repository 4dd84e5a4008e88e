/**
 * Trails as persisted workflows: every transition restores the snapshot,
 * sends the event, and stores the new snapshot, the audit event and the
 * derived deadlines in one transaction, guarded by the trail's revision
 * (optimistic concurrency: a moved revision is a clean conflict, nothing
 * written).
 */
import type { Prisma, TrailKind } from "~/generated/prisma/client";
import { checkDate, DATE_RANGES, outOfRange, todayInAmsterdam, type DateRange } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { deriveDeadlines, MILESTONE_KINDS, type DerivedDeadline } from "~workflows/deadlines";
import { KINDS_TO_PROCESS } from "~workflows/positions";
import { KIND_MODULES } from "~workflows/modules";
import {
  availableEvents,
  initialSnapshot,
  mayActorSend,
  pastOnlyMessage,
  stateName,
  step,
  WORKFLOWS,
  type AvailableEvent,
  type PersistedSnapshot,
} from "~workflows/registry";
import type { TrailEvent } from "~workflows/shared/types";
import { appendEvent, appendEvents, type EventInput } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import { deliverSoon } from "./mail-outbox.server";
import { actorName, notifyCouncils, notifyFollowers, settleReminders } from "./notification.server";
import { participatesOn } from "./municipality.server";
import { indexTrail, indexTrailClosed } from "./search.server";
import { storedSnapshot } from "./stored-snapshot.server";
import {
  clearAwaitingProcessing,
  participantSummarySelect,
  refreshTrailSummary,
  sameTime,
  summarise,
  writeParticipantSummaries,
} from "./trail-summary.server";
import { unansweredBlocking } from "./zienswijze-answer.server";

type Tx = Prisma.TransactionClient;

export type WorkflowError =
  | { ok: false; status: 400; code: "unknown_event" | "invalid_payload"; issues?: Record<string, string[]> }
  | { ok: false; status: 403; code: "forbidden_event" }
  | { ok: false; status: 404; code: "trail_not_found" }
  | { ok: false; status: 409; code: "revision_conflict"; currentRevision: number }
  | {
      ok: false;
      status: 422;
      code: "event_not_accepted";
      state: string;
      /** Why, as a stable code (i18n `refusals.<reason>`), with the dates or names its message uses. */
      reason: string;
      values?: Record<string, string>;
    }
  | { ok: false; status: 422; code: "positions_unprocessed"; state: string; unprocessed: number }
  | { ok: false; status: 422; code: "zienswijzen_unanswered"; state: string; unanswered: number };

/** `closed`: the step closed the trail (or left it closed). */
export type TransitionResult = { ok: true; state: string; revision: number; closed: boolean } | WorkflowError;

export interface TransitionRequest {
  trailId: string;
  /** The revision the user saw; the write fails with 409 when it moved. */
  expectedRevision: number;
  type: string;
  municipalityId?: string;
  /** Raw fields of the event (validated against the event's schema here). */
  fields: Record<string, unknown>;
}

/** A trail's current snapshot (upgraded), read inside the caller's transaction. */
export async function trailSnapshot(tx: Tx, trailId: string) {
  const trail = await tx.trail.findUniqueOrThrow({
    where: { id: trailId },
    include: { participants: { select: { municipalityId: true } } },
  });
  return storedSnapshot(trail).snapshot;
}

/** Checks authorisation and payload; the machine's own rules are checked in the transaction. */
export function prepareEvent(
  kind: TrailKind,
  request: TransitionRequest,
  actor: Actor,
): { ok: true; event: TrailEvent } | WorkflowError {
  const policy = WORKFLOWS[kind].policies[request.type];
  if (!policy) return { ok: false, status: 400, code: "unknown_event" };
  if (!mayActorSend(policy, actor, request.municipalityId)) return { ok: false, status: 403, code: "forbidden_event" };
  // Only the event's own fields are read; absent optional fields stay absent.
  const known = Object.fromEntries(
    Object.keys(policy.payload.shape)
      .filter((key) => request.fields[key] !== undefined && request.fields[key] !== "")
      .map((key) => [key, request.fields[key]]),
  );
  const parsed = policy.payload.strict().safeParse(known);
  if (!parsed.success) {
    const issues: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (issues[String(issue.path[0] ?? "")] ??= []).push(issue.message);
    return { ok: false, status: 400, code: "invalid_payload", issues };
  }
  return {
    ok: true,
    event: {
      type: request.type,
      ...(policy.perMunicipality ? { municipalityId: request.municipalityId } : {}),
      ...parsed.data,
    },
  };
}

/** A trail's deadlines as a step reads them: the derived ones to compare, the open target dates to summarise. */
const stepDeadlineSelect = {
  id: true,
  municipalityId: true,
  kind: true,
  label: true,
  dueAt: true,
  extendedFrom: true,
  metAt: true,
  basis: true,
} satisfies Prisma.DeadlineSelect;

/** The trail's own columns a step reads. */
export const stepTrailRowSelect = {
  id: true,
  kind: true,
  state: true,
  snapshot: true,
  machineVersion: true,
  revision: true,
  title: true,
  startedAt: true,
} satisfies Prisma.TrailSelect;

/** What a step reads of its trail, once: the row, the participants' summary columns, every deadline. */
const stepTrailSelect = {
  ...stepTrailRowSelect,
  participants: { select: participantSummarySelect },
  deadlines: { select: stepDeadlineSelect },
} satisfies Prisma.TrailSelect;

export type StepTrail = Prisma.TrailGetPayload<{ select: typeof stepTrailSelect }>;

/** The rest of a step's trail, for a caller that read the row itself: two statements. */
export async function readStepTrailRelations(
  tx: Tx,
  trailId: string,
): Promise<Pick<StepTrail, "participants" | "deadlines">> {
  const participants = await tx.trailParticipant.findMany({ where: { trailId }, select: participantSummarySelect });
  const deadlines = await tx.deadline.findMany({ where: { trailId }, select: stepDeadlineSelect });
  return { participants, deadlines };
}

/** A council's open deadline that a step set or moved: its clerks are told (deadlineSet, deadlineMoved). */
interface DeadlineChange {
  municipalityId: string;
  kind: string;
  dueOn: string;
  /** The day it was due before it moved; null for a new deadline. */
  from: string | null;
}

/**
 * Brings the deadlines the workflow derives (not the secretaries' target dates) to `derived`: a stored one
 * that already says the same is left alone, one of the same council and kind that changed is updated, the
 * rest are deleted or created. A step that changes no deadline writes none. Returns the councils' open
 * deadlines that are new or due on another day.
 */
async function syncDerivedDeadlines(
  tx: Tx,
  trailId: string,
  stored: StepTrail["deadlines"],
  derived: DerivedDeadline[],
): Promise<DeadlineChange[]> {
  const left = stored.filter((d) => d.kind !== "target");
  const create: Prisma.DeadlineCreateManyInput[] = [];
  const changes: DeadlineChange[] = [];
  /** Stored deadlines this step met, by the day their reminders named. */
  const met: { kind: string; municipalityId: string | null; dueOn: string }[] = [];
  const change = (d: DerivedDeadline, from: Date | null) => {
    if (d.municipalityId && !d.metOn)
      changes.push({
        municipalityId: d.municipalityId,
        kind: d.kind,
        dueOn: d.dueOn,
        from: from && toDateInputValue(from),
      });
  };
  for (const d of derived) {
    const row = {
      municipalityId: d.municipalityId,
      kind: d.kind,
      label: d.kind,
      dueAt: fromDateInputValue(d.dueOn),
      extendedFrom: d.extendedFrom ? fromDateInputValue(d.extendedFrom) : null,
      metAt: d.metOn ? fromDateInputValue(d.metOn) : null,
      basis: d.basis,
    };
    const same = (s: (typeof left)[number]) => s.municipalityId === row.municipalityId && s.kind === row.kind;
    const index = left.findIndex(same);
    if (index < 0) {
      create.push({ trailId, ...row });
      change(d, null);
      continue;
    }
    const [now] = left.splice(index, 1);
    if (!sameTime(now!.dueAt, row.dueAt)) change(d, now!.dueAt);
    const unchanged =
      now!.label === row.label &&
      now!.basis === row.basis &&
      sameTime(now!.dueAt, row.dueAt) &&
      sameTime(now!.extendedFrom, row.extendedFrom) &&
      sameTime(now!.metAt, row.metAt);
    if (!unchanged) await tx.deadline.update({ where: { id: now!.id }, data: row });
    if (now!.metAt === null && row.metAt !== null)
      met.push({ kind: row.kind, municipalityId: row.municipalityId, dueOn: toDateInputValue(now!.dueAt) });
  }
  await settleReminders(tx, trailId, met);
  if (left.length) await tx.deadline.deleteMany({ where: { id: { in: left.map((d) => d.id) } } });
  if (create.length) await tx.deadline.createMany({ data: create });
  return changes;
}

/**
 * What the step's own notification says of the deadlines it set or moved: one kind and date for exactly the
 * councils it tells (every participant for a regional step such as the draft sent, or the one council of a
 * council's step), or for one council named. Null when there is nothing to say in one line.
 */
function deadlineInStep(changes: DeadlineChange[], told: string[], names: Map<string, string>) {
  const [first] = changes;
  if (!first) return null;
  const alike = changes.every((c) => c.kind === first.kind && c.dueOn === first.dueOn && c.from === first.from);
  const councils = new Set(changes.map((c) => c.municipalityId));
  const everyTold = councils.size === told.length && told.every((id) => councils.has(id));
  if (!alike || (!everyTold && changes.length !== 1)) return null;
  return {
    deadline: first.kind,
    dueOn: first.dueOn,
    ...(first.from ? { from: first.from } : {}),
    ...(told.length > 1 ? {} : { municipality: names.get(first.municipalityId) ?? "" }),
  };
}

/**
 * Tells the people a step concerns what happened: the trail's followers, and the griffie of the council it was for
 * (or of every participating council, for a regional step), which may now have to act. A deadline the step set or
 * moved is said in the same line; when the step changed several councils' deadlines in different ways, each
 * council's clerks (and, for a moved one, the followers) are told of their own apart (deadlineSet, deadlineMoved).
 */
async function notifyStep(
  tx: Tx,
  trail: { id: string; title: string; participants: { municipalityId: string }[] },
  event: TrailEvent,
  changes: DeadlineChange[],
  actor: Actor,
) {
  const by = await actorName(tx, actor);
  const council = typeof event.municipalityId === "string" ? event.municipalityId : null;
  const told = council ? [council] : trail.participants.map((p) => p.municipalityId);
  const names = changes.length
    ? new Map(
        (
          await tx.municipality.findMany({
            where: { id: { in: [...new Set(changes.map((c) => c.municipalityId))] } },
            select: { id: true, name: true },
          })
        ).map((m) => [m.id, m.name]),
      )
    : new Map<string, string>();
  const inStep = deadlineInStep(changes, told, names);
  await notifyFollowers(tx, {
    trailId: trail.id,
    actorId: actor.id,
    kind: "trailStep",
    values: { trail: trail.title, step: event.type, by, ...inStep },
    councils: told,
  });
  if (inStep) return;
  for (const c of changes) {
    await notifyFollowers(tx, {
      trailId: trail.id,
      actorId: actor.id,
      kind: c.from ? "deadlineMoved" : "deadlineSet",
      values: {
        trail: trail.title,
        deadline: c.kind,
        municipality: names.get(c.municipalityId) ?? "",
        dueOn: c.dueOn,
        ...(c.from ? { from: c.from } : {}),
        by,
      },
      councils: [c.municipalityId],
      followers: c.from !== null,
    });
  }
}

/**
 * Consequences outside the snapshot and its summary (the receipt dates on the participant rows are part of that:
 * trail-summary.server.ts), as the kind's module declares them (workflows/<kind>/index.ts): notice of exit ends
 * the municipality's participation on the exit date. Returns the audit events they add, to be appended after the
 * step's own.
 */
async function applySideEffects(
  tx: Tx,
  kind: TrailKind,
  event: TrailEvent,
  snapshot: PersistedSnapshot,
  trailId: string,
  actor: Actor,
): Promise<EventInput[]> {
  const audit: EventInput[] = [];
  for (const effect of KIND_MODULES[kind].effects(event, snapshot.context)) {
    switch (effect.type) {
      case "participationEnds":
        await tx.municipality.update({
          where: { id: effect.municipalityId },
          data: { participationTo: fromDateInputValue(effect.on) },
        });
        audit.push({
          type: "municipality.participation_ends",
          trailId,
          actor,
          payload: { municipalityId: effect.municipalityId, exitOn: effect.on },
        });
    }
  }
  return audit;
}

export async function sendTrailEvent(
  request: TransitionRequest,
  actor: Actor,
  /** The form's one-time key: a second post with it sends nothing and answers like the first. */
  formKey?: string | null,
): Promise<TransitionResult | FormKeyReused> {
  const head = await prisma.trail.findUnique({ where: { id: request.trailId }, select: { kind: true } });
  if (!head) return { ok: false, status: 404, code: "trail_not_found" };
  const prepared = prepareEvent(head.kind, request, actor);
  if (!prepared.ok) return prepared;
  const result = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "trail_event",
    content: { trailId: request.trailId, expectedRevision: request.expectedRevision, event: prepared.event },
    create: (tx) => applyTrailEvent(tx, request.trailId, request.expectedRevision, prepared.event, actor),
    idOf: (sent) => String(sent.revision),
    // The revision the step made; the state is the trail's now.
    repeat: async (revision): Promise<TransitionResult> => {
      const trail = await prisma.trail.findUniqueOrThrow({
        where: { id: request.trailId },
        select: { state: true, closedAt: true },
      });
      return { ok: true, state: trail.state, revision: Number(revision), closed: trail.closedAt !== null };
    },
  });
  if (result.ok) deliverSoon();
  return result;
}

/**
 * An event's dates against the trail's start (app/utils/date-range.ts): the
 * day something happened in the trail, and a wished exit date ahead; for a
 * step that records what has happened, moreover, not after today. The issues
 * are keyed by field, as the payload's own are.
 */
function eventDateIssues(kind: TrailKind, event: TrailEvent, trailStartedOn: string): Record<string, string[]> | null {
  const issues: Record<string, string[]> = {};
  const check = (field: string, range: DateRange) => {
    const value = event[field];
    const problem = typeof value === "string" ? outOfRange(value, range) : null;
    if (problem) issues[field] = [problem];
  };
  const inTrail = DATE_RANGES.inTrail(trailStartedOn);
  check("on", inTrail);
  // Within the trail's range, a step that records a day that has passed ends it at today, with its own message.
  const pastOnly = pastOnlyMessage(kind, event.type);
  if (pastOnly && !issues.on) check("on", { ...inTrail, latest: todayInAmsterdam(), tooLate: pastOnly });
  check("wishedExitOn", DATE_RANGES.trailAhead(trailStartedOn));
  return Object.keys(issues).length ? issues : null;
}

/** Events that leave a trail's processing step: every position must have been processed first. */
const LEAVES_PROCESSING = new Set(["ZIENSWIJZEN_PROCESSED", "OPLEGGER_COMPLETED"]);

/**
 * One transition inside the caller's transaction: revision check, machine
 * step, conditional write, audit event, deadlines, side effects. Used for a
 * step on its own and for a position that is also a step of the trail.
 */
export async function applyTrailEvent(
  tx: Tx,
  trailId: string,
  expectedRevision: number,
  event: TrailEvent,
  actor: Actor,
  options: {
    /** A caller that tells followers itself (a logged position) turns this off. */
    notify?: boolean;
    /** The trail as the caller read it in this transaction, so that it is not read twice. */
    trail?: StepTrail;
    /**
     * Where to put the step's audit events instead of appending them: a caller that appends its own event
     * right after (a logged position) appends them all at once, in this order, with one read of the chain.
     */
    audit?: EventInput[];
  } = {},
): Promise<TransitionResult> {
  const trail =
    options.trail ?? (await tx.trail.findUniqueOrThrow({ where: { id: trailId }, select: stepTrailSelect }));
  const dateIssues = eventDateIssues(trail.kind, event, toDateInputValue(trail.startedAt));
  if (dateIssues) return { ok: false, status: 400, code: "invalid_payload", issues: dateIssues };
  if (trail.revision !== expectedRevision) {
    return { ok: false, status: 409, code: "revision_conflict", currentRevision: trail.revision };
  }
  if (LEAVES_PROCESSING.has(event.type)) {
    const unprocessed = await tx.position.count({
      where: { trailId, supersededBy: null, processing: null, kind: { in: [...KINDS_TO_PROCESS] } },
    });
    if (unprocessed > 0)
      return { ok: false, status: 422, code: "positions_unprocessed", state: trail.state, unprocessed };
  }
  // The answer ledger: the board answers every zienswijze before it takes this step (unless the arrangement warns).
  const unanswered = await unansweredBlocking(tx, trail.kind, trailId, event.type);
  if (unanswered) return { ok: false, status: 422, code: "zienswijzen_unanswered", state: trail.state, unanswered };
  const { snapshot, version } = storedSnapshot(trail);
  const result = step(trail.kind, snapshot, event);
  if (!result.accepted)
    return { ok: false, status: 422, code: "event_not_accepted", state: trail.state, ...result.refusal };
  const revision = trail.revision + 1;
  const derived = deriveDeadlines(trail.kind, result.snapshot.context);
  const summary = summarise({
    kind: trail.kind,
    closed: result.done,
    snapshot: result.snapshot,
    participants: trail.participants.map((p) => p.municipalityId),
    deadlines: [
      // The secretaries' open target dates: the summary's general deadline with the derived ones.
      ...trail.deadlines.filter((d) => d.kind === "target" && d.metAt === null),
      ...derived
        .filter((d) => !d.metOn && !MILESTONE_KINDS.includes(d.kind))
        .map((d) => ({ municipalityId: d.municipalityId, dueAt: fromDateInputValue(d.dueOn) })),
    ],
  });
  // The revision condition makes the write itself the concurrency check.
  const { count } = await tx.trail.updateMany({
    where: { id: trail.id, revision: trail.revision },
    data: {
      snapshot: JSON.stringify(result.snapshot),
      machineVersion: version,
      state: result.state,
      revision,
      // A trail closes on the day of the step that decided it (the council meeting), not the day it was logged.
      closedAt: result.done ? (typeof event.on === "string" ? fromDateInputValue(event.on) : new Date()) : null,
      ...summary.trail,
    },
  });
  if (count !== 1) return { ok: false, status: 409, code: "revision_conflict", currentRevision: trail.revision };
  const deadlineChanges = await syncDerivedDeadlines(tx, trail.id, trail.deadlines, derived);
  await writeParticipantSummaries(tx, trail.id, trail.participants, summary.participants);
  // A closed trail's positions no longer await processing (workflows/positions.ts: processingState).
  if (result.done) {
    await clearAwaitingProcessing(tx, trail.id);
    await indexTrailClosed(tx, trail.id);
  }
  const audit: EventInput[] = [
    { type: `workflow.${event.type}`, trailId: trail.id, actor, payload: event, resultingState: result.state },
    ...(await applySideEffects(tx, trail.kind, event, result.snapshot, trail.id, actor)),
  ];
  if (options.audit) options.audit.push(...audit);
  else await appendEvents(tx, audit);
  if (options.notify !== false) await notifyStep(tx, trail, event, deadlineChanges, actor);
  return { ok: true, state: result.state, revision, closed: result.done };
}

/**
 * The step that asks the councils (the workflow's sendToCouncils event), sent
 * inside the caller's transaction when the trail is still in the stage that
 * expects it; null when the trail is past (or not at) that stage.
 */
export async function sendToCouncilsStep(
  tx: Tx,
  trailId: string,
  on: string,
  actor: Actor,
): Promise<(TransitionResult & { type: string }) | null> {
  const trail = await tx.trail.findUniqueOrThrow({
    where: { id: trailId },
    include: { participants: { select: { municipalityId: true } } },
  });
  const type = councilStepOffered(trail);
  if (!type) return null;
  const prepared = prepareEvent(trail.kind, { trailId, expectedRevision: trail.revision, type, fields: { on } }, actor);
  if (!prepared.ok) return { ...prepared, type };
  return { ...(await applyTrailEvent(tx, trailId, trail.revision, prepared.event, actor)), type };
}

/** The workflow step that asks the councils (its kind's sendToCouncils), when the trail offers it now; else null. */
export function councilStepOffered(trail: Parameters<typeof storedSnapshot>[0]): string | null {
  const type = WORKFLOWS[trail.kind].sendToCouncils;
  const { snapshot } = storedSnapshot(trail);
  return availableEvents(trail.kind, snapshot, null).some((e) => e.type === type) ? type : null;
}

export interface NewTrail {
  kind: TrailKind;
  title: string;
  reference: string;
  summary: string;
  startedOn: string;
  /** For an exit: the municipality that leaves. */
  exitingMunicipalityId?: string;
}

export type StartResult =
  { ok: true; trailId: string } | { ok: false; code: "reference_taken" | "exiting_not_participating" };

/**
 * Writes a new trail with these participants inside the caller's transaction: its row and snapshot, its list
 * columns and search entry, the notice to the participating councils' griffies (their e-mail goes out once the
 * caller has committed: deliverSoon) and the audit event. `machineInput` adds to the machine's input (a budget
 * cycle's terms).
 */
export async function createTrailIn(
  tx: Tx,
  input: NewTrail,
  participants: string[],
  actor: Actor,
  machineInput: Record<string, unknown> = {},
) {
  const snapshot = initialSnapshot(input.kind, {
    participants,
    exiting: input.exitingMunicipalityId,
    ...machineInput,
  });
  const trail = await tx.trail.create({
    data: {
      kind: input.kind,
      title: input.title,
      reference: input.reference,
      summary: input.summary,
      state: stateName(snapshot),
      snapshot: JSON.stringify(snapshot),
      machineVersion: WORKFLOWS[input.kind].version,
      startedAt: fromDateInputValue(input.startedOn),
      createdById: actor.id,
      participants: { create: participants.map((municipalityId) => ({ municipalityId })) },
    },
  });
  await refreshTrailSummary(tx, trail.id);
  await indexTrail(tx, trail.id);
  // The griffie of every participating council hears of a new trail for their council.
  const by = await actorName(tx, actor);
  await notifyFollowers(tx, {
    trailId: trail.id,
    actorId: actor.id,
    kind: "trailStarted",
    values: { trail: trail.title, reference: trail.reference, by },
    councils: participants,
  });
  await appendEvent(tx, {
    type: "trail.started",
    trailId: trail.id,
    actor,
    payload: { kind: input.kind, reference: input.reference, participants },
    resultingState: trail.state,
  });
  return trail;
}

/** Starts a trail with the municipalities that participate on its start date. */
export async function startTrail(
  input: NewTrail,
  actor: Actor,
  /** The form's one-time key: a second post with it starts nothing and answers with the first trail. */
  formKey?: string | null,
): Promise<StartResult | FormKeyReused> {
  const startedAt = fromDateInputValue(input.startedOn);
  const started = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "trail",
    content: input,
    create: async (tx): Promise<StartResult> => {
      if (await tx.trail.findUnique({ where: { reference: input.reference }, select: { id: true } })) {
        return { ok: false, code: "reference_taken" };
      }
      const members = (await tx.municipality.findMany()).filter((m) => participatesOn(m, startedAt));
      const participants = KIND_MODULES[input.kind].participants(
        members.map((m) => m.id),
        input.exitingMunicipalityId,
      );
      if (!participants) return { ok: false, code: "exiting_not_participating" };
      const trail = await createTrailIn(tx, input, participants, actor);
      return { ok: true, trailId: trail.id };
    },
    idOf: (started) => started.trailId,
    repeat: (trailId): StartResult => ({ ok: true, trailId }),
  });
  // The griffies were told in the transaction; their e-mail goes out now.
  if (started.ok) deliverSoon();
  return started;
}

export interface TrailWorkflowView {
  revision: number;
  state: string;
  context: Record<string, unknown>;
  /** What the signed-in user may do now. */
  available: AvailableEvent[];
  /** What each municipality still has to do, whoever does it. */
  expected: AvailableEvent[];
}

/** The workflow side of a trail as the trail page shows it. */
export async function getTrailWorkflow(trailId: string, actor: Actor): Promise<TrailWorkflowView | null> {
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    include: { participants: { select: { municipalityId: true } } },
  });
  return trail ? workflowView(trail, actor) : null;
}

/** The workflow side of a trail already read with its participants (no query of its own). */
export function workflowView(
  trail: Parameters<typeof storedSnapshot>[0] & { revision: number },
  actor: Actor,
): TrailWorkflowView {
  const { snapshot } = storedSnapshot(trail);
  return {
    revision: trail.revision,
    state: stateName(snapshot),
    context: snapshot.context,
    available: availableEvents(trail.kind, snapshot, actor),
    expected: availableEvents(trail.kind, snapshot, null),
  };
}

/**
 * A target date a secretary sets on a trail (e.g. "definitive proposal before 1 March 2018"). With the form's
 * one-time key, a second post sets nothing and answers like the first.
 */
export async function setTargetDate(
  input: { trailId: string; label: string; dueOn: string },
  actor: Actor,
  formKey?: string | null,
) {
  const set = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "target_date",
    content: input,
    create: async (tx) => {
      const trail = await tx.trail.findUnique({
        where: { id: input.trailId },
        select: { id: true, state: true, startedAt: true, title: true },
      });
      if (!trail) return { ok: false as const, status: 404 as const, code: "trail_not_found" as const };
      const outside = checkDate("dueOn", input.dueOn, DATE_RANGES.trailAhead(toDateInputValue(trail.startedAt)));
      if (outside) return outside;
      const deadline = await tx.deadline.create({
        data: {
          trailId: trail.id,
          kind: "target",
          label: input.label,
          dueAt: fromDateInputValue(input.dueOn),
          basis: "Streefdatum",
        },
      });
      // A target date is the trail's general deadline in the councils' inboxes.
      await refreshTrailSummary(tx, trail.id);
      await appendEvent(tx, {
        type: "deadline.target_set",
        trailId: trail.id,
        actor,
        payload: input,
        resultingState: trail.state,
      });
      await notifyCouncils(tx, {
        trailId: trail.id,
        actor,
        kind: "targetSet",
        values: { trail: trail.title, label: input.label, dueOn: input.dueOn },
      });
      return { ok: true as const, id: deadline.id };
    },
    idOf: (done) => done.id,
    repeat: (id) => ({ ok: true as const, id }),
  });
  if (set.ok) deliverSoon();
  return set;
}

export function listTrailDeadlines(trailId: string) {
  return prisma.deadline
    .findMany({ where: { trailId }, orderBy: { dueAt: "asc" }, include: { municipality: { select: { name: true } } } })
    .then((rows) =>
      rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        label: row.label,
        basis: row.basis,
        municipalityId: row.municipalityId,
        municipality: row.municipality?.name ?? null,
        dueOn: toDateInputValue(row.dueAt),
        /** Where the Algemene termijnenwet moved the term's end: the day it ended by counting. */
        extendedFrom: row.extendedFrom ? toDateInputValue(row.extendedFrom) : null,
        metOn: row.metAt ? toDateInputValue(row.metAt) : null,
      })),
    );
}
