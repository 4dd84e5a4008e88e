/**
 * The app server: validates the environment, migrates and (on an empty
 * database) seeds the embedded SQLite default, then serves Remix through
 * Express with security headers. `npm start` runs it in production mode,
 * `npm run dev` with Vite's dev middleware.
 */
import crypto from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import v8 from "node:v8";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import helmet from "helmet";
import { applyMigrations } from "../prisma/schema-engine.ts";
import { seedIfEmpty } from "../prisma/seed-region.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { isPostgres, optimizeDatabase, prepareDatabase, prisma } from "../app/utils/db.server.ts";
import { runHousekeeping } from "../app/models/housekeeping.server.ts";
import { refreshStaleSummaries } from "../app/models/trail-summary.server.ts";
import { indexMissing } from "../app/models/search.server.ts";
import { deliverSoon } from "../app/models/mail-outbox.server.ts";
import { runOriImport } from "../app/models/ori-import.server.ts";
import { HARD_BODY_LIMIT } from "../app/utils/http.server.ts";
import { withoutMail } from "../app/utils/mail.server.ts";
import { bodyLimit } from "./body-limit.ts";
import { createLogger, requestLogger } from "./logging.ts";
import { CROSS_ORIGIN_ANSWER, isCrossOrigin, isTokenAuthenticatedForm } from "./cross-origin.ts";
import { startEventLoopStats } from "./event-loop-stats.ts";
import { servePrecompressed } from "./precompressed.ts";
import { compressResponses } from "./compress.ts";

/** How often the server reminds people of deadlines and purges expired sessions. */
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** How long the rest of a refused body is read and thrown away before its connection is closed. */
const BODY_LINGER_MS = 5_000;

/** How often the server looks for e-mail that is due (mail-outbox.server.ts). */
const MAIL_INTERVAL_MS = 60 * 1000;

/** How long an idle keep-alive connection stays open (Node's default is 5 s). */
const KEEP_ALIVE_MS = 65_000;

/**
 * Rewrites the list columns of trails written before this version's summary logic (trail-summary.server.ts), after
 * the server listens: at 10,000 trails that takes about a minute, during which pages are served from the older
 * summaries. Batches yield to requests. A failure is retried by the next housekeeping round.
 */
async function rewriteStaleSummaries() {
  try {
    const started = Date.now();
    const trails = await refreshStaleSummaries();
    if (trails) logger.info({ trails, ms: Date.now() - started }, "Trail summaries rewritten");
  } catch (error) {
    logger.warn({ err: error }, "Rewriting trail summaries failed; will retry");
  }
}

/**
 * Indexes for the search what has no entry yet (a database that had rows before the search existed), in batches
 * that yield to requests; the writes keep the index current from then on. A failure is retried the next hour.
 */
async function indexForSearch() {
  try {
    const started = Date.now();
    const entries = await indexMissing();
    if (entries) logger.info({ entries, ms: Date.now() - started }, "Search index completed");
  } catch (error) {
    logger.warn({ err: error }, "Completing the search index failed; will retry");
  }
}

/**
 * Reads the councils' new published decisions into proposals for their clerks (ORI_IMPORT=true), source by source
 * and page by page, yielding between pages. A failing source is logged, shown to administrators, and tried again
 * in a later round after its backoff; the others go on.
 */
async function importCouncilOutcomes() {
  if (!env.ORI_IMPORT) return;
  try {
    const started = Date.now();
    for (const run of await runOriImport()) {
      const { error, ...counts } = run;
      if (error)
        logger.warn({ ...counts, kind: error.kind, reason: error.message }, "Council import failed; will retry");
      else if (run.read) logger.info(counts, "Council import done");
    }
    logger.debug({ ms: Date.now() - started }, "Council import round done");
  } catch (error) {
    logger.warn({ err: error }, "Council import round failed; will retry");
  }
}

/** One housekeeping round; a failure waits for the next round. */
async function housekeeping() {
  try {
    const done = await runHousekeeping();
    logger.info(done, "Housekeeping done");
  } catch (error) {
    logger.warn({ err: error }, "Housekeeping failed; will retry");
  }
  await plannerStatistics();
}

/**
 * SQLite's planner statistics brought up to date (optimizeDatabase). They only steer the plans, so a failure is
 * logged and the server goes on: the next hour tries again.
 */
async function plannerStatistics(atStart = false) {
  try {
    await optimizeDatabase(prisma, { atStart });
  } catch (error) {
    logger.warn({ err: error }, "Updating the query planner's statistics failed; will retry");
  }
}

const env = getEnv();
const production = env.NODE_ENV === "production";
const logger = createLogger(process.env.LOG_LEVEL ?? "info");
/** Set on SIGTERM: the health check says so, so a load balancer stops sending requests. */
let shuttingDown = false;
/** How long in-flight requests may take to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

async function prepareData() {
  // Instances starting together on one PostgreSQL database take turns: one migrates and seeds, the others find it done.
  const release = isPostgres(env.DATABASE_URL) ? await startupLock(env.DATABASE_URL) : async () => {};
  try {
    const applied = await applyMigrations(env.DATABASE_URL);
    if (applied.length) console.log(`Database migrated: ${applied.join(", ")}`);
    await prepareDatabase(prisma);
    // The demo region's history is for the app, not for e-mail to its made-up addresses.
    const seeded = env.SEED_DEMO ? await withoutMail(() => seedIfEmpty({ demoPassword: env.DEMO_PASSWORD })) : null;
    await plannerStatistics(true);
    return seeded;
  } finally {
    await release();
  }
}

/** A session-level advisory lock on its own connection, held while this instance migrates and seeds. */
async function startupLock(databaseUrl: string): Promise<() => Promise<void>> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("SELECT pg_advisory_lock(804022)");
  return async () => {
    await client.query("SELECT pg_advisory_unlock(804022)");
    await client.end();
  };
}

