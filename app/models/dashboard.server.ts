/**
 * The three overviews: every open trail across the region (aldermen), what a
 * council must still respond to (its clerk's inbox), and the secretaries'
 * pipeline. Each loads its rows in a fixed number of queries, whatever the
 * number of trails (no query per trail).
 */
import { Prisma, type TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deadlineStatus, missedDeadline } from "~/utils/deadlines";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { MILESTONE_KINDS } from "~workflows/deadlines";
import { addDays } from "~workflows/shared/dates";
import { RECENTLY_CLOSED_DAYS } from "~/schemas/trail";
import { LIST_PAGE_SIZE, pageWithin, type ListPageOf } from "~/utils/paging";
import { councilsWithoutMeeting } from "./meeting-window.server";
import { openTrailsByStage, tally } from "./tally.server";
import { NO_DEADLINE, OPEN_TASK_DEADLINE } from "./trail-summary.server";

/** Open deadlines: not met, and not an effective date (a milestone alarms no one, issue 16). */
const OPEN_DEADLINE = OPEN_TASK_DEADLINE;

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

/**
 * The open trails of the filter that have an open deadline overdue or due this week, as SQL that starts from the
 * deadlines: Trail.id IN (the trails of the open deadlines in that range, along Deadline(metAt, dueAt, id)), each
 * trail then found by its key. Prisma writes the relation filter as an EXISTS per open trail: one index probe for
 * every open trail, 5–13 ms at 10,000 trails for a page and as much for its count, where this reads the deadlines
 * in the range and the trails they name.
 */
export function openTrailsDueSql(filter: OverviewFilter & { deadline: "overdue" | "week" }, today: string): Prisma.Sql {
  const startOfToday = fromDateInputValue(today);
  const due =
    filter.deadline === "overdue"
      ? Prisma.sql`d."dueAt" < ${startOfToday}`
      : Prisma.sql`d."dueAt" >= ${startOfToday} AND d."dueAt" <= ${fromDateInputValue(addDays(today, 7))}`;
  const terms = [
    Prisma.sql`t."closedAt" IS NULL`,
    Prisma.sql`t."id" IN (SELECT d."trailId" FROM "Deadline" d WHERE d."metAt" IS NULL
      AND d."kind" NOT IN (${Prisma.join([...MILESTONE_KINDS])}) AND ${due})`,
    ...(filter.kind ? [Prisma.sql`t."kind" = ${filter.kind}`] : []),
    ...(filter.state ? [Prisma.sql`t."state" = ${filter.state}`] : []),
    ...(filter.municipalityId
      ? [
          Prisma.sql`EXISTS (SELECT 1 FROM "TrailParticipant" p
            WHERE p."trailId" = t."id" AND p."municipalityId" = ${filter.municipalityId})`,
        ]
      : []),
  ];
  return Prisma.join(terms, " AND ");
}

/** How many open trails are due (openTrailsDueSql's condition). */
async function countTrailsDue(due: Prisma.Sql): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>(
    Prisma.sql`SELECT COUNT(*) AS "n" FROM "Trail" t WHERE ${due}`,
  );
  return Number(row?.n ?? 0);
}

