/**
 * The three overviews: every open trail across the region (aldermen), what a
 * council must still respond to (its clerk's inbox), and the secretaries'
 * pipeline. Each loads its rows in a fixed number of queries, whatever the
 * number of trails (no query per trail).
 */
import type { Prisma, TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deadlineStatus, missedDeadline } from "~/utils/deadlines";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { availableEvents, stateName, upgradeSnapshot, type PersistedSnapshot } from "../../workflows/registry";
import { stageProgress } from "../../workflows/progress";
import { MILESTONE_KINDS } from "../../workflows/deadlines";
import { addDays } from "../../workflows/shared/dates";
import { RECENTLY_CLOSED_DAYS } from "~/schemas/trail";

/** Open deadlines: not met, and not an effective date (a milestone alarms no one, issue 16). */
const OPEN_DEADLINE = { metAt: null, kind: { notIn: [...MILESTONE_KINDS] } } satisfies Prisma.DeadlineWhereInput;

export interface OverviewFilter {
  kind?: TrailKind;
  state?: string;
  municipalityId?: string;
  deadline?: "overdue" | "week";
  /** Open trails (the default), or those closed in the last RECENTLY_CLOSED_DAYS days. */
  status?: "open" | "recentlyClosed";
}

/**
 * The trails of a status, in SQL (Trail.closedAt is indexed): open ones, or
 * those closed on or after the day RECENTLY_CLOSED_DAYS ago. A trail closes on
 * the day of its deciding meeting (trail-workflow.server.ts).
 */
function statusWhere(status: OverviewFilter["status"], today: string): Prisma.TrailWhereInput {
  return status === "recentlyClosed"
    ? { closedAt: { gte: fromDateInputValue(addDays(today, -RECENTLY_CLOSED_DAYS)) } }
    : { closedAt: null };
}

/** A trail row's workflow snapshot, upgraded to the machine's current version (the overviews and the dashboard). */
export function snapshotOf(trail: {
  kind: TrailKind;
  snapshot: string | null;
  machineVersion: number;
  state: string;
  participants: { municipalityId: string }[];
}) {
  return upgradeSnapshot(
    trail.kind,
    {
      snapshot: trail.snapshot ? (JSON.parse(trail.snapshot) as PersistedSnapshot) : null,
      version: trail.snapshot ? trail.machineVersion : 0,
      state: trail.state,
    },
    { participants: trail.participants.map((p) => p.municipalityId) },
  ).snapshot;
}

function openTrailsWhere(filter: OverviewFilter, today: string): Prisma.TrailWhereInput {
  const startOfToday = fromDateInputValue(today);
  const dueFilter =
    filter.deadline === "overdue"
      ? { deadlines: { some: { ...OPEN_DEADLINE, dueAt: { lt: startOfToday } } } }
      : filter.deadline === "week"
        ? {
            deadlines: {
              some: { ...OPEN_DEADLINE, dueAt: { gte: startOfToday, lte: fromDateInputValue(addDays(today, 7)) } },
            },
          }
        : {};
  return {
    ...statusWhere(filter.status, today),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.municipalityId ? { participants: { some: { municipalityId: filter.municipalityId } } } : {}),
    ...dueFilter,
  };
}

const trailWithOpenDeadlines = {
  participants: { select: { municipalityId: true } },
  deadlines: { where: OPEN_DEADLINE, select: { dueAt: true, municipalityId: true, kind: true, label: true } },
} satisfies Prisma.TrailInclude;

async function openTrails(filter: OverviewFilter = {}, today = toDateInputValue(new Date())) {
  return prisma.trail.findMany({
    where: openTrailsWhere(filter, today),
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    include: trailWithOpenDeadlines,
  });
}

export interface OverviewPage {
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pageSize: number;
}

/**
 * One page of the open trails across the region with their progress across
 * the councils and their deadlines this week and overdue. Filtering, counting
 * and paging happen in the database: four queries whatever the number of
 * trails, and only the page's snapshots are read.
 */
