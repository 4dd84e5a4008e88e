import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { preparingOnce, withPreparedStatements } from "./sqlite-statements.server";

const int = { scalarType: "int", arity: "scalar" } as const;
const text = { scalarType: "string", arity: "scalar" } as const;

const spies: MockInstance[] = [];
afterEach(() => {
  for (const spy of spies.splice(0)) spy.mockRestore();
});

function municipalities() {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE Municipality (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  const prepare = vi.spyOn(db, "prepare");
  spies.push(prepare);
  return { db, prepare, connection: preparingOnce(db, 2) };
}

describe("each SQL text prepared once per connection", () => {
  it("prepares a statement once and binds new values to it each time", () => {
    const { prepare, connection } = municipalities();
    const insert = "INSERT INTO Municipality (id, name) VALUES (?, ?)";
    for (const [id, name] of [
      [1, "Delft"],
      [2, "Den Haag"],
      [3, "Leidschendam-Voorburg"],
    ] as const)
      expect(connection.prepare(insert).bind([id, name]).run().changes).toBe(1);
    const select = "SELECT id, name FROM Municipality WHERE id >= ? ORDER BY id";
    const query = (from: number) => {
      const bound = connection.prepare(select).bind([from]);
      expect(bound.reader).toBe(true);
      return { columns: bound.columns().map((c) => c.name), rows: bound.raw().all() };
    };
    expect(query(2)).toEqual({
      columns: ["id", "name"],
      rows: [
        [2, "Den Haag"],
        [3, "Leidschendam-Voorburg"],
      ],
    });
    expect(query(3).rows).toEqual([[3, "Leidschendam-Voorburg"]]);
    // A statement bound permanently (better-sqlite3's bind) could not have taken the second set of values.
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([insert, select]);
  });

  it("runs transaction control unbound, and a statement in a rolled-back transaction writes nothing", () => {
    const { db, connection } = municipalities();
    connection.prepare("BEGIN").run();
    connection.prepare("INSERT INTO Municipality (id, name) VALUES (?, ?)").bind([4, "Midden-Delfland"]).run();
    connection.prepare("ROLLBACK").run();
    connection.prepare("BEGIN").run();
    connection.prepare("INSERT INTO Municipality (id, name) VALUES (?, ?)").bind([5, "Pijnacker-Nootdorp"]).run();
    connection.prepare("COMMIT").run();
    expect(db.prepare("SELECT name FROM Municipality").pluck().all()).toEqual(["Pijnacker-Nootdorp"]);
  });

  it("keeps the most recently used statements up to its size, and prepares a dropped one again", () => {
    const { prepare, connection } = municipalities();
    const [a, b, c] = ["SELECT 1", "SELECT 2", "SELECT 3"];
    for (const sql of [a, b, a, c, a, b]) connection.prepare(sql).bind([]).raw().all();
    // Size 2: c dropped b (a was used after it); the last b dropped c.
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([a, b, c, b]);
  });

  it("reads a statement's columns once, and again after a statement on the connection changed the schema", () => {
    const { db, connection } = municipalities();
    const statementPrototype = Object.getPrototypeOf(db.prepare("SELECT 1")) as { columns(): unknown };
    const columns = vi.spyOn(statementPrototype, "columns");
    spies.push(columns);
    const all = "SELECT * FROM Municipality";
    const names = () =>
      connection
        .prepare(all)
        .bind([])
        .columns()
        .map((c) => `${c.name} ${c.type}`);
    expect([names(), names()]).toEqual([
      ["id INTEGER", "name TEXT"],
      ["id INTEGER", "name TEXT"],
    ]);
    expect(columns).toHaveBeenCalledTimes(1);
    connection.prepare("ALTER TABLE Municipality ADD COLUMN cbsCode TEXT").bind([]).run();
    expect(names()).toEqual(["id INTEGER", "name TEXT", "cbsCode TEXT"]);
    connection.exec("ALTER TABLE Municipality ADD COLUMN inhabitants INTEGER");
    expect(names()).toEqual(["id INTEGER", "name TEXT", "cbsCode TEXT", "inhabitants INTEGER"]);
    expect(columns).toHaveBeenCalledTimes(3);
  });

  it("passes SQLite's errors on, and a statement that failed to prepare is not kept", () => {
    const { prepare, connection } = municipalities();
    expect(() => connection.prepare("SELECT * FROM Gemeente")).toThrow(/no such table/);
    expect(() => connection.prepare("SELECT * FROM Gemeente")).toThrow(/no such table/);
    expect(prepare).toHaveBeenCalledTimes(2);
    // A wrong number of values is refused per call, as with a fresh statement.
    expect(() => connection.prepare("SELECT ?").bind([]).raw().all()).toThrow(/Too few parameter/);
    expect(connection.prepare("SELECT ?").bind([7]).raw().all()).toEqual([[7]]);
  });

  it("serves Prisma's adapter: its queries and transactions go through one prepared statement each", async () => {
    const prepare = vi.spyOn(Database.prototype, "prepare");
    spies.push(prepare);
    const adapter = await withPreparedStatements(new PrismaBetterSqlite3({ url: ":memory:" })).connect();
    await adapter.executeScript("CREATE TABLE Municipality (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    const insert = "INSERT INTO Municipality (id, name) VALUES (?, ?)";
    for (const [id, name] of [
      [1, "Rijswijk"],
      [2, "Voorschoten"],
    ] as const) {
      const transaction = await adapter.startTransaction();
      expect(await transaction.executeRaw({ sql: insert, args: [id, name], argTypes: [int, text] })).toBe(1);
      await transaction.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      await transaction.commit();
    }
    const select = "SELECT name FROM Municipality WHERE id = ?";
    const names = [];
    for (const id of [1, 2]) {
      const result = await adapter.queryRaw({ sql: select, args: [id], argTypes: [int] });
      names.push(result.rows[0]![0]);
    }
    expect(names).toEqual(["Rijswijk", "Voorschoten"]);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual(["BEGIN", insert, "COMMIT", select]);
    await adapter.dispose();
  });
});
