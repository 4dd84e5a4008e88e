import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient, optimizeDatabase, prisma } from "./db.server";
import { onPostgres } from "../../test/factories/query-plan";

/** One council's meeting days, as open-data.server.ts asks for them (meetingDays). */
const COUNCIL_DAYS = `SELECT "meetingDate", "municipalityId" FROM "Position"
  WHERE "meetingDate" >= '1970-01-01T00:00:00.000+00:00' AND "municipalityId" >= 'x' AND "municipalityId" <= 'x'
  GROUP BY "meetingDate", "municipalityId" ORDER BY "meetingDate", "municipalityId" LIMIT 51`;

describe("the query planner's statistics", () => {
  it.skipIf(onPostgres())(
    "are made on SQLite at start-up and kept each hour, and one council's meeting days keep their index with them",
    async () => {
      // On a copy: the worker's own database stays without statistics, as the plan tests expect.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-optimize-"));
      const file = path.join(dir, "copy.db");
      await prisma.$executeRawUnsafe(`VACUUM INTO '${file}'`);
      const url = `file:${file}`;
      const copy = createPrismaClient(url);
      try {
        const stats = () =>
          copy.$queryRawUnsafe<{ tbl: string }[]>(
            `SELECT "tbl" FROM "sqlite_schema" s JOIN "sqlite_stat1" t ON t."tbl" = s."name" WHERE s."name" = 'Position'`,
          );
        await expect(stats()).rejects.toThrow(/no such table: sqlite_stat1/);
        await optimizeDatabase(copy, { atStart: true }, url);
        expect((await stats()).length).toBeGreaterThan(0);
        // The hourly call finds nothing to do and does not fail.
        await optimizeDatabase(copy, {}, url);
        const plan = (await copy.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${COUNCIL_DAYS}`))
          .map((row) => row.detail)
          .join("\n");
        expect(plan).toContain("Position_meetingDate_municipalityId_id_idx");
        expect(plan).not.toContain("TEMP B-TREE");
      } finally {
        await copy.$disconnect();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.runIf(onPostgres())("are PostgreSQL's own: nothing is sent", async () => {
    // A PRAGMA sent to PostgreSQL would fail.
    await expect(optimizeDatabase(prisma, { atStart: true }, process.env.DATABASE_URL)).resolves.toBe(undefined);
  });
});