/** The ids of a page of the open trails due (openTrailsDueSql's condition), in the overview's order. */
async function pageOfTrailsDue(due: Prisma.Sql, skip: number, take: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT t."id" FROM "Trail" t WHERE ${due}
      ORDER BY t."startedAt" DESC, t."id" ASC LIMIT ${take} OFFSET ${skip}`,
  );
  return rows.map((row) => row.id);
}

const trailWithOpenDeadlines = {
  deadlines: { where: OPEN_DEADLINE, select: { dueAt: true } },
} satisfies Prisma.TrailInclude;

export interface OverviewPage {
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pageSize: number;
}

/**
 * How many trails the overview's filter finds, and the states of its status's trails (the state filter's options).
 * The open trails unfiltered, and their states, are the triggers' running counts (tally.server.ts); a filter or the
 * recently closed trails are counted along Trail's indexes.
 */
async function countTrails(
  filter: OverviewFilter,
  where: Prisma.TrailWhereInput,
  today: string,
  countFiltered: () => Promise<number> = () => prisma.trail.count({ where }),
) {
  if (filter.status === "recentlyClosed") {
    const [total, groups] = await Promise.all([
      prisma.trail.count({ where }),
      prisma.trail.groupBy({ by: ["state"], where: statusWhere(filter.status, today), orderBy: { state: "asc" } }),
    ]);
    return { total, states: groups.map((group) => group.state) };
  }
  const filtered = Boolean(filter.kind || filter.state || filter.municipalityId || filter.deadline);
  const [stages, count] = await Promise.all([openTrailsByStage(), filtered ? countFiltered() : Promise.resolve(null)]);
  return {
    total: count ?? stages.reduce((all, stage) => all + stage.count, 0),
    states: [...new Set(stages.map((stage) => stage.state))].sort(),
  };
}

/**
 * One page of the open trails across the region with their progress across
 * the councils and their deadlines this week and overdue. Filtering, counting
 * and paging happen in the database: a fixed number of queries whatever the
 * number of trails; the open trails in all and per state are the running
 * counts of tally.server.ts; the progress is the trail's summary columns, no
 * snapshot is read.
 */
export async function regionOverview(
  filter: OverviewFilter,
  today = toDateInputValue(new Date()),
  paging: OverviewPage = { page: 1, pageSize: 50 },
) {
  const { deadline } = filter;
  // The open trails with a deadline overdue or this week: counted and paged from the deadlines (openTrailsDueSql).
  const due = deadline && filter.status !== "recentlyClosed" ? openTrailsDueSql({ ...filter, deadline }, today) : null;
  const where = openTrailsWhere(filter, today);
  const { total, states } = await countTrails(filter, where, today, due ? () => countTrailsDue(due) : undefined);
  const { page, pages, skip } = pageWithin(total, paging.page, paging.pageSize);
  const ids = due ? await pageOfTrailsDue(due, skip, paging.pageSize) : null;
  const trails = await prisma.trail.findMany({
    // The page's trails by their ids, still open (one closed since the ids were read is left out, as the filter would).
    where: ids ? { id: { in: ids }, closedAt: null } : where,
    // Closed trails: the most recently closed first.
    orderBy:
      filter.status === "recentlyClosed"
        ? [{ closedAt: "desc" }, { id: "asc" }]
        : [{ startedAt: "desc" }, { id: "asc" }],
    skip: ids ? 0 : skip,
    take: paging.pageSize,
    select: {
      id: true,
      kind: true,
      title: true,
      reference: true,
      state: true,
      closedAt: true,
      progressLabel: true,
      progressDone: true,
      progressTotal: true,
      ...trailWithOpenDeadlines,
    },
  });
  const weekEnd = addDays(today, 7);
  const rows = trails.map((trail) => {
    const due = trail.deadlines.map((d) => toDateInputValue(d.dueAt));
    return {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      state: trail.state,
      closedOn: trail.closedAt ? toDateInputValue(trail.closedAt) : null,
      progress:
        trail.progressLabel !== null && trail.progressDone !== null && trail.progressTotal !== null
          ? { label: trail.progressLabel, done: trail.progressDone, total: trail.progressTotal }
          : null,
      dueThisWeek: due.filter((d) => d >= today && d <= weekEnd).length,
      overdue: due.filter((d) => d < today).length,
    };
  });
  return { rows, total, page, pages, states };
}

/**
 * What a municipality's council must still respond to, by deadline (those
 * without one last), with the last council meeting before the deadline at
 * which it can be handled. One page, from the participant rows' summary
 * (trail-summary.server.ts): the index TrailParticipant(municipalityId,
 * inboxDueAt, trailId) gives the rows in order, whatever the history.
 */
export async function councilInbox(
  municipalityId: string,
  today = toDateInputValue(new Date()),
  requested = 1,
  pageSize = LIST_PAGE_SIZE,
): Promise<ListPageOf<InboxItem>> {
  const where = { municipalityId, inboxDueAt: { not: null } } satisfies Prisma.TrailParticipantWhereInput;
  const total = await prisma.trailParticipant.count({ where });
  const { page, pages, skip } = pageWithin(total, requested, pageSize);
  const [participants, meetings] = await Promise.all([
    prisma.trailParticipant.findMany({
      where,
      orderBy: [{ inboxDueAt: "asc" }, { trailId: "asc" }],
      skip,
      take: pageSize,
      select: {
        awaiting: true,
        inboxDueAt: true,
        trail: { select: { id: true, title: true, kind: true, state: true } },
      },
    }),
    prisma.councilMeeting.findMany({
      where: { municipalityId, bodyKind: "COUNCIL", date: { gte: fromDateInputValue(today) } },
      orderBy: { date: "asc" },
      select: { date: true },
    }),
  ]);
  const meetingDates = meetings.map((m) => toDateInputValue(m.date));
  const rows = participants.map(({ trail, awaiting, inboxDueAt }): InboxItem => {
    const dueOn = inboxDueAt && inboxDueAt.getTime() !== NO_DEADLINE.getTime() ? toDateInputValue(inboxDueAt) : null;
    const meetingOn = dueOn ? ([...meetingDates].reverse().find((d) => d <= dueOn) ?? null) : (meetingDates[0] ?? null);
    return {
      trailId: trail.id,
      title: trail.title,
      kind: trail.kind,
      state: trail.state,
      expected: (awaiting ?? "").split(",").filter(Boolean),
      dueOn,
      status: dueOn ? deadlineStatus(dueOn, null, today) : null,
      meetingOn,
      noMeetingInTime: dueOn !== null && meetingOn === null,
    };
  });
  return { rows, total, page, pages };
}

export interface InboxItem {
  trailId: string;
  title: string;
  kind: TrailKind;
  state: string;
  /** The steps the trail awaits from the council (workflow event types). */
  expected: string[];
  dueOn: string | null;
  status: ReturnType<typeof deadlineStatus> | null;
  meetingOn: string | null;
  /** No council meeting falls between today and the deadline. */
  noMeetingInTime: boolean;
}

/**
 * For policy secretaries: the open trails counted by stage, and one page each
 * of the positions awaiting processing (oldest first) and of the overdue
 * deadlines (longest overdue first), and the councils without a council meeting
 * in their running window (meeting-window.server.ts). The stages and the number
 * awaiting processing are running counts (tally.server.ts); the pages are read in
 * SQL along the indexes Position(awaitingProcessing, loggedAt, id) and
 * Deadline(metAt, dueAt, id).
 */
export async function secretaryPipeline(
  today = toDateInputValue(new Date()),
  pages: { unprocessed?: number; overdue?: number } = {},
  pageSize = LIST_PAGE_SIZE,
) {
  // The flag the writes keep (trail-summary.server.ts: AWAITING_PROCESSING): counted and paged, oldest first,
  // along the index Position(awaitingProcessing, loggedAt, id), whatever the history.
  const unprocessedWhere = { awaitingProcessing: true } satisfies Prisma.PositionWhereInput;
  const overdueWhere = {
    ...OPEN_DEADLINE,
    dueAt: { lt: fromDateInputValue(today) },
    trail: { closedAt: null },
  } satisfies Prisma.DeadlineWhereInput;
  // The stages and the positions awaiting processing are the triggers' running counts (tally.server.ts).
  const [stages, unprocessedTotal, overdueTotal, withoutMeeting] = await Promise.all([
    openTrailsByStage(),
    tally("awaitingProcessing"),
    prisma.deadline.count({ where: overdueWhere }),
    // The alarm of councils without a council meeting in their running window (issue 19).
    councilsWithoutMeeting({ today }),
  ]);
  const unprocessedPage = pageWithin(unprocessedTotal, pages.unprocessed ?? 1, pageSize);
  const overduePage = pageWithin(overdueTotal, pages.overdue ?? 1, pageSize);
  const [unprocessed, overdue] = await Promise.all([
    prisma.position.findMany({
      where: unprocessedWhere,
      orderBy: [{ loggedAt: "asc" }, { id: "asc" }],
      skip: unprocessedPage.skip,
      take: pageSize,
      select: {
        id: true,
        kind: true,
        municipalityId: true,
        meetingDate: true,
        workflowEvent: true,
        trail: {
          select: { id: true, title: true, deadlines: { select: { municipalityId: true, kind: true, dueAt: true } } },
        },
        municipality: { select: { name: true } },
      },
    }),
    prisma.deadline.findMany({
      where: overdueWhere,
      // metAt is null in every row: ordering by it too is the order of the index Deadline(metAt, dueAt, id), which
      // PostgreSQL does not see from "metAt IS NULL" alone; it walked the (dueAt, id) index instead, past every met
      // deadline in the past (issue 17: 25 ms at 10,000 trails, 0.4 ms along this index).
      orderBy: [{ metAt: "asc" }, { dueAt: "asc" }, { id: "asc" }],
      skip: overduePage.skip,
      take: pageSize,
      select: {
        dueAt: true,
        kind: true,
        label: true,
        trail: { select: { id: true, title: true } },
        municipality: { select: { name: true } },
      },
    }),
  ]);
  return {
    withoutMeeting,
    stages,
    unprocessed: {
      total: unprocessedTotal,
      page: unprocessedPage.page,
      pages: unprocessedPage.pages,
      rows: unprocessed.map((p) => ({
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
    },
    overdue: {
      total: overdueTotal,
      page: overduePage.page,
      pages: overduePage.pages,
      rows: overdue.map((d) => ({
        trailId: d.trail.id,
        title: d.trail.title,
        dueOn: toDateInputValue(d.dueAt),
        kind: d.kind,
        label: d.label,
        /** The council whose term it is (the councils' terms of one trail often fall on the same day); null: regional. */
        municipality: d.municipality?.name ?? null,
      })),
    },
  };
}
