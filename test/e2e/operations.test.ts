import Database from "better-sqlite3";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signInHttp } from "../ops/http-client";
import { serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";
import { SUMMARY_VERSION } from "../../app/models/trail-summary.server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-ops-"));
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The JSON log lines the server printed. */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("operations", () => {
  it("answers the health check, has made its planner statistics, logs each request as JSON with its request id, and masks the calendar token", async () => {
    server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: "ops-wachtwoord-h10" }));
    const health = await fetch(`${server.base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    // SQLite's planner statistics are made at start-up, after the seed (optimizeDatabase).
    const stats = new Database(path.join(dataDir, "h10.db"), { readonly: true });
    try {
      const { n } = stats.prepare(`SELECT COUNT(*) AS n FROM "sqlite_stat1" WHERE "tbl" = 'Position'`).get() as {
        n: number;
      };
      expect(n).toBeGreaterThan(0);
    } finally {
      stats.close();
    }
    // Idle connections outlive the client's reuse window, so no request is sent on a connection being closed.
    expect(health.headers.get("keep-alive")).toBe("timeout=65");

    const given = await fetch(`${server.base}/inloggen`, { headers: { "X-Request-Id": "melding-2024-0042" } });
    expect(given.headers.get("x-request-id")).toBe("melding-2024-0042");
    const fresh = await fetch(`${server.base}/inloggen`, { headers: { "X-Request-Id": "<script>" } });
    const freshId = fresh.headers.get("x-request-id")!;
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${server.base}/agenda/geheim-token-123.ics`);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = logLines(server.output());
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === "melding-2024-0042")!;
    expect(line).toMatchObject({
      level: 30,
      msg: "request completed",
      req: { method: "GET", path: "/inloggen" },
      res: { status: 200 },
    });
    expect(typeof line.responseTime).toBe("number");
    expect(lines.some((l) => (l.req as { id?: string } | undefined)?.id === freshId)).toBe(true);
    expect(server.output()).not.toContain("geheim-token-123");
    expect(lines.some((l) => (l.req as { path?: string } | undefined)?.path === "/agenda/[token]")).toBe(true);
  });

  it("keeps answering the health check while the heaviest pages are being served", { timeout: 60_000 }, async () => {
    // Issue 17: nothing stalls the server. Four clients keep asking for the secretary's heaviest pages (the pipeline,
    // the trail list, a status brief PDF) while the health check is polled; the bench measures this at 10,000
    // trails (npm run bench:scale), this asserts it loosely on the seeded region.
    const secretary = await signInHttp(server!.base, "secretaris@h10.example", "ops-wachtwoord-h10");
    const get = (path: string) => fetch(`${server!.base}${path}`, { headers: { cookie: secretary.cookie } });
    const list = await (await get("/trajecten")).text();
    const trail = /href="(\/trajecten\/(?!nieuw")[^"/?]+)"/.exec(list)![1]!;
    const heavy = ["/overzicht", "/trajecten", `${trail}/statusbrief.pdf`];
    const statuses: number[] = [];
    let slowest = 0;
    let loading = true;
    const clients = Array.from({ length: 4 }, async (_, c) => {
      for (let i = c; loading; i++) {
        const started = performance.now();
        const response = await get(heavy[i % heavy.length]!);
        await response.arrayBuffer();
        statuses.push(response.status);
        slowest = Math.max(slowest, performance.now() - started);
      }
    });
    const waits: number[] = [];
    const until = Date.now() + 4_000;
    while (Date.now() < until) {
      const started = performance.now();
      const health = await fetch(`${server!.base}/health`);
      expect(health.status).toBe(200);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    loading = false;
    await Promise.all(clients);
    waits.sort((a, b) => a - b);
    expect(statuses.length).toBeGreaterThan(heavy.length);
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Loose bounds for a shared, possibly busy test machine (the bench's goal is 200 ms at the 99th percentile): most
    // checks answer at once, and none waits longer than the slowest heavy page took as a whole (a handler that held
    // the event loop for several requests' worth would make it wait longer). Beside stress-ng one check waited 4 s.
    const seen = `health check waits: ${waits.map(Math.round).join(", ")}; slowest page ${Math.round(slowest)} ms`;
    expect(waits[Math.floor(waits.length / 2)]!, seen).toBeLessThan(500);
    expect(waits.at(-1)!, seen).toBeLessThan(Math.max(slowest, 1_000));
  });

  it("on SIGTERM finishes the request in flight, refuses new ones, and exits 0", { timeout: 90_000 }, async () => {
    const running = server!;
    // A request in flight: the headers are sent, the body not yet.
    const socket = net.connect(running.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const body = "email=x%40h10.example&password=nee";
    socket.write(
      `POST /inloggen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));

    running.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // No new connections once shutting down.
    await expect(fetch(`${running.base}/health`)).rejects.toThrow();
    // The request in flight completes with a real answer.
    socket.write(body);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 (4\d\d|200|30\d)/);
    expect(await running.exited).toBe(0);
    expect(logLines(running.output()).map((l) => l.msg)).toEqual(
      expect.arrayContaining(["Shutting down: finishing requests in flight", "Stopped"]),
    );
  });

  it("after an upgrade, listens first and then rewrites the trail summaries of the older version", async () => {
    // The stopped server's database, as an older version left it.
    const db = new Database(path.join(dataDir, "h10.db"));
    const stale = db.prepare("UPDATE Trail SET summaryVersion = 0").run().changes;
    db.close();
    expect(stale).toBeGreaterThanOrEqual(4);
    server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: "ops-wachtwoord-h10" }));
    expect((await fetch(`${server.base}/health`)).status).toBe(200);
    await expect
      .poll(() => logLines(server!.output()).find((l) => l.msg === "Trail summaries rewritten"), { timeout: 30_000 })
      .toMatchObject({ trails: stale });
    // The server said it was listening before the rewrite began.
    const output = server.output();
    expect(output.indexOf("is running at")).toBeGreaterThanOrEqual(0);
    expect(output.indexOf("is running at")).toBeLessThan(output.indexOf("Trail summaries rewritten"));
    const check = new Database(path.join(dataDir, "h10.db"), { readonly: true });
    const left = check.prepare("SELECT COUNT(*) AS n FROM Trail WHERE summaryVersion < ?").get(SUMMARY_VERSION) as {
      n: number;
    };
    check.close();
    expect(left.n).toBe(0);
  });
});
