/**
 * Benchmark (not a test): `npm run bench:scale [-- --sizes 100,1000,10000 --engines sqlite,postgres
 * --duration 3 --connections 4 --pages overzicht,iCal]`.
 *
 * Does every page, feed and API list cost the same with 10,000 trails as with 100? For each engine (SQLite in a
 * fresh data directory; PostgreSQL on a throwaway server on loopback) it grows one database through the sizes
 * (bench/scale-seed.ts: real trails through the model functions, copied set-based in SQL), starts the production
 * server for each size and measures every page with autocannon: a warm-up, then the page and a static file of the
 * page's own response, served by the same server from build/client, in turns (page A, its static file, page B,
 * …). Above the first size, the first size's database (kept as a copy) is served beside it, and each page is
 * measured once more on both, one right after the other, so that the machine's load, which drifts over the
 * minutes between the sizes, weighs on both alike. Then the heaviest page of that size again, with /health polled
 * on the side. It prints, per page and size, p50/p99, the response size, the ratio of the page's p99 to its static
 * file's and to its own p99 at 100 trails (from the first size's run, and from the run in turns),
 * and the server's longest event-loop block during the page (H10_EVENT_LOOP_STATS=1, server/event-loop-stats.ts);
 * per size the server's RSS at start (2 s after /health first answers, before any page), after the load and its peak,
 * the database's size and /health under load. The machine may be busy:
 * read the ratios to the same run's baselines.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { signInHttp } from "../test/ops/http-client.ts";
import {
  buildApp,
  root,
  runScript,
  serverEnv,
  startServerProcess,
  type ServerProcess,
} from "../test/ops/server-process.ts";
import type { ThrowawayPostgres } from "../prisma/throwaway-postgres.ts";
import { PASSWORD } from "./pdf-brief.ts";

type Engine = "sqlite" | "postgres";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const SIZES = option("sizes", "100,1000,10000")
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);
const ENGINES = option("engines", "sqlite,postgres").split(",") as Engine[];
const DURATION = Number(option("duration", "3"));
const CONNECTIONS = Number(option("connections", "4"));
/** Only the pages whose name contains one of these (comma-separated), e.g. `--pages overzicht,iCal`; all by default. */
const ONLY = option("pages", "").split(",").filter(Boolean);
const WARM_UP = 1;
/** A page slower than this on its first request is measured by SLOW_REQUESTS requests instead of a duration. */
const SLOW_MS = 500;
const SLOW_REQUESTS = 2 * CONNECTIONS;
if (SIZES.some((n) => !Number.isInteger(n) || n < 20) || ENGINES.some((e) => e !== "sqlite" && e !== "postgres"))
  throw new Error("usage: --sizes 100,1000,10000 (at least 20 each) --engines sqlite,postgres");

const STATIC_DIR = path.join(root, "build/client/bench-scale");

interface Seeded {
  trails: number;
  trailId: string;
  amendmentId: string;
  apiToken: string;
  calendar: { clerk: string; secretary: string };
  seedSeconds: number;
  cloneSeconds: number;
}

interface Page {
  name: string;
  path: string;
  who: "alderman" | "clerk" | "secretary" | "token" | "feed";
  ext: string;
}

function pages(seeded: Seeded): Page[] {
  return allPages(seeded).filter((page) => !ONLY.length || ONLY.some((part) => page.name.includes(part)));
}

