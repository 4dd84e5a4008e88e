import type { BodyKind, MeetingStatus } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";
import { createOnce } from "./form-key.server";
import { indexMeeting, unindexMeeting } from "./search.server";

/** Meeting calendars are kept by the municipality's clerk or an administrator. */
export function mayKeepCalendar(actor: Actor, municipalityId: string): boolean {
  return actor.role === "ADMIN" || (actor.role === "CLERK" && actor.municipalityId === municipalityId);
}

/** Meetings a page of /vergaderingen. */
export const MEETING_PAGE = 50;

const MEETING_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9_-]{1,64})$/;

/**
 * The meetings of every council, or of one, from a day on (upcoming, by date) or before it (past, newest
 * first), a page at a time along CouncilMeeting(date, id) or (municipalityId, date, id); with the number of
 * items on each agenda, counted for the page's meetings along AgendaItem(meetingId, number).
 */
export async function listMeetings(options: {
  municipalityId?: string | null;
  /** The first day of the upcoming meetings, or the day before which the past ones lie. */
  day: string;
  past?: boolean;
  cursor?: string | null;
}) {
  const after = options.cursor ? MEETING_CURSOR.exec(options.cursor) : null;
  const day = fromDateInputValue(options.day);
  const direction = options.past ? "desc" : "asc";
  const beyond = after
    ? options.past
      ? { OR: [{ date: { lt: new Date(after[1]!) } }, { date: new Date(after[1]!), id: { lt: after[2]! } }] }
      : { OR: [{ date: { gt: new Date(after[1]!) } }, { date: new Date(after[1]!), id: { gt: after[2]! } }] }
    : {};
  const rows = await prisma.councilMeeting.findMany({
    where: {
      ...(options.municipalityId ? { municipalityId: options.municipalityId } : {}),
      date: options.past ? { lt: day } : { gte: day },
      ...beyond,
    },
    orderBy: [{ date: direction }, { id: direction }],
    take: MEETING_PAGE + 1,
    select: {
      id: true,
      bodyKind: true,
      date: true,
      note: true,
      status: true,
      location: true,
      municipality: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, MEETING_PAGE);
  const last = page.at(-1);
  // Not Prisma's relation count (`_count`): that groups every agenda item of every meeting, whichever are shown.
  const counts = page.length
    ? await prisma.agendaItem.groupBy({
        by: ["meetingId"],
        where: { meetingId: { in: page.map((m) => m.id) } },
        _count: { _all: true },
      })
    : [];
  const items = new Map(counts.map((c) => [c.meetingId, c._count._all]));
  return {
    meetings: page.map((m) => ({
      id: m.id,
      bodyKind: m.bodyKind,
      date: toDateInputValue(m.date),
      note: m.note,
      status: m.status,
      location: m.location,
      municipality: m.municipality,
      items: items.get(m.id) ?? 0,
    })),
    next: rows.length > MEETING_PAGE && last ? `${last.date.toISOString()}~${last.id}` : null,
  };
}

export type MeetingResult = { ok: true } | { ok: false; status: 403 | 404 | 409 | 422; code: string };

/**
 * The clerk records that a meeting was held or cancelled (or planned again). A meeting held has handled its
 * accepted items (behandeld); a cancelled one keeps them, for the clerk to move to another meeting.
 */
export async function setMeetingStatus(meetingId: string, status: MeetingStatus, actor: Actor): Promise<MeetingResult> {
  return prisma.$transaction(async (tx): Promise<MeetingResult> => {
    const meeting = await tx.councilMeeting.findUnique({ where: { id: meetingId } });
    if (!meeting) return { ok: false, status: 404, code: "meeting_not_found" };
    if (!mayKeepCalendar(actor, meeting.municipalityId))
      return { ok: false, status: 403, code: "forbidden_municipality" };
    if (meeting.status === status) return { ok: true };
    await tx.councilMeeting.update({ where: { id: meetingId }, data: { status } });
    if (status === "HELD")
      await tx.agendaItem.updateMany({
        where: { meetingId, status: "ACCEPTED", handledAt: null },
        data: { handledAt: meeting.date },
      });
    await appendEvent(tx, {
      type: "meeting.status_set",
      actor,
      payload: {
        meetingId,
        municipalityId: meeting.municipalityId,
        date: toDateInputValue(meeting.date),
        status,
      },
    });
    return { ok: true };
  });
}

export async function addMeeting(
  input: {
    municipalityId: string;
    bodyKind: Extract<BodyKind, "COUNCIL" | "COMMITTEE">;
    date: string;
    note?: string;
    location?: string;
  },
  actor: Actor,
  /** The form's one-time key: a second post with it adds nothing and answers like the first. */
  formKey?: string | null,
): Promise<MeetingResult> {
  if (!mayKeepCalendar(actor, input.municipalityId)) return { ok: false, status: 403, code: "forbidden_municipality" };
  const result = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "meeting",
    content: input,
    create: async (tx) => {
      const date = fromDateInputValue(input.date);
      const existing = await tx.councilMeeting.findUnique({
        where: {
          municipalityId_bodyKind_date: { municipalityId: input.municipalityId, bodyKind: input.bodyKind, date },
        },
      });
      if (existing) return { ok: false as const, status: 409 as const, code: "meeting_exists" };
      const meeting = await tx.councilMeeting.create({
        data: {
          municipalityId: input.municipalityId,
          bodyKind: input.bodyKind,
          date,
          note: input.note || null,
          location: input.location || null,
        },
      });
      await indexMeeting(tx, meeting.id);
      await appendEvent(tx, { type: "meeting.added", actor, payload: { meetingId: meeting.id, ...input } });
      return { ok: true as const, id: meeting.id };
    },
    idOf: (added) => added.id,
    repeat: (id) => ({ ok: true as const, id }),
  });
  return result.ok ? { ok: true } : result;
}

export async function removeMeeting(meetingId: string, actor: Actor): Promise<MeetingResult> {
  return prisma.$transaction(async (tx): Promise<MeetingResult> => {
    const meeting = await tx.councilMeeting.findUnique({ where: { id: meetingId } });
    if (!meeting) return { ok: false, status: 404, code: "meeting_not_found" };
    if (!mayKeepCalendar(actor, meeting.municipalityId))
      return { ok: false, status: 403, code: "forbidden_municipality" };
    // A meeting with an agenda is cancelled, not removed: its items stay to be moved, its decisions on record.
    if (await tx.agendaItem.count({ where: { meetingId } }))
      return { ok: false, status: 409, code: "meeting_has_items" };
    await tx.councilMeeting.delete({ where: { id: meetingId } });
    await unindexMeeting(tx, meetingId);
    await appendEvent(tx, {
      type: "meeting.removed",
      actor,
      payload: { meetingId, municipalityId: meeting.municipalityId, date: toDateInputValue(meeting.date) },
    });
    return { ok: true };
  });
}
