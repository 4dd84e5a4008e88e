/**
 * The app server: validates the environment, migrates and (on an empty
 * database) seeds the embedded SQLite default, then serves Remix through
 * Express with security headers. `npm start` runs it in production mode,
 * `npm run dev` with Vite's dev middleware.
 */
import crypto from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { applyMigrations } from "../prisma/schema-engine.ts";
import { seedIfEmpty } from "../prisma/seed-region.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { prepareDatabase, prisma } from "../app/utils/db.server.ts";
import { deliverSoon, remindOfDeadlines } from "../app/models/notification.server.ts";

/** How often the server looks for deadlines to remind people of. */
const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

/** Deadline reminders; safe to run from several instances (they are keyed). A failure waits for the next round. */
async function remind() {
  try {
    if ((await remindOfDeadlines()) > 0) deliverSoon();
  } catch (error) {
    console.warn("Deadline reminders failed; will retry:", error);
  }
}

const env = getEnv();
const production = env.NODE_ENV === "production";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

async function prepareData() {
  const applied = await applyMigrations(env.DATABASE_URL);
  if (applied.length) console.log(`Database migrated: ${applied.join(", ")}`);
  await prepareDatabase(prisma);
  if (!env.SEED_DEMO) return null;
  return seedIfEmpty({ demoPassword: env.DEMO_PASSWORD });
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
  app.use(compression());

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

  let build: () => Promise<ServerBuild>;
  if (production) {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
    const serverBuild = path.join(root, "build/server/index.js");
    build = () => import(serverBuild) as Promise<ServerBuild>;
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true }, root });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

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

async function main() {
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
  void remind();
  const reminders = setInterval(() => void remind(), REMINDER_INTERVAL_MS);
  reminders.unref();
  const shutdown = () => {
    clearInterval(reminders);
    server.close(() => {
      void prisma.$disconnect().finally(() => process.exit(0));
    });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

await main();