function allPages(seeded: Seeded): Page[] {
  const trail = `/trajecten/${seeded.trailId}`;
  return [
    { name: "/overzicht (wethouder Delft)", path: "/overzicht", who: "alderman", ext: "html" },
    { name: "/overzicht (griffier Delft)", path: "/overzicht", who: "clerk", ext: "html" },
    { name: "/overzicht (secretaris)", path: "/overzicht", who: "secretary", ext: "html" },
    // The overview filtered as its form filters it: on a deadline (the trails read from the deadlines in the range),
    // and on a kind as well.
    {
      name: "/overzicht?deadline=week (griffier Delft)",
      path: "/overzicht?deadline=week",
      who: "clerk",
      ext: "html",
    },
    {
      name: "/overzicht?kind=…&deadline=overdue (wethouder)",
      path: "/overzicht?kind=GR_AMENDMENT&deadline=overdue",
      who: "alderman",
      ext: "html",
    },
    // Issue 19: the dashboard's alarms (zienswijzen without the board's answer, councils without a meeting).
    { name: "/dashboard (wethouder Delft)", path: "/dashboard", who: "alderman", ext: "html" },
    { name: "/trajecten (secretaris)", path: "/trajecten", who: "secretary", ext: "html" },
    // Issue 18: search over every trail, position and document; a word in every copied trail.
    { name: "/zoeken?q=zienswijze (secretaris)", path: "/zoeken?q=zienswijze", who: "secretary", ext: "html" },
    // Two words (the rarer leads, the other checked per entry) and the last counted page of a kind.
    { name: "/zoeken?q=zienswijze+delft", path: "/zoeken?q=zienswijze+delft", who: "secretary", ext: "html" },
    {
      name: "/zoeken?q=zienswijze&state=closed",
      path: "/zoeken?q=zienswijze&state=closed",
      who: "secretary",
      ext: "html",
    },
    {
      name: "/zoeken?…&kind=position&page=50",
      path: "/zoeken?q=zienswijze&kind=position&page=50",
      who: "secretary",
      ext: "html",
    },
    { name: "/api/v1/trails (token)", path: "/api/v1/trails", who: "token", ext: "json" },
    // The open data needs no account: the feed's "who" sends no credentials.
    { name: "/open/besluiten (open data)", path: "/open/besluiten", who: "feed", ext: "json" },
    {
      name: "/open/vergaderingen?gemeentecode=0503",
      path: "/open/vergaderingen?gemeentecode=0503",
      who: "feed",
      ext: "json",
    },
    { name: "/open/informatieobjecten", path: "/open/informatieobjecten", who: "feed", ext: "json" },
    { name: "iCal griffier Delft", path: `/agenda/${seeded.calendar.clerk}.ics`, who: "feed", ext: "ics" },
    { name: "iCal secretaris", path: `/agenda/${seeded.calendar.secretary}.ics`, who: "feed", ext: "ics" },
    { name: "/trajecten/<id> (secretaris)", path: trail, who: "secretary", ext: "html" },
    // The seeded GR amendment: its sent raadsvoorstel's decision points and the positions on it (read by the revision
    // alone, they scanned every trail's positions: 1.5–1.7× at 10,000 trails, before this page was in the bench).
    {
      name: "/trajecten/H10-GR-2024 (griffier Delft)",
      path: `/trajecten/${seeded.amendmentId}`,
      who: "clerk",
      ext: "html",
    },
    { name: "statusbrief.pdf (secretaris)", path: `${trail}/statusbrief.pdf`, who: "secretary", ext: "pdf" },
    { name: "/trajecten/<id>/antwoorden (secretaris)", path: `${trail}/antwoorden`, who: "secretary", ext: "html" },
  ];
}

interface Latency {
  p50: number;
  p99: number;
  requests: number;
  bad: number;
}

/**
 * Requests for `seconds` (or, for a slow page, a fixed number of `requests`, so that none is still in flight when
 * the next measurement starts) with `connections` clients.
 */
