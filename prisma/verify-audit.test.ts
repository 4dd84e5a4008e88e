import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function verify(databaseFile: string) {
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/verify-audit.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    encoding: "utf8",
  });
}

describe("npm run audit:verify", () => {
  it("reports an intact chain, then the first broken link after tampering", async () => {
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const source = process.env.DATABASE_URL!.slice("file:".length);
    const copy = path.join(path.dirname(source), `audit-${process.pid}.db`);
    fs.copyFileSync(source, copy);

    const intact = verify(copy);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ events verified/);

    const db = new Database(copy);
    const target = db.prepare("SELECT sequence FROM Event ORDER BY sequence LIMIT 1 OFFSET 3").get() as { sequence: number };
    db.prepare("UPDATE Event SET payload = '{}' WHERE sequence = ?").run(target.sequence);
    db.close();

    const broken = verify(copy);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at event ${target.sequence}`);
    fs.rmSync(copy, { force: true });
  });
});
