import type { TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

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

/** Trails with their participants, for the JSON API. */
export function listTrailsWithParticipants(filter: TrailFilter = {}) {
  return prisma.trail.findMany({
    where: filter.kind ? { kind: filter.kind } : {},
    orderBy: { startedAt: "desc" },
    include: {
      participants: {
        include: { municipality: { select: { id: true, name: true } } },
        orderBy: { municipality: { name: "asc" } },
      },
    },
  });
}

/** Every deadline of the region (optionally of one municipality), soonest first. */
export function listDeadlines(municipalityId?: string) {
  return prisma.deadline.findMany({
    where: municipalityId ? { municipalityId } : {},
    orderBy: { dueAt: "asc" },
  });
}
