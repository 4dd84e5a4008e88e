import type { Prisma, TrailKind } from "~/generated/prisma/client";
import { RECENTLY_CLOSED_DAYS } from "~/schemas/trail";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { LIST_PAGE_SIZE, pageWithin } from "~/utils/paging";
import { addDays } from "~workflows/shared/dates";

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

/**
 * One page of the region's trails (of the filter) with their number of
 * participants, newest first (closed ones by closing), counted and paged in
 * SQL on the indexes Trail(startedAt, id), Trail(kind, startedAt, id, closedAt, state) and
 * Trail(closedAt, startedAt, id, kind, state). The participants are counted for the page's
 * trails only, in a second query on the key TrailParticipant(trailId, …):
 * Prisma's relation count joins a count of every trail's participants, which
 * both engines compute for the whole table before they page (issue 17).
 */
export async function listTrails(
  filter: TrailFilter = {},
  today = toDateInputValue(new Date()),
  requested = 1,
  pageSize = LIST_PAGE_SIZE,
) {
  const where = trailWhere(filter, today);
  const total = await prisma.trail.count({ where });
  const { page, pages, skip } = pageWithin(total, requested, pageSize);
  const rows = await prisma.trail.findMany({
    where,
    orderBy:
      filter.status === "recentlyClosed"
        ? [{ closedAt: "desc" }, { id: "asc" }]
        : [{ startedAt: "desc" }, { id: "desc" }],
    skip,
    take: pageSize,
    select: {
      id: true,
      kind: true,
      title: true,
      reference: true,
      state: true,
      startedAt: true,
      closedAt: true,
    },
  });
  const counts = await prisma.trailParticipant.groupBy({
    by: ["trailId"],
    where: { trailId: { in: rows.map((row) => row.id) } },
    _count: { _all: true },
  });
  const participants = new Map(counts.map((c) => [c.trailId, c._count._all]));
  return { rows: rows.map((row) => ({ ...row, participants: participants.get(row.id) ?? 0 })), total, page, pages };
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

/** The page a list asks for: at most `limit` rows after the row `after` (its sort key and id), if given. */
export interface ListPage {
  limit: number;
  after: { at: Date; id: string } | null;
}

/**
 * One page of trails with their participants, for the JSON API: newest first,
 * by (startedAt, id) descending, which the indexes Trail(startedAt, id) and
 * Trail(kind, startedAt, id, closedAt, state) serve. It fetches `limit + 1` rows, so the caller
 * sees whether there is a next page. No workflow snapshot is read: the
 * participants' standing is their rows' summary columns. Participants are sorted by
 * municipality name here: ordering the include in SQL made Prisma send every
 * trail id as one parameter list (P2029 above about 1,000 trails).
 */
export async function listTrailsWithParticipants(filter: Pick<TrailFilter, "kind">, page: ListPage) {
  const { after } = page;
  const rows = await prisma.trail.findMany({
    where: {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(after
        ? { startedAt: { lte: after.at }, OR: [{ startedAt: { lt: after.at } }, { id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: {
      id: true,
      kind: true,
      title: true,
      reference: true,
      state: true,
      revision: true,
      startedAt: true,
      closedAt: true,
      participants: {
        select: {
          receivedAt: true,
          status: true,
          statusOn: true,
          withheldGround: true,
          withheldReason: true,
          municipality: { select: { id: true, name: true } },
        },
      },
    },
  });
  return rows.map((row) => ({
    ...row,
    participants: [...row.participants].sort((a, b) =>
      a.municipality.name < b.municipality.name ? -1 : a.municipality.name > b.municipality.name ? 1 : 0,
    ),
  }));
}

/**
 * One page of the region's deadlines (optionally of one municipality), soonest
 * first by (dueAt, id), which the indexes Deadline(dueAt, id) and
 * Deadline(municipalityId, dueAt, id) serve; `limit + 1` rows, as for trails.
 */
export function listDeadlines(municipalityId: string | undefined, page: ListPage) {
  const { after } = page;
  return prisma.deadline.findMany({
    where: {
      ...(municipalityId ? { municipalityId } : {}),
      ...(after ? { dueAt: { gte: after.at }, OR: [{ dueAt: { gt: after.at } }, { id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: page.limit + 1,
  });
}
