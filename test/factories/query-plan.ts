import { prisma } from "~/utils/db.server";

export const onPostgres = () => process.env.H10_TEST_DATABASE === "postgres";

/** A timestamp literal for 1 March 2024 in the engine's SQL. */
export const sqlDate = () => (onPostgres() ? "TIMESTAMP '2024-03-01'" : "1709251200000");

/** The query plan of `sql` as text (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite). */
export async function explain(sql: string): Promise<string> {
  if (onPostgres()) {
    // Tiny test tables make a sequential scan cheapest; forbid it to see whether the index serves.
    await prisma.$executeRawUnsafe("SET enable_seqscan = off");
    const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
    await prisma.$executeRawUnsafe("SET enable_seqscan = on");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
  return rows.map((r) => r.detail).join("\n");
}
