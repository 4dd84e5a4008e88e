import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { explain as explainPlan } from "../../test/factories/query-plan";
import { toDateInputValue } from "~/utils/format";
import { call, delftClerkToken, expectSchema } from "../../test/factories/api";
import { initialSnapshot, stateName, WORKFLOWS } from "~workflows/registry";
import type { TrailKind } from "~workflows/shared/types";
import { loader as deadlinesLoader } from "../routes/api.v1.deadlines";
import { loader as trailsLoader } from "../routes/api.v1.trails";
import { loader as positionsLoader } from "../routes/api.v1.trails_.$trailId_.positions";

const BASE = "http://127.0.0.1/api/v1";
const postgres = process.env.H10_TEST_DATABASE === "postgres";
/** More than the ~1,000 at which the unpaged list failed with P2029. */
const BULK = 1_100;
let token: string;
let municipalities: string[];

const get = (path: string) => new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
const trails = (query: string) =>
  call(() => trailsLoader({ request: get(`/trails${query}`), params: {}, context: {} }));
const deadlines = (query: string) =>
  call(() => deadlinesLoader({ request: get(`/deadlines${query}`), params: {}, context: {} }));
/** The positions of the trail with the most positions (bulk, below). */
let manyPositionsTrail: string;
const positions = (query: string) =>
  call(() =>
    positionsLoader({
      request: get(`/trails/${manyPositionsTrail}/positions${query}`),
      params: { trailId: manyPositionsTrail },
      context: {},
    }),
  );

/** 130 motions on one trail, logged at 10 moments, so many share their time and the id decides their order. */
async function bulkPositions(trailId: string) {
  const body = await prisma.body.findFirstOrThrow({ where: { municipalityId: municipalities[0]!, kind: "COUNCIL" } });
  const user = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARY" } });
  await prisma.position.createMany({
    data: Array.from({ length: 130 }, (_, n) => ({
      id: newId("pos"),
      trailId,
      bodyId: body.id,
      municipalityId: municipalities[0]!,
      kind: "MOTION" as const,
      text: `Motie ${n}`,
      meetingDate: new Date(Date.UTC(2020, 1, 1)),
      loggedById: user.id,
      loggedAt: new Date(Date.UTC(2020, 1, 2, 10, n % 10)),
    })),
  });
}

/** A lowercase letters-and-digits id, so both engines' collations order it as JavaScript does. */
const newId = (prefix: string) => `${prefix}${crypto.randomUUID().replaceAll("-", "")}`;

/**
 * Many trails fast, in bulk: each a valid row for the API's serializer (an
 * initial workflow snapshot of its kind, three participants), with start dates
 * on 40 days only, so many share a day and the id decides their order; and
 * two deadlines each, on 30 days, for the deadline list.
 */
async function bulkTrails(count: number) {
  const participants = municipalities.slice(0, 3);
  for (let done = 0; done < count; done += 250) {
    const batch = Array.from({ length: Math.min(250, count - done) }, (_, i) => {
      const n = done + i;
      const kind: TrailKind = n % 3 === 0 ? "VISION" : "GR_AMENDMENT";
      const snapshot = initialSnapshot(kind, { participants, exiting: participants[0] });
      return {
        id: newId("bulk"),
        kind,
        title: `Bulktraject ${n}`,
        reference: `BULK-${n}`,
        state: stateName(snapshot),
        snapshot: JSON.stringify(snapshot),
        machineVersion: WORKFLOWS[kind].version,
        startedAt: new Date(Date.UTC(2020, 0, 1 + (n % 40))),
      };
    });
    await prisma.$transaction([
      prisma.trail.createMany({ data: batch }),
      prisma.trailParticipant.createMany({
        data: batch.flatMap((trail) => participants.map((municipalityId) => ({ trailId: trail.id, municipalityId }))),
      }),
      prisma.deadline.createMany({
        data: batch.flatMap((trail, i) =>
          [0, 1].map((k) => ({
            id: newId("dl"),
            trailId: trail.id,
            municipalityId: participants[(i + k) % 3]!,
            kind: "zienswijze",
            label: "Zienswijze",
            dueAt: new Date(Date.UTC(2020, 2, 1 + ((i + k) % 30))),
          })),
        ),
      }),
    ]);
  }
}

