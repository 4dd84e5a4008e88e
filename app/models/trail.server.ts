import type { TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

export interface TrailFilter {
  kind?: TrailKind;
}

/** Every trail of the region with its number of participants, newest first. */
export function listTrails(filter: TrailFilter = {}) {
  return prisma.trail.findMany({
    where: filter.kind ? { kind: filter.kind } : {},
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      kind: true,
      title: true,
      reference: true,
      state: true,
      startedAt: true,
      closedAt: true,
      _count: { select: { participants: true } },
    },
  });
}

export function getTrail(id: string) {
  return prisma.trail.findUnique({
    where: { id },
    include: {
      participants: {
        include: { municipality: { select: { id: true, name: true, slug: true } } },
        orderBy: { municipality: { name: "asc" } },
      },
    },
  });
}

export type ReceiptResult = { ok: true } | { ok: false; code: "trail_not_found" | "not_a_participant" };

/** Records the date a council received the trail's documents (starts its response term). */
export async function recordReceipt(
  input: { trailId: string; municipalityId: string; receivedAt: Date },
  actor: Actor,
): Promise<ReceiptResult> {
  return prisma.$transaction(async (tx) => {
    const trail = await tx.trail.findUnique({ where: { id: input.trailId }, select: { id: true, state: true } });
    if (!trail) return { ok: false as const, code: "trail_not_found" as const };
    const participant = await tx.trailParticipant.findUnique({
      where: { trailId_municipalityId: { trailId: input.trailId, municipalityId: input.municipalityId } },
    });
    if (!participant) return { ok: false as const, code: "not_a_participant" as const };
    await tx.trailParticipant.update({
      where: { trailId_municipalityId: { trailId: input.trailId, municipalityId: input.municipalityId } },
      data: { receivedAt: input.receivedAt },
    });
    await tx.trail.update({ where: { id: trail.id }, data: { revision: { increment: 1 } } });
    await appendEvent(tx, {
      type: "participant.received",
      trailId: trail.id,
      actor,
      payload: {
        municipalityId: input.municipalityId,
        receivedAt: input.receivedAt,
        previous: participant.receivedAt,
      },
      resultingState: trail.state,
    });
    return { ok: true as const };
  });
}
