/**
 * The figures lists show for many trails, kept as columns beside the workflow
 * snapshot so that no list parses a snapshot (issue 17): the stage's progress
 * on the trail, and the columns a kind keeps for its look-ups (a budget
 * cycle's year: workflows/shared/module.ts listColumns); each council's
 * standing, the steps awaited from it and its inbox order on the participant
 * row. They are written in the same transaction as the snapshot and the
 * deadlines they derive from (trail-workflow.server.ts), and rewritten at start for rows written by an
 * older SUMMARY_VERSION. Likewise each position's awaitingProcessing flag, for
 * the secretaries' pipeline: set when it is logged, cleared by its processing,
 * its correction and its trail's closing step (position.server.ts,
 * trail-workflow.server.ts).
 */
import type { PositionKind, Prisma, TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { MILESTONE_KINDS } from "~workflows/deadlines";
import { getsAnswer, KINDS_TO_PROCESS, KINDS_WITH_ANSWERS, type PositionBody } from "~workflows/positions";
import { KIND_MODULES } from "~workflows/modules";
import { stageProgress } from "~workflows/progress";
import { availableEvents, stateName, type PersistedSnapshot } from "~workflows/registry";
import type { WithholdingGround } from "~workflows/shared/events";
import { councilStatus, receivedDates, type CouncilStatus } from "~workflows/status";
import { storedSnapshot } from "./stored-snapshot.server";
import { yieldToEventLoop } from "~/utils/event-loop";

type Tx = Prisma.TransactionClient;

/** Raise when what the summary holds, or how a machine derives it, changes: stored rows are then rewritten. */
export const SUMMARY_VERSION = 3;

/** The inbox order of an awaited step without a deadline: after every dated one. */
export const NO_DEADLINE = fromDateInputValue("9999-12-31");

/** A participant row's summary columns. */
export interface ParticipantSummary {
  municipalityId: string;
  /** When the council received the document it is asked about (starts its response term). */
  receivedAt: Date | null;
  status: string;
  statusOn: Date | null;
  withheldGround: string | null;
  withheldReason: string | null;
  awaiting: string | null;
  inboxDueAt: Date | null;
}

/** The participant columns a summary writer compares against. */
export const participantSummarySelect = {
  municipalityId: true,
  receivedAt: true,
  status: true,
  statusOn: true,
  withheldGround: true,
  withheldReason: true,
  awaiting: true,
  inboxDueAt: true,
} satisfies Prisma.TrailParticipantSelect;

/** Open deadlines that ask something of someone (an effective date asks nothing). */
export const OPEN_TASK_DEADLINE = {
  metAt: null,
  kind: { notIn: [...MILESTONE_KINDS] },
} satisfies Prisma.DeadlineWhereInput;

const summaryInput = {
  id: true,
  kind: true,
  state: true,
  snapshot: true,
  machineVersion: true,
  closedAt: true,
  participants: { select: participantSummarySelect },
  deadlines: { where: OPEN_TASK_DEADLINE, select: { municipalityId: true, dueAt: true } },
} satisfies Prisma.TrailSelect;

/** A participant row's standing as workflows/status.ts gives it from a snapshot. */
export function standingOf(row: {
  status: string;
  statusOn: Date | null;
  withheldGround: string | null;
  withheldReason: string | null;
}): CouncilStatus {
  return {
    status: row.status,
    on: row.statusOn ? toDateInputValue(row.statusOn) : null,
    ...(row.status === "consentWithheld"
      ? { withheld: { ground: row.withheldGround as WithholdingGround | null, reason: row.withheldReason } }
      : {}),
  };
}

/** Two optional instants are the same (both absent, or the same millisecond). */
export const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * The summary of one trail from its (current-version) snapshot and its open
 * task deadlines: the stage's progress, and per participant its standing,
 * its receipt date, the steps awaited from it and its inbox order (its own
 * soonest deadline, else the trail's soonest general one). A closed trail
 * awaits nothing.
 */
export function summarise(input: {
  kind: TrailKind;
  closed: boolean;
  snapshot: PersistedSnapshot;
  participants: readonly string[];
  deadlines: readonly { municipalityId: string | null; dueAt: Date }[];
}) {
  const { kind, snapshot } = input;
  const progress = input.closed ? null : stageProgress(kind, stateName(snapshot), snapshot.context);
  const expected = input.closed ? [] : availableEvents(kind, snapshot, null);
  const soonest = (municipalityId: string | null) =>
    input.deadlines
      .filter((d) => d.municipalityId === municipalityId)
      .reduce<Date | null>((min, d) => (min === null || d.dueAt < min ? d.dueAt : min), null);
  const general = soonest(null);
  const received = receivedDates(kind, snapshot.context);
  const participants = input.participants.map((municipalityId): ParticipantSummary => {
    const standing = councilStatus(kind, snapshot.context, municipalityId);
    const steps = [...new Set(expected.filter((e) => e.municipalityId === municipalityId).map((e) => e.type))];
    return {
      municipalityId,
      receivedAt: received[municipalityId] ? fromDateInputValue(received[municipalityId]) : null,
      status: standing.status,
      statusOn: standing.on ? fromDateInputValue(standing.on) : null,
      withheldGround: standing.withheld?.ground ?? null,
      withheldReason: standing.withheld?.reason ?? null,
      awaiting: steps.length ? steps.join(",") : null,
      inboxDueAt: steps.length ? (soonest(municipalityId) ?? general ?? NO_DEADLINE) : null,
    };
  });
  return {
    trail: {
      progressLabel: progress?.label ?? null,
      progressDone: progress?.done ?? null,
      progressTotal: progress?.total ?? null,
      // What the kind keeps in columns for its look-ups (a budget cycle's year), open or closed.
      ...KIND_MODULES[kind].listColumns(snapshot.context),
      summaryVersion: SUMMARY_VERSION,
    },
    participants,
  };
}

/** Writes the participant rows whose summary differs from what they hold: one statement per changed row. */
export async function writeParticipantSummaries(
  tx: Tx | typeof prisma,
  trailId: string,
  stored: readonly ParticipantSummary[],
  next: readonly ParticipantSummary[],
) {
  for (const summary of next) {
    const now = stored.find((p) => p.municipalityId === summary.municipalityId);
    // A receipt the snapshot does not hold (a trail stored before the workflows ran) is kept.
    const row = { ...summary, receivedAt: summary.receivedAt ?? now?.receivedAt ?? null };
    const unchanged =
      now &&
      sameTime(now.receivedAt, row.receivedAt) &&
      now.status === row.status &&
      sameTime(now.statusOn, row.statusOn) &&
      now.withheldGround === row.withheldGround &&
      now.withheldReason === row.withheldReason &&
      now.awaiting === row.awaiting &&
      sameTime(now.inboxDueAt, row.inboxDueAt);
    if (unchanged) continue;
    const { municipalityId, ...data } = row;
    await tx.trailParticipant.update({ where: { trailId_municipalityId: { trailId, municipalityId } }, data });
  }
}

/**
 * The positions that await processing (workflows/positions.ts: processingState "open"), derived from their
 * rows: a kind to process, not superseded by a correction, without a processing, on an open trail. What
 * Position.awaitingProcessing must equal.
 */
export const AWAITING_PROCESSING = {
  kind: { in: [...KINDS_TO_PROCESS] },
  supersededBy: null,
  processing: null,
  trail: { closedAt: null },
} satisfies Prisma.PositionWhereInput;

/** Whether a position being logged awaits processing: a kind to process, on a trail that is (still) open. */
export const awaitsProcessing = (kind: PositionKind, trailClosed: boolean) =>
  KINDS_TO_PROCESS.has(kind) && !trailClosed;

/** A trail closed: none of its positions awaits processing, or the board's answer, any more. Two statements. */
export async function clearAwaitingProcessing(tx: Tx | typeof prisma, trailId: string) {
  await tx.position.updateMany({ where: { trailId, awaitingProcessing: true }, data: { awaitingProcessing: false } });
  await tx.position.updateMany({ where: { trailId, awaitingAnswer: true }, data: { awaitingAnswer: false } });
}

/**
 * Sets the awaitingProcessing flags of the trails' positions to what their rows give: two set-based statements
 * for all of them (the rewrite at start does a batch of trails at a time).
 */
export async function refreshAwaitingProcessing(tx: Tx | typeof prisma, trailIds: readonly string[]) {
  const trailId = { in: [...trailIds] };
  await tx.position.updateMany({
    where: { trailId, awaitingProcessing: true, NOT: AWAITING_PROCESSING },
    data: { awaitingProcessing: false },
  });
  await tx.position.updateMany({
    where: { trailId, awaitingProcessing: false, ...AWAITING_PROCESSING },
    data: { awaitingProcessing: true },
  });
}

/** What Position.awaitingAnswer must equal, derived from the rows: see the module comment. */
export const AWAITING_ANSWER = {
  kind: "ZIENSWIJZE",
  municipalityId: { not: null },
  body: { kind: "COUNCIL" },
  supersededBy: null,
  answer: null,
  trail: { closedAt: null, kind: { in: [...KINDS_WITH_ANSWERS] } },
} satisfies Prisma.PositionWhereInput;

/** Whether a position being written awaits an answer. */
export const awaitsAnswer = (trailKind: TrailKind, body: PositionBody, kind: PositionKind, trailClosed: boolean) =>
  !trailClosed && getsAnswer(trailKind, body, kind);

/**
 * Sets the awaitingAnswer flags of the trails' positions to what their rows give (the rewrite of stale
 * summaries; the migration that added the column did the same in SQL).
 */
export async function refreshAwaitingAnswer(tx: Tx | typeof prisma, trailIds: readonly string[]) {
  const trailId = { in: [...trailIds] };
  await tx.position.updateMany({
    where: { trailId, awaitingAnswer: true, NOT: AWAITING_ANSWER },
    data: { awaitingAnswer: false },
  });
  await tx.position.updateMany({
    where: { trailId, awaitingAnswer: false, ...AWAITING_ANSWER },
    data: { awaitingAnswer: true },
  });
}

/**
 * Rewrites a trail's summary inside the caller's transaction (a trail just
 * started, a target date set, a row of an older SUMMARY_VERSION): one read,
 * the trail's row, and the participant rows whose summary changed.
 */
export async function refreshTrailSummary(tx: Tx | typeof prisma, trailId: string) {
  const trail = await tx.trail.findUniqueOrThrow({ where: { id: trailId }, select: summaryInput });
  const summary = summarise({
    kind: trail.kind,
    closed: trail.closedAt !== null,
    snapshot: storedSnapshot(trail).snapshot,
    participants: trail.participants.map((p) => p.municipalityId),
    deadlines: trail.deadlines,
  });
  await tx.trail.update({ where: { id: trailId }, data: summary.trail });
  await writeParticipantSummaries(tx, trailId, trail.participants, summary.participants);
}

/**
 * Rewrites the summaries of trails written by an older SUMMARY_VERSION (after
 * an upgrade), their positions' awaitingProcessing flags included, a batch at
 * a time, yielding between batches so that requests are served meanwhile.
 * Returns how many it rewrote.
 */
export async function refreshStaleSummaries(batch = 50): Promise<number> {
  let done = 0;
  for (;;) {
    const stale = await prisma.trail.findMany({
      where: { summaryVersion: { lt: SUMMARY_VERSION } },
      select: { id: true },
      take: batch,
    });
    if (!stale.length) return done;
    await prisma.$transaction(
      async (tx) => {
        for (const { id } of stale) await refreshTrailSummary(tx, id);
        await refreshAwaitingProcessing(
          tx,
          stale.map((t) => t.id),
        );
        await refreshAwaitingAnswer(
          tx,
          stale.map((t) => t.id),
        );
        // A batch is a few hundred statements: on a busy PostgreSQL more than Prisma's default 5 s (seen at 500).
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    done += stale.length;
    await yieldToEventLoop();
  }
}
