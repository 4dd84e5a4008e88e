import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { countQueries, prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { MILESTONE_KINDS } from "~workflows/deadlines";
import { addDays } from "~workflows/shared/dates";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres, sqlDate, statementText } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { councilInbox, openTrailsDueSql, regionOverview, secretaryPipeline } from "./dashboard.server";
import { addMeeting } from "./meeting.server";

let actors: (local: string) => Actor;
const id = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;

beforeAll(async () => {
  actors = await demoActors();
});

describe("the region overview", () => {
  it("shows each open trail's progress across the councils and its deadlines", async () => {
    const { rows } = await regionOverview({}, "2024-03-08");
    const amendment = rows.find((r) => r.reference === "H10-GR-2024")!;
    // Den Haag gave its view; nine councils take part.
    expect(amendment.progress).toEqual({ label: "progress.responded", done: 1, total: 9 });
    // Sent on 12 January, every council counts as having received it then (8 March), Delft and Zoetermeer recorded
    // 15 and 16 January (11 and 12 March): all eight open terms fall this week; none overdue yet.
    expect(amendment.dueThisWeek).toBe(8);
    expect(amendment.overdue).toBe(0);
    expect((await regionOverview({}, "2024-03-13")).rows.find((r) => r.reference === "H10-GR-2024")!.overdue).toBe(8);
  });

  it("shows a stage after a round of the councils with that round's tally, not a dash", async () => {
    const { rows } = await regionOverview({});
    const progressOf = (reference: string) => rows.find((r) => r.reference === reference)!.progress;
    // The vision is being drafted from the councils' input, the procurement's input is being processed, and
    // Voorschoten gave notice after its council consented.
    expect(progressOf("H10-VISIE-2017")).toEqual({ label: "progress.inputGiven", done: 6, total: 10 });
    expect(progressOf("H10-INKOOP-2018")).toEqual({ label: "progress.inputGiven", done: 8, total: 10 });
    expect(progressOf("H10-UIT-VOORSCHOTEN")).toEqual({ label: "progress.consented", done: 1, total: 1 });
  });

  it("filters by kind, state, municipality and deadline", async () => {
    expect((await regionOverview({ kind: "EXIT" })).rows.map((r) => r.reference)).toEqual(["H10-UIT-VOORSCHOTEN"]);
    expect((await regionOverview({ state: "processingInput" })).rows.map((r) => r.reference)).toEqual([
      "H10-INKOOP-2018",
    ]);
    const { rows: voorschoten } = await regionOverview({ municipalityId: await id("voorschoten") });
    expect(voorschoten.map((r) => r.reference).sort()).toEqual([
      "H10-INKOOP-2018",
      "H10-UIT-VOORSCHOTEN",
      "H10-VISIE-2017",
    ]);
    expect((await regionOverview({ deadline: "overdue" }, "2024-03-13")).rows.map((r) => r.reference)).toContain(
      "H10-GR-2024",
    );
    // On 8 March the GR amendment has deadlines this week and none overdue.
    expect((await regionOverview({ deadline: "week" }, "2024-03-08")).rows.map((r) => r.reference)).toContain(
      "H10-GR-2024",
    );
    expect((await regionOverview({ deadline: "overdue" }, "2024-03-08")).rows.map((r) => r.reference)).not.toContain(
      "H10-GR-2024",
    );
  });

  it("finds the trails due this week or overdue from the deadlines, as Prisma's relation filter does, page by page", async () => {
    // The deadline filter is SQL that starts from the deadlines (openTrailsDueSql); Prisma's relation filter, the way
    // it was written before, is the oracle. The days are those the seeded deadlines fall due (and a week before),
    // so some fall exactly at the start of the day or at the end of the week.
    const days = new Set(
      (await prisma.deadline.findMany({ select: { dueAt: true } })).flatMap(({ dueAt }) => {
        const day = toDateInputValue(dueAt);
        return [day, addDays(day, -7), addDays(day, 1)];
      }),
    );
    const filters = [
      {},
      { kind: "GR_AMENDMENT" as const },
      { municipalityId: await id("voorschoten") },
      { state: "zienswijzeTerm" },
      { kind: "GR_AMENDMENT" as const, municipalityId: await id("delft") },
    ];
    let found = 0;
    for (const today of [...days].sort()) {
      for (const deadline of ["overdue", "week"] as const) {
        const start = fromDateInputValue(today);
        const dueAt =
          deadline === "overdue" ? { lt: start } : { gte: start, lte: fromDateInputValue(addDays(today, 7)) };
        for (const filter of filters) {
          const expected = await prisma.trail.findMany({
            where: {
              closedAt: null,
              ...("kind" in filter ? { kind: filter.kind } : {}),
              ...("state" in filter ? { state: filter.state } : {}),
              ...("municipalityId" in filter
                ? { participants: { some: { municipalityId: filter.municipalityId } } }
                : {}),
              deadlines: { some: { metAt: null, kind: { notIn: [...MILESTONE_KINDS] }, dueAt } },
            },
            orderBy: [{ startedAt: "desc" }, { id: "asc" }],
            select: { id: true },
          });
          const pages = [1, 2].map((page) => regionOverview({ ...filter, deadline }, today, { page, pageSize: 1 }));
          const [first, second] = await Promise.all(pages);
          const where = `${today} ${deadline} ${JSON.stringify(filter)}`;
          expect(first!.total, where).toBe(expected.length);
          expect(
            first!.rows.map((r) => r.id),
            where,
          ).toEqual(expected.slice(0, 1).map((t) => t.id));
          // Page 2 of pages of one: the second trail, or past the end the last page (the only trail, or none).
          const secondPage = expected.length > 1 ? [expected[1]!] : expected;
          expect(
            second!.rows.map((r) => r.id),
            where,
          ).toEqual(secondPage.map((t) => t.id));
          found += expected.length;
        }
      }
    }
    // The days met trails due, and not only empty answers.
    expect(found).toBeGreaterThan(10);
  });

  it("offers the states of all open trails as filter options", async () => {
    const { states } = await regionOverview({ kind: "EXIT" });
    expect(states).toEqual(expect.arrayContaining(["drafting", "noticeGiven", "processingInput", "zienswijzeTerm"]));
  });
});

