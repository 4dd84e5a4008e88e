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

/** The statement with every parenthesised part (subqueries, join conditions) taken out: its top level. */
function topLevel(sql: string): string {
  let text = sql;
  for (let before = ""; before !== text;) {
    before = text;
    text = text.replace(/\([^()]*\)/g, "");
  }
  return text;
}

/** Prisma's statement for an empty `in: []`: `WHERE 1=0` at its top level, which reads no row. */
const readsNothing = (sql: string) => /\bWHERE 1=0\b/.test(topLevel(sql));

/** The value of the statement's last LIMIT (Prisma's `take`); null without one (SQLite's LIMIT -1). */
function limitOf(sql: string, values: unknown[]): number | null {
  const last = [...sql.matchAll(/\bLIMIT (?:\?|\$(\d+))/g)].at(-1);
  if (!last) return null;
  const at = last[1] ? Number(last[1]) - 1 : (sql.slice(0, last.index).match(/\?/g)?.length ?? 0);
  const limit = Number(values[at]);
  return Number.isFinite(limit) && limit > 0 ? limit : null;
}

/**
 * A statement without a filter (each WHERE Prisma's `1=1`) that reads a page of the whole list (a LIMIT: it stops
 * after the page, when an index gives the order: the plan is still checked for a sort) or counts the whole list (the
 * total a paged list shows, from an index). Both read what they show; neither is a filter the plan had no index for.
 */
function pageOrTotalOfWholeList(sql: string, values: unknown[]): "page" | "total" | null {
  if (![...sql.matchAll(/\bWHERE (.{3})/g)].every((m) => m[1] === "1=1")) return null;
  if (/^SELECT COUNT\(\*\)/.test(sql)) return "total";
  return limitOf(sql, values) !== null ? "page" : null;
}

/** A plan line's depth: where its text starts. */
const depth = (line: string) => line.search(/\S/);

/**
 * Whether the plan node on line `at` streams into a Limit: each node above it, up to a Limit, passes rows on as they
 * come (a join's outer side, a result, an incremental sort of rows already in their leading order) rather than
 * reading them all first.
 */
export function underLimit(lines: string[], at: number): boolean {
  let level = depth(lines[at]!);
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!(line.includes("->") || i === 0) || depth(line) >= level) continue;
    level = depth(line);
    const name = line.replace(/^\s*(->\s*)?/, "");
    if (name.startsWith("Limit")) return true;
    if (/^(Sort|Hash|HashAggregate|Aggregate|GroupAggregate|Materialize|Unique|WindowAgg)\b/.test(name)) return false;
  }
  return false;
}

/** SQL's words that can follow a table's name where an alias would stand. */
const NOT_ALIASES = new Set([
  "WHERE",
  "ON",
  "LEFT",
  "RIGHT",
  "INNER",
  "CROSS",
  "JOIN",
  "GROUP",
  "ORDER",
  "LIMIT",
  "USING",
]);

/**
 * The tables a name in the plan may stand for: each table by its own name, and by its aliases, Prisma's (`j0`,
 * `orderby_1`, a `t0` it reuses in sibling subqueries) and those of hand-written SQL (`FROM "Deadline" d`).
 */
