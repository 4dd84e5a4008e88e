/**
 * Benchmark (not a test): `npx tsx bench/ical.ts`.
 *
 * Does the secretary's calendar feed cost the same with 10,000 trails as with 100? In a fresh data directory
 * (SQLite) with the seeded region, it starts BENCH_SEED_TRAILS GR amendments (default 5) through the real model
 * functions (the draft sent to every council: its deadlines), then copies trails with their deadlines in bulk up
 * to 100 open trails. Each copy's deadlines fall in the year before or after today, so most of them are in the
 * feed's window. It times the whole feed written anew (validators and text, the median of BENCH_RUNS runs), the
 * same feed asked for again without validators (the copy kept by its ETag) and a repeated poll that ends in 304
 * (validators only), then copies up to BENCH_TRAILS trails (default 10,000) and measures again. It prints time,
 * size and events of both, and the ratios.
 */
import { performance } from "node:perf_hooks";
import { cloneTrails, seedRealTrails } from "./real-trails.ts";

const SEED = Number(process.env.BENCH_SEED_TRAILS ?? 5);
const SMALL = 100;
const LARGE = Number(process.env.BENCH_TRAILS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DAY = 86_400_000;

const { prisma, secretary, templates } = await seedRealTrails(SEED);
const { forgetWrittenFeeds, openCalendarFeed, rotateCalendarToken } =
  await import("../app/models/calendar-feed.server.ts");
const token = await rotateCalendarToken(secretary);
const origin = "http://127.0.0.1";

/** Copies the seeded trails with their deadlines (no participants: the feed does not read them) up to `total`. */
async function fillTo(total: number) {
  await cloneTrails(prisma, templates, total - (await prisma.trail.count()), {
    reference: "ICAL-COPY",
    deadlines: (n, i) => ({ dueAt: new Date(Date.now() + (((n * 37 + i * 11) % 730) - 365) * DAY) }),
  });
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function measure(label: string) {
  const trails = await prisma.trail.count();
  let text = "";
  const full: number[] = [];
  const kept: number[] = [];
  const poll: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    forgetWrittenFeeds();
    let start = performance.now();
    const feed = (await openCalendarFeed(token, origin))!;
    text = await new Response(feed.body()).text();
    if (i > 0) full.push(performance.now() - start); // the first run warms up
    start = performance.now();
    const copy = await new Response((await openCalendarFeed(token, origin))!.body()).text();
    if (copy !== text) throw new Error("the kept feed differs from the written one");
    if (i > 0) kept.push(performance.now() - start);
    start = performance.now();
    const again = (await openCalendarFeed(token, origin))!;
    if (again.etag !== feed.etag) throw new Error("the ETag moved without a write");
    if (i > 0) poll.push(performance.now() - start);
  }
  const result = {
    full: median(full),
    kept: median(kept),
    poll: median(poll),
    bytes: Buffer.byteLength(text),
    events: text.split("BEGIN:VEVENT").length - 1,
  };
  console.log(
    `${label}: ${trails} trails: feed ${result.full.toFixed(1)} ms, ${(result.bytes / 1e6).toFixed(2)} MB, ` +
      `${result.events} events; asked again (kept copy) ${result.kept.toFixed(1)} ms; repeated poll (304) ` +
      `${result.poll.toFixed(1)} ms`,
  );
  return result;
}

await fillTo(SMALL);
const small = await measure("baseline");
await fillTo(LARGE);
const large = await measure("large");
console.log(
  `ratio large/baseline: feed ${(large.full / small.full).toFixed(2)}, size ${(large.bytes / small.bytes).toFixed(2)}, ` +
    `kept copy ${(large.kept / small.kept).toFixed(2)}, 304 ${(large.poll / small.poll).toFixed(2)}`,
);
await prisma.$disconnect();
