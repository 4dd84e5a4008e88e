import fs from "node:fs";
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";

/**
 * Builds one template database from the real migrations and seeds the region
 * into it; every worker copies it (test/setup/worker-database.ts).
 */
export default async function setup(project: TestProject) {
  process.env.H10_TEST_RUN ??= crypto.randomBytes(6).toString("hex");
  const { TEST_ROOT, TEMPLATE_DB, TEST_PASSWORD } = await import("./paths.ts");
  fs.rmSync(TEST_ROOT, { recursive: true, force: true });
  fs.mkdirSync(TEST_ROOT, { recursive: true });
  process.env.DATA_DIR = TEST_ROOT;
  process.env.DATABASE_URL = `file:${TEMPLATE_DB}`;
  process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("hex");

  const { applyMigrations } = await import("../../prisma/schema-engine.ts");
  await applyMigrations(process.env.DATABASE_URL);
  const { prepareDatabase, prisma } = await import("../../app/utils/db.server.ts");
  await prepareDatabase(prisma);
  const { seedRegion } = await import("../../prisma/seed-region.ts");
  await seedRegion({ demoPassword: TEST_PASSWORD });
  // Fold the WAL into the file so a plain copy is complete.
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await prisma.$disconnect();

  project.provide("h10TestRun", process.env.H10_TEST_RUN);
  project.provide("sessionSecret", process.env.SESSION_SECRET);
  return () => fs.rmSync(TEST_ROOT, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    h10TestRun: string;
    sessionSecret: string;
  }
}