async function cannon(
  url: string,
  headers: Record<string, string>,
  run: { seconds: number } | { requests: number },
  connections = CONNECTIONS,
) {
  const result = await autocannon({
    url,
    headers,
    connections,
    timeout: 300,
    ...("seconds" in run ? { duration: run.seconds } : { amount: run.requests }),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: result.non2xx + result.errors,
  } satisfies Latency;
}

/** /health, one request after the other, until `until` settles. */
async function pollHealth(base: string, until: Promise<unknown>): Promise<Latency> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  let bad = 0;
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${base}/health`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) bad += 1;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), requests: times.length, bad };
}

/** The server's longest event-loop block since the last call (it prints a line on SIGUSR2). */
async function loopMax(server: ServerProcess): Promise<number> {
  const from = server.output().length;
  server.child.kill("SIGUSR2");
  // A blocked event loop answers late: a slow page's last requests may still be running.
  for (let waited = 0; waited < 300_000; waited += 20) {
    const line = /H10_EVENT_LOOP (\{.*\})/.exec(server.output().slice(from));
    if (line) return (JSON.parse(line[1]!) as { maxMs: number }).maxMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("The server printed no event-loop statistics (H10_EVENT_LOOP_STATS=1?)");
}

function memory(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

async function databaseMb(engine: Engine, dataDir: string, url?: string): Promise<number> {
  if (engine === "sqlite") {
    const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
    return (size(path.join(dataDir, "h10.db")) + size(path.join(dataDir, "h10.db-wal"))) / 1e6;
  }
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
    return Number(rows[0]!.size) / 1e6;
  } finally {
    await client.end();
  }
}

interface Row {
  engine: Engine;
  trails: number;
  page: string;
  bytes: number;
  page99?: Latency;
  static99?: Latency;
  /** The page did not answer 200: its status and the server's error. */
  error?: string;
  loopMs: number;
  /** Above the first size: the page on the first size's server and then on this one, one right after the other. */
  paired?: { base: Latency; page: Latency };
}

/** The gist of the error the server logged: Prisma's message, or the first line naming an error. */
function serverError(output: string): string {
  const prisma = /Invalid `([^`]+)` invocation:\s*\n\s*(.+)/.exec(output);
  if (prisma) return `${prisma[1]}: ${prisma[2]!.trim()}`;
  return /.*Error.*/.exec(output)?.[0].trim().slice(0, 200) ?? "see the server's log";
}
interface SizeRow {
  engine: Engine;
  trails: number;
  seedSeconds: number;
  startMb: number;
  rssMb: number;
  peakMb: number;
  dbMb: number;
  heaviest: string;
  heavyUnderLoad: Latency;
  health: Latency;
  loopMs: number;
}
const rows: Row[] = [];
const sizeRows: SizeRow[] = [];

/** The first size's database, kept beside the larger ones (a copy of its data directory, or of its database). */
interface Base {
  dataDir: string;
  seeded: Seeded;
  extra: Record<string, string>;
}

const startServer = (dataDir: string, extra: Record<string, string>) =>
  startServerProcess(
    serverEnv(dataDir, { ...extra, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "warn", H10_EVENT_LOOP_STATS: "1" }),
  );

/** Signed-in headers for each kind of visitor of a server. */
async function visitors(server: ServerProcess, seeded: Seeded): Promise<Record<Page["who"], Record<string, string>>> {
  const cookie = async (email: string) => (await signInHttp(server.base, email, PASSWORD)).cookie;
  return {
    alderman: { cookie: await cookie("wethouder.delft@h10.example") },
    clerk: { cookie: await cookie("griffier.delft@h10.example") },
    secretary: { cookie: await cookie("secretaris@h10.example") },
    token: { authorization: `Bearer ${seeded.apiToken}` },
    feed: {},
  };
}

async function measureSize(
  engine: Engine,
  dataDir: string,
  seeded: Seeded,
  extra: Record<string, string>,
  base: Base | null,
) {
  const server = await startServer(dataDir, extra);
  let baseServer: ServerProcess | null = null;
  try {
    // The first size's server beside this one: each page is measured on both, one right after the other, so that
    // the machine's load, which drifts over the minutes between the sizes, weighs on both alike.
    if (base) baseServer = await startServer(base.dataDir, base.extra);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const startMb = memory(server.child.pid!).rssMb;
    const headers = await visitors(server, seeded);
    const baseHeaders = baseServer && base ? await visitors(baseServer, base.seeded) : null;
    const basePages = base ? pages(base.seeded) : [];
    fs.mkdirSync(STATIC_DIR, { recursive: true });
    const measured: { page: Page; p99: number; run: { seconds: number } | { requests: number } }[] = [];
    for (const [i, page] of pages(seeded).entries()) {
      const url = `${server.base}${page.path}`;
      const logged = server.output().length;
      await (await fetch(url, { headers: headers[page.who] })).arrayBuffer(); // the first request loads the route
      const started = performance.now();
      const response = await fetch(url, { headers: headers[page.who] });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 200)); // the server's log of it
        const error = `${response.status}: ${serverError(server.output().slice(logged))}`;
        rows.push({ engine, trails: seeded.trails, page: page.name, bytes: body.length, error, loopMs: NaN });
        console.log(`  ${page.name.padEnd(30)} FAILED ${error}`);
        continue;
      }
      const file = `${i}.${page.ext}`;
      fs.writeFileSync(path.join(STATIC_DIR, file), body);
      const staticUrl = `${server.base}/bench-scale/${file}`;
      // A page that takes longer than SLOW_MS is measured by a fixed number of requests instead of a duration.
      const run = performance.now() - started > SLOW_MS ? { requests: SLOW_REQUESTS } : { seconds: DURATION };
      await cannon(url, headers[page.who], "seconds" in run ? { seconds: WARM_UP } : { requests: CONNECTIONS });
      await cannon(staticUrl, {}, { seconds: WARM_UP });
      await loopMax(server); // from here on
      const page99 = await cannon(url, headers[page.who], run);
      const loopMs = await loopMax(server);
      const static99 = await cannon(staticUrl, {}, { seconds: DURATION });
      let paired: Row["paired"];
      if (baseServer && baseHeaders) {
        const baseUrl = `${baseServer.base}${basePages[i]!.path}`;
        const first = await fetch(baseUrl, { headers: baseHeaders[page.who] });
        await first.arrayBuffer();
        // A ratio to an error page would mean nothing.
        if (first.status !== 200)
          throw new Error(`${page.name} on the ${base!.seeded.trails}-trail copy: ${first.status}`);
        await cannon(
          baseUrl,
          baseHeaders[page.who],
          "seconds" in run ? { seconds: WARM_UP } : { requests: CONNECTIONS },
        );
        const baseRun = await cannon(baseUrl, baseHeaders[page.who], run);
        paired = { base: baseRun, page: await cannon(url, headers[page.who], run) };
      }
      rows.push({
        engine,
        trails: seeded.trails,
        page: page.name,
        bytes: body.length,
        page99,
        static99,
        loopMs,
        paired,
      });
      measured.push({ page, p99: page99.p99, run });
      console.log(
        `  ${page.name.padEnd(30)} ${kb(body.length).padStart(9)}  p50 ${ms(page99.p50)} p99 ${ms(page99.p99)}  ` +
          `static p99 ${ms(static99.p99)}  loop max ${ms(loopMs)}${page99.bad ? `  (${page99.bad} failed)` : ""}`,
      );
      if (paired)
        console.log(
          `  ${"".padEnd(30)} in turns with ${base!.seeded.trails} trails: p99 ${ms(paired.base.p99)} → ` +
            `${ms(paired.page.p99)} (× ${(paired.page.p99 / Math.max(paired.base.p99, 1)).toFixed(2)})`,
        );
    }
    // /health while the heaviest page of this size is being served.
    if (!measured.length) throw new Error("No page answered 200");
    const heaviest = measured.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    await loopMax(server);
    const heavy = cannon(`${server.base}${heaviest.page.path}`, headers[heaviest.page.who], heaviest.run);
    const [heavyUnderLoad, health] = await Promise.all([heavy, pollHealth(server.base, heavy)]);
    const loopMs = await loopMax(server);
    const { rssMb, peakMb } = memory(server.child.pid!);
    const dbMb = await databaseMb(engine, dataDir, extra.DATABASE_URL);
    sizeRows.push({
      engine,
      trails: seeded.trails,
      seedSeconds: seeded.seedSeconds + seeded.cloneSeconds,
      startMb,
      rssMb,
      peakMb,
      dbMb,
      heaviest: heaviest.page.name,
      heavyUnderLoad,
      health,
      loopMs,
    });
    console.log(
      `  /health under ${heaviest.page.name}: p50 ${ms(health.p50)} p99 ${ms(health.p99)}; RSS at start ${startMb.toFixed(0)} MB, ` +
        `after the load ${rssMb.toFixed(0)} MB ` +
        `(peak ${peakMb.toFixed(0)} MB); database ${dbMb.toFixed(1)} MB`,
    );
  } finally {
    for (const running of [server, baseServer]) {
      if (!running) continue;
      running.child.kill("SIGTERM");
      await running.exited;
    }
    fs.rmSync(STATIC_DIR, { recursive: true, force: true });
  }
}