/** Every page of a list, following next; each page checked against the OpenAPI document. */
async function allPages<T>(
  fetchPage: (query: string) => Promise<Response>,
  field: string,
  schema: string,
  query: string,
  limit: number,
) {
  const rows: T[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const response = await fetchPage(
      `?${query}${query ? "&" : ""}limit=${limit}${next ? `&next=${encodeURIComponent(next)}` : ""}`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expectSchema(schema, body);
    const page = body[field] as T[];
    expect(page.length).toBeLessThanOrEqual(limit);
    rows.push(...page);
    next = body.next as string | null;
    if (next) expect(page).toHaveLength(limit);
    pages += 1;
    expect(pages).toBeLessThan(1_000);
  } while (next);
  return { rows, pages };
}

const byKey =
  <T extends { at: number; id: string }>(direction: 1 | -1) =>
  (a: T, b: T) =>
    a.at !== b.at ? direction * (a.at - b.at) : a.id < b.id ? -direction : a.id > b.id ? direction : 0;

beforeAll(async () => {
  token = await delftClerkToken();
  municipalities = (
    await prisma.municipality.findMany({ where: { participationTo: null }, orderBy: { slug: "asc" } })
  ).map((m) => m.id);
  await bulkTrails(BULK);
  manyPositionsTrail = (await prisma.trail.findFirstOrThrow({ where: { reference: "BULK-1" } })).id;
  await bulkPositions(manyPositionsTrail);
}, 120_000);

describe("the API's lists, a page at a time", () => {
  it("pages through more than 1,000 trails: each exactly once, newest first, ties by id", async () => {
    const all = await prisma.trail.findMany({ select: { id: true, kind: true, startedAt: true } });
    expect(all.length).toBeGreaterThan(1_000);
    const expected = all
      .map((t) => ({ id: t.id, kind: t.kind, at: t.startedAt.getTime() }))
      .sort(byKey(-1))
      .map((t) => t.id);

    // The default page is 50.
    const first = (await (await trails("")).json()) as { trails: unknown[]; next: string | null };
    expectSchema("TrailList", first);
    expect(first.trails).toHaveLength(50);
    expect(typeof first.next).toBe("string");

    const { rows, pages } = await allPages<{ id: string }>(trails, "trails", "TrailList", "", 200);
    expect(pages).toBe(Math.ceil(all.length / 200));
    expect(rows.map((t) => t.id)).toEqual(expected);

    // A filtered list pages on its own, in the same order.
    const vision = await allPages<{ id: string; kind: string }>(trails, "trails", "TrailList", "kind=VISION", 97);
    expect(vision.rows.map((t) => t.id)).toEqual(
      expected.filter((id) => all.find((t) => t.id === id)!.kind === "VISION"),
    );
    // The serializer's rows are whole: participants by name with their standing.
    const one = rows.find((t) => t.id.startsWith("bulk")) as unknown as { participants: { name: string }[] };
    expect(one.participants).toHaveLength(3);
    const names = one.participants.map((p) => p.name);
    expect(names).toEqual([...names].sort());
  }, 120_000);

  it("pages through the deadlines, soonest first, ties by id; of all and of one municipality", async () => {
    const all = await prisma.deadline.findMany({ select: { id: true, dueAt: true, municipalityId: true } });
    expect(all.length).toBeGreaterThan(2_000);
    const order = (rows: typeof all) =>
      rows
        .map((d) => ({ id: d.id, at: d.dueAt.getTime() }))
        .sort(byKey(1))
        .map((d) => d.id);
    type Row = { dueOn: string; trailId: string };
    const everything = await allPages<Row>(deadlines, "deadlines", "DeadlineList", "", 200);
    const ids = await prisma.deadline.findMany({ select: { id: true, trailId: true, dueAt: true, kind: true } });
    // The API does not answer ids; the page order is checked by (trail, due day), which the ids decide within a day.
    const key = (d: { trailId: string; dueOn: string }) => `${d.trailId}|${d.dueOn}`;
    const expectedKeys = order(all).map((id) => {
      const d = ids.find((row) => row.id === id)!;
      return key({ trailId: d.trailId, dueOn: toDateInputValue(d.dueAt) });
    });
    expect(everything.rows.map(key)).toEqual(expectedKeys);

    const delft = municipalities[0]!;
    const own = await allPages<Row>(deadlines, "deadlines", "DeadlineList", `municipalityId=${delft}`, 61);
    expect(own.rows).toHaveLength(all.filter((d) => d.municipalityId === delft).length);
    expect(own.pages).toBeGreaterThan(1);
  }, 120_000);

  it("pages through a trail's positions, newest logged first, ties by id", async () => {
    const all = await prisma.position.findMany({
      where: { trailId: manyPositionsTrail },
      select: { id: true, loggedAt: true },
    });
    expect(all).toHaveLength(130);
    const expected = all
      .map((p) => ({ id: p.id, at: p.loggedAt.getTime() }))
      .sort(byKey(-1))
      .map((p) => p.id);
    const first = (await (await positions("")).json()) as { positions: unknown[]; next: string | null };
    expectSchema("PositionList", first);
    expect(first.positions).toHaveLength(50);
    const { rows, pages } = await allPages<{ id: string }>(positions, "positions", "PositionList", "", 40);
    expect(pages).toBe(4);
    expect(rows.map((p) => p.id)).toEqual(expected);
  });

  it("refuses a bad limit or cursor with 400 and a stable code", async () => {
    for (const limit of ["0", "201", "-1", "1.5", "abc", "", "1e2", "99999"]) {
      for (const list of [trails, deadlines, positions]) {
        const response = await list(`?limit=${limit}`);
        expect(response.status, `limit=${limit}`).toBe(400);
        const body = await response.json();
        expectSchema("Error", body);
        expect(body.code).toBe("invalid_limit");
      }
    }
    const first = (await (await trails("?limit=5")).json()) as { next: string };
    const vision = (await (await trails("?kind=VISION&limit=5")).json()) as { next: string };
    const deadline = (await (await deadlines("?limit=5")).json()) as { next: string };
    const [payload, signature] = first.next.split(".") as [string, string];
    // A cursor naming another row, as a client could forge it, with the old signature.
    const forgedPayload = Buffer.from(JSON.stringify(["trails:", "2020-01-01T00:00:00.000Z", "x"])).toString(
      "base64url",
    );
    const bad = [
      "garbage",
      "",
      `${payload}.`,
      `${forgedPayload}.${signature}`,
      `${payload}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
      Buffer.from(JSON.stringify(["trails:", "2020-01-01T00:00:00.000Z", "x"])).toString("base64url"),
      `${first.next}${"A".repeat(600)}`,
    ];
    for (const next of bad) {
      const response = await trails(`?next=${encodeURIComponent(next)}`);
      expect(response.status, `next=${next}`).toBe(400);
      const body = await response.json();
      expectSchema("Error", body);
      expect(body.code).toBe("invalid_cursor");
    }
    // A cursor belongs to its list and its filter.
    for (const [list, query] of [
      [trails, `?next=${encodeURIComponent(vision.next)}`],
      [trails, `?kind=VISION&next=${encodeURIComponent(first.next)}`],
      [trails, `?next=${encodeURIComponent(deadline.next)}`],
      [deadlines, `?next=${encodeURIComponent(first.next)}`],
      [deadlines, `?municipalityId=${municipalities[0]}&next=${encodeURIComponent(deadline.next)}`],
      [positions, `?next=${encodeURIComponent(first.next)}`],
      [positions, `?next=${encodeURIComponent(deadline.next)}`],
    ] as const) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).code).toBe("invalid_cursor");
    }
    // The cursor as answered works.
    expect((await trails(`?limit=5&next=${encodeURIComponent(first.next)}`)).status).toBe(200);
  }, 60_000);

  it("serves a page from an index on both engines, without sorting the table", async () => {
    // Fresh statistics after the bulk rows, as autovacuum would gather them.
    if (postgres) await prisma.$executeRawUnsafe('ANALYZE "Trail", "Deadline", "Position"');
    // Sorting forbidden on PostgreSQL: were the rows not in an index's order, a Sort node would still show.
    const explain = (sql: string) => explainPlan(sql, { ordered: true });
    const at = postgres ? "TIMESTAMP '2020-01-20'" : "1579478400000";
    const loggedAt = postgres ? "TIMESTAMP '2020-02-02 10:05'" : String(Date.UTC(2020, 1, 2, 10, 5));
    const after = (column: string, op: "<" | ">") =>
      `"${column}" ${op}= ${at} AND ("${column}" ${op} ${at} OR "id" ${op} 'x')`;
    const plans = {
      trails: await explain(
        `SELECT "id" FROM "Trail" WHERE ${after("startedAt", "<")} ORDER BY "startedAt" DESC, "id" DESC LIMIT 201`,
      ),
      trailsOfKind: await explain(
        `SELECT "id" FROM "Trail" WHERE "kind" = 'VISION' AND ${after("startedAt", "<")} ORDER BY "startedAt" DESC, "id" DESC LIMIT 201`,
      ),
      deadlines: await explain(
        `SELECT "id" FROM "Deadline" WHERE ${after("dueAt", ">")} ORDER BY "dueAt" ASC, "id" ASC LIMIT 201`,
      ),
      // The trail with many positions, at a cursor in the middle of them.
      positions: await explain(
        `SELECT "id" FROM "Position" WHERE "trailId" = '${manyPositionsTrail}' AND "loggedAt" <= ${loggedAt} AND ("loggedAt" < ${loggedAt} OR "id" < 'x') ORDER BY "loggedAt" DESC, "id" DESC LIMIT 41`,
      ),
      deadlinesOfOne: await explain(
        `SELECT "id" FROM "Deadline" WHERE "municipalityId" = 'x' AND ${after("dueAt", ">")} ORDER BY "dueAt" ASC, "id" ASC LIMIT 201`,
      ),
    };
    expect(plans.trails).toContain("Trail_startedAt_id_idx");
    expect(plans.trailsOfKind).toContain("Trail_kind_startedAt_id_closedAt_state_idx");
    expect(plans.deadlines).toContain("Deadline_dueAt_id_idx");
    expect(plans.deadlinesOfOne).toContain("Deadline_municipalityId_dueAt_id_idx");
    expect(plans.positions).toContain("Position_trailId_loggedAt_id_idx");
    for (const [name, plan] of Object.entries(plans)) {
      // No sort of the rows: the index gives the order (SQLite: a temp b-tree; PostgreSQL: a Sort node).
      expect(plan, name).not.toMatch(postgres ? /\bSort\b/ : /TEMP B-TREE/);
    }
  });
});
