import type { BodyKind } from "~/generated/prisma/client";
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

export async function listMeetings(municipalityId: string, fromDate?: Date) {
  const rows = await prisma.councilMeeting.findMany({
    where: { municipalityId, ...(fromDate ? { date: { gte: fromDate } } : {}) },
    orderBy: { date: "asc" },
  });
  return rows.map((m) => ({ id: m.id, bodyKind: m.bodyKind, date: toDateInputValue(m.date), note: m.note }));
}

export type MeetingResult = { ok: true } | { ok: false; status: 403 | 404 | 409 | 422; code: string };

export async function addMeeting(
  input: { municipalityId: string; bodyKind: Extract<BodyKind, "COUNCIL" | "COMMITTEE">; date: string; note?: string },
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
        data: { municipalityId: input.municipalityId, bodyKind: input.bodyKind, date, note: input.note || null },
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