/** TRUST_PROXY: "false" (default), "true", a hop count, or addresses/subnets as Express takes them. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

async function createApp() {
  const app = express();
  app.disable("x-powered-by");
  // Which proxies may tell us the client's address and protocol (X-Forwarded-*).
  app.set("trust proxy", trustProxySetting(env.TRUST_PROXY));
  app.use(requestLogger(logger));
  app.use((_req, res, next) => {
    // While shutting down, no connection is kept open for another request.
    if (shuttingDown) res.setHeader("Connection", "close");
    next();
  });
  // Every body is counted, chunked or not; none reaches the app past the hard limit, and an answer that
  // leaves a body unread closes the connection without resetting it.
  app.use(bodyLimit({ limit: HARD_BODY_LIMIT, lingerMs: BODY_LINGER_MS, lingerBytes: HARD_BODY_LIMIT }));
  app.use(compressResponses());

  // Health: the process answers and the database answers a query.
  app.get("/health", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    if (shuttingDown) return void res.status(503).json({ status: "shutting_down" });
    try {
      await prisma.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ok", database: "ok" });
    } catch (error) {
      logger.error({ err: error }, "Health check: the database does not answer");
      res.status(503).json({ status: "error", database: "unreachable" });
    }
  });

  // Browsers ask for /favicon.ico whatever the page links to; the icon is an SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  // A fresh nonce per response lets Remix's inline scripts run under a CSP
  // without 'unsafe-inline'.
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          // Vite injects styles and a websocket in development only.
          "style-src": production ? ["'self'"] : ["'self'", "'unsafe-inline'"],
          "connect-src": production ? ["'self'"] : ["'self'", "ws:"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: production ? { maxAge: 31536000 } : false,
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
    }),
  );

  // In production the build itself: given a function, Remix calls it and derives its routes again on every
  // request (flattening and compiling every route path: about 4 % of a page's CPU in a profile).
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (production) {
    // The scripts and stylesheets as compressed at build time (server/precompressed.ts), else as they are.
    const client = path.join(root, "build/client");
    const year = 365 * 24 * 3600 * 1000;
    app.use("/assets", servePrecompressed(path.join(client, "assets"), { maxAge: year, immutable: true }));
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: year }));
    app.use(servePrecompressed(client, { maxAge: 3600 * 1000 }));
    app.use(express.static(client, { maxAge: "1h" }));
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true }, root });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

  // A form post from another site: a clean 403 here, where Remix would throw a 500 (server/cross-origin.ts).
  app.use((req, res, next) => {
    // The one-click unsubscribe may come from anywhere: its Origin is not handed on, so Remix does not refuse it.
    if (isTokenAuthenticatedForm(req.path)) delete req.headers.origin;
    if (!isCrossOrigin(req.method, req.path, req.headers)) return next();
    res.setHeader("Cache-Control", "no-store");
    res.status(403).json(CROSS_ORIGIN_ANSWER);
    req.resume();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  return app;
}

/**
 * Prisma's query compiler is WebAssembly (about 3 MB), compiled at the first query. V8 compiles it quickly
 * (Liftoff) and then again, optimised, in the background (TurboFan): that second compilation kept about 70 MB of
 * RSS for the rest of the process. Only Liftoff's code runs now; it is slower per call, but the compiler's part of
 * a request is small next to the database's and the rendering's (no difference measurable in page times).
 */
function wasmBaselineOnly() {
  v8.setFlagsFromString("--liftoff-only");
}

async function main() {
  wasmBaselineOnly();
  // Benchmarks only (H10_EVENT_LOOP_STATS=1): the event loop's longest block, printed on SIGUSR2.
  startEventLoopStats(process.env);
  const seeded = await prepareData();
  const app = await createApp();
  const server: Server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`;
    console.log(`H10 Besluitvorming is running at ${url}`);
    if (seeded) {
      console.log("\nThe demo region was seeded. Demo sign-ins (shown only now):");
      console.log(`  password for every demo account: ${seeded.password}`);
      for (const account of seeded.accounts) console.log(`  ${account.email.padEnd(42)} ${account.label}`);
      console.log("");
    }
  });
  // Keep idle connections longer than clients and load balancers do (60 s is common), so the
  // server never closes a connection at the moment a client sends its next request on it.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  void rewriteStaleSummaries().then(indexForSearch).then(housekeeping).then(importCouncilOutcomes);
  const hourly = setInterval(
    () => void rewriteStaleSummaries().then(indexForSearch).then(housekeeping).then(importCouncilOutcomes),
    HOUSEKEEPING_INTERVAL_MS,
  );
  hourly.unref();
  // E-mail that is due (after a failure, its retry) goes out within a minute; changes also send at once.
  deliverSoon();
  const mail = setInterval(deliverSoon, MAIL_INTERVAL_MS);
  mail.unref();
  /**
   * SIGTERM: stop accepting connections, let in-flight requests finish (idle
   * keep-alive connections are closed at once), then close the database and
   * exit 0; whatever is still running after the grace period is cut off.
   */
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "Shutting down: finishing requests in flight");
    clearInterval(hourly);
    clearInterval(mail);
    const force = setTimeout(() => {
      logger.warn("Requests still running after the grace period; closing them");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void prisma.$disconnect().finally(() => {
        logger.info("Stopped");
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