/**
 * A copy of the first size's database after its measurement, for the larger sizes' paired runs: its data directory
 * on SQLite; on PostgreSQL a database made from it as a template (nothing is connected to it between the runs).
 */
async function keepBase(engine: Engine, dataDir: string, seeded: Seeded, pg: ThrowawayPostgres | null): Promise<Base> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-scale-base-"));
  if (engine === "sqlite" || !pg) {
    fs.cpSync(dataDir, copy, { recursive: true });
    return { dataDir: copy, seeded, extra: {} };
  }
  fs.cpSync(dataDir, copy, { recursive: true }); // the session secret
  const client = new (await import("pg")).default.Client({ connectionString: pg.urlFor("postgres") });
  await client.connect();
  try {
    // An autovacuum worker on the source makes PostgreSQL refuse ("being accessed by other users") for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE h10_base TEMPLATE h10`);
        break;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  } finally {
    await client.end();
  }
  return { dataDir: copy, seeded, extra: { DATABASE_URL: pg.urlFor("h10_base") } };
}

const ms = (value: number) => (value < 1 ? "< 1 ms" : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

async function runEngine(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-scale-"));
  const pg =
    engine === "postgres" ? await (await import("../prisma/throwaway-postgres.ts")).startThrowawayPostgres() : null;
  const extra: Record<string, string> = pg ? { DATABASE_URL: pg.url } : {};
  let base: Base | null = null;
  try {
    for (const size of SIZES) {
      console.log(`\n${engine}: growing the database to ${size} trails …`);
      const seed = runScript("bench/scale-seed.ts", dataDir, [String(size)], { ...extra, DEMO_PASSWORD: PASSWORD });
      if (seed.status !== 0) throw new Error(`bench/scale-seed.ts failed:\n${seed.stderr}`);
      const seeded = JSON.parse(seed.stdout) as Seeded;
      console.log(
        `${engine}: ${seeded.trails} trails (seeded in ${seeded.seedSeconds} s, copied in ${seeded.cloneSeconds} s)`,
      );
      await measureSize(engine, dataDir, seeded, extra, base);
      base ??= await keepBase(engine, dataDir, seeded, pg);
    }
  } finally {
    pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (base) fs.rmSync(base.dataDir, { recursive: true, force: true });
  }
}

function printTables() {
  const p99At = new Map(
    rows.filter((r) => r.trails === SIZES[0] && r.page99).map((r) => [`${r.engine} ${r.page}`, r.page99!.p99]),
  );
  console.log(
    `\nPages, ${CONNECTIONS} connections, ${DURATION} s each (a page slower than ${SLOW_MS} ms: ${SLOW_REQUESTS} requests), ` +
      `in turns with a static file of the same response ` +
      `(× static: p99 / the static file's p99; × ${SIZES[0]}: p99 / the page's p99 at ${SIZES[0]} trails):\n`,
  );
  console.log(
    `| engine | trails | page | size | requests | p50 | p99 | static p99 | × static | × ${SIZES[0]} | ` +
      `p99 in turns: ${SIZES[0]} → this | × ${SIZES[0]} in turns | loop max |`,
  );
  console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    if (!r.page99 || !r.static99) {
      console.log(
        `| ${r.engine} | ${r.trails.toLocaleString("en")} | ${r.page} | ${kb(r.bytes)} | failed: ${r.error} | | | | | | | |`,
      );
      continue;
    }
    const base = p99At.get(`${r.engine} ${r.page}`);
    console.log(
      `| ${r.engine} | ${r.trails.toLocaleString("en")} | ${r.page} | ${kb(r.bytes)} | ${r.page99.requests} | ` +
        `${ms(r.page99.p50)} | ` +
        `${ms(r.page99.p99)}${r.page99.bad ? ` (${r.page99.bad} failed)` : ""} | ${ms(r.static99.p99)} | ` +
        `${(r.page99.p99 / Math.max(r.static99.p99, 1)).toFixed(1)} | ${base ? (r.page99.p99 / base).toFixed(2) : "–"} | ` +
        `${r.paired ? `${ms(r.paired.base.p99)} → ${ms(r.paired.page.p99)}` : "–"} | ` +
        `${r.paired ? (r.paired.page.p99 / Math.max(r.paired.base.p99, 1)).toFixed(2) : "–"} | ${ms(r.loopMs)} |`,
    );
  }
  console.log("\nPer size: the server's memory, the database, /health under the heaviest page's load:\n");
  console.log(
    "| engine | trails | seed | RSS at start | RSS after load | peak RSS | database | heaviest page (p99 under load) | /health p50 | /health p99 | loop max |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
  for (const s of sizeRows)
    console.log(
      `| ${s.engine} | ${s.trails.toLocaleString("en")} | ${s.seedSeconds.toFixed(0)} s | ${s.startMb.toFixed(0)} MB | ${s.rssMb.toFixed(0)} MB | ` +
        `${s.peakMb.toFixed(0)} MB | ${s.dbMb.toFixed(1)} MB | ${s.heaviest} (${ms(s.heavyUnderLoad.p99)}) | ` +
        `${ms(s.health.p50)} | ${ms(s.health.p99)}${s.health.p99 < 200 ? "" : " (goal < 200 ms)"} | ${ms(s.loopMs)} |`,
    );
}

if (!process.env.BENCH_SKIP_BUILD) buildApp();
try {
  for (const engine of ENGINES) await runEngine(engine);
} finally {
  printTables();
}
