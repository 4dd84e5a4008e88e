import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

export type { PrismaClient };

/** SQL statements sent by the process's client, counted only when asked for (the N+1 tests). */
export const queryCounter = { enabled: false, count: 0 };

export function createPrismaClient(databaseUrl: string, options: { countQueries?: boolean } = {}): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 });
  if (!options.countQueries) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", () => {
    if (queryCounter.enabled) queryCounter.count += 1;
  });
  return client;
}

/** How many SQL statements `work` sends, transaction control included. */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  queryCounter.enabled = true;
  queryCounter.count = 0;
  try {
    const result = await work();
    return { result, queries: queryCounter.count };
  } finally {
    queryCounter.enabled = false;
  }
}

/**
 * Connection settings for the SQLite file: WAL lets readers run during a
 * write; synchronous=FULL makes every acknowledged commit durable even when
 * the process is killed; foreign keys are enforced. Run once at start-up.
 */
export async function prepareDatabase(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

const globalForPrisma = globalThis as { __h10Prisma?: PrismaClient };

/** The one Prisma client of the process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.__h10Prisma ??= createPrismaClient(getEnv().DATABASE_URL, { countQueries: process.env.NODE_ENV === "test" }));
