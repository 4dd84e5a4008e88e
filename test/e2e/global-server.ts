import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, serverEnv, startServerProcess } from "../ops/server-process";

/**
 * Builds the app and starts the production server (npm start's path) on a
 * free loopback port with a fresh data directory: first start migrates and
 * seeds, exactly as a new installation does.
 */
export default async function setup(project: TestProject) {
  if (!process.env.H10_SKIP_BUILD) buildApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-e2e-"));
  const password = "e2e-wachtwoord-h10";
  const server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: password }));
  // The server's stderr from here on, for tests that check it writes no stack trace for a client's mistake.
  const stderrFile = path.join(dataDir, "server-stderr.log");
  fs.writeFileSync(stderrFile, "");
  server.child.stderr?.on("data", (chunk: Buffer) => fs.appendFileSync(stderrFile, chunk));
  project.provide("baseUrl", server.base);
  project.provide("serverStderr", stderrFile);
  project.provide("demoPassword", password);
  project.provide("e2eDataDir", dataDir);
  // Tests that measure what a request costs the server read its memory from /proc/<pid>/status.
  project.provide("serverPid", server.child.pid ?? 0);
  return async () => {
    server.child.kill("SIGTERM");
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    e2eDataDir: string;
    serverPid: number;
    /** A file that receives what the server writes to stderr. */
    serverStderr: string;
  }
}
