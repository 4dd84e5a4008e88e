/**
 * A trail's timeline: its audit events with the names a sentence needs (who,
 * which council, which document), one entry per action, and whether the audit
 * chain verifies where the trail's events sit in it. A fixed number of queries,
 * however long the trail.
 */
import { plainDetails, type TimelineEvent } from "~/utils/event-sentence";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import { listTrailEvents, verifyTrailEvents, type ChainReport } from "./event.server";

export interface TrailTimeline {
  events: TimelineEvent[];
  chain: ChainReport;
}

type TrailEvents = Awaited<ReturnType<typeof listTrailEvents>>;

export async function trailTimeline(trailId: string): Promise<TrailTimeline> {
  const events = await listTrailEvents(trailId);
  const [chain, timeline] = await Promise.all([verifyTrailEvents(trailId, events), timelineEvents(trailId, events)]);
  return { chain, events: timeline };
}

/**
 * The trail's events (as listTrailEvents loads them) as the timeline shows them, names resolved. A position
 * logged with its workflow step ("Zienswijze gegeven") is one action written as two audit events, the step's and
 * the position's: it is one entry, the position's (who logged what of which body of which council, its meeting,
 * late or not), with the trail's state the step led to. A step without a position, and a position without a step
 * (recorded after the trail closed, or a body with no step), stay entries of their own. The trail page and the
 * status brief both read this.
 */
export async function timelineEvents(trailId: string, events: TrailEvents): Promise<TimelineEvent[]> {
  const [municipalities, documents, positions] = await Promise.all([
    prisma.municipality.findMany({ select: { id: true, name: true } }),
    prisma.document.findMany({ where: { trailId }, select: { id: true, title: true } }),
    prisma.position.findMany({ where: { trailId }, select: { id: true, municipalityId: true, meetingDate: true } }),
  ]);
  const municipality = new Map(municipalities.map((m) => [m.id, m.name]));
  const document = new Map(documents.map((d) => [d.id, d.title]));
  const position = new Map(positions.map((p) => [p.id, p]));
  const nameOf = (id: unknown) => (typeof id === "string" ? (municipality.get(id) ?? null) : null);
  const timeline: TimelineEvent[] = events.map((e) => {
    const details = plainDetails(JSON.parse(e.payload));
    const concerned = typeof details.positionId === "string" ? position.get(details.positionId) : undefined;
    return {
      sequence: e.sequence,
      type: e.type,
      at: e.createdAt.toISOString(),
      actor: e.actor ? { name: e.actor.name, role: e.actorRole, municipality: nameOf(e.municipalityId) } : null,
      council: nameOf(details.municipalityId) ?? nameOf(concerned?.municipalityId),
      document: typeof details.documentId === "string" ? (document.get(details.documentId) ?? null) : null,
      meetingOn: concerned?.meetingDate ? toDateInputValue(concerned.meetingDate) : null,
      state: e.resultingState,
      details,
    };
  });
  const folded = new Set<number>();
  events.forEach((e, i) => {
    const step = timeline[i]!.details.step;
    if (e.type !== "position.logged" || typeof step !== "string") return;
    // The step's event was appended with the position's, just before it, in the same write (one moment).
    for (let j = i - 1; j >= 0 && events[j]!.createdAt.getTime() === e.createdAt.getTime(); j--) {
      const candidate = events[j]!;
      if (
        candidate.type === `workflow.${step}` &&
        candidate.actorId === e.actorId &&
        timeline[j]!.details.municipalityId === timeline[i]!.details.municipalityId &&
        !folded.has(j)
      ) {
        folded.add(j);
        timeline[i] = { ...timeline[i]!, state: timeline[i]!.state ?? timeline[j]!.state };
        return;
      }
    }
  });
  return timeline.filter((_, i) => !folded.has(i));
}
