/**
 * A user's deadlines and council meetings as an iCalendar (RFC 5545) feed,
 * written by ~/utils/ical. The feed address carries a per-user secret; only
 * its hash is stored, and rotating it makes the old address stop working.
 *
 * The feed covers a window: the past 90 days and everything ahead. Its validator (ETag, Last-Modified) comes
 * from a few indexed aggregates, so a poll that has not changed costs no body.
 */
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { formatDate, fromDateInputValue, toDateInputValue } from "~/utils/format";
import { writeCalendar, type AllDayEvent } from "~/utils/ical";
import { isMilestone } from "../../workflows/deadlines";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

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
  /** Builds the text; only needed when the client's copy is stale. */
  body: () => Promise<string>;
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
    prisma.deadline.count({ where: { ...where.deadlines, trail: undefined } }),
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
  return { etag, lastModified, body: () => feedText(user, where, origin, lastModified) };
}

/** The feed's text for the token's user, or null when the token is unknown. */
export async function calendarFeed(token: string, origin: string, now = new Date()): Promise<string | null> {
  const feed = await openCalendarFeed(token, origin, now);
  return feed ? feed.body() : null;
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
function shiftDate(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function feedWhere(user: FeedUser, from: Date) {
  // Municipal users see their own municipality's deadlines and the regional ones; others see all.
  const scope = user.municipalityId ? { OR: [{ municipalityId: user.municipalityId }, { municipalityId: null }] } : {};
  return {
    deadlines: { ...scope, dueAt: { gte: from }, trail: { closedAt: null } } satisfies Prisma.DeadlineWhereInput,
    meetings: {
      ...(user.municipalityId ? { municipalityId: user.municipalityId } : {}),
      date: { gte: from },
    } satisfies Prisma.CouncilMeetingWhereInput,
  };
}

/** What a deadline is, in the feed's words. */
function deadlineWhat(kind: string, label: string): string {
  return kind === "target"
    ? label
    : kind === "zienswijze"
      ? "Termijn zienswijze"
      : kind === "exitNotice"
        ? "Uiterste datum opzegging uittreding"
        : "Uittreding gaat in";
}

/** The sentence on a deadline's extension under the Algemene termijnenwet, or null. */
const extensionText = (extendedFrom: string | null, dueOn: string) =>
  extendedFrom
    ? `Termijn eindigde op ${formatDate(extendedFrom)}; verlengd tot ${formatDate(dueOn)} (Algemene termijnenwet, art. 1)`
    : null;

async function feedText(
  user: FeedUser,
  where: ReturnType<typeof feedWhere>,
  origin: string,
  stamp: Date,
): Promise<string> {
  // Many rows share a day; the time-zone arithmetic runs once per day.
  const days = new Map<number, string>();
  const toDay = (at: Date) => {
    let date = days.get(at.getTime());
    if (date === undefined) days.set(at.getTime(), (date = toDateInputValue(at)));
    return date;
  };
  const [events, meetings] = await Promise.all([
    user.municipalityId ? councilDeadlineEvents(where, origin, toDay) : regionDeadlineEvents(where, origin, toDay),
    prisma.councilMeeting.findMany({
      where: where.meetings,
      select: { id: true, bodyKind: true, date: true, note: true, municipality: { select: { name: true } } },
      orderBy: { date: "asc" },
    }),
  ]);
  for (const m of meetings) {
    events.push({
      uid: `meeting-${m.id}@h10`,
      date: toDay(m.date),
      summary: `${m.bodyKind === "COUNCIL" ? "Raadsvergadering" : "Commissievergadering"} ${m.municipality.name}`,
      description: m.note ?? "",
    });
  }
  return writeCalendar({
    name: `H10 Besluitvorming — ${user.name}`,
    prodId: "-//H10 Haaglanden//besluitvorming//NL",
    stamp,
    events,
  });
}

type ToDay = (at: Date) => string;

/** A council's user: one event per deadline of the own council and of the region, with whether it was met. */
async function councilDeadlineEvents(
  where: ReturnType<typeof feedWhere>,
  origin: string,
  toDay: ToDay,
): Promise<AllDayEvent[]> {
  const deadlines = await prisma.deadline.findMany({
    where: where.deadlines,
    select: {
      id: true,
      kind: true,
      label: true,
      basis: true,
      dueAt: true,
      metAt: true,
      extendedFrom: true,
      trail: { select: { id: true, title: true } },
      municipality: { select: { name: true } },
    },
    orderBy: { dueAt: "asc" },
  });
  return deadlines.map((d) => {
    const dueOn = toDay(d.dueAt);
    const metOn = d.metAt ? toDay(d.metAt) : null;
    const status = isMilestone(d.kind)
      ? "Ingangsdatum, geen termijn"
      : metOn
        ? metOn > dueOn
          ? `TE LAAT: gegeven op ${formatDate(metOn)}, na de termijn`
          : `Gehaald op ${formatDate(metOn)}`
        : null;
    return {
      uid: `deadline-${d.id}@h10`,
      date: dueOn,
      summary: `${metOn && metOn > dueOn ? "[te laat] " : ""}${deadlineWhat(d.kind, d.label)}${d.municipality ? ` (${d.municipality.name})` : ""}: ${d.trail.title}`,
      description: [d.basis, extensionText(d.extendedFrom ? toDay(d.extendedFrom) : null, dueOn), status]
        .filter(Boolean)
        .join("\n"),
      url: `${origin}/trajecten/${d.trail.id}`,
    };
  });
}

/**
 * A user who sees every council (a secretary, an administrator): the councils' deadlines of one trail on one
 * day are one event ("Termijn zienswijze (9 raden, 3 gehaald)"), grouped in SQL, so the feed grows with the
 * trails and their dates, not with trails × councils.
 */
async function regionDeadlineEvents(
  where: ReturnType<typeof feedWhere>,
  origin: string,
  toDay: ToDay,
): Promise<AllDayEvent[]> {
  const [groups, trails, municipalities] = await Promise.all([
    prisma.deadline.groupBy({
      by: ["trailId", "kind", "label", "dueAt"],
      where: where.deadlines,
      _count: { _all: true, metAt: true, municipalityId: true },
      _min: { municipalityId: true, basis: true },
      _max: { metAt: true, extendedFrom: true },
      orderBy: [{ dueAt: "asc" }, { trailId: "asc" }, { kind: "asc" }, { label: "asc" }],
    }),
    prisma.trail.findMany({
      where: { closedAt: null, deadlines: { some: where.deadlines } },
      select: { id: true, title: true },
    }),
    prisma.municipality.findMany({ select: { id: true, name: true } }),
  ]);
  const titles = new Map(trails.map((t) => [t.id, t.title]));
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  return groups.flatMap((g) => {
    const title = titles.get(g.trailId);
    if (title === undefined) return [];
    const dueOn = toDay(g.dueAt);
    const councils = g._count.municipalityId;
    const met = g._count.metAt;
    const lastMet = g._max.metAt ? toDay(g._max.metAt) : null;
    const late = lastMet !== null && lastMet > dueOn;
    const who =
      councils === 0
        ? ""
        : councils === 1
          ? ` (${names.get(g._min.municipalityId ?? "") ?? "1 raad"})`
          : ` (${councils} raden${met ? `, ${met} gehaald` : ""})`;
    const status = isMilestone(g.kind)
      ? "Ingangsdatum, geen termijn"
      : met === g._count._all
        ? late
          ? "Gegeven, minstens één na de termijn"
          : "Gehaald"
        : met
          ? `${met} van ${g._count._all} gehaald${late ? ", minstens één na de termijn" : ""}`
          : null;
    const key = crypto.createHash("sha256").update(`${g.kind}\n${g.label}`).digest("base64url").slice(0, 10);
    return [
      {
        uid: `deadlines-${g.trailId}-${dueOn}-${key}@h10`,
        date: dueOn,
        summary: `${late ? "[te laat] " : ""}${deadlineWhat(g.kind, g.label)}${who}: ${title}`,
        description: [
          g._min.basis,
          extensionText(g._max.extendedFrom ? toDay(g._max.extendedFrom) : null, dueOn),
          status,
        ]
          .filter(Boolean)
          .join("\n"),
        url: `${origin}/trajecten/${g.trailId}`,
      },
    ];
  });
}
