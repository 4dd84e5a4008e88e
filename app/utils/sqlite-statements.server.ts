import type Database from "better-sqlite3";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { eachConnection } from "./sqlite-turns.server";

type Statement = Database.Statement<unknown[]>;

/** What the adapter asks of the connection (@prisma/adapter-better-sqlite3 7.10: its `client`). */
export interface StatementSource {
  prepare(sql: string): {
    run(): unknown;
    bind(args: unknown[]): {
      readonly reader: boolean;
      run(): Database.RunResult;
      columns(): Database.ColumnDefinition[];
      raw(): { all(): unknown[][] };
    };
  };
  exec(sql: string): unknown;
  close(): unknown;
}

/** A statement that may change what a query's columns are. */
const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

/** How many prepared statements a connection keeps; Prisma's SQL takes its values as parameters, so few differ. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as the adapter uses it, with each SQL text prepared once. Prisma's adapter prepares every
 * statement anew (`client.prepare(sql).bind(args)`): SQLite parses and plans it again each time (`prepare` was 2.5 %
 * of the server's CPU on the alderman's overview, 3.6 % when logging positions). A prepared statement is bound to its
 * values per call instead of permanently, so it can be used again; the cache keeps the most recently used, up to
 * `size`. A statement is run to its end within the call (`run`, `all`), so one is never in use twice at once.
 * A reader's column list (names and declared types, which the adapter reads for every query; 2 % of the CPU when
 * logging positions) is kept with it. A statement on this connection that changes the schema empties both.
 */
export function preparingOnce(db: Database.Database, size = STATEMENT_CACHE_SIZE): StatementSource {
  const cache = new Map<string, Statement>();
  let columnLists = new WeakMap<Statement, Database.ColumnDefinition[]>();
  const columnsOf = (statement: Statement) => {
    let columns = columnLists.get(statement);
    if (!columns) columnLists.set(statement, (columns = statement.columns()));
    return columns;
  };
  // Prepared anew after a change of the schema: SQLite would prepare a statement again only when it next runs, after
  // the adapter has read its (old) columns.
  const schemaChanged = () => {
    cache.clear();
    columnLists = new WeakMap();
  };
  const prepared = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      // The most recently used last, so the first is the one to drop.
      cache.delete(sql);
    } else {
      statement = db.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  return {
    prepare(sql) {
      const statement = prepared(sql);
      return {
        run: () => statement.run(),
        bind: (args) => ({
          reader: statement.reader,
          run: () => {
            if (SCHEMA_CHANGE.test(sql)) schemaChanged();
            return statement.run(args);
          },
          columns: () => columnsOf(statement),
          raw: () => ({ all: () => statement.raw(true).all(args) as unknown[][] }),
        }),
      };
    },
    exec: (sql) => {
      schemaChanged();
      return db.exec(sql);
    },
    close: () => {
      cache.clear();
      return db.close();
    },
  };
}

/** The adapter factory whose connections prepare each statement once (see preparingOnce). */
export function withPreparedStatements(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  return eachConnection(factory, (adapter) => {
    // The adapter's connection is a plain field of the object it returns (its transactions take it from there).
    const holder = adapter as unknown as { client: Database.Database | StatementSource };
    if (typeof holder.client?.prepare !== "function") throw new Error("The SQLite adapter has no client to wrap");
    holder.client = preparingOnce(holder.client as Database.Database);
    return adapter;
  });
}
