/**
 * Rows written with multi-row INSERTs sent as SQL text, in place of Prisma's `createMany`, for the tables a position
 * or a step writes several rows of: notifications, audit events, search entries and their stems.
 *
 * Prisma 7 compiles each query to a plan in WebAssembly on the main thread and keeps the plan per query shape, but it
 * leaves `createMany` out of that cache: its shape changes with the number of rows and with values that repeat. So
 * every `createMany` was compiled again, 0.3–1 ms of CPU each, and logging a position ran four of them (15 % of the
 * server's CPU while logging positions, by profile). A raw statement is not compiled; it is prepared once per SQL
 * text on SQLite (sqlite-statements.server.ts), and both drivers map a Date, a boolean and null as Prisma's model
 * writes do, so the rows read back the same through the client.
 *
 * The caller gives every column, also those whose default Prisma fills in on the client (an id, `createdAt`,
 * `updatedAt`); the database's own defaults (`mailAttempts`, an autoincrement) are left out. The types below say
 * which ones each table needs.
 */
import { Prisma } from "~/generated/prisma/client";

type Value = string | number | boolean | Date | null;

/** The tables written this way, with the row each takes. */
interface Tables {
  Notification: Prisma.NotificationCreateManyInput;
  Event: Prisma.EventCreateManyInput;
  SearchEntry: Prisma.SearchEntryCreateManyInput;
  SearchTerm: Prisma.SearchTermCreateManyInput;
}

/** The columns Prisma would fill in on the client, which a raw INSERT must be given. */
interface ClientDefaults {
  Notification: "id" | "createdAt";
  Event: "createdAt";
  SearchEntry: "id" | "updatedAt";
  SearchTerm: never;
}

export type InsertRow<T extends keyof Tables> = Tables[T] &
  Required<Pick<Tables[T], ClientDefaults[T] & keyof Tables[T]>>;

/**
 * At most this many bound values per statement: well under SQLite's 32,766 and PostgreSQL's 65,535, and few enough
 * that a long document's thousands of stems take a handful of statements.
 */
export const MAX_VALUES = 4000;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** The executor: a transaction's client or the process's. */
type Executor = Pick<Prisma.TransactionClient, "$executeRaw">;

/** The INSERT statements for `rows`, MAX_VALUES values at most each; every row gives the same columns. */
export function insertStatements(table: string, rows: readonly Record<string, unknown>[]): Prisma.Sql[] {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`insertRows: "${name}" is not a table or column name`);
  const values = rows.map((row, index) => {
    const given = Object.keys(row).filter((c) => row[c] !== undefined);
    if (given.length !== columns.length || columns.some((c) => row[c] === undefined))
      throw new Error(
        `insertRows: row ${index} of ${table} gives other columns than the first (${columns.join(", ")})`,
      );
    return Prisma.sql`(${Prisma.join(columns.map((c) => row[c] as Value))})`;
  });
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const perStatement = Math.max(1, Math.floor(MAX_VALUES / columns.length));
  const statements: Prisma.Sql[] = [];
  for (let i = 0; i < values.length; i += perStatement)
    statements.push(Prisma.sql`${head}${Prisma.join(values.slice(i, i + perStatement))}`);
  return statements;
}

/** Inserts `rows` into `table` in one statement per MAX_VALUES values; returns how many were written. */
export async function insertRows<T extends keyof Tables>(
  tx: Executor,
  table: T,
  rows: readonly InsertRow<T>[],
): Promise<number> {
  let written = 0;
  for (const statement of insertStatements(table, rows as readonly Record<string, unknown>[]))
    written += await tx.$executeRaw(statement);
  return written;
}
