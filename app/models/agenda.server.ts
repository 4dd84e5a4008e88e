/**
 * Council agendas: the items of a council's or committee's meeting that handle a trail (the VNG ODS Agendapunt).
 * A secretary proposes an item to a council's meeting; the council's clerk accepts it, or moves it to another
 * meeting. A clerk who puts an item on their own council's agenda accepts it at once. A position logged from an
 * item marks it handled (behandeld) and decided (besloten).
 */
import type { AgendaItemStatus, MeetingStatus, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deadlineStatus } from "~/utils/deadlines";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { deliverSoon } from "./mail-outbox.server";
import { appendEvent } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import { mayKeepCalendar } from "./meeting.server";
import { addDays } from "~workflows/shared/dates";
import { actorName, notifyFollowers } from "./notification.server";

type Tx = Prisma.TransactionClient;

export type AgendaResult =
  { ok: true; id: string } | { ok: false; status: 403 | 404 | 409 | 422; code: AgendaErrorCode };

export type AgendaErrorCode =
  | "forbidden_agenda"
  | "meeting_not_found"
  | "agenda_item_not_found"
  | "trail_not_found"
  | "trail_closed"
  | "not_a_participant"
  | "meeting_not_planned"
  | "meeting_in_past"
  | "revision_not_sent"
  | "agenda_item_exists"
  | "agenda_item_decided"
  | "agenda_item_accepted"
  | "agenda_same_meeting"
  | "agenda_other_council";

/** Who may propose an item to a council's agenda: the policy secretaries, and the agenda's own keepers. */
export function mayProposeAgendaItem(actor: Actor, municipalityId: string): boolean {
  return actor.role === "SECRETARY" || mayKeepCalendar(actor, municipalityId);
}

/** The meetings an item can be put on: planned, and not before today (Amsterdam). */
function openForItems(meeting: { status: MeetingStatus; date: Date }, today: string): AgendaErrorCode | null {
  if (meeting.status !== "PLANNED") return "meeting_not_planned";
  if (toDateInputValue(meeting.date) < today) return "meeting_in_past";
  return null;
}

