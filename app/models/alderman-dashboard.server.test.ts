import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, sqlDate } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { aldermanDashboard } from "./alderman-dashboard.server";
import { addFinancialItem, saveAllocationKey } from "./finance.server";
import { addMeeting } from "./meeting.server";

let actors: (local: string) => Actor;
const id = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;

beforeAll(async () => {
  actors = await demoActors();
});

describe("the alderman's dashboard", () => {
  it("shows the open trails × the councils with each council's state, and each trail's progress", async () => {
    const delft = await id("delft");
    const before = await aldermanDashboard(delft, { today: "2024-02-01" });
    const amendment = before.rows.find((r) => r.reference === "H10-GR-2024")!;
    // Nine councils take part (Voorschoten left); Den Haag gave its view, the others are waiting for their term.
    expect(Object.keys(amendment.cells)).toHaveLength(9);
    expect(amendment.cells[await id("den-haag")]!.state).toBe("done");
    expect(amendment.cells[delft]).toMatchObject({ state: "open", dueOn: "2024-03-11" });
    expect(amendment.progress).toEqual({ done: 1, open: 8, late: 0, refused: 0 });
    // Every council of a trail on the page has a column, by name.
    expect(before.columns.map((c) => c.name)).toEqual(
      [...before.columns.map((c) => c.name)].sort((a, b) => a.localeCompare(b, "nl")),
    );
    expect(before.columns.map((c) => c.name)).toContain("Voorschoten");
    // After the terms have passed the eight silent councils are late.
    const after = (await aldermanDashboard(delft, { today: "2024-03-13" })).rows.find(
      (r) => r.reference === "H10-GR-2024",
    )!;
    expect(after.cells[delft]!.state).toBe("overdue");
    expect(after.progress).toEqual({ done: 1, open: 0, late: 8, refused: 0 });
    // Closed trails are not on it.
    expect(before.total).toBe(await prisma.trail.count({ where: { closedAt: null } }));
  });

  it("lists what our council still has to do and the deadlines of the next weeks that concern it", async () => {
    const delft = await id("delft");
    const dashboard = await aldermanDashboard(delft, { today: "2024-03-01", weeks: 2 });
    expect(dashboard.own!.toDo.map((d) => d.dueOn)).toContain("2024-03-11");
    expect(dashboard.own!.more).toBe(false);
    expect(dashboard.own!.toDo.every((d) => d.kind !== "exitEffective")).toBe(true);
    // The next two weeks: Delft's own term, not Zoetermeer's; nothing after the horizon.
    expect(dashboard.upcoming.map((d) => [d.municipality, d.dueOn])).toContainEqual(["Delft", "2024-03-11"]);
    expect(dashboard.upcoming.map((d) => d.municipality)).not.toContain("Zoetermeer");
    expect(dashboard.upcoming.every((d) => d.dueOn >= "2024-03-01" && d.dueOn <= "2024-03-15")).toBe(true);
    // Without a municipality (an administrator) every council's deadline of the window shows.
    const region = await aldermanDashboard(null, { today: "2024-03-01", weeks: 2 });
    expect(region.own).toBeNull();
    expect(region.upcoming.map((d) => d.municipality)).toContain("Zoetermeer");
  });

  it("draws each open council deadline with the council meetings before it", async () => {
    const zoetermeer = await id("zoetermeer");
    await addMeeting(
      { municipalityId: zoetermeer, bodyKind: "COUNCIL", date: "2024-03-05" },
      actors("griffier.zoetermeer"),
    );
    // A meeting after the deadline does not help.
    await addMeeting({ municipalityId: await id("delft"), bodyKind: "COUNCIL", date: "2024-03-20" }, actors("beheer"));
    const { timelines } = await aldermanDashboard(null, { today: "2024-02-01" });
    const amendment = timelines.find((t) => t.title.startsWith("Wijziging GR"))!;
    const row = (name: string) => amendment.councils.find((c) => c.name === name)!;
    expect(row("Zoetermeer")).toMatchObject({ dueOn: "2024-03-12", meetings: ["2024-03-05"], noMeetingInTime: false });
    expect(row("Delft")).toMatchObject({ dueOn: "2024-03-11", meetings: [], noMeetingInTime: true });
    // Den Haag met its term: no open deadline, no row.
    expect(amendment.councils.map((c) => c.name)).not.toContain("Den Haag");
  });

  it("shows our share of the amounts of an open trail we take part in", async () => {
    const [delft, denHaag] = [await id("delft"), await id("den-haag")];
    const trail = await createTrail("GR_AMENDMENT", [delft, denHaag, await id("rijswijk")]);
    const key = await saveAllocationKey(
      { name: `Gelijk ${trail.id}`, method: "EQUAL", inhabitantsYear: null, description: "", entries: [] },
      actors("secretaris"),
    );
    if (!key.ok) throw new Error(key.code);
    await addFinancialItem(
      trail.id,
      { label: "Kosten", kind: "ONE_OFF", year: 2024, amount: "900", keyId: key.id },
      actors("secretaris"),
    );
    const { own } = await aldermanDashboard(delft, { today: "2024-02-01" });
    const finance = own!.finances.find((f) => f.trailId === trail.id)!;
    expect(finance.items).toHaveLength(1);
    expect(finance.items[0]).toMatchObject({ label: "Kosten", cents: 90000, own: 30000 });
    expect(finance.items[0]!.shares.map((s) => s.cents)).toEqual([30000, 30000, 30000]);
    // A council not in the trail sees no share of it.
    const { own: westland } = await aldermanDashboard(await id("westland"), { today: "2024-02-01" });
    expect(westland!.finances.map((f) => f.trailId)).not.toContain(trail.id);
  });

  it("uses the indexes for its lists of deadlines and its page of open trails", async () => {
    const plans: string[] = [];
    const date = sqlDate();
    plans.push(
      await explain(
        `SELECT "id" FROM "Deadline" WHERE "metAt" IS NULL AND "dueAt" >= ${date} ORDER BY "dueAt" LIMIT 25`,
        { ordered: true },
      ),
      await explain(
        `SELECT "id" FROM "Deadline" WHERE "municipalityId" = 'x' AND "metAt" IS NULL ORDER BY "dueAt" LIMIT 25`,
        { ordered: true },
      ),
      // Ordered (on every list here): with the (closedAt, kind, state, id) index, a tiny table is cheaper to
      // filter and sort.
      await explain(`SELECT "id" FROM "Trail" WHERE "closedAt" IS NULL ORDER BY "startedAt" DESC LIMIT 10`, {
        ordered: true,
      }),
    );
    // Either the dashboard's own indexes or the API lists' (dueAt, id) and (startedAt, id): all read in order.
    expect(plans[0]).toMatch(/Deadline_(metAt_dueAt(_id)?|dueAt_id)_idx/);
    expect(plans[1]).toMatch(/Deadline_municipalityId_(metAt_dueAt|dueAt_id)_idx/);
    expect(plans[2]).toMatch(/Trail_(closedAt_startedAt_id_kind_state|startedAt_id)_idx/);
  });

  // Last in this file: it adds trails.
  it("sends as many queries for many trails as for a few, and shows one page of them", async () => {
    const delft = await id("delft");
    const all = (await prisma.municipality.findMany({ where: { participationTo: null } })).map((m) => m.id);
    const measure = async () =>
      (await countQueries(() => aldermanDashboard(delft, { today: "2024-02-01", pageSize: 10 }))).queries;
    const few = await measure();
    for (let i = 0; i < 25; i++) await createTrail("GR_AMENDMENT", all);
    expect(await measure()).toBe(few);
    const first = await aldermanDashboard(delft, { today: "2024-02-01", pageSize: 10 });
    expect(first.rows).toHaveLength(10);
    expect(first.pages).toBe(Math.ceil(first.total / 10));
    const last = await aldermanDashboard(delft, { today: "2024-02-01", pageSize: 10, page: 999 });
    expect(last.page).toBe(first.pages);
  });
});
