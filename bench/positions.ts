/**
 * Benchmark (not a test): `npm run bench`.
 *
 * Seeds 1,000 trails over the ten municipalities through the real model
 * functions, starts the production server on loopback, and measures
 *  (a) logging positions through the JSON API with 50 concurrent clients,
 *      against a raw better-sqlite3 insert of the same rows plus one audit
 *      event per row in a transaction, measured in the same run;
 *  (b) the region overview and a trail's approval matrix, against a static
 *      file of similar size served by the same server.
 * It checks that every acknowledged position is stored exactly once and
 * prints the figures and ratios. The machine is shared and noisy: read the
 * ratios, not the absolute numbers.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { startServer } from "./server.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const TRAILS = Number(process.env.BENCH_TRAILS ?? 1000);
const CONNECTIONS = 50;
const POSITIONS = Number(process.env.BENCH_POSITIONS ?? 2000);
const PASSWORD = "bench-wachtwoord-h10";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-"));
const { DATABASE_URL: _unused, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  DEMO_PASSWORD: PASSWORD,
  SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
};

function tsx(script: string, extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), script], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${script} failed`);
  return result.stdout;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeGets(url: string, cookie: string, count: number, concurrency = 10) {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const start = performance.now();
        const response = await fetch(url, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        times.push(performance.now() - start);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/inloggen`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${base}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrf: token, email, password: PASSWORD }),
  });
  return [csrfCookie, ...response.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

async function main() {
  console.log(`Seeding ${TRAILS} trails into ${dataDir} ...`);
  const seeded = JSON.parse(tsx("bench/seed.ts", { BENCH_TRAILS: String(TRAILS) })) as {
    tokens: Record<string, string>;
    trails: { id: string; municipalities: { id: string; slug: string }[]; revision: number }[];
  };

  const { base, stop } = await startServer(env);
  try {
    // (a) Position logging: every request a motion of one council on one trail (no step, so no conflicts).
    const requests = Array.from({ length: POSITIONS }, (_, i) => {
      const trail = seeded.trails[i % seeded.trails.length]!;
      const municipality = trail.municipalities[Math.floor(i / seeded.trails.length) % trail.municipalities.length]!;
      return {
        path: `/api/v1/trails/${trail.id}/positions`,
        token: seeded.tokens[municipality.slug]!,
        body: JSON.stringify({
          expectedRevision: trail.revision,
          municipalityId: municipality.id,
          body: "COUNCIL",
          kind: "MOTION",
          text: `bench-${i}`,
          // The bench trails start on 2026-01-01 (bench/seed.ts); a meeting date lies at most half a year before.
          meetingDate: "2026-03-07",
          votes: { for: 20, against: 5, abstained: 0 },
        }),
      };
    });
    let sent = 0;
    const acknowledged: number[] = [];
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: POSITIONS,
      requests: [
        {
          setupRequest: (request) => {
            const r = requests[sent++ % requests.length]!;
            return {
              ...request,
              method: "POST",
              path: r.path,
              body: r.body,
              headers: { "content-type": "application/json", authorization: `Bearer ${r.token}` },
            };
          },
          onResponse: (status, body) => {
            if (status === 201) acknowledged.push(Number(/"text":"bench-(\d+)"/.exec(body)?.[1]));
          },
        },
      ],
    });

    // Every acknowledged position is stored exactly once.
    const db = new Database(path.join(dataDir, "h10.db"), { readonly: true });
    const stored = db
      .prepare("SELECT text, COUNT(*) AS n FROM Position WHERE text LIKE 'bench-%' GROUP BY text")
      .all() as { text: string; n: number }[];
    db.close();
    const duplicates = stored.filter((s) => s.n !== 1).length;
    const storedSet = new Set(stored.map((s) => Number(s.text.slice(6))));
    const missing = acknowledged.filter((i) => !storedSet.has(i)).length;

    // Baseline: the same rows with one audit event each, raw better-sqlite3, one transaction per row.
    const baselineFile = path.join(dataDir, "baseline.db");
    fs.copyFileSync(path.join(dataDir, "h10.db"), baselineFile);
    const raw = new Database(baselineFile);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = FULL");
    const bodyId = (raw.prepare("SELECT id FROM Body WHERE kind = 'COUNCIL' LIMIT 1").get() as { id: string }).id;
    const userId = (raw.prepare("SELECT id FROM User LIMIT 1").get() as { id: string }).id;
    const insertPosition = raw.prepare(
      "INSERT INTO Position (id, trailId, bodyId, municipalityId, kind, text, meetingDate, votesFor, votesAgainst, votesAbstained, loggedById, loggedAt) VALUES (?, ?, ?, ?, 'MOTION', ?, ?, 20, 5, 0, ?, ?)",
    );
    const insertEvent = raw.prepare(
      "INSERT INTO Event (trailId, type, payload, createdAt, prevHash, hash) VALUES (?, 'position.logged', ?, ?, ?, ?)",
    );
    const logOne = raw.transaction((i: number) => {
      const trail = seeded.trails[i % seeded.trails.length]!;
      const municipality = trail.municipalities[0]!;
      const id = crypto.randomUUID();
      insertPosition.run(id, trail.id, bodyId, municipality.id, `raw-${i}`, Date.now(), userId, Date.now());
      insertEvent.run(
        trail.id,
        JSON.stringify({ positionId: id }),
        Date.now(),
        "0".repeat(64),
        crypto.randomBytes(32).toString("hex"),
      );
    });
    const rawStart = performance.now();
    for (let i = 0; i < POSITIONS; i++) logOne(i);
    const rawPerSecond = POSITIONS / ((performance.now() - rawStart) / 1000);
    raw.close();

    // (b) Pages against a static file of similar size from the same server.
    const cookie = await signIn(base, "wethouder.delft@h10.example");
    const overviewHtml = await (await fetch(`${base}/overzicht`, { headers: { Cookie: cookie } })).text();
    const staticFile = path.join(root, "build/client/bench-static.html");
    fs.writeFileSync(staticFile, "x".repeat(overviewHtml.length));
    const overview = await timeGets(`${base}/overzicht`, cookie, 200);
    const matrix = await timeGets(`${base}/trajecten/${seeded.trails[0]!.id}`, cookie, 200);
    const staticTimes = await timeGets(`${base}/bench-static.html`, cookie, 200);
    // The framework's floor: the smallest server-rendered page (session, root loader, layout).
    const floor = await timeGets(`${base}/regio`, cookie, 200);
    fs.rmSync(staticFile);

    const apiPerSecond = result.requests.average;
    console.log("\n== (a) Logging positions through /api/v1, 50 concurrent clients ==");
    console.log(
      `requests: ${result.requests.total}, acknowledged (201): ${acknowledged.length}, errors: ${result.errors}, non-2xx: ${result.non2xx}`,
    );
    console.log(
      `throughput: ${apiPerSecond.toFixed(0)} positions/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    console.log(`raw better-sqlite3 insert + audit event, same rows: ${rawPerSecond.toFixed(0)} rows/s`);
    console.log(`ratio app / raw: ${(apiPerSecond / rawPerSecond).toFixed(3)} (target >= 0.25)`);
    console.log(
      `stored exactly once: ${missing === 0 && duplicates === 0 ? "yes" : "NO"} (missing ${missing}, duplicated ${duplicates})`,
    );
    console.log("\n== (b) Pages, 200 requests each, 10 concurrent ==");
    console.log(
      `static file (${overviewHtml.length} bytes): p50 ${staticTimes.p50.toFixed(1)} ms, p99 ${staticTimes.p99.toFixed(1)} ms`,
    );
    console.log(
      `region overview (${TRAILS}+ open trails): p50 ${overview.p50.toFixed(1)} ms, p99 ${overview.p99.toFixed(1)} ms, p99 ratio ${(overview.p99 / staticTimes.p99).toFixed(1)} (target <= 5)`,
    );
    console.log(
      `smallest rendered page (/regio, the floor of any page): p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms, p99 ratio ${(floor.p99 / staticTimes.p99).toFixed(1)}`,
    );
    console.log(
      `trail matrix: p50 ${matrix.p50.toFixed(1)} ms, p99 ${matrix.p99.toFixed(1)} ms, p99 ratio ${(matrix.p99 / staticTimes.p99).toFixed(1)} (target <= 5)`,
    );
    if (missing || duplicates) process.exitCode = 1;
  } finally {
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