describe("the clerk's inbox", () => {
  it("lists what the council must still do, by deadline, and warns when no meeting falls before it", async () => {
    const zoetermeer = await id("zoetermeer");
    const before = await councilInbox(zoetermeer, "2024-02-01");
    const amendment = before.rows.find((i) => i.title.startsWith("Wijziging GR"))!;
    expect(amendment.expected.sort()).toEqual(["NO_ZIENSWIJZE", "ZIENSWIJZE_GIVEN"]);
    expect(amendment.dueOn).toBe("2024-03-12");
    expect(amendment.noMeetingInTime).toBe(true);

    expect(
      await addMeeting(
        { municipalityId: zoetermeer, bodyKind: "COUNCIL", date: "2024-03-05" },
        actors("griffier.zoetermeer"),
      ),
    ).toEqual({ ok: true });
    await addMeeting(
      { municipalityId: zoetermeer, bodyKind: "COUNCIL", date: "2024-04-02" },
      actors("griffier.zoetermeer"),
    );
    const after = (await councilInbox(zoetermeer, "2024-02-01")).rows.find((i) => i.title.startsWith("Wijziging GR"))!;
    expect(after.meetingOn).toBe("2024-03-05");
    expect(after.noMeetingInTime).toBe(false);
  });

  it("refuses a clerk keeping another council's calendar, and a duplicate meeting", async () => {
    const denHaag = await id("den-haag");
    expect(
      await addMeeting({ municipalityId: denHaag, bodyKind: "COUNCIL", date: "2024-03-07" }, actors("griffier.delft")),
    ).toMatchObject({ status: 403 });
    expect(
      await addMeeting({ municipalityId: denHaag, bodyKind: "COUNCIL", date: "2024-03-07" }, actors("beheer")),
    ).toEqual({ ok: true });
    expect(
      await addMeeting({ municipalityId: denHaag, bodyKind: "COUNCIL", date: "2024-03-07" }, actors("beheer")),
    ).toMatchObject({ status: 409 });
    expect(await prisma.councilMeeting.count({ where: { municipalityId: denHaag } })).toBe(1);
  });
});

