import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTokens, runScript, serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";

const dirs = ["data", "backup", "restored"].map((name) => fs.mkdtempSync(path.join(os.tmpdir(), `h10-backup-${name}-`)));
const [dataDir, backupParent, restoredDir] = dirs as [string, string, string];
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const references = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = (db.prepare("SELECT reference FROM Trail ORDER BY reference").all() as { reference: string }[]).map((r) => r.reference);
  db.close();
  return rows;
};

describe("backup and restore", () => {
  it("backs up the database and attached files while the app takes writes, and a restore into a fresh data directory finds every trail", async () => {
    const server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: "backup-wachtwoord-h10", LOG_LEVEL: "warn" }));
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
          body: JSON.stringify({ expectedRevision: seeded.trail.revision, municipalityId: m.id, body: "COUNCIL", kind: "MOTION", text: `tijdens-backup-${written}`, meetingDate: "2024-03-07" }),
        });
        if (response.status === 201) written++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const target = path.join(backupParent, "h10-backup");
    const made = runScript("prisma/backup.ts", dataDir, [target]);
    writing = false;
    await writer;
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Backup written to .*: 4 trails, \d+ audit events, 1 attached files\./);
    expect(written).toBeGreaterThan(0);

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
    const response = await fetch(`${copy.base}/api/v1/trails`, { headers: { authorization: `Bearer ${seeded.tokens["den-haag"]}` } });
    expect(response.status).toBe(200);
    const trails = (await response.json()) as { trails: { reference: string }[] };
    expect(trails.trails.map((t) => t.reference).sort()).toEqual(references(path.join(dataDir, "h10.db")));

    // A damaged backup is refused.
    fs.appendFileSync(path.join(target, "attachments", sha), "x");
    const damaged = runScript("prisma/restore.ts", fs.mkdtempSync(path.join(backupParent, "again-")), [target]);
    expect(damaged.status).not.toBe(0);
    expect(damaged.stderr).toContain("does not match its checksum");
  });
});
