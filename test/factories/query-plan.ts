import { prisma } from "~/utils/db.server";

export const onPostgres = () => process.env.H10_TEST_DATABASE === "postgres";

/** A timestamp literal for 1 March 2024 in the engine's SQL. */
export const sqlDate = () => (onPostgres() ? "TIMESTAMP '2024-03-01'" : "1709251200000");

/**
 * The query plan of `sql` as text (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite). With `ordered`,
 * PostgreSQL is also told to avoid sorting, so a Sort left in the plan means no index gives the order.
 */
export async function explain(sql: string, options: { ordered?: boolean } = {}): Promise<string> {
  if (onPostgres()) {
    // Tiny test tables make a sequential scan (or a bitmap scan and a sort) cheapest; forbid them to see
    // whether the index serves.
    // SET LOCAL in one transaction: the settings and the EXPLAIN share a connection of the pool.
    const settings = ["enable_seqscan", ...(options.ordered ? ["enable_sort", "enable_bitmapscan"] : [])];
    const rows = await prisma.$transaction(async (tx) => {
      for (const setting of settings) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
    });
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
  return rows.map((r) => r.detail).join("\n");
}

/** A value written into SQL as a literal: a date as the engine stores it (SQLite: ISO text with +00:00). */
function literal(value: unknown): string {
  return value instanceof Date
    ? onPostgres()
      ? `TIMESTAMP '${value.toISOString().slice(0, 23).replace("T", " ")}'`
      : `'${value.toISOString().replace("Z", "+00:00")}'`
    : typeof value === "number"
      ? String(value)
      : `'${String(value)}'`;
}

/** A Prisma.sql statement as the app sends it, its values written in, for `explain`. */
export function statementText(query: { sql: string; values: unknown[] }): string {
  let i = 0;
  return query.sql.replace(/\?/g, () => literal(query.values[i++]));
}
