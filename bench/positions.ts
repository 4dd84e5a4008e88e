/**
 * Benchmark (not a test): `npm run bench`.
 *
 * Seeds 1,000 trails over the ten municipalities through the real model
 * functions, starts the production server on loopback, and measures
 *  (a) logging positions through the JSON API with 50 concurrent clients, in
 *      the mix councils log (a zienswijze and a "geen reactie", each a step of
 *      its trail; a motion and an amendment, no step), against raw
 *      better-sqlite3 writing the same rows for the same requests on a copy
 *      of the same seeded database, measured in the same run: for a step the
 *      trail's snapshot and revision, its deadline and the council's
 *      participant row; for every position the row with its awaiting flags,
 *      its audit events chained by hash as app/models/event.server.ts chains
 *      them, its search entry and stems (app/models/search.server.ts), the
 *      followers' notifications and the follow; one transaction per position, WAL and
 *      synchronous=FULL as the app runs (app/utils/db.server.ts);
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
import { canonicalJson } from "../app/utils/canonical-json.ts";
import { stems } from "../app/utils/search-text.server.ts";
import { getsAnswer, KINDS_TO_PROCESS } from "../workflows/positions.ts";
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

type SeededTrail = { id: string; municipalities: { id: string; slug: string }[]; revision: number };
type Kind = "ZIENSWIJZE" | "NO_RESPONSE" | "MOTION" | "AMENDMENT";
interface Planned {
  trail: SeededTrail;
  municipality: { id: string; slug: string };
  kind: Kind;
  text: string;
  meetingDate: string;
  votes?: { for: number; against: number; abstained: number };
}

/**
 * The positions to log, in the mix councils log, interleaved: half steps (a zienswijze or a "geen reactie";
 * a trail takes one step per request round here, since each step moves its revision and the requests carry
 * the revision they saw), half motions and amendments on the other trails (no step, the revision stays).
 */
function plan(trails: SeededTrail[], count: number): Planned[] {
  const steps = Math.min(Math.floor(count / 2), Math.floor(trails.length / 2));
  const stepTrails = trails.slice(0, steps);
  const freeTrails = trails.slice(steps);
  const stepped: Planned[] = stepTrails.map((trail, i) => {
    const municipality = trail.municipalities[i % trail.municipalities.length]!;
    const kind = i % 2 === 0 ? "ZIENSWIJZE" : "NO_RESPONSE";
    // The seeded drafts were sent on 2026-01-05: the zienswijze term runs eight weeks from then.
    return kind === "ZIENSWIJZE"
      ? { trail, municipality, kind, text: "", meetingDate: "2026-02-10", votes: { for: 30, against: 9, abstained: 0 } }
      : { trail, municipality, kind, text: "", meetingDate: "2026-02-10" };
  });
  const free: Planned[] = Array.from({ length: count - steps }, (_, i) => {
    const trail = freeTrails[i % freeTrails.length]!;
    const municipality = trail.municipalities[Math.floor(i / freeTrails.length) % trail.municipalities.length]!;
    const kind = i % 2 === 0 ? "MOTION" : "AMENDMENT";
    return {
      trail,
      municipality,
      kind,
      text: "",
      meetingDate: "2026-03-07",
      votes: { for: 20, against: 5, abstained: 0 },
    };
  });
  const mixed: Planned[] = [];
  for (let i = 0; i < Math.max(stepped.length, free.length); i++) {
    if (i < stepped.length) mixed.push(stepped[i]!);
    if (i < free.length) mixed.push(free[i]!);
  }
  return mixed.map((p, i) => ({ ...p, text: `bench-${i}` }));
}

/** The audit chain's hash, as app/models/event.server.ts computes it. */
function eventHash(prevHash: string, fields: Record<string, unknown>): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalJson(fields)).digest("hex");
}

/**
 * Raw better-sqlite3 writing the rows the app writes for each planned position, one transaction each, on
 * its own copy of the seeded database. Returns positions per second.
 */
