/**
 * A user's deadlines and council meetings as an iCalendar (RFC 5545) feed,
 * written by ~/utils/ical. The feed address carries a per-user secret; only
 * its hash is stored, and rotating it makes the old address stop working.
 *
 * The feed covers a window: the past 90 days and everything ahead. Its validator (ETag, Last-Modified) comes
 * from a few indexed aggregates, so a poll that has not changed costs no body. A feed written once is kept by its
 * ETag (FEED_CACHE_BYTES in all): a calendar that polls without sending the ETag back gets the same bytes
 * without their being written again.
 */
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { ByteCache } from "~/utils/byte-cache";
import { dutch } from "~/locales/lookup";
import { prisma } from "~/utils/db.server";
import { formatDate, fromDateInputValue, toDateInputValue } from "~/utils/format";
import { CALENDAR_END, calendarHead, writeEvents, type AllDayEvent } from "~/utils/ical";
import { isMilestone } from "~workflows/deadlines";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";
import { yieldToEventLoop } from "~/utils/event-loop";

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function rotateCalendarToken(actor: Actor): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: hash(token) } });
    await appendEvent(tx, { type: "calendar_feed.rotated", actor, payload: {} });
  });
  return token;
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return Boolean(user?.calendarTokenHash);
}

/** Days before today that the feed still shows. */
export const FEED_PAST_DAYS = 90;
/** Bump when the feed's text changes for the same data, so old ETags stop matching. */
const FEED_FORMAT = 2;

type FeedUser = { id: string; name: string; municipalityId: string | null };

export interface CalendarFeed {
  etag: string;
  lastModified: Date;
  /**
   * The text as a stream, read part by part (a part is one page of the window, FEED_PAGE deadlines), the event
   * loop served between parts; only needed when the client's copy is stale.
   */
  body: () => ReadableStream<Uint8Array>;
}

/** The feed for the token's user with its validators, or null when the token is unknown. */
export async function openCalendarFeed(token: string, origin: string, now = new Date()): Promise<CalendarFeed | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const user = await prisma.user.findUnique({
    where: { calendarTokenHash: hash(token) },
    select: { id: true, name: true, municipalityId: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  const today = toDateInputValue(now);
  const from = fromDateInputValue(shiftDate(today, -FEED_PAST_DAYS));
  const where = feedWhere(user, from);
  // Every write in the app appends to the audit chain, so its last sequence moves whenever a deadline, meeting,
  // trail title or name in the feed can have changed; the counts cover rows written without it (seeds, copies).
  const [last, deadlines, meetings] = await Promise.all([
    prisma.event.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, createdAt: true } }),
    // Without the join to Trail, an index-only count; closing a trail is an audited write.
    prisma.deadline.count({ where: where.deadlines }),
    prisma.councilMeeting.count({ where: where.meetings }),
  ]);
  // The window moves at midnight: the feed is at least as new as today.
  const midnight = fromDateInputValue(today);
  const changed = last && last.createdAt > midnight ? last.createdAt : midnight;
  const lastModified = new Date(Math.floor(changed.getTime() / 1000) * 1000);
  const validator = JSON.stringify([
    FEED_FORMAT,
    user.id,
    user.name,
    origin,
    today,
    last?.sequence ?? 0,
    deadlines,
    meetings,
  ]);
  const etag = `"${crypto.createHash("sha256").update(validator).digest("base64url").slice(0, 27)}"`;
  return {
    etag,
    lastModified,
    body: () => {
      const written = writtenFeeds.get(etag);
      return written ? bytesStream(written) : remembered(etag, feedStream(feedParts(user, from, origin, lastModified)));
    },
  };
}

/**
 * The feeds written lately, by ETag. The ETag covers everything the text depends on (the user, the day, the last
 * audited write, the window's counts), so an entry is never stale: a changed feed has another ETag, and the old
 * entry ages out. Bounded in bytes; one feed may take a quarter (about 860 KB is a secretary's feed at 10,000
 * trails).
 */
export const FEED_CACHE_BYTES = 16 * 1024 * 1024;
const writtenFeeds = new ByteCache(FEED_CACHE_BYTES, FEED_CACHE_BYTES / 4);

