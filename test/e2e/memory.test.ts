import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signInHttp } from "../ops/http-client";
import { serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";

/** Issue 17's bound on the production server's memory after start. */
const START_BOUND_MB = 250;
const PASSWORD = "geheugen-wachtwoord-h10";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-memory-"));
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) server.child.kill("SIGKILL");
  await Promise.all(running.map((server) => server.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The server's resident memory, as the kernel counts it (/proc/<pid>/status VmRSS), in MB. */
function rssMb(server: ServerProcess): number {
  const status = fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

async function start(): Promise<ServerProcess> {
  const server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "warn" }));
  running.push(server);
  return server;
}

async function stop(server: ServerProcess) {
  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
}

describe("memory", () => {
  it(`the production server's RSS stays under ${START_BOUND_MB} MB after start and its first pages`, async () => {
    // The first start of an installation migrates and seeds; the bound is for every start after it.
    await stop(await start());

    const server = await start();
    await settle(); // the start-up housekeeping round
    const atStart = rssMb(server);

    // The first pages load the Remix build; a secretary's overview and trail list also query and render.
    const secretary = await signInHttp(server.base, "secretaris@h10.example", PASSWORD);
    for (const page of ["/overzicht", "/trajecten", "/meldingen"]) {
      const response = await fetch(`${server.base}${page}`, { headers: { cookie: secretary.cookie } });
      expect(response.status, page).toBe(200);
      await response.arrayBuffer();
    }
    await settle();
    const afterPages = rssMb(server);

    console.info(`RSS at start ${atStart.toFixed(0)} MB, after the first pages ${afterPages.toFixed(0)} MB`);
    expect(atStart).toBeLessThan(START_BOUND_MB);
    expect(afterPages).toBeLessThan(START_BOUND_MB);
    await stop(server);
  }, 240_000);
});
