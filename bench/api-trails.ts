/**
 * Benchmark (not a test): `npx tsx bench/api-trails.ts`.
 *
 * Does page 1 of /api/v1/trails cost the same with 10,000 trails as with 100? In a fresh data directory (SQLite)
 * with the seeded region, it starts BENCH_SEED_TRAILS GR amendments (default 20) through the real model functions
 * (startTrail, the draft sent to every council: receipts, deadlines, snapshot) and copies them in bulk up to 100
 * trails. It calls the route's loader in this process with a real API token (no HTTP: the same for both sizes) and
 * takes the median of BENCH_RUNS runs of page 1 (limit 50), then copies up to BENCH_TRAILS trails (default 10,000)
 * and measures again. It prints both medians, their ratio, and the time to walk every page (limit 200) by `next`.
 */
import { performance } from "node:perf_hooks";
import { cloneTrails, seedRealTrails } from "./real-trails.ts";

const SEED = Number(process.env.BENCH_SEED_TRAILS ?? 20);
const SMALL = 100;
const LARGE = Number(process.env.BENCH_TRAILS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const { prisma, secretary, templates } = await seedRealTrails(SEED);
const { createApiToken } = await import("../app/models/api-token.server.ts");
const { loader } = await import("../app/routes/api.v1.trails.ts");
const { token } = await createApiToken(secretary.id, "bench", { actor: secretary, origin: "127.0.0.1" });

/** Copies the real trails in bulk until there are `total` trails. */
async function fillTo(total: number) {
  await cloneTrails(prisma, templates, total - (await prisma.trail.count()), {
    reference: "BENCH-COPY",
    participants: true,
    // Spread over the years, so the newest-first page is not simply the last rows written.
    startedAt: (n) => new Date(Date.UTC(2000 + (n % 26), n % 12, 1 + (n % 28))),
  });
}

async function get(query: string) {
  const request = new Request(`http://127.0.0.1/api/v1/trails${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const response = await loader({ request, params: {}, context: {} });
  if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
  return (await response.json()) as { trails: unknown[]; next: string | null };
}

async function measure(label: string) {
  const total = await prisma.trail.count();
  for (let i = 0; i < 10; i++) await get(""); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await get("");
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  // Every page, by next.
  const start = performance.now();
  let seen = 0;
  let pages = 0;
  for (let next: string | null = null; pages === 0 || next; pages++) {
    const page = await get(`?limit=200${next ? `&next=${encodeURIComponent(next)}` : ""}`);
    seen += page.trails.length;
    next = page.next;
  }
  const walk = performance.now() - start;
  if (seen !== total) throw new Error(`walked ${seen} of ${total} trails`);
  console.log(
    `${label}: ${total} trails: page 1 (50) median ${median.toFixed(1)} ms (p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms); ` +
      `all ${pages} pages of 200 in ${walk.toFixed(0)} ms (${(walk / pages).toFixed(1)} ms a page)`,
  );
  return median;
}

await fillTo(SMALL);
const baseline = await measure("baseline");
await fillTo(LARGE);
const large = await measure("large");
console.log(`ratio page 1 large/baseline: ${(large / baseline).toFixed(2)}`);
await prisma.$disconnect();
