import type { Prisma, TrailKind } from "~/generated/prisma/client";
import { RECENTLY_CLOSED_DAYS } from "~/schemas/trail";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { addDays } from "../../workflows/shared/dates";

export interface TrailFilter {
  kind?: TrailKind;
  /** Open trails, or those closed in the last RECENTLY_CLOSED_DAYS days (by the day of the deciding meeting). */
  status?: "open" | "recentlyClosed";
}

/** The filter in SQL; Trail.closedAt is indexed. */
function trailWhere(filter: TrailFilter, today: string): Prisma.TrailWhereInput {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status === "open"
      ? { closedAt: null }
      : filter.status === "recentlyClosed"
        ? { closedAt: { gte: fromDateInputValue(addDays(today, -RECENTLY_CLOSED_DAYS)) } }
        : {}),
  };
}

/** Every trail of the region (of the filter) with its number of participants, newest first; closed ones by closing. */
export function listTrails(filter: TrailFilter = {}, today = toDateInputValue(new Date())) {
  return prisma.trail.findMany({
    where: trailWhere(filter, today),
    orderBy: filter.status === "recentlyClosed" ? [{ closedAt: "desc" }, { id: "asc" }] : { startedAt: "desc" },
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
