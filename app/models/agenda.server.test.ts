import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { explain, wholeTableReads } from "../../test/factories/query-plan";
import { createTrail, demoActors, sendSteps } from "../../test/factories/trail";
import { addDays } from "~workflows/shared/dates";
import {
  acceptAgendaItem,
  getMeeting,
  moveAgendaItem,
  proposeAgendaItem,
  removeAgendaItem,
  trailAgenda,
} from "./agenda.server";
import { listMeetings, MEETING_PAGE, removeMeeting, setMeetingStatus } from "./meeting.server";
import { logPosition } from "./position.server";
import { listTrailDeadlines } from "./trail-workflow.server";

let actors: (local: string) => Actor;
let delft: string;
let rijswijk: string;
let westland: string;
const today = toDateInputValue(new Date());

beforeAll(async () => {
  actors = await demoActors();
  const id = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;
  [delft, rijswijk, westland] = await Promise.all([id("delft"), id("rijswijk"), id("westland")]);
});

let dayOffset = 400;

/** A meeting of a council some days from today (each call a day of its own, so they never collide). */
async function meeting(municipalityId: string, days?: number, bodyKind: "COUNCIL" | "COMMITTEE" = "COUNCIL") {
  dayOffset += 1;
  return prisma.councilMeeting.create({
    data: { municipalityId, bodyKind, date: fromDateInputValue(addDays(today, days ?? dayOffset)) },
  });
}

/** A GR amendment of Delft and Rijswijk whose draft both received on 15 January 2024 (their zienswijze is due). */
async function amendment() {
  const trail = await createTrail("GR_AMENDMENT", [delft, rijswijk]);
  let revision = await sendSteps(
    trail.id,
    0,
    [
      ["DRAFT_SENT", undefined, "2024-01-10"],
      ["DRAFT_RECEIVED", delft, "2024-01-15"],
      ["DRAFT_RECEIVED", rijswijk, "2024-01-15"],
    ],
    actors("secretaris"),
  );
  return { trail, revision: () => revision, setRevision: (r: number) => (revision = r) };
}