/** Forgets the written feeds (tests that count what writing a feed costs). */
export function forgetWrittenFeeds() {
  writtenFeeds.clear();
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The stream, passed on part by part; once read to its end (not cancelled), its bytes are kept under the ETag. */
function remembered(etag: string, stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(part, controller) {
        // Past the entry limit the feed is not kept: stop holding its parts.
        if (size <= writtenFeeds.entryLimit) parts.push(part);
        size += part.byteLength;
        controller.enqueue(part);
      },
      flush() {
        if (size <= writtenFeeds.entryLimit) writtenFeeds.set(etag, Buffer.concat(parts, size));
      },
    }),
  );
}

/** The feed's text for the token's user, or null when the token is unknown. */
export async function calendarFeed(token: string, origin: string, now = new Date()): Promise<string | null> {
  const feed = await openCalendarFeed(token, origin, now);
  return feed ? new Response(feed.body()).text() : null;
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
function shiftDate(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The window's deadlines (of open and closed trails: the validators count them) and meetings, in Prisma's terms. */
function feedWhere(user: FeedUser, from: Date) {
  // Municipal users see their own municipality's deadlines and the regional ones; others see all.
  const scope = user.municipalityId ? { OR: [{ municipalityId: user.municipalityId }, { municipalityId: null }] } : {};
  return {
    deadlines: { ...scope, dueAt: { gte: from } } satisfies Prisma.DeadlineWhereInput,
    meetings: {
      ...(user.municipalityId ? { municipalityId: user.municipalityId } : {}),
      date: { gte: from },
    } satisfies Prisma.CouncilMeetingWhereInput,
  };
}

/** What a deadline is, in the feed's words; a kind without words of its own in those of the Dutch locale. */
function deadlineWhat(kind: string, label: string): string {
  return kind === "target"
    ? label
    : kind === "zienswijze"
      ? "Termijn zienswijze"
      : kind === "exitNotice"
        ? "Uiterste datum opzegging uittreding"
        : kind === "exitEffective"
          ? "Uittreding gaat in"
          : dutch(`deadlineKinds.${kind}`);
}

/** The sentence on a deadline's extension under the Algemene termijnenwet, or null. */
const extensionText = (extendedFrom: string | null, dueOn: string) =>
  extendedFrom
    ? `Termijn eindigde op ${formatDate(extendedFrom)}; verlengd tot ${formatDate(dueOn)} (Algemene termijnenwet, art. 1)`
    : null;

/** How many deadlines (of every council) one part of the feed covers, about. */
export const FEED_PAGE = 1000;

/** The parts as a byte stream that reads the next part only when the reader wants it. */
function feedStream(parts: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await parts.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** An instant as the engine returns it from raw SQL: a Date on PostgreSQL, ISO text on SQLite. */
const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The end of the page of the window that starts at `start`: the instant of the deadline FEED_PAGE places on (the
 * page ends before it), or null when fewer follow. A page holds whole instants, so the deadlines of one trail and
 * day are never split over two pages: when more than a page falls on `start` itself, the page ends at the next
 * instant. Index-only walks along Deadline(dueAt, id) on both engines.
 */
export function pageEndQuery(start: Date) {
  return Prisma.sql`
    SELECT "dueAt" FROM "Deadline" WHERE "dueAt" >= ${start} ORDER BY "dueAt" LIMIT 1 OFFSET ${FEED_PAGE}`;
}

export function nextInstantQuery(start: Date) {
  return Prisma.sql`SELECT "dueAt" FROM "Deadline" WHERE "dueAt" > ${start} ORDER BY "dueAt" LIMIT 1`;
}

async function pageEnd(start: Date): Promise<Date | null> {
  const [row] = await prisma.$queryRaw<{ dueAt: Date | string }[]>(pageEndQuery(start));
  const end = row ? instant(row.dueAt) : null;
  if (!end || end.getTime() > start.getTime()) return end;
  const [next] = await prisma.$queryRaw<{ dueAt: Date | string }[]>(nextInstantQuery(start));
  return next ? instant(next.dueAt) : null;
}

/**
 * The last page's end. A page is always bounded on both sides: without an upper bound SQLite's planner expects
 * many rows and first builds a Bloom filter over the whole Trail table (about 10,000 wide rows; 30–200 ms at
 * 10,000 trails).
 */
const END_OF_TIME = new Date("9999-12-31T23:59:59.999Z");

const dueBetween = (start: Date, end: Date | null) =>
  Prisma.sql`d."dueAt" >= ${start} AND d."dueAt" < ${end ?? END_OF_TIME}`;

/**
 * A council's deadlines (and the regional ones) of open trails due in [start, end). Deadline leads the join
 * (CROSS JOIN fixes the order on SQLite, which would otherwise scan Trail), read along Deadline(municipalityId,
 * dueAt, id); each trail is looked up by its key.
 */
export function councilPageQuery(municipalityId: string, start: Date, end: Date | null) {
  return Prisma.sql`
    SELECT d."id", d."kind", d."label", d."basis", d."dueAt", d."metAt", d."extendedFrom", d."municipalityId",
      d."trailId", t."title"
    FROM "Deadline" d CROSS JOIN "Trail" t
    WHERE (d."municipalityId" = ${municipalityId} OR d."municipalityId" IS NULL) AND ${dueBetween(start, end)}
      AND t."id" = d."trailId" AND t."closedAt" IS NULL
    ORDER BY d."dueAt", d."id"`;
}

/**
 * Every council's deadlines of open trails due in [start, end), one row per trail, kind, label and instant,
 * grouped in SQL along Deadline(dueAt, id); each group's trail is looked up by its key.
 */
export function regionPageQuery(start: Date, end: Date | null) {
  return Prisma.sql`
    SELECT g."trailId", g."kind", g."label", g."dueAt", g."total", g."met", g."councils", g."municipalityId",
      g."basis", g."lastMet", g."extendedFrom", t."title"
    FROM (
      SELECT d."trailId", d."kind", d."label", d."dueAt", COUNT(*) AS "total", COUNT(d."metAt") AS "met",
        COUNT(d."municipalityId") AS "councils", MIN(d."municipalityId") AS "municipalityId",
        MIN(d."basis") AS "basis", MAX(d."metAt") AS "lastMet", MAX(d."extendedFrom") AS "extendedFrom"
      FROM "Deadline" d
      WHERE ${dueBetween(start, end)}
      GROUP BY d."trailId", d."kind", d."label", d."dueAt"
    ) g CROSS JOIN "Trail" t
    WHERE t."id" = g."trailId" AND t."closedAt" IS NULL
    ORDER BY g."dueAt", g."trailId", g."kind", g."label"`;
}

type ToDay = (at: Date) => string;

interface Context {
  origin: string;
  toDay: ToDay;
  names: Map<string, string>;
}

/**
 * The feed in parts: the calendar's head, the deadlines a page of the window at a time (FEED_PAGE deadlines of
 * all councils), the council meetings, the end. Raw SQL reads only the columns the text needs; the event loop is
 * served between pages, so a long feed never holds up other requests, and only one page is in memory at a time.
 */
async function* feedParts(user: FeedUser, from: Date, origin: string, stamp: Date): AsyncGenerator<string> {
  yield calendarHead({ name: `H10 Besluitvorming — ${user.name}`, prodId: "-//H10 Haaglanden//besluitvorming//NL" });
  // Many rows share a day; the time-zone arithmetic runs once per day.
  const days = new Map<number, string>();
  const toDay = (at: Date) => {
    let date = days.get(at.getTime());
    if (date === undefined) days.set(at.getTime(), (date = toDateInputValue(at)));
    return date;
  };
  const municipalities = await prisma.municipality.findMany({ select: { id: true, name: true } });
  const context: Context = { origin, toDay, names: new Map(municipalities.map((m) => [m.id, m.name])) };
  for (let start: Date | null = from; start;) {
    await yieldToEventLoop();
    const end = await pageEnd(start);
    const events = user.municipalityId
      ? await councilDeadlineEvents(user.municipalityId, start, end, context)
      : await regionDeadlineEvents(start, end, context);
    if (events.length) yield writeEvents(events, stamp);
    start = end;
  }
  await yieldToEventLoop();
  const meetings = await prisma.councilMeeting.findMany({
    where: feedWhere(user, from).meetings,
    select: { id: true, bodyKind: true, date: true, note: true, location: true, municipalityId: true },
    orderBy: { date: "asc" },
  });
  yield (
    writeEvents(
      meetings.map((m) => ({
        uid: `meeting-${m.id}@h10`,
        date: toDay(m.date),
        summary: `${m.bodyKind === "COUNCIL" ? "Raadsvergadering" : "Commissievergadering"} ${context.names.get(m.municipalityId) ?? ""}`,
        description: m.note ?? "",
        location: m.location ?? undefined,
        url: `${origin}/vergaderingen/${m.id}`,
      })),
      stamp,
    ) + CALENDAR_END
  );
}

/** A council's user: one event per deadline of the own council and of the region, with whether it was met. */
async function councilDeadlineEvents(
  municipalityId: string,
  start: Date,
  end: Date | null,
  { origin, toDay, names }: Context,
): Promise<AllDayEvent[]> {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      kind: string;
      label: string;
      basis: string | null;
      dueAt: Date | string;
      metAt: Date | string | null;
      extendedFrom: Date | string | null;
      municipalityId: string | null;
      trailId: string;
      title: string;
    }[]
  >(councilPageQuery(municipalityId, start, end));
  return rows.map((d) => {
    const dueOn = toDay(instant(d.dueAt));
    const metOn = d.metAt ? toDay(instant(d.metAt)) : null;
    const status = isMilestone(d.kind)
      ? "Ingangsdatum, geen termijn"
      : metOn
        ? metOn > dueOn
          ? `TE LAAT: gegeven op ${formatDate(metOn)}, na de termijn`
          : `Gehaald op ${formatDate(metOn)}`
        : null;
    const council = d.municipalityId ? names.get(d.municipalityId) : undefined;
    return {
      uid: `deadline-${d.id}@h10`,
      date: dueOn,
      summary: `${metOn && metOn > dueOn ? "[te laat] " : ""}${deadlineWhat(d.kind, d.label)}${council ? ` (${council})` : ""}: ${d.title}`,
      description: [d.basis, extensionText(d.extendedFrom ? toDay(instant(d.extendedFrom)) : null, dueOn), status]
        .filter(Boolean)
        .join("\n"),
      url: `${origin}/trajecten/${d.trailId}`,
    };
  });
}

/**
 * A user who sees every council (a secretary, an administrator): the councils' deadlines of one trail on one
 * day are one event ("Termijn zienswijze (9 raden, 3 gehaald)"), grouped in SQL, so the feed grows with the
 * trails and their dates, not with trails × councils.
 */
async function regionDeadlineEvents(
  start: Date,
  end: Date | null,
  { origin, toDay, names }: Context,
): Promise<AllDayEvent[]> {
  const groups = await prisma.$queryRaw<
    {
      trailId: string;
      kind: string;
      label: string;
      dueAt: Date | string;
      total: number | bigint;
      met: number | bigint;
      councils: number | bigint;
      municipalityId: string | null;
      basis: string | null;
      lastMet: Date | string | null;
      extendedFrom: Date | string | null;
      title: string;
    }[]
  >(regionPageQuery(start, end));
  return groups.map((g) => {
    const dueOn = toDay(instant(g.dueAt));
    const total = Number(g.total);
    const councils = Number(g.councils);
    const met = Number(g.met);
    const lastMet = g.lastMet ? toDay(instant(g.lastMet)) : null;
    const late = lastMet !== null && lastMet > dueOn;
    const who =
      councils === 0
        ? ""
        : councils === 1
          ? ` (${names.get(g.municipalityId ?? "") ?? "1 raad"})`
          : ` (${councils} raden${met ? `, ${met} gehaald` : ""})`;
    const status = isMilestone(g.kind)
      ? "Ingangsdatum, geen termijn"
      : met === total
        ? late
          ? "Gegeven, minstens één na de termijn"
          : "Gehaald"
        : met
          ? `${met} van ${total} gehaald${late ? ", minstens één na de termijn" : ""}`
          : null;
    const key = crypto.createHash("sha256").update(`${g.kind}\n${g.label}`).digest("base64url").slice(0, 10);
    return {
      uid: `deadlines-${g.trailId}-${dueOn}-${key}@h10`,
      date: dueOn,
      summary: `${late ? "[te laat] " : ""}${deadlineWhat(g.kind, g.label)}${who}: ${g.title}`,
      description: [g.basis, extensionText(g.extendedFrom ? toDay(instant(g.extendedFrom)) : null, dueOn), status]
        .filter(Boolean)
        .join("\n"),
      url: `${origin}/trajecten/${g.trailId}`,
    };
  });
}
