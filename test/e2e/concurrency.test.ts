import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../prisma/throwaway-postgres";
import { signInHttp, visitor } from "../ops/http-client";
import { writeReport } from "../ops/report";
import { makeTokens, runScript, serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-concurrency-"));
let postgres: ThrowawayPostgres | undefined;
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill("SIGKILL");
  postgres?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ROUNDS = 4;

describe("two app instances on one PostgreSQL database", () => {
  it(
    "twenty clerks post positions and steps through both: every acknowledged write stored once, every conflict a clean 409, the audit chain intact",
    { timeout: 240_000 },
    async () => {
      postgres = await startThrowawayPostgres({ durable: false });
      const env = serverEnv(dataDir, {
        DATABASE_URL: postgres.url,
        DEMO_PASSWORD: "concurrency-wachtwoord-h10",
        LOG_LEVEL: "warn",
      });
      // Both start at once on the empty database: one migrates and seeds, the other waits and finds both done.
      const [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      servers.push(first, second);
      const seededBy = [first, second].filter((s) => s.output().includes("The demo region was seeded"));
      expect(seededBy).toHaveLength(1);
      const seeded = makeTokens(dataDir, { DATABASE_URL: postgres.url, MAKE_TOKENS_CLERKS: "3" });
      // Twenty clerks of the nine participating councils, alternately on the two instances.
      const clerks = seeded.trail.participants
        .flatMap((m) =>
          [seeded.tokens[m.slug]!, ...seeded.deputies[m.slug]!].map((token) => ({
            slug: m.slug,
            municipalityId: m.id,
            token,
          })),
        )
        .slice(0, 20)
        .map((clerk, i) => ({ ...clerk, server: servers[i % 2]! }));
      expect(clerks).toHaveLength(20);

      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      const unclean: string[] = [];
      const codes = new Map<string, number>();
      const trailUrl = (base: string) => `${base}/api/v1/trails/${seeded.trail.id}`;
      const post = async (clerk: (typeof clerks)[number], body: Record<string, unknown>) => {
        const response = await fetch(`${trailUrl(clerk.server.base)}/positions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${clerk.token}` },
          body: JSON.stringify({
            municipalityId: clerk.municipalityId,
            body: "COUNCIL",
            meetingDate: "2024-03-07",
            ...body,
          }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const raw = await response.text();
        let json: { code?: string; text?: string } = {};
        try {
          json = JSON.parse(raw) as typeof json;
        } catch {
          unclean.push(`${response.status} ${raw.slice(0, 200)}`);
          return response.status;
        }
        codes.set(
          `${String(body.kind)} ${response.status} ${json.code ?? ""}`,
          (codes.get(`${String(body.kind)} ${response.status} ${json.code ?? ""}`) ?? 0) + 1,
        );
        if (response.status === 201) acknowledged.push(json.text!);
        else if (
          !(response.status === 409 && json.code === "revision_conflict") &&
          !(response.status === 422 && typeof json.code === "string")
        )
          unclean.push(`${response.status} ${JSON.stringify(json)}`);
        return response.status;
      };
      const revision = async (clerk: (typeof clerks)[number]) =>
        (
          (await (
            await fetch(trailUrl(clerk.server.base), { headers: { authorization: `Bearer ${clerk.token}` } })
          ).json()) as { revision: number }
        ).revision;

      await Promise.all(
        clerks.map(async (clerk, c) => {
          for (let round = 0; round < ROUNDS; round++) {
            // A motion, against the revision the clerk last saw; on a conflict (409) the clerk reloads and tries again.
            let seen = seeded.trail.revision;
            for (let attempt = 0; attempt < 50; attempt++) {
              if ((await post(clerk, { expectedRevision: seen, kind: "MOTION", text: `motie-${c}-${round}` })) !== 409)
                break;
              seen = await revision(clerk);
            }
            // A zienswijze: a step of the trail; only councils that received the draft may give one (422 otherwise).
            await post(clerk, {
              expectedRevision: await revision(clerk),
              kind: "ZIENSWIJZE",
              text: `zienswijze-${c}-${round}`,
            });
          }
        }),
      );

      if (unclean.length)
        console.log(
          servers
            .map((s) =>
              s
                .output()
                .split("\n")
                .filter((l) => !l.startsWith("{"))
                .slice(0, 40)
                .join("\n"),
            )
            .join("\n-----\n"),
        );
      expect(unclean).toEqual([]);
      expect([...statuses.keys()].every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const stored = (
        await client.query<{ text: string; n: string }>(
          `SELECT text, COUNT(*) AS n FROM "Position" WHERE text LIKE 'motie-%' OR text LIKE 'zienswijze-%' GROUP BY text`,
        )
      ).rows;
      await client.end();
      const counts = new Map(stored.map((r) => [r.text, Number(r.n)]));
      expect(acknowledged.filter((text) => counts.get(text) !== 1)).toEqual([]);
      expect(stored.length).toBe(acknowledged.length);
      // Every motion got through in the end: 20 clerks × ROUNDS.
      expect(acknowledged.filter((t) => t.startsWith("motie-"))).toHaveLength(20 * ROUNDS);
      const audit = runScript("prisma/verify-audit.ts", dataDir, [], { DATABASE_URL: postgres.url });
      expect(audit.stdout).toMatch(/Audit trail intact: \d+ events verified/);
      expect(audit.status).toBe(0);

      // A session made on one instance is good on the other; failed sign-ins on both count together.
      const session = await signInHttp(first.base, "griffier.delft@h10.example", "concurrency-wachtwoord-h10");
      const elsewhere = await fetch(`${second.base}/overzicht`, {
        headers: { Cookie: session.cookie },
        redirect: "manual",
      });
      expect(elsewhere.status).toBe(200);
      const attempt = async (base: string) => {
        const visitorSession = await visitor(base);
        const response = await fetch(`${base}/inloggen`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: visitorSession.cookie },
          body: new URLSearchParams({
            csrf: visitorSession.csrf,
            email: "griffier.rijswijk@h10.example",
            password: "fout-wachtwoord-123",
          }),
        });
        await response.arrayBuffer();
        return response.status;
      };
      for (let i = 0; i < 5; i++) expect(await attempt(servers[i % 2]!.base)).toBe(400);
      expect(await attempt(first.base)).toBe(429);
      expect(await attempt(second.base)).toBe(429);

      // The health check asks the database: with PostgreSQL gone, both instances say so.
      postgres.stop();
      for (const server of servers) {
        const health = await fetch(`${server.base}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ status: "error", database: "unreachable" });
      }

      writeReport("concurrency (PostgreSQL, two instances)", {
        clerks: clerks.length,
        writesAttempted: [...statuses.values()].reduce((a, b) => a + b, 0),
        acknowledgedAndStoredOnce: acknowledged.length,
        conflicts409: statuses.get(409) ?? 0,
        refused422: statuses.get(422) ?? 0,
        outcomes: [...codes].map(([k, v]) => `${k.trim()} ×${v}`).join("; "),
        auditChain: "intact",
      });
    },
  );
});