function rawBaseline(file: string, planned: Planned[]): number {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  raw.pragma("foreign_keys = ON");
  // Dates as the app's client stores them in this file.
  const sample = raw.prepare("SELECT typeof(createdAt) AS type FROM Event LIMIT 1").get() as { type: string };
  const stored = (d: Date) => (sample.type === "integer" ? d.getTime() : d.toISOString());
  const day = (on: string) => stored(new Date(`${on}T00:00:00`));
  const clerks = new Map(
    (
      raw.prepare("SELECT id, name, role, municipalityId FROM User WHERE role = 'CLERK'").all() as {
        id: string;
        name: string;
        role: string;
        municipalityId: string;
      }[]
    ).map((u) => [u.municipalityId, u]),
  );
  const councils = new Map(
    (
      raw
        .prepare(
          "SELECT b.id, b.municipalityId, m.name FROM Body b JOIN Municipality m ON m.id = b.municipalityId WHERE b.kind = 'COUNCIL'",
        )
        .all() as {
        id: string;
        municipalityId: string;
        name: string;
      }[]
    ).map((b) => [b.municipalityId, b]),
  );
  const readTrail = raw.prepare("SELECT title, kind, revision, snapshot, closedAt FROM Trail WHERE id = ?");
  const updateTrail = raw.prepare(
    "UPDATE Trail SET snapshot = ?, state = ?, revision = ?, progressLabel = ?, progressDone = ?, progressTotal = ? WHERE id = ? AND revision = ?",
  );
  const meetDeadline = raw.prepare(
    "UPDATE Deadline SET metAt = ? WHERE trailId = ? AND municipalityId = ? AND kind = 'zienswijze'",
  );
  const updateParticipant = raw.prepare(
    "UPDATE TrailParticipant SET status = ?, statusOn = ?, awaiting = NULL, inboxDueAt = NULL WHERE trailId = ? AND municipalityId = ?",
  );
  const insertPosition = raw.prepare(
    "INSERT INTO Position (id, trailId, bodyId, municipalityId, kind, text, meetingDate, votesFor, votesAgainst, votesAbstained, workflowEvent, loggedById, loggedAt, awaitingProcessing, awaitingAnswer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const head = raw.prepare("SELECT hash FROM Event ORDER BY sequence DESC LIMIT 1").pluck();
  const insertEvent = raw.prepare(
    "INSERT INTO Event (trailId, actorId, actorRole, municipalityId, type, payload, resultingState, createdAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const followers = raw.prepare("SELECT userId FROM TrailFollow WHERE trailId = ?").pluck();
  const insertFollow = raw.prepare("INSERT INTO TrailFollow (userId, trailId, createdAt) VALUES (?, ?, ?)");
  const insertNotification = raw.prepare(
    "INSERT INTO Notification (id, userId, trailId, kind, [values], createdAt) VALUES (?, ?, ?, ?, ?, ?)",
  );
  // The position's search entry and its stems, as app/models/search.server.ts writes them.
  const insertSearchEntry = raw.prepare(
    "INSERT INTO SearchEntry (id, kind, sourceId, trailId, municipalityId, year, day, title, detail, body, updatedAt) VALUES (?, 'position', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertSearchTerm = raw.prepare(
    "INSERT INTO SearchTerm (stem, entryId, kind, year, day, trailState) VALUES (?, ?, 'position', ?, ?, ?)",
  );
  const logOne = raw.transaction((p: Planned) => {
    const now = new Date();
    const clerk = clerks.get(p.municipality.id)!;
    const council = councils.get(p.municipality.id)!;
    const trail = readTrail.get(p.trail.id) as {
      title: string;
      kind: "GR_AMENDMENT";
      revision: number;
      snapshot: string;
      closedAt: string | null;
    };
    const step = p.kind === "ZIENSWIJZE" ? "ZIENSWIJZE_GIVEN" : p.kind === "NO_RESPONSE" ? "NO_ZIENSWIJZE" : null;
    const events: { type: string; payload: unknown; resultingState: string | null }[] = [];
    if (step) {
      const snapshot = JSON.parse(trail.snapshot) as { value: unknown; context: { councils: Record<string, object> } };
      snapshot.context.councils[p.municipality.id] = {
        ...snapshot.context.councils[p.municipality.id],
        zienswijze: step === "ZIENSWIJZE_GIVEN" ? "given" : "none",
        zienswijzeOn: p.meetingDate,
      };
      const { changes } = updateTrail.run(
        JSON.stringify(snapshot),
        "zienswijzeTerm",
        trail.revision + 1,
        "Zienswijzen",
        1,
        p.trail.municipalities.length,
        p.trail.id,
        trail.revision,
      );
      if (changes !== 1) throw new Error("raw: revision moved");
      meetDeadline.run(day(p.meetingDate), p.trail.id, p.municipality.id);
      updateParticipant.run(
        step === "ZIENSWIJZE_GIVEN" ? "zienswijzeGiven" : "noZienswijze",
        day(p.meetingDate),
        p.trail.id,
        p.municipality.id,
      );
      events.push({
        type: `workflow.${step}`,
        payload: { type: step, municipalityId: p.municipality.id, on: p.meetingDate },
        resultingState: "zienswijzeTerm",
      });
    }
    const id = crypto.randomUUID();
    insertPosition.run(
      id,
      p.trail.id,
      council.id,
      p.municipality.id,
      p.kind,
      p.text,
      day(p.meetingDate),
      p.votes?.for ?? null,
      p.votes?.against ?? null,
      p.votes?.abstained ?? null,
      step,
      clerk.id,
      stored(now),
      KINDS_TO_PROCESS.has(p.kind) && !trail.closedAt ? 1 : 0,
      !trail.closedAt && getsAnswer(trail.kind, "COUNCIL", p.kind) ? 1 : 0,
    );
    events.push({
      type: "position.logged",
      payload: { positionId: id, municipalityId: p.municipality.id, body: "COUNCIL", kind: p.kind, step },
      resultingState: null,
    });
    let prevHash = (head.get() as string | undefined) ?? "0".repeat(64);
    for (const e of events) {
      const fields = {
        trailId: p.trail.id,
        actorId: clerk.id,
        actorRole: clerk.role,
        municipalityId: clerk.municipalityId,
        type: e.type,
        payload: canonicalJson(e.payload),
        resultingState: e.resultingState,
        createdAt: now.toISOString(),
      };
      const hash = eventHash(prevHash, fields);
      insertEvent.run(...Object.values({ ...fields, createdAt: stored(now) }), prevHash, hash);
      prevHash = hash;
    }
    const entryId = crypto.randomUUID();
    const year = Number(p.meetingDate.slice(0, 4));
    insertSearchEntry.run(
      entryId,
      id,
      p.trail.id,
      p.municipality.id,
      year,
      p.meetingDate,
      council.name,
      p.kind,
      p.text,
      stored(now),
    );
    for (const stem of stems(`${council.name}\n${p.kind}\n${p.text}\n`))
      insertSearchTerm.run(stem, entryId, year, p.meetingDate, trail.closedAt ? "closed" : "open");
    const following = followers.all(p.trail.id) as string[];
    if (!following.includes(clerk.id)) insertFollow.run(clerk.id, p.trail.id, stored(now));
    // The trail's title is read with the notification, not stored in it (app/models/notification.server.ts).
    const values = canonicalJson({ municipality: council.name, kind: p.kind, by: clerk.name });
    for (const userId of following)
      if (userId !== clerk.id)
        insertNotification.run(crypto.randomUUID(), userId, p.trail.id, "positionLogged", values, stored(now));
  });
  const start = performance.now();
  for (const p of planned) logOne(p);
  const perSecond = planned.length / ((performance.now() - start) / 1000);
  raw.close();
  return perSecond;
}

async function main() {
  console.log(`Seeding ${TRAILS} trails into ${dataDir} ...`);
  const seeded = JSON.parse(tsx("bench/seed.ts", { BENCH_TRAILS: String(TRAILS) })) as {
    tokens: Record<string, string>;
    trails: SeededTrail[];
  };
  // The raw baseline starts from the same seeded database as the app, three times (its run is short, so
  // one slow moment of the shared disk would move it much): the median counts.
  const baselineFiles = [1, 2, 3].map((n) => {
    const file = path.join(dataDir, `baseline-${n}.db`);
    fs.copyFileSync(path.join(dataDir, "h10.db"), file);
    if (fs.existsSync(path.join(dataDir, "h10.db-wal")))
      fs.copyFileSync(path.join(dataDir, "h10.db-wal"), `${file}-wal`);
    return file;
  });
  const planned = plan(seeded.trails, POSITIONS);
  const kinds = new Map<string, number>();
  for (const p of planned) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  const mix = [...kinds].map(([kind, n]) => `${kind} ${n}`).join(", ");

  const { base, stop } = await startServer(env);
  try {
    // (a) Position logging in the mix councils log; each trail takes at most one step (no conflicts).
    const requests = planned.map((p) => ({
      path: `/api/v1/trails/${p.trail.id}/positions`,
      token: seeded.tokens[p.municipality.slug]!,
      body: JSON.stringify({
        expectedRevision: p.trail.revision,
        municipalityId: p.municipality.id,
        body: "COUNCIL",
        kind: p.kind,
        text: p.text,
        meetingDate: p.meetingDate,
        ...(p.votes ? { votes: p.votes } : {}),
      }),
    }));
    let sent = 0;
    const acknowledged: number[] = [];
    const statuses = new Map<string, number>();
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
            else {
              const key = `${status} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ""}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
            }
          },
        },
      ],
    });

    // Every acknowledged position is stored exactly once, and the audit chain's links hold under concurrency.
    const db = new Database(path.join(dataDir, "h10.db"), { readonly: true });
    const stored = db
      .prepare("SELECT text, COUNT(*) AS n FROM Position WHERE text LIKE 'bench-%' GROUP BY text")
      .all() as { text: string; n: number }[];
    let brokenLinks = 0;
    let previousHash = "0".repeat(64);
    for (const e of db.prepare("SELECT prevHash, hash FROM Event ORDER BY sequence").iterate() as Iterable<{
      prevHash: string;
      hash: string;
    }>) {
      if (e.prevHash !== previousHash) brokenLinks += 1;
      previousHash = e.hash;
    }
    db.close();
    const duplicates = stored.filter((s) => s.n !== 1).length;
    const storedSet = new Set(stored.map((s) => Number(s.text.slice(6))));
    const missing = acknowledged.filter((i) => !storedSet.has(i)).length;

    const rawRuns = baselineFiles.map((file) => rawBaseline(file, planned)).sort((a, b) => a - b);
    const rawPerSecond = rawRuns[1]!;

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

    // Over the whole run (the average of per-second samples leans on the slow start and tail of a short run).
    const apiPerSecond = acknowledged.length / result.duration;
    console.log("\n== (a) Logging positions through /api/v1, 50 concurrent clients ==");
    console.log(
      `requests: ${result.requests.total}, acknowledged (201): ${acknowledged.length}, errors: ${result.errors}, non-2xx: ${result.non2xx}${statuses.size ? ` (${[...statuses].map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}`,
    );
    console.log(
      `throughput: ${apiPerSecond.toFixed(0)} positions/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    console.log(`mix: ${mix}`);
    console.log(
      `raw better-sqlite3, the same rows for the same requests: ${rawPerSecond.toFixed(0)} positions/s (median of ${rawRuns.map((r) => r.toFixed(0)).join(", ")})`,
    );
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
    console.log(`audit chain links intact: ${brokenLinks === 0 ? "yes" : `NO (${brokenLinks} broken)`}`);
    if (missing || duplicates || brokenLinks) process.exitCode = 1;
  } finally {
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
