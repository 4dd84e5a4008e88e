import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

/**
 * Gives this worker its own copy of the migrated, seeded template database,
 * before any app module opens the Prisma client.
 */
process.env.H10_TEST_RUN = inject("h10TestRun");
process.env.SESSION_SECRET = inject("sessionSecret");
const { TEST_ROOT, TEMPLATE_DB } = await import("./paths.ts");
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const file = path.join(TEST_ROOT, `worker-${worker}-${process.pid}.db`);
if (!fs.existsSync(file)) fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATA_DIR = TEST_ROOT;
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

// The same connection settings as the server (WAL, synchronous=FULL, foreign keys).
const { prepareDatabase, prisma } = await import("~/utils/db.server");
await prepareDatabase(prisma);
