import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../prisma/throwaway-postgres";
import {
  makeTokens,
  runScript,
  runScriptInBackground,
  serverEnv,
  startServerProcess,
  type ServerProcess,
} from "../ops/server-process";

const dirs = ["data", "backup", "restored"].map((name) =>
  fs.mkdtempSync(path.join(os.tmpdir(), `h10-backup-${name}-`)),
);
const [dataDir, backupParent, restoredDir] = dirs as [string, string, string];
const servers: ServerProcess[] = [];
let postgres: ThrowawayPostgres | undefined;
afterAll(() => {
  for (const s of servers) s.child.kill("SIGKILL");
  postgres?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const references = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = (db.prepare("SELECT reference FROM Trail ORDER BY reference").all() as { reference: string }[]).map(
    (r) => r.reference,
  );
  db.close();
  return rows;
};

describe("backup and restore", () => {
  it(
    "backs up the database and attached files while the app takes writes, and a restore into a fresh data directory finds every trail",
    { timeout: 120_000 },
    async () => {
      const server = await startServerProcess(
        serverEnv(dataDir, { DEMO_PASSWORD: "backup-wachtwoord-h10", LOG_LEVEL: "warn" }),
      );
      servers.push(server);
      const seeded = makeTokens(dataDir);
      const attached = runScript("test/ops/add-attachment.ts", dataDir);
      expect(attached.status, attached.stderr).toBe(0);
      const sha = attached.stdout.trim();

      // Writes keep coming while the backup runs.
      let writing = true;
      let written = 0;
      const writer = (async () => {
        const m = seeded.trail.participants[0]!;
        while (writing) {
          const response = await fetch(`${server.base}/api/v1/trails/${seeded.trail.id}/positions`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${seeded.tokens[m.slug]}` },
            body: JSON.stringify({
              expectedRevision: seeded.trail.revision,
              municipalityId: m.id,
              body: "COUNCIL",
              kind: "MOTION",
              text: `tijdens-backup-${written}`,
              meetingDate: "2024-03-07",
            }),
          });
          if (response.status === 201) written++;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const target = path.join(backupParent, "h10-backup");
      const writtenBefore = written;
      const made = await runScriptInBackground("prisma/backup.ts", dataDir, [target]);
      const writtenDuring = written - writtenBefore;
      writing = false;
      await writer;
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/Backup written to .*: 5 trails, \d+ audit events, 1 attached files\./);
      // Positions were stored while the backup ran (its snapshot is consistent all the same: the restore checks).
      expect(writtenDuring).toBeGreaterThan(0);

      // Restore into an empty data directory; a second restore there is refused.
      const restored = runScript("prisma/restore.ts", restoredDir, [target]);
      expect(restored.status, restored.stderr).toBe(0);
      expect(runScript("prisma/restore.ts", restoredDir, [target]).status).not.toBe(0);
      expect(references(path.join(restoredDir, "h10.db"))).toEqual(references(path.join(dataDir, "h10.db")));
      const file = fs.readFileSync(path.join(restoredDir, "attachments", sha));
      expect(crypto.createHash("sha256").update(file).digest("hex")).toBe(sha);
      const audit = runScript("prisma/verify-audit.ts", restoredDir);
      expect(audit.stdout).toMatch(/Audit trail intact/);

      // The restored copy runs, and its data answer through the API with the same tokens.
      const copy = await startServerProcess(serverEnv(restoredDir, { LOG_LEVEL: "warn" }));
      servers.push(copy);
      const response = await fetch(`${copy.base}/api/v1/trails`, {
        headers: { authorization: `Bearer ${seeded.tokens["den-haag"]}` },
      });
      expect(response.status).toBe(200);
      const trails = (await response.json()) as { trails: { reference: string }[] };
      expect(trails.trails.map((t) => t.reference).sort()).toEqual(references(path.join(dataDir, "h10.db")));

      // A damaged backup is refused.
      fs.appendFileSync(path.join(target, "attachments", sha), "x");
      const damaged = runScript("prisma/restore.ts", fs.mkdtempSync(path.join(backupParent, "again-")), [target]);
      expect(damaged.status).not.toBe(0);
      expect(damaged.stderr).toContain("does not match its checksum");
    },
  );

  it(
    "on PostgreSQL: pg_dump under write load and the attached files; restored into an empty database, every trail is there",
    { timeout: 180_000 },
    async () => {
      postgres = await startThrowawayPostgres({ durable: false });
      const pgData = fs.mkdtempSync(path.join(backupParent, "pg-data-"));
      const server = await startServerProcess(
        serverEnv(pgData, { DATABASE_URL: postgres.url, DEMO_PASSWORD: "backup-wachtwoord-h10", LOG_LEVEL: "warn" }),
      );
      servers.push(server);
      const seeded = makeTokens(pgData, { DATABASE_URL: postgres.url });
      const attached = runScript("test/ops/add-attachment.ts", pgData, [], { DATABASE_URL: postgres.url });
      expect(attached.status, attached.stderr).toBe(0);
      let writing = true;
      const writer = (async () => {
        const m = seeded.trail.participants[0]!;
        for (let i = 0; writing; i++) {
          const revision = (
            (await (
              await fetch(`${server.base}/api/v1/trails/${seeded.trail.id}`, {
                headers: { authorization: `Bearer ${seeded.tokens[m.slug]}` },
              })
            ).json()) as { revision: number }
          ).revision;
          await fetch(`${server.base}/api/v1/trails/${seeded.trail.id}/positions`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${seeded.tokens[m.slug]}` },
            body: JSON.stringify({
              expectedRevision: revision,
              municipalityId: m.id,
              body: "COUNCIL",
              kind: "MOTION",
              text: `tijdens-pg-backup-${i}`,
              meetingDate: "2024-03-07",
            }),
          });
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const target = path.join(backupParent, "h10-pg-backup");
      const made = await runScriptInBackground("prisma/backup.ts", pgData, [target], { DATABASE_URL: postgres.url });
      writing = false;
      await writer;
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/Backup written to .*: 5 trails, \d+ audit events, 1 attached files\./);

      postgres.createDatabase("restored");
      const restoredData = fs.mkdtempSync(path.join(backupParent, "pg-restored-"));
      const restoredRun = runScript("prisma/restore.ts", restoredData, [target], {
        DATABASE_URL: postgres.urlFor("restored"),
      });
      expect(restoredRun.status, restoredRun.stderr).toBe(0);
      expect(
        runScript("prisma/restore.ts", restoredData, [target], { DATABASE_URL: postgres.urlFor("restored") }).status,
      ).not.toBe(0);
      const refs = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const rows = (
          await client.query<{ reference: string }>('SELECT reference FROM "Trail" ORDER BY reference')
        ).rows.map((r) => r.reference);
        await client.end();
        return rows;
      };
      expect(await refs(postgres.urlFor("restored"))).toEqual(await refs(postgres.url));
      expect(fs.readdirSync(path.join(restoredData, "attachments"))).toContain(attached.stdout.trim());
      const audit = runScript("prisma/verify-audit.ts", restoredData, [], {
        DATABASE_URL: postgres.urlFor("restored"),
      });
      expect(audit.stdout).toMatch(/Audit trail intact/);
    },
  );
});
