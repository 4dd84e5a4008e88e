import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { getEnv } from "./env.server";
import { withPreparedStatements } from "./sqlite-statements.server";
import { takingTurns } from "./sqlite-turns.server";

export type { PrismaClient };

/**
 * SQL statements sent by the process's client, counted only when asked for (the N+1 tests). Kept on
 * globalThis like the client itself, so a reloaded module counts the same client's queries.
 */
export const queryCounter = ((
  globalThis as {
    __h10QueryCounter?: { enabled: boolean; count: number; statements: string[]; params: string[] };
  }
).__h10QueryCounter ??= { enabled: false, count: 0, statements: [], params: [] });

export function isPostgres(databaseUrl: string = getEnv().DATABASE_URL): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/**
 * The client for the database URL: the embedded SQLite file (better-sqlite3)
 * or PostgreSQL (node-postgres). Both clients are generated from the same data
 * model (prisma/schema.prisma, and its PostgreSQL variant), so they have the
 * same API; the PostgreSQL one is typed as the SQLite one.
 */
function newClient(databaseUrl: string, log?: { emit: "event"; level: "query" }[]): PrismaClient {
  if (isPostgres(databaseUrl)) {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return new PostgresPrismaClient({ adapter, log }) as unknown as PrismaClient;
  }
  // Each statement in a turn of its own, so one request does not hold the event loop (sqlite-turns.server.ts), and
  // prepared once (sqlite-statements.server.ts).
  const adapter = takingTurns(withPreparedStatements(new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 })));
  return new PrismaClient({ adapter, log });
}

export function createPrismaClient(databaseUrl: string, options: { countQueries?: boolean } = {}): PrismaClient {
  if (!options.countQueries) return newClient(databaseUrl);
  const client = newClient(databaseUrl, [{ emit: "event", level: "query" }]) as unknown as {
    $on(event: "query", listener: (event: { query: string; params: string }) => void): void;
  };
  client.$on("query", (event) => {
    if (!queryCounter.enabled) return;
    queryCounter.count += 1;
    queryCounter.statements.push(event.query);
    queryCounter.params.push(event.params);
  });
  return client as unknown as PrismaClient;
}

/**
 * How many SQL statements `work` sends, transaction control included, their text and their parameters (as Prisma
 * logs them: a JSON array).
 */
export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: number; statements: string[]; params: string[] }> {
  queryCounter.enabled = true;
  queryCounter.count = 0;
  queryCounter.statements = [];
  queryCounter.params = [];
  try {
    const result = await work();
    return { result, queries: queryCounter.count, statements: queryCounter.statements, params: queryCounter.params };
  } finally {
    queryCounter.enabled = false;
  }
}

/**
 * Connection settings for the SQLite file: WAL lets readers run during a
 * write; synchronous=FULL makes every acknowledged commit durable even when
 * the process is killed; foreign keys are enforced. Run once at start-up.
 */
export async function prepareDatabase(
  client: PrismaClient,
  databaseUrl: string = getEnv().DATABASE_URL,
): Promise<void> {
  // PostgreSQL is durable and enforces foreign keys by itself.
  if (isPostgres(databaseUrl)) return;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

/**
 * The query planner's statistics on SQLite (sqlite_stat1), as SQLite advises for a long-lived connection: at
 * start-up (`atStart`) every table without current statistics is analysed, and each hour those whose row count has
 * grown or shrunk much since. ANALYZE reads at most 400 rows per index (analysis_limit), so it stays short at any
 * size: about 0.4 s at start-up on a 1 GB database of 10,000 trails, before the server listens; nothing to do on
 * most hours. Without statistics, SQLite chose one council's index and sorted the council's every position for five
 * of the open data's lists (25–45 ms each at 10,000 trails, instead of 1–7 ms). The benchmarks analyse their data
 * as well (bench/scale-seed.ts), so the plans they measure are the plans a running server uses. PostgreSQL keeps its
 * statistics itself (autovacuum). Not run by the tests: their plan tests pin the plan without statistics.
 */
export async function optimizeDatabase(
  client: PrismaClient,
  { atStart = false }: { atStart?: boolean } = {},
  databaseUrl: string = getEnv().DATABASE_URL,
): Promise<void> {
  if (isPostgres(databaseUrl)) return;
  await client.$queryRawUnsafe("PRAGMA analysis_limit = 400");
  await client.$queryRawUnsafe(atStart ? "PRAGMA optimize = 0x10002" : "PRAGMA optimize");
}

const globalForPrisma = globalThis as { __h10Prisma?: PrismaClient };

/** The one Prisma client of the process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.__h10Prisma ??= createPrismaClient(getEnv().DATABASE_URL, {
  countQueries: process.env.NODE_ENV === "test",
}));
