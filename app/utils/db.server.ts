import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 }) });
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
export const prisma: PrismaClient = (globalForPrisma.__h10Prisma ??= createPrismaClient(getEnv().DATABASE_URL));