describe("council agendas", () => {
  it("a secretary proposes a trail for Delft's council; Delft's clerk is told, accepts it, and it counts once", async () => {
    const { trail } = await amendment();
    const first = await meeting(delft);
    const proposed = await proposeAgendaItem(
      { meetingId: first.id, trailId: trail.id, title: "Wijziging GR Jeugdhulp Haaglanden" },
      actors("secretaris"),
    );
    expect(proposed).toMatchObject({ ok: true });
    const item = await prisma.agendaItem.findUniqueOrThrow({ where: { id: proposed.ok ? proposed.id : "" } });
    expect(item).toMatchObject({ number: 1, status: "PROPOSED", trailId: trail.id, handledAt: null });
    const told = await prisma.notification.findMany({
      where: { trailId: trail.id, kind: "agendaProposed" },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId)).toContain(actors("griffier.delft").id);
    expect(told.map((n) => n.userId)).not.toContain(actors("griffier.rijswijk").id);
    const events = await prisma.event.findMany({ where: { trailId: trail.id, type: { startsWith: "agenda." } } });
    expect(events.map((e) => e.type)).toEqual(["agenda.proposed"]);

    // The same trail twice on one agenda: refused, nothing written.
    const again = await proposeAgendaItem(
      { meetingId: first.id, trailId: trail.id, title: "Nog eens" },
      actors("secretaris"),
    );
    expect(again).toMatchObject({ ok: false, status: 409, code: "agenda_item_exists" });
    expect(await prisma.agendaItem.count({ where: { meetingId: first.id } })).toBe(1);

    // Rijswijk's clerk keeps Rijswijk's agenda, not Delft's.
    expect(await acceptAgendaItem(item.id, actors("griffier.rijswijk"))).toMatchObject({
      ok: false,
      status: 403,
      code: "forbidden_agenda",
    });
    expect(await acceptAgendaItem(item.id, actors("griffier.delft"))).toMatchObject({ ok: true });
    expect(await acceptAgendaItem(item.id, actors("griffier.delft"))).toMatchObject({
      ok: false,
      code: "agenda_item_accepted",
    });
    expect((await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("ACCEPTED");
  });

  it("a clerk's own item is on the agenda at once, numbered after the others; others may not add to it", async () => {
    const { trail } = await amendment();
    const other = await createTrail("GR_AMENDMENT", [delft]);
    const m = await meeting(delft);
    await proposeAgendaItem({ meetingId: m.id, trailId: other.id, title: "Eerste punt" }, actors("secretaris"));
    const own = await proposeAgendaItem(
      { meetingId: m.id, trailId: trail.id, title: "Tweede punt" },
      actors("griffier.delft"),
    );
    expect(own).toMatchObject({ ok: true });
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: own.ok ? own.id : "" } })).toMatchObject({
      number: 2,
      status: "ACCEPTED",
    });
    const refusals = await Promise.all([
      proposeAgendaItem({ meetingId: m.id, trailId: trail.id, title: "x" }, actors("wethouder.delft")),
      proposeAgendaItem({ meetingId: m.id, trailId: trail.id, title: "x" }, actors("griffier.rijswijk")),
    ]);
    expect(refusals).toEqual([
      { ok: false, status: 403, code: "forbidden_agenda" },
      { ok: false, status: 403, code: "forbidden_agenda" },
    ]);
    expect(await prisma.agendaItem.count({ where: { meetingId: m.id } })).toBe(2);
  });

  it("refuses a meeting of a council outside the trail, a past or cancelled one, a draft revision, a closed trail", async () => {
    const { trail } = await amendment();
    const secretary = actors("secretaris");
    const westlandMeeting = await meeting(westland);
    const past = await meeting(delft, -3);
    const cancelled = await meeting(delft);
    await prisma.councilMeeting.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    const document = await prisma.document.create({
      data: {
        trailId: trail.id,
        kind: "RAADSVOORSTEL",
        title: "Raadsvoorstel wijziging GR",
        revisions: { create: { number: 1, content: "{}", authorId: secretary.id } },
      },
      include: { revisions: true },
    });
    const open = await meeting(delft);
    const closedTrail = await createTrail("GR_AMENDMENT", [delft]);
    await prisma.trail.update({ where: { id: closedTrail.id }, data: { closedAt: new Date() } });
    const tries = await Promise.all([
      proposeAgendaItem({ meetingId: westlandMeeting.id, trailId: trail.id, title: "x" }, secretary),
      proposeAgendaItem({ meetingId: past.id, trailId: trail.id, title: "x" }, secretary),
      proposeAgendaItem({ meetingId: cancelled.id, trailId: trail.id, title: "x" }, secretary),
      proposeAgendaItem(
        { meetingId: open.id, trailId: trail.id, title: "x", documentRevisionId: document.revisions[0]!.id },
        secretary,
      ),
      proposeAgendaItem({ meetingId: open.id, trailId: closedTrail.id, title: "x" }, secretary),
      proposeAgendaItem({ meetingId: "bestaat-niet", trailId: trail.id, title: "x" }, secretary),
    ]);
    expect(tries.map((t) => !t.ok && t.code)).toEqual([
      "not_a_participant",
      "meeting_in_past",
      "meeting_not_planned",
      "revision_not_sent",
      "trail_closed",
      "meeting_not_found",
    ]);
    expect(await prisma.agendaItem.count({ where: { trailId: { in: [trail.id, closedTrail.id] } } })).toBe(0);
    // Once sent, the revision can be put before the council.
    await prisma.documentRevision.update({ where: { id: document.revisions[0]!.id }, data: { frozenAt: new Date() } });
    expect(
      await proposeAgendaItem(
        { meetingId: open.id, trailId: trail.id, title: "x", documentRevisionId: document.revisions[0]!.id },
        secretary,
      ),
    ).toMatchObject({ ok: true });
  });

  it("moves an item to another meeting of the same council only, ahead and planned", async () => {
    const { trail } = await amendment();
    const [from, later, rijswijkMeeting, past] = [
      await meeting(delft),
      await meeting(delft, undefined, "COMMITTEE"),
      await meeting(rijswijk),
      await meeting(delft, -10),
    ];
    const other = await createTrail("GR_AMENDMENT", [delft]);
    await proposeAgendaItem(
      { meetingId: later.id, trailId: other.id, title: "Al geagendeerd" },
      actors("griffier.delft"),
    );
    const item = await proposeAgendaItem(
      { meetingId: from.id, trailId: trail.id, title: "Punt" },
      actors("secretaris"),
    );
    const itemId = item.ok ? item.id : "";
    const clerk = actors("griffier.delft");
    expect(await moveAgendaItem(itemId, rijswijkMeeting.id, clerk)).toMatchObject({ code: "agenda_other_council" });
    expect(await moveAgendaItem(itemId, past.id, clerk)).toMatchObject({ code: "meeting_in_past" });
    expect(await moveAgendaItem(itemId, from.id, clerk)).toMatchObject({ code: "agenda_same_meeting" });
    expect(await moveAgendaItem(itemId, later.id, actors("secretaris"))).toMatchObject({ status: 403 });
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ meetingId: from.id });
    expect(await moveAgendaItem(itemId, later.id, clerk)).toMatchObject({ ok: true });
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      meetingId: later.id,
      number: 2,
      status: "ACCEPTED",
    });
    const moved = await prisma.event.findFirstOrThrow({ where: { trailId: trail.id, type: "agenda.moved" } });
    expect(JSON.parse(moved.payload)).toMatchObject({
      from: toDateInputValue(from.date),
      date: toDateInputValue(later.date),
    });
    expect(
      await prisma.notification.count({
        where: { trailId: trail.id, kind: "agendaMoved", userId: actors("secretaris").id },
      }),
    ).toBe(1);
  });

  it("a position logged from an item marks it handled and decided; a decided item stays, and its meeting too", async () => {
    const t = await amendment();
    // Delft's council meets today: its decision is logged after the meeting (a meeting ahead is refused).
    const m = await meeting(delft, 0);
    const proposed = await proposeAgendaItem(
      { meetingId: m.id, trailId: t.trail.id, title: "Zienswijze wijziging GR" },
      actors("griffier.delft"),
    );
    const itemId = proposed.ok ? proposed.id : "";
    const rijswijkMeeting = await meeting(rijswijk, 21);
    const rijswijkItem = await proposeAgendaItem(
      { meetingId: rijswijkMeeting.id, trailId: t.trail.id, title: "Zienswijze" },
      actors("griffier.rijswijk"),
    );
    const position = {
      trailId: t.trail.id,
      municipalityId: delft,
      body: "COUNCIL" as const,
      kind: "ZIENSWIJZE" as const,
      text: "De raad van Delft vraagt de rol van de raden bij de begroting te versterken.",
      meetingDate: toDateInputValue(m.date),
      confirmLate: true,
    };
    // An item of Rijswijk's agenda is not Delft's.
    const wrong = await logPosition(
      { ...position, expectedRevision: t.revision(), agendaItemId: rijswijkItem.ok ? rijswijkItem.id : "" },
      actors("griffier.delft"),
    );
    expect(wrong).toMatchObject({ ok: false, status: 422, code: "agenda_item_not_found" });
    const logged = await logPosition(
      { ...position, expectedRevision: t.revision(), agendaItemId: itemId },
      actors("griffier.delft"),
    );
    expect(logged).toMatchObject({ ok: true });
    const stored = await prisma.position.findUniqueOrThrow({ where: { id: logged.ok ? logged.positionId : "" } });
    expect(stored.agendaItemId).toBe(itemId);
    const shown = await countQueries(() => getMeeting(m.id));
    expect(shown.result!.items[0]).toMatchObject({ id: itemId, decided: true, handledOn: today });
    const agenda = await countQueries(async () =>
      trailAgenda(t.trail.id, new Map(), await listTrailDeadlines(t.trail.id), today),
    );
    // On the trail page too: Delft's item decided, Rijswijk's not.
    expect(agenda.result.items.map((i) => [i.id, i.decided])).toEqual(
      agenda.result.items.map((i) => [i.id, i.id === itemId]),
    );
    expect(agenda.result.items.length).toBeGreaterThan(1);
    const clerk = actors("griffier.delft");
    const moved = await countQueries(async () => moveAgendaItem(itemId, (await meeting(delft)).id, clerk));
    expect(moved.result).toMatchObject({ code: "agenda_item_decided" });
    const removed = await countQueries(() => removeAgendaItem(itemId, clerk));
    expect(removed.result).toMatchObject({ code: "agenda_item_decided" });
    // Whether an item was decided is read along Position(agendaItemId): Prisma's relation count grouped every
    // position of every trail by item.
    for (const captured of [shown, agenda, moved, removed]) expect(await wholeTableReads(captured)).toEqual([]);
    expect(await removeMeeting(m.id, clerk)).toMatchObject({ status: 409, code: "meeting_has_items" });
    expect(await prisma.councilMeeting.count({ where: { id: m.id } })).toBe(1);
  });

  it("a meeting held has handled its accepted items, not the proposed ones", async () => {
    const a = await amendment();
    const b = await createTrail("GR_AMENDMENT", [delft]);
    const m = await meeting(delft);
    const accepted = await proposeAgendaItem(
      { meetingId: m.id, trailId: a.trail.id, title: "A" },
      actors("griffier.delft"),
    );
    const proposed = await proposeAgendaItem({ meetingId: m.id, trailId: b.id, title: "B" }, actors("secretaris"));
    expect(await setMeetingStatus(m.id, "HELD", actors("griffier.rijswijk"))).toMatchObject({ status: 403 });
    expect(await setMeetingStatus(m.id, "HELD", actors("griffier.delft"))).toEqual({ ok: true });
    const items = await prisma.agendaItem.findMany({ where: { meetingId: m.id }, orderBy: { number: "asc" } });
    expect(items.map((i) => [i.id, i.handledAt?.toISOString() ?? null])).toEqual([
      [accepted.ok && accepted.id, m.date.toISOString()],
      [proposed.ok && proposed.id, null],
    ]);
    // Held: no new items.
    const c = await createTrail("GR_AMENDMENT", [delft]);
    expect(await proposeAgendaItem({ meetingId: m.id, trailId: c.id, title: "C" }, actors("secretaris"))).toMatchObject(
      {
        code: "meeting_not_planned",
      },
    );
  });

  it("marks a council whose agenda or next council meeting falls after its deadline", async () => {
    const { trail } = await amendment();
    const delftDue = addDays(today, 40);
    const rijswijkDue = addDays(today, 40);
    // The councils' zienswijze terms, moved from 2024 to weeks from today.
    await prisma.deadline.deleteMany({ where: { trailId: trail.id } });
    await prisma.deadline.createMany({
      data: [
        {
          trailId: trail.id,
          municipalityId: delft,
          kind: "zienswijze",
          label: "Zienswijze",
          dueAt: fromDateInputValue(delftDue),
        },
        {
          trailId: trail.id,
          municipalityId: rijswijk,
          kind: "zienswijze",
          label: "Zienswijze",
          dueAt: fromDateInputValue(rijswijkDue),
        },
      ],
    });
    // Delft meets before its deadline, but the trail is on its agenda only after it; Rijswijk meets in time.
    await meeting(delft, 10);
    const late = await meeting(delft, 55);
    await meeting(rijswijk, 12);
    await proposeAgendaItem({ meetingId: late.id, trailId: trail.id, title: "Zienswijze" }, actors("secretaris"));
    const names = new Map([
      [delft, "Delft"],
      [rijswijk, "Rijswijk"],
    ]);
    const agenda = await trailAgenda(trail.id, names, await listTrailDeadlines(trail.id), today);
    const row = (id: string) => agenda.deadlines.find((d) => d.municipalityId === id)!;
    expect(row(delft)).toMatchObject({ noMeetingInTime: true, onAgenda: toDateInputValue(late.date) });
    // Other tests here add Delft meetings too: the one of this test is among those before the deadline.
    expect(row(delft).meetings).toContain(addDays(today, 10));
    expect(row(rijswijk)).toMatchObject({ noMeetingInTime: false, onAgenda: null });
    expect(agenda.items).toHaveLength(1);
    expect(agenda.items[0]).toMatchObject({ status: "PROPOSED", meeting: { municipality: "Delft" } });
  });

  it("lists every council's meetings, or one's, a page at a time in date order, along an index", async () => {
    const westlandMeetings = await Promise.all(
      Array.from({ length: MEETING_PAGE + 3 }, (_, i) =>
        prisma.councilMeeting.create({
          data: {
            municipalityId: westland,
            bodyKind: i % 2 ? "COUNCIL" : "COMMITTEE",
            date: fromDateInputValue(addDays(today, 2000 + Math.floor(i / 2))),
          },
        }),
      ),
    );
    const day = addDays(today, 2000);
    // Two items on the first meeting's agenda: the list counts them for the meetings it shows.
    const trails = [await createTrail("GR_AMENDMENT", [westland]), await createTrail("VISION", [westland])];
    const proposer = await prisma.user.findFirstOrThrow({ where: { email: "secretaris@h10.example" } });
    for (const [number, trail] of trails.entries())
      await prisma.agendaItem.create({
        data: {
          meetingId: westlandMeetings[0]!.id,
          number: number + 1,
          title: "GR",
          trailId: trail.id,
          proposedById: proposer.id,
        },
      });
    const listed = await countQueries(() => listMeetings({ municipalityId: westland, day }));
    const first = listed.result;
    expect(first.meetings).toHaveLength(MEETING_PAGE);
    expect(first.meetings.map((m) => m.items)).toEqual(
      first.meetings.map((m) => (m.id === westlandMeetings[0]!.id ? 2 : 0)),
    );
    expect(first.meetings.some((m) => m.id === westlandMeetings[0]!.id)).toBe(true);
    expect(await wholeTableReads(listed)).toEqual([]);
    expect(first.next).not.toBeNull();
    const second = await listMeetings({ municipalityId: westland, day, cursor: first.next });
    const seen = [...first.meetings, ...second.meetings].map((m) => m.id);
    expect(new Set(seen).size).toBe(MEETING_PAGE + 3);
    expect(seen.sort()).toEqual(westlandMeetings.map((m) => m.id).sort());
    const dates = [...first.meetings, ...second.meetings].map((m) => m.date);
    expect(dates).toEqual([...dates].sort());
    // The past, newest first: the meeting before the first page's first day.
    const past = await listMeetings({ municipalityId: westland, day: addDays(day, 1), past: true });
    expect(past.meetings.slice(0, 2).map((m) => m.date)).toEqual([day, day]);

    const plans = [
      await explain(`SELECT "id" FROM "CouncilMeeting" WHERE "date" >= '2030-01-01' ORDER BY "date", "id" LIMIT 51`, {
        ordered: true,
      }),
      await explain(
        `SELECT "id" FROM "CouncilMeeting" WHERE "municipalityId" = 'x' AND "date" >= '2030-01-01' ORDER BY "date", "id" LIMIT 51`,
        { ordered: true },
      ),
    ];
    expect(plans[0]).toMatch(/CouncilMeeting_date_id_idx/);
    expect(plans[1]).toMatch(/CouncilMeeting_municipalityId_date_id_idx/);
    expect(plans.join("\n")).not.toMatch(/TEMP B-TREE|Sort/);
  });
});
