import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { isPostgres, prisma } from "~/utils/db.server";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function verify(databaseFile: string) {
  return verifyUrl(`file:${databaseFile}`);
}

function verifyUrl(databaseUrl: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "prisma/verify-audit.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
}

describe("npm run audit:verify", () => {
  it.runIf(isPostgres())(
    "on PostgreSQL: reports an intact chain, then the first broken link after tampering",
    async () => {
      const url = process.env.DATABASE_URL!;
      const intact = verifyUrl(url);
      expect(intact.stdout).toMatch(/Audit trail intact: \d+ events verified/);
      expect(intact.status).toBe(0);
      const [target] = await prisma.$queryRawUnsafe<{ sequence: number; payload: string }[]>(
        'SELECT sequence, payload FROM "Event" ORDER BY sequence LIMIT 1 OFFSET 3',
      );
      await prisma.$executeRawUnsafe(`UPDATE "Event" SET payload = '{}' WHERE sequence = ${Number(target!.sequence)}`);
      try {
        const broken = verifyUrl(url);
        expect(broken.status).toBe(1);
        expect(broken.stderr).toContain(`BROKEN at event ${target!.sequence}`);
      } finally {
        await prisma.$executeRawUnsafe(
          `UPDATE "Event" SET payload = $1 WHERE sequence = ${Number(target!.sequence)}`,
          target!.payload,
        );
      }
    },
    // Two runs of the command, each a process of its own that loads the app's modules: 30 s was too short
    // on a busy machine (the test command beside stress-ng and a second test run).
    90_000,
  );

  it.skipIf(isPostgres())(
    "reports an intact chain, then the first broken link after tampering",
    async () => {
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      const source = process.env.DATABASE_URL!.slice("file:".length);
      const copy = path.join(path.dirname(source), `audit-${process.pid}.db`);
      fs.copyFileSync(source, copy);

      const intact = verify(copy);
      expect(intact.status).toBe(0);
      expect(intact.stdout).toMatch(/Audit trail intact: \d+ events verified/);

      const db = new Database(copy);
      const target = db.prepare("SELECT sequence FROM Event ORDER BY sequence LIMIT 1 OFFSET 3").get() as {
        sequence: number;
      };
      db.prepare("UPDATE Event SET payload = '{}' WHERE sequence = ?").run(target.sequence);
      db.close();

      const broken = verify(copy);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain(`BROKEN at event ${target.sequence}`);
      fs.rmSync(copy, { force: true });
    },
    90_000,
  );
});
