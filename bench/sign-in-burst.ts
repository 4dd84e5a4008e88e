/**
 * What a burst of wrong passwords does to everyone else's pages. The production server
 * (loopback, fresh data directory) serves the sign-in page to a "bystander" in a loop,
 * first on a quiet server (the baseline, measured in the same run), then while 20 wrong
 * sign-ins for 20 accounts arrive at once. Prints the bystander's latencies in both phases
 * and their ratio, and how long the burst took.
 *   npm run bench:sign-in            (BENCH_SKIP_BUILD=1 to reuse the build)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { visitor } from "../test/ops/http-client.ts";
import { serverEnv } from "../test/ops/server-process.ts";
import { startServer } from "./server.ts";

const BURST = 20;
const CLERKS = [
  "delft",
  "den-haag",
  "leidschendam-voorburg",
  "midden-delfland",
  "pijnacker-nootdorp",
  "rijswijk",
  "voorschoten",
  "wassenaar",
  "westland",
  "zoetermeer",
];
const emails = Array.from({ length: BURST }, (_, i) =>
  i < 10 ? `griffier.${CLERKS[i]}@h10.example` : `wethouder.${CLERKS[i - 10]}@h10.example`,
);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** The bystander: GET /inloggen (gzip, like a browser), one after the other, until told to stop. */
async function bystander(base: string, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const started = performance.now();
    const response = await fetch(`${base}/inloggen`, { headers: { "Accept-Encoding": "gzip" } });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return samples;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-signin-"));
const server = await startServer(serverEnv(dataDir));
try {
  const visitors = await Promise.all(emails.map(() => visitor(server.base)));
  // Warm up: the first renders compile and fill caches.
  await bystander(
    server.base,
    (() => {
      const end = Date.now() + 1500;
      return () => Date.now() > end;
    })(),
  );

  const quietEnd = Date.now() + 3000;
  const quiet = summary(await bystander(server.base, () => Date.now() > quietEnd));

  let burstDone = false;
  const burstStarted = performance.now();
  const burst = Promise.all(
    emails.map((email, i) =>
      fetch(`${server.base}/inloggen`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: visitors[i]!.cookie },
        body: new URLSearchParams({ csrf: visitors[i]!.csrf, email, password: `fout-${i}` }),
      }).then((r) => r.status),
    ),
  ).then((statuses) => {
    burstDone = true;
    return { statuses, ms: performance.now() - burstStarted };
  });
  const during = summary(await bystander(server.base, () => burstDone));
  const { statuses, ms } = await burst;

  const row = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(16)} n=${String(s.n).padStart(4)}  p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95
      .toFixed(1)
      .padStart(7)} ms  max ${s.max.toFixed(1).padStart(7)} ms`;
  console.log(`Bystander GET /inloggen, before and during ${BURST} concurrent wrong sign-ins`);
  console.log(row("quiet (baseline)", quiet));
  console.log(row("during burst", during));
  console.log(
    `ratio to baseline: p50 ×${(during.p50 / quiet.p50).toFixed(1)}, p95 ×${(during.p95 / quiet.p95).toFixed(1)}, max ×${(
      during.max / quiet.max
    ).toFixed(1)}`,
  );
  const counts = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  console.log(`burst: ${ms.toFixed(0)} ms for ${BURST} sign-ins; answers ${JSON.stringify(counts)}`);
} finally {
  server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