export async function regionOverview(
  filter: OverviewFilter,
  today = toDateInputValue(new Date()),
  paging: OverviewPage = { page: 1, pageSize: 50 },
) {
  const where = openTrailsWhere(filter, today);
  const [total, stateGroups] = await Promise.all([
    prisma.trail.count({ where }),
    prisma.trail.groupBy({ by: ["state"], where: statusWhere(filter.status, today), orderBy: { state: "asc" } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / paging.pageSize));
  const page = Math.min(Math.max(1, paging.page), pages);
  const trails = await prisma.trail.findMany({
    where,
    // Closed trails: the most recently closed first.
    orderBy:
      filter.status === "recentlyClosed"
        ? [{ closedAt: "desc" }, { id: "asc" }]
        : [{ startedAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * paging.pageSize,
    take: paging.pageSize,
    include: trailWithOpenDeadlines,
  });
  const weekEnd = addDays(today, 7);
  const rows = trails.map((trail) => {
    const snapshot = snapshotOf(trail);
    const due = trail.deadlines.map((d) => toDateInputValue(d.dueAt));
    return {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      state: stateName(snapshot),
      closedOn: trail.closedAt ? toDateInputValue(trail.closedAt) : null,
      progress: stageProgress(trail.kind, stateName(snapshot), snapshot.context),
      dueThisWeek: due.filter((d) => d >= today && d <= weekEnd).length,
      overdue: due.filter((d) => d < today).length,
    };
  });
  return { rows, total, page, pages, states: stateGroups.map((g) => g.state) };
}

/**
 * What a municipality's council must still respond to, by deadline, with the
 * last council meeting before the deadline at which it can be handled.
 */
export async function councilInbox(municipalityId: string, today = toDateInputValue(new Date())) {
  const [trails, meetings] = await Promise.all([
    openTrails({ municipalityId }, today),
    prisma.councilMeeting.findMany({ where: { municipalityId, bodyKind: "COUNCIL" }, orderBy: { date: "asc" } }),
  ]);
  const meetingDates = meetings.map((m) => toDateInputValue(m.date)).filter((d) => d >= today);
  const items = trails.flatMap((trail) => {
    const snapshot = snapshotOf(trail);
    const expected = availableEvents(trail.kind, snapshot, null).filter((e) => e.municipalityId === municipalityId);
    if (!expected.length) return [];
    const deadline =
      trail.deadlines.find((d) => d.municipalityId === municipalityId) ??
      trail.deadlines.find((d) => d.municipalityId === null);
    const dueOn = deadline ? toDateInputValue(deadline.dueAt) : null;
    const meetingOn = dueOn ? ([...meetingDates].reverse().find((d) => d <= dueOn) ?? null) : (meetingDates[0] ?? null);
    return [
      {
        trailId: trail.id,
        title: trail.title,
        kind: trail.kind,
        state: stateName(snapshot),
        expected: expected.map((e) => e.type),
        dueOn,
        status: dueOn ? deadlineStatus(dueOn, null, today) : null,
        meetingOn,
        /** No council meeting falls between today and the deadline. */
        noMeetingInTime: dueOn !== null && meetingOn === null,
      },
    ];
  });
  // Soonest deadline first; items without a deadline last.
  return items.sort((a, b) => (a.dueOn ?? "9999-12-31").localeCompare(b.dueOn ?? "9999-12-31"));
}

/** For policy secretaries: open trails by stage, positions awaiting processing, overdue deadlines. */
export async function secretaryPipeline(today = toDateInputValue(new Date())) {
  const [trails, unprocessed] = await Promise.all([
    openTrails(),
    prisma.position.findMany({
      where: {
        supersededBy: null,
        processing: null,
        // A position on a closed trail no longer waits (processingState in workflows/positions.ts).
        trail: { closedAt: null },
        kind: {
          in: [
            "ZIENSWIJZE",
            "WENSEN_EN_BEDENKINGEN",
            "CONSENT_WITHHELD",
            "ADOPTED_WITH_AMENDMENTS",
            "AMENDMENT",
            "MOTION",
          ],
        },
      },
      orderBy: { loggedAt: "asc" },
      include: {
        trail: {
          select: { id: true, title: true, deadlines: { select: { municipalityId: true, kind: true, dueAt: true } } },
        },
        municipality: { select: { name: true } },
      },
    }),
  ]);
  const stages = new Map<string, { kind: TrailKind; state: string; trails: { id: string; title: string }[] }>();
  const overdue: { trailId: string; title: string; dueOn: string; kind: string; label: string }[] = [];
  for (const trail of trails) {
    const key = `${trail.kind}:${trail.state}`;
    const stage = stages.get(key) ?? { kind: trail.kind, state: trail.state, trails: [] };
    stage.trails.push({ id: trail.id, title: trail.title });
    stages.set(key, stage);
    for (const d of trail.deadlines) {
      const dueOn = toDateInputValue(d.dueAt);
      if (dueOn < today) overdue.push({ trailId: trail.id, title: trail.title, dueOn, kind: d.kind, label: d.label });
    }
  }
  return {
    stages: [...stages.values()],
    unprocessed: unprocessed.map((p) => ({
      id: p.id,
      trailId: p.trail.id,
      trail: p.trail.title,
      municipality: p.municipality?.name ?? null,
      kind: p.kind,
      /** Given after its deadline: the secretary decides whether it counts (issue 16). */
      late:
        missedDeadline(
          { ...p, meetingDate: p.meetingDate ? toDateInputValue(p.meetingDate) : null },
          p.trail.deadlines.map((d) => ({ ...d, dueOn: toDateInputValue(d.dueAt) })),
        ) !== null,
    })),
    overdue: overdue.sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}