/** The next free volgnummer on a meeting's agenda. */
async function nextNumber(tx: Tx, meetingId: string): Promise<number> {
  const last = await tx.agendaItem.findFirst({
    where: { meetingId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return (last?.number ?? 0) + 1;
}

const meetingSelect = { id: true, municipalityId: true, bodyKind: true, date: true, status: true } as const;

/** Tells the council's clerks (and the trail's followers) what happened to the trail's agenda item. */
async function tell(
  tx: Tx,
  kind: "agendaProposed" | "agendaAccepted" | "agendaMoved",
  item: { trailId: string; title: string },
  meeting: { municipalityId: string; date: Date; bodyKind: string },
  actor: Actor,
) {
  const [trail, municipality, by] = await Promise.all([
    tx.trail.findUniqueOrThrow({ where: { id: item.trailId }, select: { title: true } }),
    tx.municipality.findUniqueOrThrow({ where: { id: meeting.municipalityId }, select: { name: true } }),
    actorName(tx, actor),
  ]);
  await notifyFollowers(tx, {
    trailId: item.trailId,
    actorId: actor.id,
    kind,
    values: {
      trail: trail.title,
      municipality: municipality.name,
      date: toDateInputValue(meeting.date),
      body: meeting.bodyKind,
      by,
    },
    councils: [meeting.municipalityId],
  });
}

export interface NewAgendaItem {
  meetingId: string;
  trailId: string;
  title: string;
  documentRevisionId?: string;
}

/**
 * Puts a trail on a meeting's agenda: proposed when a secretary does it, accepted at once when the council's
 * own clerk (or an administrator) does. The meeting must be planned and ahead, its council must take part in
 * the open trail, and the revision it handles must have been sent to the councils.
 */
export async function proposeAgendaItem(
  input: NewAgendaItem,
  actor: Actor,
  formKey?: string | null,
  today = toDateInputValue(new Date()),
): Promise<AgendaResult | FormKeyReused> {
  const result = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "agenda_item",
    content: input,
    create: async (tx): Promise<AgendaResult> => {
      const meeting = await tx.councilMeeting.findUnique({ where: { id: input.meetingId }, select: meetingSelect });
      if (!meeting) return { ok: false, status: 404, code: "meeting_not_found" };
      if (!mayProposeAgendaItem(actor, meeting.municipalityId))
        return { ok: false, status: 403, code: "forbidden_agenda" };
      const closed = openForItems(meeting, today);
      if (closed) return { ok: false, status: 422, code: closed };
      const trail = await tx.trail.findUnique({
        where: { id: input.trailId },
        select: { id: true, closedAt: true, participants: { where: { municipalityId: meeting.municipalityId } } },
      });
      if (!trail) return { ok: false, status: 404, code: "trail_not_found" };
      if (trail.closedAt) return { ok: false, status: 422, code: "trail_closed" };
      if (!trail.participants.length) return { ok: false, status: 422, code: "not_a_participant" };
      if (input.documentRevisionId) {
        const sent = await tx.documentRevision.count({
          where: { id: input.documentRevisionId, frozenAt: { not: null }, document: { trailId: trail.id } },
        });
        if (!sent) return { ok: false, status: 422, code: "revision_not_sent" };
      }
      const twice = await tx.agendaItem.count({ where: { meetingId: meeting.id, trailId: trail.id } });
      if (twice) return { ok: false, status: 409, code: "agenda_item_exists" };
      const status: AgendaItemStatus = mayKeepCalendar(actor, meeting.municipalityId) ? "ACCEPTED" : "PROPOSED";
      const item = await tx.agendaItem.create({
        data: {
          meetingId: meeting.id,
          number: await nextNumber(tx, meeting.id),
          title: input.title,
          trailId: trail.id,
          documentRevisionId: input.documentRevisionId ?? null,
          status,
          proposedById: actor.id,
        },
      });
      await appendEvent(tx, {
        type: status === "ACCEPTED" ? "agenda.added" : "agenda.proposed",
        trailId: trail.id,
        actor,
        payload: {
          agendaItemId: item.id,
          meetingId: meeting.id,
          municipalityId: meeting.municipalityId,
          date: toDateInputValue(meeting.date),
          label: input.title,
          number: item.number,
          documentRevisionId: input.documentRevisionId ?? null,
        },
      });
      if (status === "PROPOSED") await tell(tx, "agendaProposed", item, meeting, actor);
      return { ok: true, id: item.id };
    },
    idOf: (added) => added.id,
    repeat: (id) => ({ ok: true as const, id }),
  });
  if (result.ok) deliverSoon();
  return result;
}

/** The item with its meeting, for the keeper's actions; checks that the actor keeps that council's agenda. */
async function itemToKeep(tx: Tx, itemId: string, actor: Actor) {
  const item = await tx.agendaItem.findUnique({
    where: { id: itemId },
    include: { meeting: { select: meetingSelect } },
  });
  if (!item) return { ok: false as const, status: 404 as const, code: "agenda_item_not_found" as const };
  if (!mayKeepCalendar(actor, item.meeting.municipalityId))
    return { ok: false as const, status: 403 as const, code: "forbidden_agenda" as const };
  return { ok: true as const, item };
}

/** The clerk accepts a proposed item on their council's agenda. */
export async function acceptAgendaItem(itemId: string, actor: Actor): Promise<AgendaResult> {
  const result = await prisma.$transaction(async (tx): Promise<AgendaResult> => {
    const found = await itemToKeep(tx, itemId, actor);
    if (!found.ok) return found;
    const { item } = found;
    if (item.status === "ACCEPTED") return { ok: false, status: 409, code: "agenda_item_accepted" };
    await tx.agendaItem.update({ where: { id: item.id }, data: { status: "ACCEPTED" } });
    await appendEvent(tx, {
      type: "agenda.accepted",
      trailId: item.trailId,
      actor,
      payload: {
        agendaItemId: item.id,
        municipalityId: item.meeting.municipalityId,
        date: toDateInputValue(item.meeting.date),
        label: item.title,
      },
    });
    await tell(tx, "agendaAccepted", item, item.meeting, actor);
    return { ok: true, id: item.id };
  });
  if (result.ok) deliverSoon();
  return result;
}

/**
 * The clerk moves an item to another planned meeting of the same council (a later one, or the committee's),
 * which accepts it there; it gets the next volgnummer of that agenda. An item already decided stays.
 */
export async function moveAgendaItem(
  itemId: string,
  toMeetingId: string,
  actor: Actor,
  today = toDateInputValue(new Date()),
): Promise<AgendaResult> {
  const result = await prisma.$transaction(async (tx): Promise<AgendaResult> => {
    const found = await itemToKeep(tx, itemId, actor);
    if (!found.ok) return found;
    const { item } = found;
    if ((await decidedItems(tx, [item.id])).size) return { ok: false, status: 409, code: "agenda_item_decided" };
    if (toMeetingId === item.meetingId) return { ok: false, status: 422, code: "agenda_same_meeting" };
    const target = await tx.councilMeeting.findUnique({ where: { id: toMeetingId }, select: meetingSelect });
    if (!target) return { ok: false, status: 404, code: "meeting_not_found" };
    if (target.municipalityId !== item.meeting.municipalityId)
      return { ok: false, status: 422, code: "agenda_other_council" };
    const closed = openForItems(target, today);
    if (closed) return { ok: false, status: 422, code: closed };
    if (await tx.agendaItem.count({ where: { meetingId: target.id, trailId: item.trailId } }))
      return { ok: false, status: 409, code: "agenda_item_exists" };
    await tx.agendaItem.update({
      where: { id: item.id },
      data: { meetingId: target.id, number: await nextNumber(tx, target.id), status: "ACCEPTED", handledAt: null },
    });
    await appendEvent(tx, {
      type: "agenda.moved",
      trailId: item.trailId,
      actor,
      payload: {
        agendaItemId: item.id,
        municipalityId: target.municipalityId,
        from: toDateInputValue(item.meeting.date),
        date: toDateInputValue(target.date),
        label: item.title,
      },
    });
    await tell(tx, "agendaMoved", item, target, actor);
    return { ok: true, id: item.id };
  });
  if (result.ok) deliverSoon();
  return result;
}

/** Takes an item off the agenda: the keeper, or the secretary who proposed it while it is not accepted. */
export async function removeAgendaItem(itemId: string, actor: Actor): Promise<AgendaResult> {
  return prisma.$transaction(async (tx): Promise<AgendaResult> => {
    const item = await tx.agendaItem.findUnique({
      where: { id: itemId },
      include: { meeting: { select: meetingSelect } },
    });
    if (!item) return { ok: false, status: 404, code: "agenda_item_not_found" };
    const ownProposal = item.status === "PROPOSED" && item.proposedById === actor.id;
    if (!ownProposal && !mayKeepCalendar(actor, item.meeting.municipalityId))
      return { ok: false, status: 403, code: "forbidden_agenda" };
    if ((await decidedItems(tx, [item.id])).size) return { ok: false, status: 409, code: "agenda_item_decided" };
    await tx.agendaItem.delete({ where: { id: item.id } });
    await appendEvent(tx, {
      type: "agenda.removed",
      trailId: item.trailId,
      actor,
      payload: {
        agendaItemId: item.id,
        municipalityId: item.meeting.municipalityId,
        date: toDateInputValue(item.meeting.date),
        label: item.title,
      },
    });
    return { ok: true, id: item.id };
  });
}

/** An item a position is logged from must be on an agenda of that council for that trail. */
export async function agendaItemFor(trailId: string, municipalityId: string, itemId: string) {
  const item = await prisma.agendaItem.findFirst({
    where: { id: itemId, trailId, meeting: { municipalityId } },
    include: { meeting: { select: meetingSelect } },
  });
  if (!item) return null;
  return {
    id: item.id,
    number: item.number,
    title: item.title,
    meetingDate: toDateInputValue(item.meeting.date),
    bodyKind: item.meeting.bodyKind,
    documentRevisionId: item.documentRevisionId,
  };
}

/** In the position's transaction: the item is handled now (behandeld); the position names it (besloten). */
export async function markAgendaItemHandled(tx: Tx, itemId: string, at = new Date()) {
  await tx.agendaItem.updateMany({ where: { id: itemId, handledAt: null }, data: { handledAt: at } });
}

/**
 * Of these agenda items, those a position names (the council decided on them): one grouped read along
 * Position(agendaItemId). Prisma's relation count (`_count`) would read instead every position of every trail
 * grouped by item, whichever items are asked for.
 */
async function decidedItems(db: Tx, itemIds: string[]): Promise<Set<string>> {
  if (!itemIds.length) return new Set();
  const rows = await db.position.groupBy({ by: ["agendaItemId"], where: { agendaItemId: { in: itemIds } } });
  return new Set(rows.map((r) => r.agendaItemId!));
}

/** What the trail page and the meeting page both say of an item: its place, status and whether it was decided. */
function itemState(
  item: { id: string; number: number; status: AgendaItemStatus; handledAt: Date | null },
  decided: ReadonlySet<string>,
) {
  return {
    id: item.id,
    number: item.number,
    status: item.status,
    handledOn: item.handledAt ? toDateInputValue(item.handledAt) : null,
    decided: decided.has(item.id),
  };
}

/** One council deadline of the trail with the council's meetings before it and the trail's item on its agenda. */
export interface AgendaDeadlineRow {
  municipalityId: string;
  name: string;
  dueOn: string;
  status: ReturnType<typeof deadlineStatus>;
  /** The council's planned council meetings from today up to the deadline. */
  meetings: string[];
  /** No council meeting before the deadline, or the trail stands only on an agenda after it. */
  noMeetingInTime: boolean;
  /** The date of the trail's item on this council's agenda, if any. */
  onAgenda: string | null;
}

/** A deadline of the trail as listTrailDeadlines gives it. */
interface TrailDeadline {
  municipalityId: string | null;
  municipality: string | null;
  dueOn: string;
  metOn: string | null;
}

/**
 * The trail's agenda items, and per council with an open deadline (of `deadlines`, the trail's) whether a
 * meeting falls before it. A fixed number of queries, whatever the number of items; the meetings read are those
 * of the trail's councils up to its last open deadline.
 */
export async function trailAgenda(
  trailId: string,
  /** The trail's councils by id, for their names. */
  names: ReadonlyMap<string, string>,
  deadlines: readonly TrailDeadline[],
  today: string,
) {
  const open = deadlines
    .filter((d) => d.municipalityId !== null && d.metOn === null)
    .map((d) => ({ municipalityId: d.municipalityId!, name: d.municipality ?? "", dueOn: d.dueOn }));
  const latest = open.reduce((max, d) => (d.dueOn > max ? d.dueOn : max), today);
  const [items, meetings] = await Promise.all([
    prisma.agendaItem.findMany({
      where: { trailId },
      select: {
        id: true,
        number: true,
        status: true,
        handledAt: true,
        meeting: { select: meetingSelect },
      },
      orderBy: [{ meeting: { date: "asc" } }, { number: "asc" }],
    }),
    open.length
      ? prisma.councilMeeting.findMany({
          where: {
            municipalityId: { in: [...new Set(open.map((d) => d.municipalityId))] },
            bodyKind: "COUNCIL",
            status: "PLANNED",
            date: { gte: fromDateInputValue(today), lte: fromDateInputValue(latest) },
          },
          orderBy: [{ date: "asc" }, { id: "asc" }],
          select: { municipalityId: true, date: true },
        })
      : [],
  ]);
  const decided = await decidedItems(
    prisma,
    items.map((item) => item.id),
  );
  const views = items.map((item) => ({
    ...itemState(item, decided),
    meeting: {
      id: item.meeting.id,
      municipalityId: item.meeting.municipalityId,
      municipality: names.get(item.meeting.municipalityId) ?? "",
      bodyKind: item.meeting.bodyKind,
      date: toDateInputValue(item.meeting.date),
      status: item.meeting.status,
    },
  }));
  const rows: AgendaDeadlineRow[] = open
    .map((d) => {
      const dates = meetings
        .filter((m) => m.municipalityId === d.municipalityId)
        .map((m) => toDateInputValue(m.date))
        .filter((date) => date <= d.dueOn);
      const onAgenda =
        views.find((i) => i.meeting.municipalityId === d.municipalityId && i.meeting.status !== "CANCELLED")?.meeting
          .date ?? null;
      return {
        ...d,
        status: deadlineStatus(d.dueOn, null, today),
        meetings: dates,
        noMeetingInTime: onAgenda ? onAgenda > d.dueOn : dates.length === 0,
        onAgenda,
      };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name, "nl"));
  return { items: views, deadlines: rows };
}

/** A meeting with its agenda, for the meeting's page. */
export async function getMeeting(meetingId: string) {
  const meeting = await prisma.councilMeeting.findUnique({
    where: { id: meetingId },
    include: {
      municipality: { select: { id: true, name: true } },
      items: {
        orderBy: { number: "asc" },
        include: {
          documentRevision: { select: { number: true, document: { select: { id: true, title: true } } } },
          trail: { select: { id: true, title: true, reference: true } },
          proposedBy: { select: { name: true } },
        },
      },
    },
  });
  if (!meeting) return null;
  const decided = await decidedItems(
    prisma,
    meeting.items.map((item) => item.id),
  );
  return {
    id: meeting.id,
    municipality: meeting.municipality,
    bodyKind: meeting.bodyKind,
    date: toDateInputValue(meeting.date),
    status: meeting.status,
    location: meeting.location,
    note: meeting.note,
    items: meeting.items.map((item) => ({
      ...itemState(item, decided),
      title: item.title,
      document: item.documentRevision
        ? {
            id: item.documentRevision.document.id,
            title: item.documentRevision.document.title,
            revision: item.documentRevision.number,
          }
        : null,
      trail: item.trail,
      proposedBy: item.proposedBy.name,
      proposedById: item.proposedById,
    })),
  };
}

/** The planned meetings ahead that the actor may put this trail on: its councils' (a clerk: their own council's). */
export async function meetingsToPropose(trailId: string, actor: Actor, today = toDateInputValue(new Date())) {
  const participants = await prisma.trailParticipant.findMany({ where: { trailId }, select: { municipalityId: true } });
  const councils = participants.map((p) => p.municipalityId).filter((id) => mayProposeAgendaItem(actor, id));
  if (!councils.length) return [];
  const rows = await prisma.councilMeeting.findMany({
    where: {
      municipalityId: { in: councils },
      status: "PLANNED",
      date: { gte: fromDateInputValue(today), lte: fromDateInputValue(addDays(today, 366)) },
    },
    orderBy: [{ date: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, bodyKind: true, date: true, municipality: { select: { id: true, name: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    bodyKind: m.bodyKind,
    date: toDateInputValue(m.date),
    municipality: m.municipality,
  }));
}
