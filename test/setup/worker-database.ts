import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";

/**
 * Gives every test file the migrated, seeded template database as it was
 * built. A worker process runs many files (isolate: false keeps the modules
 * loaded between them), so:
 * - the first file in a process gets its own copy: a copy of the SQLite
 *   file, or on PostgreSQL a database created from the template, before any
 *   app module opens the Prisma client;
 * - every later file finds the copy reset to the template's rows, through a
 *   connection of its own, in one transaction.
 */
process.env.H10_TEST_RUN = inject("h10TestRun");
process.env.SESSION_SECRET = inject("sessionSecret");
const { TEST_ROOT, TEMPLATE_DB } = await import("./paths.ts");
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
process.env.DATA_DIR = TEST_ROOT;
process.env.NODE_ENV = "test";
const postgres = process.env.H10_TEST_DATABASE === "postgres";
const state = globalThis as { h10WorkerDatabase?: string };

if (state.h10WorkerDatabase) {
  await (postgres ? resetPostgres(state.h10WorkerDatabase) : resetSqlite(state.h10WorkerDatabase));
} else if (postgres) {
  const maintenance = inject("postgresUrl");
  const name = `worker_${worker}_${process.pid}`;
  const client = new pg.Client({ connectionString: maintenance });
  await client.connect();
  try {
    // Two workers copying the template at once: PostgreSQL lets one at a time read it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE h10_template`);
        break;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  process.env.DATABASE_URL = maintenance.replace(/\/postgres$/, `/${name}`);
  await snapshotPostgres(process.env.DATABASE_URL);
  state.h10WorkerDatabase = process.env.DATABASE_URL;
} else {
  const file = path.join(TEST_ROOT, `worker-${worker}-${process.pid}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
  state.h10WorkerDatabase = file;
}

// The same connection settings as the server (on SQLite: WAL, synchronous=FULL, foreign keys).
const { prepareDatabase, prisma } = await import("~/utils/db.server");
await prepareDatabase(prisma);

/** Every table's rows (and the autoincrement counters) replaced by the template's. */
async function resetSqlite(file: string) {
  const db = new Database(file);
  try {
    db.pragma("foreign_keys = OFF");
    db.prepare("ATTACH DATABASE ? AS seed").run(TEMPLATE_DB);
    const tables = db
      .prepare("SELECT name FROM seed.sqlite_master WHERE type = 'table' AND name <> '_prisma_migrations'")
      .pluck()
      .all() as string[];
    // The running counts last: the triggers that keep them (tally.server.ts) add rows while the other tables'
    // rows are deleted and put back, and the template's counts replace those.
    tables.sort((a, b) => Number(a === "Tally") - Number(b === "Tally"));
    db.transaction(() => {
      for (const table of tables) {
        db.exec(`DELETE FROM main."${table}"; INSERT INTO main."${table}" SELECT * FROM seed."${table}";`);
      }
    })();
    db.exec("DETACH DATABASE seed");
  } finally {
    db.close();
  }
}

async function publicTables(client: pg.Client) {
  const { rows } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
  );
  return rows.map((row) => row.name);
}

/** A copy of the template's rows in a schema of their own, to reset from. */
async function snapshotPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("CREATE SCHEMA seed");
    for (const table of await publicTables(client))
      await client.query(`CREATE TABLE seed."${table}" AS TABLE public."${table}"`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

async function resetPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await publicTables(client);
    await client.query("BEGIN");
    // Foreign keys are not checked while the rows are put back (they were valid in the template).
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(`TRUNCATE ${tables.map((t) => `public."${t}"`).join(", ")}`);
    for (const table of tables) await client.query(`INSERT INTO public."${table}" SELECT * FROM seed."${table}"`);
    // Sequences continue after the template's highest value.
    const sequences = await client.query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_serial_sequence(format('public.%I', c.relname), a.attname) IS NOT NULL`,
    );
    for (const { table, column } of sequences.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('public."${table}"', '${column}'), COALESCE(MAX("${column}"), 0) + 1, false) FROM public."${table}"`,
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
