/**
 * The running counts the overviews show for many trails (issue 17), kept in the table Tally by triggers on Trail
 * and Position (prisma/migrations/20261205101106_tallies, the same in the PostgreSQL set): the open trails per
 * kind and state, and the positions awaiting processing or the board's answer, in all and per council.
 *
 * A write that changes a counted row appends a row of +1 or -1 under its topic and key, in the write's own
 * transaction, so a count is exact for every writer (the model functions, set-based updates, cascades, the scale
 * bench's copies) and concurrent writers on PostgreSQL never wait for a shared counter row. A count is the sum of
 * its rows, read from the index Tally(topic, key, n) by equality. `compactTallies` folds each key's rows into one:
 * the server's hourly round does, and so does a read that finds more than COMPACT_AFTER rows, so a count reads a
 * bounded number of rows whatever the history.
 */
import { Prisma, type TrailKind } from "~/generated/prisma/client";
import { isPostgres, prisma } from "~/utils/db.server";

/** A read that finds more rows than this folds them first. */
export const COMPACT_AFTER = 1000;

/** The topics the triggers keep (the migration's names). */
export type TallyTopic = "openTrails" | "awaitingProcessing" | "awaitingAnswer" | "awaitingAnswerOf";

interface TallyRow {
  key: string;
  n: number | bigint | null;
  rows: number | bigint;
}

/**
 * Folds every key's rows into one row per key (none for a key that sums to 0); returns the number of rows
 * folded. On PostgreSQL one statement deletes the rows it sums: a row another transaction has not committed yet
 * is not seen, and is folded another time. On SQLite the writes are one at a time.
 */
export async function compactTallies(): Promise<number> {
  if (isPostgres()) {
    const [folded] = await prisma.$queryRaw<{ rows: number | bigint }[]>`
      WITH folded AS (DELETE FROM "Tally" RETURNING "topic", "key", "n"),
        kept AS (
          INSERT INTO "Tally" ("topic", "key", "n")
          SELECT "topic", "key", SUM("n") FROM folded GROUP BY "topic", "key" HAVING SUM("n") <> 0
        )
      SELECT COUNT(*) AS "rows" FROM folded`;
    return Number(folded?.rows ?? 0);
  }
  return prisma.$transaction(async (tx) => {
    const [last] = await tx.$queryRaw<{ id: number | bigint | null }[]>`SELECT MAX("id") AS "id" FROM "Tally"`;
    if (last?.id == null) return 0;
    await tx.$executeRaw`
      INSERT INTO "Tally" ("topic", "key", "n")
      SELECT "topic", "key", SUM("n") FROM "Tally" WHERE "id" <= ${last.id}
      GROUP BY "topic", "key" HAVING SUM("n") <> 0`;
    return tx.$executeRaw`DELETE FROM "Tally" WHERE "id" <= ${last.id}`;
  });
}

/** A topic's sums per key (of one key when given), folded first when they have too many rows. */
async function sums(topic: TallyTopic, key?: string): Promise<Map<string, number>> {
  const read = () =>
    prisma.$queryRaw<TallyRow[]>`
      SELECT "key", SUM("n") AS "n", COUNT(*) AS "rows" FROM "Tally"
      WHERE "topic" = ${topic} ${key === undefined ? Prisma.empty : Prisma.sql`AND "key" = ${key}`}
      GROUP BY "key"`;
  let rows = await read();
  if (rows.reduce((all, row) => all + Number(row.rows), 0) > COMPACT_AFTER) {
    await compactTallies();
    rows = await read();
  }
  return new Map(rows.map((row) => [row.key, Number(row.n ?? 0)]));
}

/** One count: the positions awaiting processing or an answer in all (key ""), or of one council. */
export async function tally(topic: Exclude<TallyTopic, "openTrails">, key = ""): Promise<number> {
  return (await sums(topic, key)).get(key) ?? 0;
}

/** The open trails per kind and state, by kind and then state; only those with open trails. */
export async function openTrailsByStage(): Promise<{ kind: TrailKind; state: string; count: number }[]> {
  return [...(await sums("openTrails"))]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const split = key.indexOf(":");
      return { kind: key.slice(0, split) as TrailKind, state: key.slice(split + 1), count };
    })
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.state, b.state));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
