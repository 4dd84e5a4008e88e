/**
 * Everything a trail's status brief shows, gathered once: the trail, its
 * approval matrix, the main steps of the audit trail, open deadlines, and the
 * positions with their processing, and the money. Used by the PDF and by the brief's HTML view.
 */
import { briefAnnexes } from "./annex.server";
import { approvalMatrix } from "~/utils/approval-matrix";
import { deadlineStatus } from "~/utils/deadlines";
import { eventDay } from "~/utils/event-sentence";
import { toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { isForTheRecord, KINDS_TO_PROCESS, processingState, type PositionBody } from "~workflows/positions";
import { councilStatus } from "~workflows/status";
import { listTrailEvents } from "./event.server";
import { trailFinances } from "./finance.server";
import { listTrailPositions } from "./position.server";
import { getTrail } from "./trail.server";
import { timelineEvents } from "./timeline.server";
import { getTrailWorkflow, listTrailDeadlines } from "./trail-workflow.server";

type Trail = NonNullable<Awaited<ReturnType<typeof getTrail>>>;
type Positions = Awaited<ReturnType<typeof listTrailPositions>>;
type Deadlines = Awaited<ReturnType<typeof listTrailDeadlines>>;

/** The approval matrix of a trail from its loaded rows (the trail page and the brief share it). */
export function trailMatrix(
  trail: Trail,
  context: Record<string, unknown>,
  positions: Positions,
  deadlines: Deadlines,
  today: string,
) {
  return approvalMatrix({
    participants: trail.participants.map((p) => ({
      municipalityId: p.municipality.id,
      name: p.municipality.name,
      receivedOn: p.receivedAt ? toDateInputValue(p.receivedAt) : null,
    })),
    positions: positions.map((pos) => ({
      id: pos.id,
      municipalityId: pos.municipalityId,
      body: pos.body.kind,
      kind: pos.kind,
      meetingDate: pos.meetingDate ? toDateInputValue(pos.meetingDate) : null,
      superseded: pos.supersededBy !== null,
      processed: pos.processing !== null,
      needsProcessing: KINDS_TO_PROCESS.has(pos.kind),
      late: pos.lateAfter !== null,
      lateCounts: pos.processing?.lateCounts ?? null,
      legalGround: pos.legalGround,
      text: pos.text,
      forTheRecord: isForTheRecord(trail.kind, pos.body.kind as PositionBody, pos.kind, pos.workflowEvent),
    })),
    deadlines,
    status: (id) => councilStatus(trail.kind, context, id),
    today,
    closed: trail.closedAt !== null,
  });
}

/** Audit events that are steps of the trail or positions, not bookkeeping. */
const MAIN_STEPS =
  /^(trail\.started|workflow\.|position\.logged|position\.corrected|document\.sent|municipality\.participation_ends|finance\.item_|board_vote\.recorded)/;

export async function loadTrailBrief(trailId: string, actor: Actor, today = toDateInputValue(new Date())) {
  const trail = await getTrail(trailId);
  if (!trail) return null;
  const [workflow, deadlines, timeline, positions, finances, annexes] = await Promise.all([
    getTrailWorkflow(trail.id, actor),
    listTrailDeadlines(trail.id),
    listTrailEvents(trail.id).then((events) => timelineEvents(trail.id, events)),
    listTrailPositions(trail.id),
    trailFinances(trail.id),
    briefAnnexes(trail.id),
  ]);
  if (!workflow) return null;
  return {
    trail: {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      summary: trail.summary,
      state: workflow.state,
      startedOn: toDateInputValue(trail.startedAt),
      closedOn: trail.closedAt ? toDateInputValue(trail.closedAt) : null,
    },
    today,
    matrix: trailMatrix(trail, workflow.context, positions, deadlines, today),
    /**
     * The main steps as the trail page's timeline has them: one entry per action, in the same sentences and dates,
     * in the order of the day each step happened (a step logged later for an earlier day sits at its day; one day's
     * steps in the order they were logged).
     */
    timeline: timeline
      .filter((e) => MAIN_STEPS.test(e.type))
      .map((e) => ({ e, day: eventDay(e) ?? toDateInputValue(new Date(e.at)) }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
      .map(({ e }) => e),
    openDeadlines: deadlines
      .filter((d) => !d.metOn)
      .map((d) => ({ ...d, status: deadlineStatus(d.dueOn, d.metOn, today, d.kind) })),
    positions: positions
      .filter((p) => !p.supersededBy)
      .map((p) => ({
        id: p.id,
        municipality: p.municipality?.name ?? p.body.name,
        body: p.body.name,
        /** COUNCIL, COMMITTEE or COLLEGE: a committee's advice has a word of its own (app/utils/words.ts). */
        bodyKind: p.body.kind,
        kind: p.kind,
        meetingDate: p.meetingDate ? toDateInputValue(p.meetingDate) : null,
        text: p.text,
        /** The last day of the term it missed, when late. */
        lateAfter: p.lateAfter,
        votes:
          p.votesFor === null
            ? null
            : { for: p.votesFor, against: p.votesAgainst ?? 0, abstained: p.votesAbstained ?? 0 },
        processing: p.processing
          ? {
              outcome: p.processing.outcome,
              reason: p.processing.reason,
              location: p.processing.location,
              lateCounts: p.processing.lateCounts,
            }
          : null,
        /** Withheld consent: the legal ground (Wgr art. 1 lid 4); the text is the reason. */
        legalGround: p.kind === "CONSENT_WITHHELD" ? p.legalGround : null,
        forTheRecord: isForTheRecord(trail.kind, p.body.kind as PositionBody, p.kind, p.workflowEvent),
        /** Processed, open, nothing to process, or no longer: the trail closed first (workflows/positions.ts). */
        processingState: processingState(p.kind, p.processing !== null, trail.closedAt !== null),
      })),
    finances: finances.items,
    /** The trail's annexes and those of its documents' revisions (the last sent, else the latest). */
    annexes,
  };
}

export type TrailBrief = NonNullable<Awaited<ReturnType<typeof loadTrailBrief>>>;
