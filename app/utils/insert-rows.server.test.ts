import { describe, expect, expectTypeOf, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { insertRows, insertStatements, MAX_VALUES, type InsertRow } from "./insert-rows.server";

async function someTrailAndUser() {
  const [trail, user] = await Promise.all([
    prisma.trail.findFirstOrThrow({ select: { id: true } }),
    prisma.user.findFirstOrThrow({ where: { role: "CLERK" }, select: { id: true, role: true, municipalityId: true } }),
  ]);
  return { trailId: trail.id, user };
}

describe("rows inserted as SQL text", () => {
  it("read back through the client as the client's own createMany writes them", async () => {
    const { trailId, user } = await someTrailAndUser();
    const createdAt = new Date("2026-03-07T09:15:42.123Z");
    const mailAfter = new Date("2026-03-07T23:59:59.999Z");
    const values = '{"municipality":"Delft","kind":"ZIENSWIJZE","by":"Anne \\"de\\" Wit – griffie"}';
    const common = { userId: user.id, trailId, kind: "positionLogged", values, createdAt };
    await prisma.notification.createMany({
      data: [
        { ...common, id: "insert-rows-client-1", mailAfter },
        { ...common, id: "insert-rows-client-2", mailAfter: null },
      ],
    });
    const written = await insertRows(prisma, "Notification", [
      { ...common, id: "insert-rows-raw-1", mailAfter },
      { ...common, id: "insert-rows-raw-2", mailAfter: null },
    ]);
    expect(written).toBe(2);
    const rows = await prisma.notification.findMany({
      where: { id: { startsWith: "insert-rows-" } },
      orderBy: { id: "asc" },
    });
    const stripped = rows.map(({ id, ...rest }) => ({ which: id.replace(/-(client|raw)-/, "-"), ...rest }));
    expect(stripped.slice(0, 2)).toEqual(stripped.slice(2));
    expect(rows.find((r) => r.id === "insert-rows-raw-1")).toMatchObject({
      createdAt,
      mailAfter,
      values,
      mailAttempts: 0,
      readAt: null,
    });
    // The stored dates order and compare as the client's do: a range query finds both kinds.
    expect(
      await prisma.notification.count({ where: { id: { startsWith: "insert-rows-" }, mailAfter: { gt: createdAt } } }),
    ).toBe(2);
  });

  it("writes enums, nulls and numbers, and autoincrement keys in the rows' order", async () => {
    const { trailId, user } = await someTrailAndUser();
    const createdAt = new Date("2026-12-05T08:00:00.000Z");
    const rows = ["insert.first", "insert.second", "insert.third"].map((type, i) => ({
      trailId: i === 1 ? null : trailId,
      actorId: user.id,
      actorRole: user.role,
      municipalityId: user.municipalityId,
      type,
      payload: `{"i":${i}}`,
      resultingState: null,
      createdAt,
      prevHash: `prev-${i}`,
      hash: `insert-rows-hash-${i}`,
    }));
    await insertRows(prisma, "Event", rows);
    const stored = await prisma.event.findMany({
      where: { hash: { startsWith: "insert-rows-hash-" } },
      orderBy: { sequence: "asc" },
    });
    expect(stored.map((e) => e.type)).toEqual(["insert.first", "insert.second", "insert.third"]);
    expect(stored[1]).toMatchObject({ trailId: null, actorRole: "CLERK", resultingState: null, createdAt });
    expect(stored[2]!.sequence - stored[0]!.sequence).toBe(2);
  });

  it("splits many rows into statements of at most MAX_VALUES values, and writes them all", async () => {
    const entryId = "insert-rows-entry";
    await insertRows(prisma, "SearchEntry", [
      {
        id: entryId,
        kind: "document",
        sourceId: "insert-rows-source",
        trailId: null,
        municipalityId: null,
        year: 2026,
        day: null,
        title: "Regiovisie Jeugdhulp Haaglanden",
        detail: "",
        body: "",
        revision: null,
        updatedAt: new Date(),
      },
    ]);
    const terms = Array.from({ length: 1500 }, (_, i) => ({
      stem: `woord${i}`,
      entryId,
      kind: "document",
      year: 2026,
      day: "",
      trailState: "",
    }));
    const statements = insertStatements("SearchTerm", terms);
    expect(statements).toHaveLength(Math.ceil((1500 * 6) / MAX_VALUES));
    for (const statement of statements) expect(statement.values.length).toBeLessThanOrEqual(MAX_VALUES);
    const { result, queries } = await countQueries(() => insertRows(prisma, "SearchTerm", terms));
    expect(result).toBe(1500);
    expect(queries).toBe(statements.length);
    expect(await prisma.searchTerm.count({ where: { entryId } })).toBe(1500);
    expect(await prisma.searchEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({
      day: null,
      revision: null,
      title: "Regiovisie Jeugdhulp Haaglanden",
    });
  });

  it("refuses rows with other columns than the first, and names that are not plain identifiers, before writing", async () => {
    const { trailId, user } = await someTrailAndUser();
    const createdAt = new Date();
    const row = { id: "insert-rows-refused-1", userId: user.id, trailId, kind: "k", values: "{}", createdAt };
    await expect(
      insertRows(prisma, "Notification", [row, { ...row, id: "insert-rows-refused-2", mailAfter: createdAt }]),
    ).rejects.toThrow(/row 1 of Notification gives other columns/);
    const { trailId: _dropped, ...withoutTrail } = row;
    await expect(
      insertRows(prisma, "Notification", [row, { ...withoutTrail, id: "insert-rows-refused-3" }]),
    ).rejects.toThrow(/row 1 of Notification/);
    expect(() => insertStatements('Notification"; DROP TABLE "User', [row])).toThrow(/not a table or column name/);
    expect(await prisma.notification.count({ where: { id: { startsWith: "insert-rows-refused" } } })).toBe(0);
    expect(insertStatements("Notification", [])).toEqual([]);
  });

  it("is typed to demand the columns Prisma would fill in on the client", () => {
    // A notification's id and time are made by Prisma's client in createMany, so here they must be given.
    expectTypeOf<{ userId: string; kind: string; values: string; createdAt: Date }>().not.toExtend<
      InsertRow<"Notification">
    >();
    expectTypeOf<{ id: string; userId: string; kind: string; values: string; createdAt: Date }>().toExtend<
      InsertRow<"Notification">
    >();
  });
});
