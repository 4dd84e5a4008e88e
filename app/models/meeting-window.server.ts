/**
 * The alarm of a council that has no council meeting inside its window (issue 19): per open trail, the
 * councils whose open deadline (a zienswijze, an exit notice: any deadline of one council that is a task, of any
 * kind of trail) is still running and that have no council meeting from the window's start up to the due date.
 * The twelve weeks of a budget cycle often fall in the summer recess; the councils' calendars say so in advance.
 *
 * The window of a council runs from the later of today and the day its council received the draft (its
 * receivedAt; today when unknown) up to and including the due date: a meeting on the due date itself counts,
 * since the term ends at the end of that day and the council can decide on it. Only council meetings count (a
 * committee does not give the council's zienswijze), and a cancelled meeting does not.
 *
 * Two queries, whatever the history: the open deadlines due from today on are one range of the index
 * Deadline(metAt, dueAt, id) (of one council: Deadline(municipalityId, metAt, dueAt)), so met deadlines and the
 * past are never read; per deadline its trail is found by its key and the council's meetings by the index
 * CouncilMeeting(municipalityId, bodyKind, date) in a NOT EXISTS. The trails are grouped and capped
 * in SQL, with the number of trails left over.
 */
import { Prisma, type TrailKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { MILESTONE_KINDS } from "~workflows/deadlines";

/** At most this many trails in the alarm; the rest are counted. */
export const WINDOW_ALARM_LIMIT = 20;

export interface WindowCouncil {
  municipalityId: string;
  name: string;
  /** The due date of the council's deadline (the last day a meeting counts). */
  dueOn: string;
  /** The deadline's kind (deadlineKinds.*). */
  kind: string;
}

export interface WindowAlarmTrail {
  trailId: string;
  title: string;
  reference: string;
  kind: TrailKind;
  /** The councils without a council meeting in their window, soonest due first, then by name. */
  councils: WindowCouncil[];
}

export interface WindowAlarm {
  /** Up to the limit, the trail with the soonest due date first. */
  trails: WindowAlarmTrail[];
  /** How many trails have such councils in all. */
  total: number;
  /** How many of them are not shown. */
  more: number;
}

/** A value of a raw query's date column: a Date on PostgreSQL, ISO text or milliseconds on SQLite. */
function dayOf(value: Date | string | number): string {
  return toDateInputValue(value instanceof Date ? value : new Date(value));
}

/**
 * The open deadlines of one council still running from `start`, of open trails, with no council meeting from
 * `start` up to the due date (`d` is the deadline). A meeting before the council received the draft does not count:
 * its participant row is found by its key, per meeting in the window (a few).
 */
function withoutMeeting(start: Date, municipalityId: string | null) {
  return Prisma.sql`
    d."metAt" IS NULL
    AND d."dueAt" >= ${start}
    AND ${municipalityId === null ? Prisma.sql`d."municipalityId" IS NOT NULL` : Prisma.sql`d."municipalityId" = ${municipalityId}`}
    AND d."kind" NOT IN (${Prisma.join([...MILESTONE_KINDS])})
    AND EXISTS (SELECT 1 FROM "Trail" t WHERE t."id" = d."trailId" AND t."closedAt" IS NULL)
    AND NOT EXISTS (
      SELECT 1 FROM "CouncilMeeting" m
      WHERE m."municipalityId" = d."municipalityId"
        AND m."bodyKind" = 'COUNCIL'
        AND m."status" <> 'CANCELLED'
        AND m."date" >= ${start}
        AND m."date" <= d."dueAt"
        AND NOT EXISTS (
          SELECT 1 FROM "TrailParticipant" p
          WHERE p."trailId" = d."trailId" AND p."municipalityId" = d."municipalityId" AND p."receivedAt" > m."date"
        )
    )`;
}

/** Per trail with such councils: its soonest due date and the number of trails in all, soonest first, capped. */
export function windowAlarmTrailsQuery(today: string, municipalityId: string | null, limit = WINDOW_ALARM_LIMIT) {
  return Prisma.sql`
    SELECT d."trailId" AS "trailId", MIN(d."dueAt") AS "firstDue", COUNT(*) OVER () AS "trails"
    FROM "Deadline" d
    WHERE ${withoutMeeting(fromDateInputValue(today), municipalityId)}
    GROUP BY d."trailId"
    ORDER BY MIN(d."dueAt"), d."trailId"
    LIMIT ${limit}`;
}

/** The councils of these trails without a meeting in their window, with the trails' and councils' names. */
function windowAlarmCouncilsQuery(today: string, municipalityId: string | null, trailIds: string[]) {
  return Prisma.sql`
    SELECT d."trailId" AS "trailId", d."municipalityId" AS "municipalityId", d."dueAt" AS "dueAt",
      d."kind" AS "kind", mu."name" AS "name", tr."title" AS "title", tr."reference" AS "reference",
      tr."kind" AS "trailKind"
    FROM "Deadline" d
    JOIN "Municipality" mu ON mu."id" = d."municipalityId"
    JOIN "Trail" tr ON tr."id" = d."trailId"
    WHERE d."trailId" IN (${Prisma.join(trailIds)})
      AND ${withoutMeeting(fromDateInputValue(today), municipalityId)}
    ORDER BY d."dueAt", mu."name", d."id"`;
}

interface TrailRow {
  trailId: string;
  firstDue: Date | string | number;
  trails: number | bigint;
}

interface CouncilRow {
  trailId: string;
  municipalityId: string;
  dueAt: Date | string | number;
  kind: string;
  name: string;
  title: string;
  reference: string;
  trailKind: TrailKind;
}

/**
 * The open trails whose councils (or, with `municipalityId`, whose one council) have no council meeting in a
 * window still running on `today`: the secretary's pipeline and the alderman's dashboard.
 */
export async function councilsWithoutMeeting(
  options: { today?: string; municipalityId?: string | null; limit?: number } = {},
): Promise<WindowAlarm> {
  const today = options.today ?? toDateInputValue(new Date());
  const municipalityId = options.municipalityId ?? null;
  const limit = options.limit ?? WINDOW_ALARM_LIMIT;
  const trailRows = await prisma.$queryRaw<TrailRow[]>(windowAlarmTrailsQuery(today, municipalityId, limit));
  if (!trailRows.length) return { trails: [], total: 0, more: 0 };
  const total = Number(trailRows[0]!.trails);
  const order = new Map(trailRows.map((r, index) => [r.trailId, index]));
  const councilRows = await prisma.$queryRaw<CouncilRow[]>(
    windowAlarmCouncilsQuery(
      today,
      municipalityId,
      trailRows.map((r) => r.trailId),
    ),
  );
  const trails = new Map<string, WindowAlarmTrail>();
  for (const row of councilRows) {
    const trail = trails.get(row.trailId) ?? {
      trailId: row.trailId,
      title: row.title,
      reference: row.reference,
      kind: row.trailKind,
      councils: [],
    };
    trail.councils.push({
      municipalityId: row.municipalityId,
      name: row.name,
      dueOn: dayOf(row.dueAt),
      kind: row.kind,
    });
    trails.set(row.trailId, trail);
  }
  const shown = [...trails.values()].sort((a, b) => order.get(a.trailId)! - order.get(b.trailId)!);
  return { trails: shown, total, more: Math.max(0, total - shown.length) };
}
