/**
 * A trail's timeline: its audit events with the names a sentence needs (who,
 * which council, which document), and whether the audit chain verifies where
 * the trail's events sit in it. A fixed number of queries, however long the
 * trail.
 */
import { plainDetails, type TimelineEvent } from "~/utils/event-sentence";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import { listTrailEvents, verifyTrailEvents, type ChainReport } from "./event.server";

export interface TrailTimeline {
  events: TimelineEvent[];
  chain: ChainReport;
}

export async function trailTimeline(trailId: string): Promise<TrailTimeline> {
  const events = await listTrailEvents(trailId);
  const [chain, municipalities, documents, positions] = await Promise.all([
    verifyTrailEvents(trailId, events),
    prisma.municipality.findMany({ select: { id: true, name: true } }),
    prisma.document.findMany({ where: { trailId }, select: { id: true, title: true } }),
    prisma.position.findMany({ where: { trailId }, select: { id: true, municipalityId: true, meetingDate: true } }),
  ]);
  const municipality = new Map(municipalities.map((m) => [m.id, m.name]));
  const document = new Map(documents.map((d) => [d.id, d.title]));
  const position = new Map(positions.map((p) => [p.id, p]));
  const nameOf = (id: unknown) => (typeof id === "string" ? (municipality.get(id) ?? null) : null);
  return {
    chain,
    events: events.map((e) => {
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
    }),
  };
}
