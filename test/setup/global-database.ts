import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";

/**
 * Builds one template database from the real migrations and seeds the region
 * into it; every worker copies it (test/setup/worker-database.ts).
 */
export default async function setup(project: TestProject) {
  process.env.H10_TEST_RUN ??= crypto.randomBytes(6).toString("hex");
  process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("hex");
  // The "postgres" project sets this for its workers; its global setup reads it from the project.
  if (project.config.env?.H10_TEST_DATABASE === "postgres") return setupPostgres(project);
  const { TEST_ROOT, TEMPLATE_DB, TEST_PASSWORD } = await import("./paths.ts");
  fs.rmSync(TEST_ROOT, { recursive: true, force: true });
  fs.mkdirSync(TEST_ROOT, { recursive: true });
  process.env.DATA_DIR = TEST_ROOT;
  process.env.DATABASE_URL = `file:${TEMPLATE_DB}`;

  const { applyMigrations } = await import("../../prisma/schema-engine.ts");
  await applyMigrations(process.env.DATABASE_URL);
  const { prepareDatabase, prisma } = await import("../../app/utils/db.server.ts");
  await prepareDatabase(prisma);
  const { seedRegion } = await import("../../prisma/seed-region.ts");
  await seedRegion({ demoPassword: TEST_PASSWORD });
  const { cheaperPasswordHashes } = await import("./cheaper-password-hashes.ts");
  await cheaperPasswordHashes(prisma, TEST_PASSWORD);
  // Fold the WAL into the file so a plain copy is complete.
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await prisma.$disconnect();

  project.provide("h10TestRun", process.env.H10_TEST_RUN);
  project.provide("sessionSecret", process.env.SESSION_SECRET);
  return () => fs.rmSync(TEST_ROOT, { recursive: true, force: true });
}

/**
 * The same on PostgreSQL: a throwaway server, a template database migrated
 * with the PostgreSQL migrations and seeded; every worker gets a database
 * created from the template.
 */
async function setupPostgres(project: TestProject) {
  const { startThrowawayPostgres } = await import("../../prisma/throwaway-postgres.ts");
  const pg = await startThrowawayPostgres({ durable: false, autovacuum: false });
  try {
    pg.createDatabase("h10_template");
    const prepared = spawnSync(process.execPath, ["--import", "tsx", "test/setup/prepare-template.ts"], {
      cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), "../.."),
      env: { ...process.env, DATABASE_URL: pg.urlFor("h10_template"), DATA_DIR: os.tmpdir(), NODE_ENV: "test" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (prepared.status !== 0) throw new Error("Preparing the PostgreSQL template failed");
  } catch (error) {
    pg.stop();
    throw error;
  }
  project.provide("h10TestRun", process.env.H10_TEST_RUN!);
  project.provide("sessionSecret", process.env.SESSION_SECRET!);
  project.provide("postgresUrl", pg.urlFor("postgres"));
  return () => pg.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    h10TestRun: string;
    sessionSecret: string;
    /** The throwaway PostgreSQL server's maintenance database, when the tests run on PostgreSQL. */
    postgresUrl: string;
  }
}
