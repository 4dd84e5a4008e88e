import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTokens, runScript, serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";
import { writeReport } from "../ops/report";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-crash-"));
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const WORKERS = 8;
const KILL_AFTER = 150;

describe("a crash under load (SQLite in WAL mode with synchronous=FULL)", () => {
  it(
    "keeps every write acknowledged before SIGKILL, exactly once, with the database and the audit chain intact",
    // Two server starts, the writes and the audit check: 66 s on an idle machine, room for a busy one.
    { timeout: 240_000 },
    async () => {
      const env = serverEnv(dataDir, { DEMO_PASSWORD: "crash-wachtwoord-h10", LOG_LEVEL: "warn" });
      const first = await startServerProcess(env);
      servers.push(first);
      const seeded = makeTokens(dataDir);
      const acknowledged = new Set<string>();
      let attempted = 0;
      let failed = 0;
      let killed = false;
      let next = 0;
      const post = (base: string, text: string, slugIndex: number) => {
        const m = seeded.trail.participants[slugIndex % seeded.trail.participants.length]!;
        return fetch(`${base}/api/v1/trails/${seeded.trail.id}/positions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${seeded.tokens[m.slug]}` },
          body: JSON.stringify({
            expectedRevision: seeded.trail.revision,
            municipalityId: m.id,
            body: "COUNCIL",
            kind: "MOTION",
            text,
            meetingDate: "2024-03-07",
          }),
        });
      };
      const worker = async () => {
        while (!killed) {
          const i = next++;
          const text = `crash-${i}`;
          attempted++;
          try {
            const response = await post(first.base, text, i);
            if (response.status === 201) acknowledged.add(text);
            else failed++;
            if (acknowledged.size >= KILL_AFTER && !killed) {
              killed = true;
              first.child.kill("SIGKILL");
            }
          } catch {
            failed++;
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      await first.exited;

      // Restart on the same data directory.
      const second = await startServerProcess(env);
      servers.push(second);
      const db = new Database(path.join(dataDir, "h10.db"), { readonly: true });
      const stored = new Map(
        (
          db.prepare("SELECT text, COUNT(*) AS n FROM Position WHERE text LIKE 'crash-%' GROUP BY text").all() as {
            text: string;
            n: number;
          }[]
        ).map((r) => [r.text, r.n]),
      );
      const integrity = (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
      const mode = (db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode;
      db.close();
      const lost = [...acknowledged].filter((text) => stored.get(text) !== 1);
      expect(lost).toEqual([]);
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      expect(integrity).toBe("ok");
      expect(mode).toBe("wal");
      const audit = runScript("prisma/verify-audit.ts", dataDir);
      expect(audit.stdout).toMatch(/Audit trail intact: \d+ events verified/);
      expect(audit.status).toBe(0);
      // And the restarted server takes writes again.
      expect((await post(second.base, "crash-after-restart", 0)).status).toBe(201);

      writeReport("crash", {
        attempted,
        acknowledged: acknowledged.size,
        storedOfAcknowledged: acknowledged.size - lost.length,
        storedInAll: stored.size,
        committedButUnacknowledged: [...stored.keys()].filter((t) => !acknowledged.has(t)).length,
        failedOrCutOff: failed,
        sqlite: "journal_mode=WAL, synchronous=FULL",
      });
    },
  );
});
