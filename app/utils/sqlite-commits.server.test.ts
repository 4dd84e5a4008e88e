import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { GROUP_LIMIT, takingTurns } from "./sqlite-turns.server";

const int = { scalarType: "int", arity: "scalar" } as const;
const none = { args: [], argTypes: [] };

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

/** A database file with a Municipality table, its adapter taking turns and sharing commits, and its statements. */
async function grouped() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-commits-"));
  const file = path.join(dir, "h10.db");
  const setup = new Database(file);
  setup.pragma("journal_mode = WAL");
  setup.exec(`CREATE TABLE Municipality (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE Position (id INTEGER PRIMARY KEY,
      municipalityId INTEGER NOT NULL REFERENCES Municipality (id) DEFERRABLE INITIALLY DEFERRED)`);
  setup.close();
  const prepare: MockInstance = vi.spyOn(Database.prototype, "prepare");
  const adapter = await takingTurns(new PrismaBetterSqlite3({ url: file })).connect();
  await adapter.executeRaw({ sql: "PRAGMA foreign_keys = ON", ...none });
  cleanup.push(() => {
    prepare.mockRestore();
    void adapter.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const sent = (text: string) => prepare.mock.calls.filter(([sql]) => sql === text).length;
  /** The distinct SQL texts sent that match `pattern`. */
  const texts = (pattern: RegExp) =>
    new Set(prepare.mock.calls.map(([sql]) => sql as string).filter((t) => pattern.test(t)));
  /** What another connection reads: only what is committed. */
  const committed = () => {
    const reader = new Database(file, { readonly: true });
    try {
      return (reader.prepare("SELECT id FROM Municipality ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    } finally {
      reader.close();
    }
  };
  const insert = (transaction: { executeRaw: typeof adapter.executeRaw }, id: number) =>
    transaction.executeRaw({
      sql: "INSERT INTO Municipality (id, name) VALUES (?, 'Westland')",
      args: [id],
      argTypes: [int],
    });
  /** A transaction that wrote row 1, `count` more started behind it, and its commit, which waits for theirs. */
  const queue = async (count: number) => {
    const first = await adapter.startTransaction();
    await insert(first, 1);
    const queued = Array.from({ length: count }, () => adapter.startTransaction());
    await new Promise((resolve) => setImmediate(resolve));
    return { first, queued, firstCommit: first.commit() };
  };
  return { adapter, sent, texts, committed, insert, queue };
}

/** Whether a promise has settled by the next turn of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("transactions that queue share one commit", () => {
  it("commits the ones waiting behind a running transaction with it, in one COMMIT, and tells none before", async () => {
    const { sent, committed, insert, queue } = await grouped();
    const {
      first,
      queued: [second, third],
      firstCommit,
    } = await queue(2);
    expect(first.options.usePhantomQuery).toBe(true);
    // The others run after it, in the same SQLite transaction: its commit waits for theirs.
    const b = await second!;
    expect(await settled(firstCommit)).toBe(false);
    expect(committed()).toEqual([]);
    await insert(b, 2);
    // A member sees what the ones before it wrote.
    expect((await b.queryRaw({ sql: "SELECT count(*) FROM Municipality", ...none })).rows[0]![0]).toBe(2);
    const secondCommit = b.commit();
    const c = await third!;
    await insert(c, 3);
    await Promise.all([c.commit(), secondCommit, firstCommit]);
    expect(committed()).toEqual([1, 2, 3]);
    expect([sent("BEGIN"), sent("COMMIT")]).toEqual([1, 1]);
  });

  it("rolls a member back alone, and commits the members before it at once", async () => {
    const { sent, committed, insert, queue } = await grouped();
    const {
      queued: [second, third],
      firstCommit,
    } = await queue(2);
    const b = await second!;
    await insert(b, 2);
    await b.rollback();
    await firstCommit;
    expect(committed()).toEqual([1]);
    // The one after the rollback starts a group of its own.
    const c = await third!;
    await insert(c, 3);
    await c.commit();
    expect(committed()).toEqual([1, 3]);
    expect([sent("BEGIN"), sent("COMMIT")]).toEqual([2, 2]);
  });

  it(`puts at most ${GROUP_LIMIT} transactions in one commit`, async () => {
    const { adapter, sent, texts, committed, insert } = await grouped();
    const ids = Array.from({ length: GROUP_LIMIT + 4 }, (_, i) => i + 1);
    await Promise.all(
      ids.map(async (id) => {
        const transaction = await adapter.startTransaction();
        await insert(transaction, id);
        await transaction.commit();
      }),
    );
    expect(committed()).toEqual(ids);
    expect(sent("COMMIT")).toBe(2);
    // The same savepoint texts each time, so the statement cache keeps two statements, not two per transaction.
    expect(texts(/SAVEPOINT/)).toEqual(new Set(["SAVEPOINT h10_member", "RELEASE SAVEPOINT h10_member"]));
  });

  it("fails every member's commit when the group's COMMIT fails, and writes none of them", async () => {
    const { adapter, committed, insert, queue } = await grouped();
    const {
      queued: [second],
      firstCommit,
    } = await queue(1);
    const b = await second!;
    // A deferred foreign key: checked at COMMIT, which then fails for the whole group.
    await b.executeRaw({ sql: "INSERT INTO Position (id, municipalityId) VALUES (1, 99)", ...none });
    const secondCommit = b.commit();
    await expect(firstCommit).rejects.toThrow();
    await expect(secondCommit).rejects.toThrow();
    expect(committed()).toEqual([]);
    // The connection is usable again, outside a transaction.
    const next = await adapter.startTransaction();
    await insert(next, 4);
    await next.commit();
    expect(committed()).toEqual([4]);
  });

  it("keeps a statement from outside waiting until the group has committed", async () => {
    const { adapter, insert, queue } = await grouped();
    const {
      queued: [second],
      firstCommit,
    } = await queue(1);
    const outside = adapter.queryRaw({ sql: "SELECT count(*) FROM Municipality", ...none });
    const b = await second!;
    expect(await settled(outside)).toBe(false);
    await insert(b, 2);
    await Promise.all([b.commit(), firstCommit]);
    expect((await outside).rows[0]![0]).toBe(2);
  });
});
