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

/**
 * Tables whose size is the region's (ten municipalities, their bodies and people, the allocation keys and
 * contracts), not the history's: reading one whole costs the same at 100 trails and at 10,000.
 */
const REGION_SIZED = new Set([
  "Municipality",
  "Body",
  "User",
  "InhabitantCount",
  "AllocationKey",
  "AllocationKeyEntry",
  "Contract",
  "MailPreference",
  "OriSource",
  "ApiToken",
]);

/** Prisma's statement for an empty `in: []`: `WHERE 1=0`, which reads no row. */
const readsNothing = (sql: string) => /\bWHERE 1=0(?= LIMIT| ORDER| GROUP|\)|$)/.test(sql);

/** The value of the statement's last LIMIT (Prisma's `take`); null without one (SQLite's LIMIT -1). */
function limitOf(sql: string, values: unknown[]): number | null {
  const last = [...sql.matchAll(/\bLIMIT (?:\?|\$(\d+))/g)].at(-1);
  if (!last) return null;
  const at = last[1] ? Number(last[1]) - 1 : (sql.slice(0, last.index).match(/\?/g)?.length ?? 0);
  const limit = Number(values[at]);
  return Number.isFinite(limit) && limit > 0 ? limit : null;
}

/**
 * A statement without a filter (each WHERE Prisma's `1=1`) that reads a page of the whole list in an index's order
 * (a LIMIT: it stops after the page) or counts the whole list (the total a paged list shows, from an index). Both
 * read what they show; neither is a filter the plan had no index for.
 */
function pageOrTotalOfWholeList(sql: string, values: unknown[]): boolean {
  const unfiltered = [...sql.matchAll(/\bWHERE (.{3})/g)].every((m) => m[1] === "1=1");
  return unfiltered && (limitOf(sql, values) !== null || /^SELECT COUNT\(\*\)/.test(sql));
}

/** The name of each table in a statement as the plan calls it: Prisma's aliases (`j0`, `orderby_1`) and the table's own. */
function tableNames(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of sql.matchAll(/[`"]main[`"]\.[`"](\w+)[`"](?: AS [`"](\w+)[`"])?/g)) {
    names.set(m[1]!, m[1]!);
    if (m[2]) names.set(m[2], m[1]!);
  }
  for (const m of sql.matchAll(/"public"\."(\w+)"(?: AS "(\w+)")?/g)) {
    names.set(m[1]!, m[1]!);
    if (m[2]) names.set(m[2], m[1]!);
  }
  return names;
}

/**
 * The reads of whole tables that grow with the history, in the plans of the SELECT statements `countQueries` saw,
 * each explained with the parameters it was sent with: on SQLite a SCAN (also of a covering index), on PostgreSQL
 * (sequential scans forbidden, so that only a missing index leaves one) a Seq Scan, or an index or bitmap scan
 * without a condition. Empty when every such table is read along an index. A statement
 * that reads nothing (`WHERE 1=0`), or a page or the total of a whole unfiltered list, is not such a read.
 */
export async function wholeTableReads(captured: { statements: string[]; params: string[] }): Promise<string[]> {
  const explained: { sql: string; values: unknown[] }[] = [];
  for (const [i, sql] of captured.statements.entries()) {
    if (!/^\s*SELECT\b/i.test(sql)) continue;
    const values = (JSON.parse(captured.params[i] ?? "[]") as unknown[]).map((v) =>
      typeof v === "boolean" && !onPostgres() ? Number(v) : v,
    );
    if (!readsNothing(sql) && !pageOrTotalOfWholeList(sql, values)) explained.push({ sql, values });
  }
  // PostgreSQL's plans in one transaction (the setting and the EXPLAINs share its connection).
  const plans = onPostgres()
    ? await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const all: string[][] = [];
        for (const { sql, values } of explained) {
          const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...values);
          all.push(rows.map((r) => r["QUERY PLAN"]));
        }
        return all;
      })
    : await Promise.all(
        explained.map(async ({ sql, values }) =>
          (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...values)).map(
            (r) => r.detail,
          ),
        ),
      );
  const reads: string[] = [];
  for (const [i, { sql }] of explained.entries()) {
    const lines = plans[i]!;
    const names = tableNames(sql);
    // A name the statement does not give a table (a subquery's result, read whole by design) is no table's.
    const grows = (name: string) => {
      const table = names.get(name);
      return table && !REGION_SIZED.has(table) ? table : null;
    };
    if (onPostgres()) {
      for (const [at, line] of lines.entries()) {
        const node =
          /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?(?: using \S+)? on "?(\w+)"?/.exec(line);
        if (!node) continue;
        // The node's own lines run until the next node ("->"); a bitmap scan's also through its bitmap index scans.
        // A read along an index has a condition on it: a range, as SQLite's SEARCH (`IS NOT NULL` included).
        const own = lines
          .slice(at + 1)
          .findIndex(
            (l) => l.includes("->") && !(node[1] === "Bitmap Heap Scan" && /Bitmap(And|Or| Index Scan)/.test(l)),
          );
        const details = lines.slice(at + 1, own < 0 ? undefined : at + 1 + own);
        const narrows = details.some((l) => /(?:Index Cond|Recheck Cond): /.test(l));
        if (node[1] !== "Seq Scan" && narrows) continue;
        const table = grows(node[2]!);
        if (table) reads.push(`${table}: ${line.trim()} ${details.join(" ")} in ${sql}`);
      }
    } else {
      for (const detail of lines) {
        const scan = /^SCAN (?:main\.)?(\w+)/.exec(detail);
        const table = scan && grows(scan[1]!);
        if (table) reads.push(`${table}: ${detail} in ${sql}`);
      }
    }
  }
  return reads;
}
