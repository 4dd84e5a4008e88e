/**
 * Benchmark (not a test): `npx tsx bench/dashboard.ts`.
 *
 * Does the alderman's dashboard cost the same with 10,000 open trails as with 100? In a fresh data directory
 * (SQLite) with the seeded region, it starts BENCH_SEED_TRAILS GR amendments (default 20) through the real model
 * functions (startTrail, the draft sent to every council: deadlines, receipts, snapshot) and copies them in bulk
 * up to 100 open trails, plus as many closed ones (history). It measures the dashboard of Delft's alderman in
 * this process (the median of BENCH_RUNS runs), then copies up to BENCH_TRAILS open trails (default 10,000) and
 * as many closed, and measures again. It prints both medians and their ratio: the baseline is the run at 100
 * trails in the same process, so the shared machine's noise cancels out as far as it can.
 */
import { performance } from "node:perf_hooks";
import { cloneTrails, seedRealTrails } from "./real-trails.ts";

const SEED = Number(process.env.BENCH_SEED_TRAILS ?? 20);
const SMALL = 100;
const LARGE = Number(process.env.BENCH_TRAILS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const { prisma, templates } = await seedRealTrails(SEED);
const { aldermanDashboard } = await import("../app/models/alderman-dashboard.server.ts");
const delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;

/** Copies the real trails in bulk until there are `open` open trails and as many closed ones. */
async function fillTo(open: number) {
  const missing = open - (await prisma.trail.count({ where: { closedAt: null } }));
  for (const closed of [false, true]) {
    await cloneTrails(prisma, templates, missing, {
      reference: "BENCH-COPY",
      participants: true,
      // Spread over the years, so the newest-first page is not simply the last rows written.
      startedAt: (n) => new Date(Date.UTC(2000 + (n % 26), n % 12, 1 + (n % 28))),
      closedAt: (n) => (closed ? new Date(Date.UTC(2000 + (n % 26), 11, 31)) : null),
      // Deadlines spread over the years around today; closed trails' deadlines were met.
      deadlines: (n) => ({
        dueAt: new Date(Date.UTC(2000 + (n % 30), n % 12, 1 + (n % 28))),
        metAt: closed ? new Date(Date.UTC(2000 + (n % 30), n % 12, 1)) : null,
      }),
    });
  }
}

async function measure(label: string) {
  const total = await prisma.trail.count();
  const open = await prisma.trail.count({ where: { closedAt: null } });
  for (let i = 0; i < 20; i++) await aldermanDashboard(delft); // warm up
  const times: number[] = [];
  let result: Awaited<ReturnType<typeof aldermanDashboard>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await aldermanDashboard(delft);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label}: ${open} open / ${total} trails: median ${median.toFixed(1)} ms (p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms), ` +
      `${result!.rows.length} rows on the page, ${result!.upcoming.length} upcoming, ${result!.own!.toDo.length}${result!.own!.more ? "+" : ""} open for Delft`,
  );
  return median;
}

await fillTo(SMALL);
const baseline = await measure("baseline");
await fillTo(LARGE);
const large = await measure("large");
console.log(`ratio large/baseline: ${(large / baseline).toFixed(2)}`);
await prisma.$disconnect();