describe("the secretaries' pipeline", () => {
  it("groups open trails by stage and lists overdue target dates", async () => {
    const pipeline = await secretaryPipeline("2026-11-22");
    expect(pipeline.stages.map((s) => `${s.kind}:${s.state}`).sort()).toEqual(
      [
        "BUDGET_CYCLE:budgetZienswijzen",
        "EXIT:noticeGiven",
        "GR_AMENDMENT:zienswijzeTerm",
        "PROCUREMENT:processingInput",
        "VISION:drafting",
      ].sort(),
    );
    expect(pipeline.overdue.rows.map((d) => d.dueOn)).toContain("2024-07-01");
    // The councils' terms of one trail fall on the same day: each line names its council, a regional one none.
    const lines = pipeline.overdue.rows.map((d) => `${d.dueOn} ${d.kind} ${d.title} ${d.municipality ?? "regio"}`);
    expect(new Set(lines).size).toBe(lines.length);
    const terms = pipeline.overdue.rows.filter((d) => d.kind === "zienswijze");
    expect(terms.length).toBeGreaterThan(1);
    expect(terms.every((d) => d.municipality !== null)).toBe(true);
    expect(pipeline.overdue.rows.find((d) => d.kind === "target")?.municipality).toBeNull();
  });
});

// Last in this file: it adds trails that the exact lists above do not expect.
describe("the overviews' queries (no N+1)", () => {
  it("read a page of trails' open deadlines along Deadline(trailId, metAt, dueAt), not every open deadline", async () => {
    // The query of regionOverview's and the pipeline's page: with an index on trailId alone, SQLite chose
    // Deadline(metAt, dueAt, id) and read every open deadline of the region (2.7 ms at 10,000 trails).
    const plan = await explain(
      `SELECT "id", "dueAt", "trailId" FROM "Deadline" WHERE "metAt" IS NULL AND "kind" NOT IN ('x') ` +
        `AND "trailId" IN ('a', 'b', 'c')`,
    );
    // PostgreSQL plans by its statistics: on these few rows either index may look cheaper (a bitmap scan of the open
    // ones, or the trail's index), by what earlier tests left. At 10,000 trails its per-value counts pick the
    // trail's index.
    expect(plan).toMatch(
      onPostgres() ? /Index Scan (on|using) "Deadline_\w+_idx"/ : /Deadline_trailId_metAt_dueAt_idx/,
    );
  });

  it("page the open trails of a filter along Trail(closedAt, startedAt, id, kind, state), reading no wide row it drops", async () => {
    // regionOverview's page for ?state=… (or ?kind=…): along (closedAt, startedAt) SQLite read each open trail's row,
    // snapshot and all, to test its state (33 ms at 10,000 trails for a state no trail is in; 0.8 ms along this).
    const plan = await explain(
      `SELECT "id", "title" FROM "Trail" WHERE "closedAt" IS NULL AND "state" = 'x' ORDER BY "startedAt" DESC, "id" ASC LIMIT 50`,
      { ordered: true },
    );
    expect(plan).toMatch(
      onPostgres() ? /Index Scan (Backward )?using "Trail_\w+_idx"/ : /Trail_closedAt_startedAt_id_kind_state_idx/,
    );
  });

  it("find the open trails due this week or overdue from the deadlines in that range", async () => {
    // regionOverview's count and page for ?deadline=…: the deadlines in the range along Deadline(metAt, dueAt, id),
    // and the trails they name by their key (or, with a kind, from a covering index of Trail, with a Bloom filter of
    // the named trails). Prisma's EXISTS per open trail probed every open trail: 5–13 ms at 10,000 trails, where
    // these take 0.02–1.2 ms.
    for (const deadline of ["overdue", "week"] as const) {
      for (const filter of [{}, { kind: "GR_AMENDMENT" as const }]) {
        const where = openTrailsDueSql({ deadline, ...filter }, "2024-03-08");
        const plan = await explain(statementText(Prisma.sql`SELECT COUNT(*) FROM "Trail" t WHERE ${where}`));
        const what = `${deadline} ${JSON.stringify(filter)}`;
        if (onPostgres()) {
          // PostgreSQL joins by its statistics, which on the few test rows may lead from either table: an index of
          // Deadline in any case, and no table read whole.
          expect(plan, what).toMatch(/Index \w*\s?Scan \w* ?(on|using) "?Deadline_\w+_idx/);
          expect(plan, what).not.toMatch(/Seq Scan/);
        } else {
          expect(plan, what).toMatch(/SEARCH d USING INDEX Deadline_metAt_dueAt_id_idx/);
          expect(plan, what).toMatch(/SEARCH t USING (INDEX sqlite_autoindex_Trail_1 \(id=\?\)|COVERING INDEX)/);
        }
      }
    }
  });

  it("probe a trail's deadlines of a range by one index probe (Prisma's relation filter on the deadlines)", async () => {
    // Prisma's EXISTS per trail, as regionOverview still sends it for the recently closed trails filtered on a
    // deadline, and as it sent it for the open ones. Along Deadline(trailId, metAt) SQLite chose Deadline(metAt,
    // dueAt, id) for the probe and read the week's open deadlines once per trail: for the open trails' count 295 ms
    // at 10,000 trails, 5 ms along (trailId, metAt, dueAt).
    const open = (due: string) =>
      `SELECT COUNT(*) FROM (SELECT "Trail"."id" FROM "Trail" WHERE "Trail"."closedAt" >= ${sqlDate()} AND EXISTS(` +
      `SELECT "t0"."trailId" FROM "Deadline" AS "t0" WHERE "t0"."metAt" IS NULL AND "t0"."kind" NOT IN ('x') ` +
      `AND ${due} AND "Trail"."id" = "t0"."trailId" AND "t0"."trailId" IS NOT NULL)) AS "sub"`;
    for (const due of [
      `"t0"."dueAt" >= ${sqlDate()} AND "t0"."dueAt" <= ${sqlDate()}`,
      `"t0"."dueAt" < ${sqlDate()}`,
    ]) {
      const plan = await explain(open(due));
      // PostgreSQL joins the two as a semi-join (by its statistics, from either side), along an index of Deadline.
      expect(plan, due).toMatch(
        onPostgres()
          ? /Index (Only )?Scan (on|using) "Deadline_\w+_idx"/
          : /Deadline_trailId_metAt_dueAt_idx \(trailId=\? AND metAt=\? AND dueAt/,
      );
    }
  });

  it("send as many queries for a full page of trails as for a few, and page in the database", async () => {
    const all = (await prisma.municipality.findMany({ where: { participationTo: null } })).map((m) => m.id);
    const zoetermeer = await id("zoetermeer");
    const measure = async () => ({
      overview: (await countQueries(() => regionOverview({}, "2024-03-08", { page: 1, pageSize: 50 }))).queries,
      inbox: (await countQueries(() => councilInbox(zoetermeer, "2024-03-08"))).queries,
      pipeline: (await countQueries(() => secretaryPipeline("2024-03-08"))).queries,
    });
    const few = await measure();
    for (let i = 0; i < 60; i++) await createTrail("GR_AMENDMENT", all);
    const many = await measure();
    expect(few.overview).toBeGreaterThan(0);
    expect(many).toEqual(few);

    const first = await regionOverview({}, "2024-03-08", { page: 1, pageSize: 50 });
    const second = await regionOverview({}, "2024-03-08", { page: 2, pageSize: 50 });
    expect(first.total).toBeGreaterThanOrEqual(64);
    expect(first.rows).toHaveLength(50);
    expect(second.rows.length).toBe(first.total - 50);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(first.total);
    // A page past the end shows the last page.
    expect((await regionOverview({}, "2024-03-08", { page: 99, pageSize: 50 })).page).toBe(2);
  });
});
