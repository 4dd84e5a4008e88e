import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";

/**
 * Gives this worker its own copy of the migrated, seeded template database,
 * before any app module opens the Prisma client: a copy of the SQLite file,
 * or on PostgreSQL a database created from the template.
 */
process.env.H10_TEST_RUN = inject("h10TestRun");
process.env.SESSION_SECRET = inject("sessionSecret");
const { TEST_ROOT, TEMPLATE_DB } = await import("./paths.ts");
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
process.env.DATA_DIR = TEST_ROOT;
process.env.NODE_ENV = "test";

if (process.env.H10_TEST_DATABASE === "postgres") {
  const maintenance = inject("postgresUrl");
  const name = `worker_${worker}_${process.pid}`;
  const client = new pg.Client({ connectionString: maintenance });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    // Two workers copying the template at once: PostgreSQL lets one at a time read it.
    for (let attempt = 0; !exists.rowCount; attempt++) {
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
} else {
  const file = path.join(TEST_ROOT, `worker-${worker}-${process.pid}.db`);
  if (!fs.existsSync(file)) fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}

// The same connection settings as the server (on SQLite: WAL, synchronous=FULL, foreign keys).
const { prepareDatabase, prisma } = await import("~/utils/db.server");
await prepareDatabase(prisma);
