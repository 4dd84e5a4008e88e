import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { explain, statementText } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { completeness, missingCountsQuery, missingPageQuery } from "./completeness.server";
import { logPosition } from "./position.server";

let actors: (local: string) => Actor;
let delft: string;
let rijswijk: string;
let zoetermeer: string;

beforeAll(async () => {
  actors = await demoActors();
  const id = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;
  [delft, rijswijk, zoetermeer] = await Promise.all([id("delft"), id("rijswijk"), id("zoetermeer")]);
});

let n = 0;

async function proposalFor(trailId: string, municipalityId: string, status: "PROPOSED" | "REJECTED") {
  n += 1;
  return prisma.proposedPosition.create({
    data: {
      municipalityId,
      trailId,
      source: "test",
      sourceId: `completeness-${process.pid}-${Date.now()}-${n}`,
      sourceUrl: "http://127.0.0.1:9/x",
      kind: "ZIENSWIJZE",
      title: "Zienswijze",
      meetingDate: fromDateInputValue("2024-03-01"),
      matchedBy: "dateTitle",
      status,
    },
  });
}

describe("the completeness monitor", () => {
  it("lists a council's passed deadline until its decision is logged or imported; a rejected import does not count", async () => {
    const { trailId, revision } = await amendmentWithDraftReceived([delft, rijswijk, zoetermeer], actors("secretaris"));
    const missingOn = async (day: string, municipalityId?: string) =>
      (await completeness({ today: day, municipalityId, pageSize: 500 })).rows
        .filter((r) => r.trailId === trailId)
        .map((r) => r.municipality)
        .sort();
    // Before the term ends nothing is missing; after it, all three.
    expect(await missingOn("2024-02-01")).toEqual([]);
    expect(await missingOn("2024-06-01")).toEqual(["Delft", "Rijswijk", "Zoetermeer"]);
    // Delft's decision was imported and waits for its clerk; Zoetermeer's import was rejected; Rijswijk logged.
    await proposalFor(trailId, delft, "PROPOSED");
    await proposalFor(trailId, zoetermeer, "REJECTED");
    const logged = await logPosition(
      {
        trailId,
        expectedRevision: revision,
        municipalityId: rijswijk,
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text: "De raad geeft een zienswijze.",
        meetingDate: "2024-03-01",
      },
      actors("griffier.rijswijk"),
    );
    expect(logged.ok).toBe(true);
    expect(await missingOn("2024-06-01")).toEqual(["Zoetermeer"]);
    // A council's own view: its count and rows only.
    const own = await completeness({ today: "2024-06-01", municipalityId: zoetermeer, pageSize: 500 });
    expect(own.councils).toHaveLength(1);
    expect(own.councils[0]).toMatchObject({ municipalityId: zoetermeer });
    expect(own.councils[0]!.count).toBe(own.total);
    expect(own.rows.every((r) => r.municipalityId === zoetermeer)).toBe(true);
    expect(own.rows.some((r) => r.trailId === trailId && r.kind === "zienswijze")).toBe(true);
  });

  it("pages in the database: a page holds at most its size and the pages cover the total", async () => {
    await amendmentWithDraftReceived([delft, rijswijk], actors("secretaris"));
    const first = await completeness({ today: "2024-06-01", pageSize: 1 });
    expect(first.total).toBeGreaterThan(1);
    expect(first.rows).toHaveLength(1);
    expect(first.pages).toBe(first.total);
    const second = await completeness({ today: "2024-06-01", pageSize: 1, page: 2 });
    expect(second.rows[0]!.deadlineId).not.toBe(first.rows[0]!.deadlineId);
    expect(first.councils.reduce((sum, c) => sum + c.count, 0)).toBe(first.total);
  });
});

describe("the monitor's and the inbox's queries", () => {
  const before = new Date("2024-06-01T00:00:00Z");
  const noScan = (table: string) => new RegExp(`SCAN "?${table}"?(?! USING)|Seq Scan on "?${table}"?`);

  it("read the deadlines along an index and check each against the positions and proposals by index, on both engines", async () => {
    const one = await explain(statementText(missingPageQuery(before, "x", 0, 50)));
    // In index order with sorting off, as the other plan tests ask: on the small test tables PostgreSQL otherwise
    // sorts a handful of rows when that looks as cheap (it did in a full run).
    const all = await explain(statementText(missingPageQuery(before, null, 0, 50)), { ordered: true });
    const counts = await explain(statementText(missingCountsQuery(before, null)));
    // The open deadlines come from an index of Deadline: (metAt, dueAt, id), or one led by the council (SQLite
    // takes (municipalityId, dueAt, id) for one council, in the list's order); each check is an index look-up.
    expect(all).toContain("Deadline_metAt_dueAt_id_idx");
    expect(one).toMatch(/Deadline_(municipalityId_dueAt_id|municipalityId_metAt_dueAt|metAt_dueAt_id)_idx/);
    for (const plan of [one, all, counts]) {
      for (const table of ["Deadline", "Position", "ProposedPosition", "TrailParticipant", "Trail"])
        expect(plan).not.toMatch(noScan(table));
      expect(plan).toMatch(/ProposedPosition_(trailId_municipalityId_status|municipalityId_status_createdAt_id)_idx/);
    }
    // The list of all councils comes in index order, unsorted.
    expect(all).not.toMatch(/TEMP B-TREE FOR ORDER BY|Sort\b/);
  });

  it("count and page a council's proposals along ProposedPosition(municipalityId, status, createdAt, id)", async () => {
    const status = "'PROPOSED'";
    const page = await explain(
      `SELECT "id" FROM "ProposedPosition" WHERE "municipalityId" = 'x' AND "status" = ${status} ORDER BY "createdAt", "id" LIMIT 50 OFFSET 50`,
      { ordered: true },
    );
    const count = await explain(
      `SELECT COUNT(*) FROM (SELECT "id" FROM "ProposedPosition" WHERE "municipalityId" = 'x' AND "status" = ${status}) AS sub`,
    );
    for (const plan of [page, count]) {
      expect(plan).toContain("ProposedPosition_municipalityId_status_createdAt_id_idx");
      expect(plan).not.toMatch(noScan("ProposedPosition"));
    }
    expect(page).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
});