function tableNames(sql: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (name: string, table: string) => names.set(name, (names.get(name) ?? new Set()).add(table));
  const patterns = [
    /[`"]main[`"]\.[`"](\w+)[`"](?: AS [`"](\w+)[`"])?/g,
    /"public"\."(\w+)"(?: AS "(\w+)")?/g,
    /\b(?:FROM|JOIN)\s+[`"](\w+)[`"](?:\s+(?:AS\s+)?[`"]?(\w+)[`"]?)?/gi,
  ];
  for (const pattern of patterns)
    for (const m of sql.matchAll(pattern)) {
      if (m[1] === "main" || m[1] === "public") continue;
      add(m[1]!, m[1]!);
      if (m[2] && !NOT_ALIASES.has(m[2].toUpperCase())) add(m[2], m[1]!);
    }
  return names;
}

/**
 * The reads of whole tables that grow with the history, in the plans of the SELECT statements `countQueries` saw,
 * each explained with the parameters it was sent with: on SQLite a SCAN (also of a covering index), on PostgreSQL
 * (sequential scans forbidden, so that only a missing index leaves one) a Seq Scan, or an index or bitmap scan
 * without a condition; on SQLite also an automatic index built on it, and a page of a whole list sorted after a read of
 * everything. Empty when every such table is read along an index. A statement that reads nothing (`WHERE 1=0`), a
 * page of a whole unfiltered list in an index's order, and that list's total are not such reads. Tables are known by
 * their names and aliases in Prisma's SQL and in hand-written SQL (`FROM "Deadline" d`).
 */
export async function wholeTableReads(
  captured: { statements: string[]; params: string[] },
  /**
   * On PostgreSQL, only sequential scans (no index could serve at all): for a sweep of hundreds of statements, where
   * the planner's other choices on the test's few rows flip between runs. SQLite's plans of the same statements are
   * checked in full.
   */
  { postgresSeqScansOnly = false }: { postgresSeqScansOnly?: boolean } = {},
): Promise<string[]> {
  const explained: { sql: string; values: unknown[]; whole: "page" | "total" | null }[] = [];
  for (const [i, sql] of captured.statements.entries()) {
    if (!/^\s*SELECT\b/i.test(sql)) continue;
    const values = (JSON.parse(captured.params[i] ?? "[]") as unknown[]).map((v) =>
      typeof v === "boolean" && !onPostgres() ? Number(v) : v,
    );
    const whole = pageOrTotalOfWholeList(sql, values);
    // A total reads the list's index whole by design; a page is still explained, for a sort.
    if (!readsNothing(sql) && whole !== "total") explained.push({ sql, values, whole });
  }
  // PostgreSQL's plans in one transaction (the setting and the EXPLAINs share its connection).
  const plans = onPostgres()
    ? await prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          const all: string[][] = [];
          for (const { sql, values } of explained) {
            const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...values);
            all.push(rows.map((r) => r["QUERY PLAN"]));
          }
          return all;
        },
        { timeout: 60_000 },
      )
    : await Promise.all(
        explained.map(async ({ sql, values }) =>
          (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...values)).map(
            (r) => r.detail,
          ),
        ),
      );
  const reads: string[] = [];
  for (const [i, { sql, whole }] of explained.entries()) {
    const lines = plans[i]!;
    const names = tableNames(sql);
    // A name the statement does not give a table (a subquery's result, read whole by design) is no table's; a name
    // that may stand for several (a reused alias) counts when any of them grows.
    const grows = (name: string) => [...(names.get(name) ?? [])].find((table) => !REGION_SIZED.has(table)) ?? null;
    if (whole === "page") {
      // A page of the whole list: read along an index in the list's order, not sorted after a read of everything.
      if (!onPostgres() && lines.some((l) => /USE TEMP B-TREE FOR (ORDER|GROUP) BY/.test(l))) {
        const table = [...names.values()].flatMap((set) => [...set]).find((t) => !REGION_SIZED.has(t));
        if (table) reads.push(`${table}: sorted after reading it whole (${lines.join("; ")}) in ${sql}`);
      }
      continue;
    }
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
        if (node[1] !== "Seq Scan" && (narrows || postgresSeqScansOnly)) continue;
        // An index walked in its order under a LIMIT, with nothing between that reads all first (a sort, a hash, an
        // aggregate), stops after its page: on the test's few rows PostgreSQL picks such a walk or another index's
        // range by a hair's cost. SQLite's plan of the same statement still tells a missing index.
        if (node[1] !== "Seq Scan" && node[1] !== "Bitmap Heap Scan" && underLimit(lines, at)) continue;
        const table = grows(node[2]!);
        if (table) reads.push(`${table}: ${line.trim()} ${details.join(" ")} in ${sql}`);
      }
    } else {
      for (const detail of lines) {
        // A SCAN reads the table whole; so does building an automatic index on it for a join.
        const scan = /^(?:SCAN (?:main\.)?(\w+)|SEARCH (?:main\.)?(\w+) USING AUTOMATIC)/.exec(detail);
        const table = scan && grows((scan[1] ?? scan[2])!);
        if (table) reads.push(`${table}: ${detail} in ${sql}`);
      }
    }
  }
  return reads;
}
