/**
 * The alderman's dashboard (issue 16): one page of the open trails × the
 * councils in one grid, each trail's progress across the councils, a timeline
 * of each trail's open council deadlines and council meetings, the deadlines
 * of the next weeks, and the own municipality's summary (what its council
 * still has to do and its shares of the trails' amounts).
 *
 * Every list is limited and every count is done by the database, on indexed
 * columns (Trail.closedAt+startedAt, Deadline.metAt+dueAt, Deadline.municipalityId+metAt+dueAt,
 * CouncilMeeting.municipalityId+bodyKind+date): the number of queries and the rows read do not grow
 * with the number of trails, open or closed, outside the page.
 */
import type { Prisma } from "~/generated/prisma/client";
import { approvalMatrix, type CellState } from "~/utils/approval-matrix";
import { prisma } from "~/utils/db.server";
import { deadlineStatus, type DeadlineStatus } from "~/utils/deadlines";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { sharesOf } from "~/utils/finance-text";
import { PROGRESS_GROUPS, progressGroup, type ProgressCounts } from "~/utils/progress-groups";
import { addDays } from "~workflows/shared/dates";
import { trailFinances } from "./finance.server";
import { councilsWithoutMeeting } from "./meeting-window.server";
import { OPEN_TASK_DEADLINE, participantSummarySelect, standingOf } from "./trail-summary.server";

/** Open deadlines: not met, and not an effective date (a milestone alarms no one). */
const OPEN_DEADLINE = OPEN_TASK_DEADLINE;

/** A participant row's standing (its summary columns, trail-summary.server.ts). */
const standingSelect = {
  ...participantSummarySelect,
  municipality: { select: { name: true } },
} satisfies Prisma.TrailParticipantSelect;

export interface GridCell {
  state: CellState;
  /** i18n key of the council's status (trackStatus.*). */
  label: string;
  dueOn: string | null;
  deadlineStatus: DeadlineStatus | null;
}

export interface TimelineCouncil {
  municipalityId: string;
  name: string;
  dueOn: string;
  status: DeadlineStatus;
  /** Council meetings from the window's start up to the deadline. */
  meetings: string[];
  /** No council meeting falls between today and the deadline (an overdue deadline has none). */
  noMeetingInTime: boolean;
}

export interface DashboardOptions {
  today?: string;
  page?: number;
  pageSize?: number;
  /** How many weeks ahead "the next weeks" reach. */
  weeks?: number;
}

export const DASHBOARD_PAGE_SIZE = 10;
export const DASHBOARD_WEEKS = 6;
/** At most this many rows in the deadlines lists and trails in the money summary. */
const LIST_LIMIT = 25;
const FINANCE_TRAILS = 3;

type PageTrail = Prisma.TrailGetPayload<{
  select: {
    id: true;
    kind: true;
    title: true;
    reference: true;
    state: true;
    participants: { select: typeof standingSelect };
    deadlines: {
      select: { municipalityId: true; kind: true; dueAt: true; metAt: true; extendedFrom: true };
    };
  };
}>;

/** Each participant's state in a trail: the approval matrix's position cell, without the positions it does not need. */
function trailCells(trail: PageTrail, today: string): Map<string, GridCell> {
  const standings = new Map(trail.participants.map((p) => [p.municipalityId, p]));
  const rows = approvalMatrix({
    participants: trail.participants.map((p) => ({
      municipalityId: p.municipalityId,
      name: p.municipality.name,
      receivedOn: p.receivedAt ? toDateInputValue(p.receivedAt) : null,
    })),
    positions: [],
    deadlines: trail.deadlines.map((d) => ({
      municipalityId: d.municipalityId,
      kind: d.kind,
      dueOn: toDateInputValue(d.dueAt),
      metOn: d.metAt ? toDateInputValue(d.metAt) : null,
      extendedFrom: d.extendedFrom ? toDateInputValue(d.extendedFrom) : null,
    })),
    status: (id) => {
      const p = standings.get(id);
      return p ? standingOf(p) : { status: "notParticipating", on: null };
    },
    today,
  });
  return new Map(
    rows.map((row) => {
      const due = trail.deadlines.find((d) => d.municipalityId === row.municipalityId && d.kind === "zienswijze");
      const dueOn = due ? toDateInputValue(due.dueAt) : null;
      return [
        row.municipalityId,
        {
          state: row.position.state,
          label: row.position.label,
          dueOn,
          deadlineStatus: dueOn ? deadlineStatus(dueOn, due!.metAt ? toDateInputValue(due!.metAt) : null, today) : null,
        },
      ];
    }),
  );
}

