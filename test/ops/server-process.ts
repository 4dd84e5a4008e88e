/**
 * The production server as a child process (npm start's path, after the
 * build): on a free loopback port and a data directory of the caller's, with
 * its output kept, for tests that stop, kill and restart it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `npm run build`: Remix's build, then the server's (server/build-app.ts). */
export function buildApp() {
  const build = spawnSync(process.execPath, ["--import", "tsx", "server/build-app.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("npm run build failed");
}

/** The built server (build/server.mjs), as `npm start` runs it. */
const SERVER_BUNDLE = path.join(root, "build/server.mjs");

/**
 * Node's flags in `npm start` (the V8 heap's bound), so the tests and benches run the server exactly as it is
 * deployed.
 */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const start = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } })
    .scripts.start;
  const match = /\bnode((?: --[\w-]+(?:=\S+)?)*) build\/server\.mjs\b/.exec(start);
  if (!match) throw new Error(`package.json's start script does not run build/server.mjs with node: ${start}`);
  return match[1]!.trim().split(" ").filter(Boolean);
})();

export interface ServerProcess {
  base: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Environment of the server: the caller's, without a DATABASE_URL unless given, production mode. */
export function serverEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, NODE_ENV: _mode, ...rest } = process.env;
  return {
    ...rest,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    ...extra,
  };
}

/** Starts the server and resolves once /health answers 200. */
export async function startServerProcess(env: NodeJS.ProcessEnv, port?: number): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build`);
  // Plain Node on the built server, as npm start runs it (no tsx, no CLI wrapper, so a SIGKILL reaches the server).
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
    cwd: root,
    env: { ...env, PORT: String(chosen) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server stopped:\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, port: chosen, child, output: () => output, exited };
}

/** Runs a TypeScript script of the project (tsx) against a data directory; returns its stdout. */
export function runScript(
  script: string,
  dataDir: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env: serverEnv(dataDir, extraEnv),
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking: the caller's event loop keeps running (a test that sends requests while the script
 * runs needs that; runScript's spawnSync would hold them until the script ends).
 */
export function runScriptInBackground(
  script: string,
  dataDir: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      env: serverEnv(dataDir, extraEnv),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export interface Seeded {
  tokens: Record<string, string>;
  /** With MAKE_TOKENS_CLERKS=n: n - 1 deputy clerks per council, their tokens by slug. */
  deputies: Record<string, string[]>;
  trail: { id: string; revision: number; participants: { id: string; slug: string }[] };
}

/** API tokens for every clerk and the seeded GR amendment (test/ops/make-tokens.ts). */
export function makeTokens(dataDir: string, extraEnv: Record<string, string> = {}): Seeded {
  const result = runScript("test/ops/make-tokens.ts", dataDir, [], extraEnv);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Seeded;
}
