import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, serverEnv, startServerProcess } from "../ops/server-process";
import { E2E_WORKERS } from "./workers";

export interface E2eServer {
  baseUrl: string;
  /** A file that receives what the server writes to stderr. */
  stderr: string;
  dataDir: string;
  /** Tests that measure what a request costs the server read its memory from /proc/<pid>/status. */
  pid: number;
}

/**
 * Builds the app and starts the production server (npm start's path) on a
 * free loopback port with a fresh data directory, once per worker of the
 * browser project: first start migrates and seeds, exactly as a new
 * installation does. Each worker's files talk to their own server
 * (helpers.ts), so two files never share a database.
 */
export default async function setup(project: TestProject) {
  if (!process.env.H10_SKIP_BUILD) buildApp();
  const password = "e2e-wachtwoord-h10";
  const started = await Promise.all(
    Array.from({ length: E2E_WORKERS }, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-e2e-"));
      const server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: password }));
      // The server's stderr from here on, for tests that check it writes no stack trace for a client's mistake.
      const stderr = path.join(dataDir, "server-stderr.log");
      fs.writeFileSync(stderr, "");
      server.child.stderr?.on("data", (chunk: Buffer) => fs.appendFileSync(stderr, chunk));
      return { server, dataDir, stderr };
    }),
  );
  project.provide(
    "e2eServers",
    started.map(({ server, dataDir, stderr }) => ({
      baseUrl: server.base,
      stderr,
      dataDir,
      pid: server.child.pid ?? 0,
    })),
  );
  project.provide("demoPassword", password);
  return async () => {
    for (const { server } of started) server.child.kill("SIGTERM");
    await Promise.all(started.map(({ server }) => server.exited));
    for (const { dataDir } of started) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    demoPassword: string;
    /** One server per worker of the browser project, by VITEST_POOL_ID. */
    e2eServers: E2eServer[];
  }
}