export async function aldermanDashboard(municipalityId: string | null, options: DashboardOptions = {}) {
  const today = options.today ?? toDateInputValue(new Date());
  const pageSize = options.pageSize ?? DASHBOARD_PAGE_SIZE;
  const weeks = options.weeks ?? DASHBOARD_WEEKS;
  const horizon = addDays(today, 7 * weeks);
  const startOfToday = fromDateInputValue(today);
  const openTrail = { closedAt: null } satisfies Prisma.TrailWhereInput;

  const total = await prisma.trail.count({ where: openTrail });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);

  // The next weeks: the own council's deadlines and those of the whole trail, on trails it takes part in.
  const concerning: Prisma.DeadlineWhereInput = municipalityId
    ? {
        OR: [{ municipalityId }, { municipalityId: null, trail: { participants: { some: { municipalityId } } } }],
      }
    : {};

  const ownOpen = { municipalityId, ...OPEN_DEADLINE, trail: openTrail } satisfies Prisma.DeadlineWhereInput;
  const [trails, upcoming, ownDeadlines, financeGroups, withoutMeeting] = await Promise.all([
    prisma.trail.findMany({
      where: openTrail,
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        kind: true,
        title: true,
        reference: true,
        state: true,
        participants: { select: standingSelect },
        deadlines: {
          where: { kind: "zienswijze" },
          select: { municipalityId: true, kind: true, dueAt: true, metAt: true, extendedFrom: true },
        },
      },
    }),
    prisma.deadline.findMany({
      where: {
        ...OPEN_DEADLINE,
        dueAt: { gte: startOfToday, lt: fromDateInputValue(addDays(horizon, 1)) },
        trail: openTrail,
        ...concerning,
      },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select: {
        id: true,
        dueAt: true,
        kind: true,
        label: true,
        basis: true,
        extendedFrom: true,
        municipality: { select: { name: true } },
        trail: { select: { id: true, title: true } },
      },
    }),
    municipalityId
      ? prisma.deadline.findMany({
          where: ownOpen,
          orderBy: [{ dueAt: "asc" }, { id: "asc" }],
          // One more than shown: whether there are more, without counting them all.
          take: LIST_LIMIT + 1,
          select: {
            id: true,
            dueAt: true,
            kind: true,
            label: true,
            extendedFrom: true,
            trail: { select: { id: true, title: true } },
          },
        })
      : Promise.resolve([]),
    // The open trails we take part in with a shared amount, found from the amounts (far fewer than the trails).
    municipalityId
      ? prisma.financialItem.groupBy({
          by: ["trailId"],
          where: {
            amountCents: { not: null },
            keyId: { not: null },
            trail: { ...openTrail, participants: { some: { municipalityId } } },
          },
          orderBy: { trailId: "asc" },
        })
      : Promise.resolve([]),
    // Our council's running windows without a council meeting in them (issue 19).
    municipalityId ? councilsWithoutMeeting({ today, municipalityId }) : Promise.resolve(null),
  ]);
  const financeTrails = financeGroups.length
    ? await prisma.trail.findMany({
        where: { id: { in: financeGroups.map((g) => g.trailId) } },
        orderBy: [{ startedAt: "desc" }, { id: "asc" }],
        take: FINANCE_TRAILS,
        select: { id: true, title: true },
      })
    : [];

  // The grid: one column per council taking part in a trail of the page, by name.
  const councils = new Map<string, string>();
  for (const trail of trails) for (const p of trail.participants) councils.set(p.municipalityId, p.municipality.name);
  const columns = [...councils.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));

  const rows = trails.map((trail) => {
    const cells = trailCells(trail, today);
    const progress = Object.fromEntries(PROGRESS_GROUPS.map((g) => [g, 0])) as ProgressCounts;
    for (const cell of cells.values()) progress[progressGroup(cell.state)] += 1;
    return {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      state: trail.state,
      cells: Object.fromEntries(cells) as Record<string, GridCell>,
      progress,
    };
  });

  // The timeline: the page's open council deadlines with the council meetings before them.
  const open = trails.flatMap((trail) =>
    trail.deadlines
      .filter((d) => d.municipalityId !== null && d.metAt === null)
      .map((d) => ({
        trailId: trail.id,
        municipalityId: d.municipalityId!,
        name: trail.participants.find((p) => p.municipalityId === d.municipalityId)?.municipality.name ?? "",
        dueOn: toDateInputValue(d.dueAt),
      })),
  );
  const latest = open.reduce((max, d) => (d.dueOn > max ? d.dueOn : max), today);
  const meetings = open.length
    ? await prisma.councilMeeting.findMany({
        where: {
          municipalityId: { in: [...new Set(open.map((d) => d.municipalityId))] },
          bodyKind: "COUNCIL",
          date: { gte: startOfToday, lte: fromDateInputValue(latest) },
        },
        orderBy: { date: "asc" },
        select: { municipalityId: true, date: true },
      })
    : [];
  const timelines = trails.flatMap((trail) => {
    const councilsDue: TimelineCouncil[] = open
      .filter((d) => d.trailId === trail.id)
      .map((d) => {
        const dates = meetings
          .filter((m) => m.municipalityId === d.municipalityId)
          .map((m) => toDateInputValue(m.date))
          .filter((date) => date <= d.dueOn);
        return {
          municipalityId: d.municipalityId,
          name: d.name,
          dueOn: d.dueOn,
          status: deadlineStatus(d.dueOn, null, today),
          meetings: dates,
          noMeetingInTime: dates.length === 0,
        };
      })
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name, "nl"));
    return councilsDue.length ? [{ trailId: trail.id, title: trail.title, today, councils: councilsDue }] : [];
  });

  // Our shares of the amounts of (at most a few) open trails we take part in.
  const finances = municipalityId
    ? await Promise.all(
        financeTrails.map(async (trail) => {
          const { items } = await trailFinances(trail.id);
          return {
            trailId: trail.id,
            title: trail.title,
            items: items
              .filter((item) => item.allocation?.ok)
              .map((item) => ({
                id: item.id,
                label: item.label,
                kind: item.kind,
                year: item.year,
                cents: item.cents!,
                own: sharesOf([item], municipalityId)[0]?.cents ?? null,
                shares: item.allocation!.ok
                  ? item.allocation!.shares.map((s) => ({
                      municipalityId: s.municipalityId,
                      name: s.municipality,
                      cents: s.cents,
                    }))
                  : [],
              })),
          };
        }),
      )
    : [];

  return {
    today,
    weeks,
    horizon,
    total,
    page,
    pages,
    columns,
    rows,
    timelines,
    upcoming: upcoming.map((d) => ({
      id: d.id,
      dueOn: toDateInputValue(d.dueAt),
      kind: d.kind,
      label: d.label,
      basis: d.basis,
      status: deadlineStatus(toDateInputValue(d.dueAt), null, today),
      extendedFrom: d.extendedFrom ? toDateInputValue(d.extendedFrom) : null,
      municipality: d.municipality?.name ?? null,
      trailId: d.trail.id,
      title: d.trail.title,
    })),
    own: municipalityId
      ? {
          /** More open deadlines than listed. */
          more: ownDeadlines.length > LIST_LIMIT,
          toDo: ownDeadlines.slice(0, LIST_LIMIT).map((d) => ({
            id: d.id,
            dueOn: toDateInputValue(d.dueAt),
            status: deadlineStatus(toDateInputValue(d.dueAt), null, today),
            extendedFrom: d.extendedFrom ? toDateInputValue(d.extendedFrom) : null,
            kind: d.kind,
            label: d.label,
            trailId: d.trail.id,
            title: d.trail.title,
          })),
          finances,
          /** The open trails on which our council has no council meeting before its running deadline. */
          withoutMeeting: withoutMeeting!,
        }
      : null,
  };
}

export type AldermanDashboard = Awaited<ReturnType<typeof aldermanDashboard>>;
