import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres, statementText } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { addMeeting, setMeetingStatus } from "./meeting.server";
import { councilsWithoutMeeting, windowAlarmTrailsQuery } from "./meeting-window.server";
import { sendTrailEvent } from "./trail-workflow.server";

let actors: (local: string) => Actor;
const id = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;

beforeAll(async () => {
  actors = await demoActors();
});

/** A council meeting (or committee) of a municipality on a day; returns its id. */
async function meeting(municipalityId: string, date: string, bodyKind: "COUNCIL" | "COMMITTEE" = "COUNCIL") {
  const added = await addMeeting({ municipalityId, bodyKind, date }, actors("beheer"));
  expect(added).toEqual({ ok: true });
  return (await prisma.councilMeeting.findUniqueOrThrow({
    where: { municipalityId_bodyKind_date: { municipalityId, bodyKind, date: fromDateInputValue(date) } },
  }))!.id;
}

/** A GR amendment of these councils whose draft they received on `on`: each has eight weeks for a zienswijze. */
async function amendmentReceivedOn(participants: string[], on: string) {
  const trail = await createTrail("GR_AMENDMENT", participants, { startedOn: on });
  const sent = await sendTrailEvent(
    { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on } },
    actors("secretaris"),
  );
  expect(sent).toMatchObject({ ok: true });
  return trail;
}

describe("councils without a council meeting in their window (issue 19)", () => {
  it("warns of a window in the summer recess, with meetings only before and after it", async () => {
    const [delft, rijswijk, wassenaar, westland, zoetermeer] = (await Promise.all(
      ["delft", "rijswijk", "wassenaar", "westland", "zoetermeer"].map(id),
    )) as [string, string, string, string, string];
    // The draft reaches the councils on 1 July 2019: eight weeks, up to and including Monday 26 August.
    const trail = await amendmentReceivedOn([delft, rijswijk, wassenaar, westland, zoetermeer], "2019-07-01");
    const due = await prisma.deadline.findMany({ where: { trailId: trail.id, kind: "zienswijze" } });
    expect(due).toHaveLength(5);
    expect(new Set(due.map((d) => toDateInputValue(d.dueAt)))).toEqual(new Set(["2019-08-26"]));
    // Delft meets in June (before the draft came, though after "today") and in September: the recess in between.
    await meeting(delft, "2019-06-27");
    await meeting(delft, "2019-09-10");
    // Rijswijk meets once inside the window.
    await meeting(rijswijk, "2019-07-10");
    // Wassenaar meets on the due date itself: the term ends at the end of that day, so the meeting counts.
    await meeting(wassenaar, "2019-08-26");
    // Westland: a committee inside the window does not give the council's view, and its council meeting there is
    // cancelled.
    await meeting(westland, "2019-07-08", "COMMITTEE");
    await setMeetingStatus(await meeting(westland, "2019-07-09"), "CANCELLED", actors("beheer"));
    // Zoetermeer has no meeting in its calendar at all.

    const names = async (today: string) => {
      const alarm = await councilsWithoutMeeting({ today });
      return alarm.trails.find((t) => t.trailId === trail.id)?.councils.map((c) => [c.name, c.dueOn]) ?? [];
    };
    expect(await names("2019-06-20")).toEqual([
      ["Delft", "2019-08-26"],
      ["Westland", "2019-08-26"],
      ["Zoetermeer", "2019-08-26"],
    ]);
    // Once Rijswijk's meeting has passed, no meeting is left before its due date.
    expect((await names("2019-07-11")).map(([name]) => name)).toEqual(["Delft", "Rijswijk", "Westland", "Zoetermeer"]);
    // On the due date Wassenaar still meets; the day after, the window has closed: no alarm, the deadline is overdue.
    expect((await names("2019-08-26")).map(([name]) => name)).not.toContain("Wassenaar");
    expect(await names("2019-08-27")).toEqual([]);

    // A council that gave its zienswijze has no open deadline: no alarm for it.
    const revision = (await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).revision;
    const given = await sendTrailEvent(
      {
        trailId: trail.id,
        expectedRevision: revision,
        type: "ZIENSWIJZE_GIVEN",
        municipalityId: zoetermeer,
        fields: { on: "2019-07-15" },
      },
      actors("secretaris"),
    );
    expect(given).toMatchObject({ ok: true });
    expect((await names("2019-06-20")).map(([name]) => name)).toEqual(["Delft", "Westland"]);

    // One council's view, as its alderman sees it: only its own deadline.
    const own = await councilsWithoutMeeting({ today: "2019-06-20", municipalityId: delft });
    const ownTrail = own.trails.find((t) => t.trailId === trail.id)!;
    expect(ownTrail.councils).toEqual([
      { municipalityId: delft, name: "Delft", dueOn: "2019-08-26", kind: "zienswijze" },
    ]);
    const rijswijkOwn = await councilsWithoutMeeting({ today: "2019-06-20", municipalityId: rijswijk });
    expect(rijswijkOwn.trails.map((t) => t.trailId)).not.toContain(trail.id);

    // A closed trail raises no alarm.
    await prisma.trail.update({ where: { id: trail.id }, data: { closedAt: new Date("2019-07-20T00:00:00Z") } });
    expect(await names("2019-06-20")).toEqual([]);
    await prisma.trail.update({ where: { id: trail.id }, data: { closedAt: null } });
  });

  it("shows the trails with the soonest due date first, at most the limit, and counts the rest", async () => {
    const middenDelfland = await id("midden-delfland");
    const trails = [];
    for (const on of ["2019-03-04", "2019-03-11", "2019-03-18"])
      trails.push(await amendmentReceivedOn([middenDelfland], on));
    const alarm = await councilsWithoutMeeting({ today: "2019-03-01", municipalityId: middenDelfland, limit: 2 });
    const ours = new Set(trails.map((t) => t.id));
    // Other tests may have left open windows of this council; ours are the soonest from 2019 on.
    expect(alarm.trails.map((t) => t.trailId)).toEqual(trails.slice(0, 2).map((t) => t.id));
    expect(alarm.total).toBeGreaterThanOrEqual(3);
    expect(alarm.more).toBe(alarm.total - 2);
    expect(alarm.trails.every((t) => ours.has(t.trailId) && t.councils.length === 1)).toBe(true);
  });

  it("reads only the running open deadlines along an index and looks each meeting up by its council", async () => {
    for (const municipalityId of [null, "some-council"]) {
      const plan = await explain(statementText(windowAlarmTrailsQuery("2019-06-20", municipalityId)));
      // The deadlines: one range of an index, from today on (of one council: with its id first, or, when the
      // planner's statistics of these small tables favour it, the open deadlines from today on with the council as
      // a filter: PostgreSQL chose that once while the machine was busy and autovacuum had analysed the table at
      // another moment); the past and the met deadlines of the history lie outside it.
      expect(plan).toMatch(
        municipalityId
          ? /Deadline_municipalityId_(metAt_dueAt|dueAt_id)_idx|Deadline_metAt_dueAt_id_idx/
          : /Deadline_(metAt_dueAt_id|dueAt_id)_idx/,
      );
      // Not every trail a council ever took part in.
      expect(plan).not.toContain("TrailParticipant_municipalityId");
      // The meetings: the council's own, by date, through its index; never the whole table.
      expect(plan).toMatch(/CouncilMeeting_municipalityId_(bodyKind_date_key|date_id_idx)/);
      if (onPostgres()) expect(plan).not.toContain("Seq Scan");
      else expect(plan).not.toMatch(/\bSCAN (d|m|t|p)\b(?! USING)/);
    }
  });
});
