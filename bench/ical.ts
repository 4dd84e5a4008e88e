/**
 * Benchmark (not a test): `npx tsx bench/ical.ts`.
 *
 * Does the secretary's calendar feed cost the same with 10,000 trails as with 100? In a fresh data directory
 * (SQLite) with the seeded region, it starts BENCH_SEED_TRAILS GR amendments (default 5) through the real model
 * functions (the draft sent to every council: its deadlines), then copies trails with their deadlines in bulk up
 * to 100 open trails. Each copy's deadlines fall in the year before or after today, so most of them are in the
 * feed's window. It times the whole feed (validators and text, the median of BENCH_RUNS runs) and a repeated poll
 * that ends in 304 (validators only), then copies up to BENCH_TRAILS trails (default 10,000) and measures again.
 * It prints time, size and events of both, and the ratios.
 */
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { useBenchDataDir } from "./pdf-brief.ts";

const SEED = Number(process.env.BENCH_SEED_TRAILS ?? 5);
const SMALL = 100;
const LARGE = Number(process.env.BENCH_TRAILS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DAY = 86_400_000;

useBenchDataDir();
const { applyMigrations } = await import("../prisma/schema-engine.ts");
const { getEnv } = await import("../app/utils/env.server.ts");
const { prepareDatabase, prisma } = await import("../app/utils/db.server.ts");
const { seedIfEmpty } = await import("../prisma/seed-region.ts");
const { sentAmendment } = await import("./sent-amendment.ts");
const { openCalendarFeed, rotateCalendarToken } = await import("../app/models/calendar-feed.server.ts");

await applyMigrations(getEnv().DATABASE_URL);
await prepareDatabase(prisma);
await seedIfEmpty({ demoPassword: getEnv().DEMO_PASSWORD });
const user = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARY" } });
const secretary = { id: user.id, role: user.role, municipalityId: null, name: user.name };
const token = await rotateCalendarToken(secretary);
const origin = "http://127.0.0.1";

const templates: string[] = [];
for (let i = 0; i < SEED; i++) {
  templates.push(
    await sentAmendment(secretary, {
      title: `Benchtraject ${i}`,
      reference: `ICAL-${i}`,
      startedOn: "2026-10-01",
      sentOn: "2026-11-02",
    }),
  );
}
const sources = await prisma.trail.findMany({ where: { id: { in: templates } }, include: { deadlines: true } });

let copies = 0;
/** Copies the seeded trails (without participants, which the feed does not read) up to `total` trails. */
async function fillTo(total: number) {
  for (let missing = total - (await prisma.trail.count()); missing > 0;) {
    const batch = Array.from({ length: Math.min(250, missing) }, () => {
      copies += 1;
      return { source: sources[copies % sources.length]!, id: crypto.randomUUID(), n: copies };
    });
    await prisma.$transaction([
      prisma.trail.createMany({
        data: batch.map(({ source, id, n }) => ({
          id,
          kind: source.kind,
          title: `Kopie ${n} van ${source.title}`,
          reference: `ICAL-COPY-${n}`,
          state: source.state,
          snapshot: source.snapshot,
          machineVersion: source.machineVersion,
          startedAt: source.startedAt,
        })),
      }),
      prisma.deadline.createMany({
        data: batch.flatMap(({ source, id, n }) =>
          source.deadlines.map((d, i) => ({
            trailId: id,
            municipalityId: d.municipalityId,
            kind: d.kind,
            label: d.label,
            basis: d.basis,
            extendedFrom: d.extendedFrom,
            dueAt: new Date(Date.now() + (((n * 37 + i * 11) % 730) - 365) * DAY),
          })),
        ),
      }),
    ]);
    missing -= batch.length;
  }
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function measure(label: string) {
  const trails = await prisma.trail.count();
  let text = "";
  const full: number[] = [];
  const poll: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    let start = performance.now();
    const feed = (await openCalendarFeed(token, origin))!;
    text = await feed.body();
    if (i > 0) full.push(performance.now() - start); // the first run warms up
    start = performance.now();
    const again = (await openCalendarFeed(token, origin))!;
    if (again.etag !== feed.etag) throw new Error("the ETag moved without a write");
    if (i > 0) poll.push(performance.now() - start);
  }
  const result = {
    full: median(full),
    poll: median(poll),
    bytes: Buffer.byteLength(text),
    events: text.split("BEGIN:VEVENT").length - 1,
  };
  console.log(
    `${label}: ${trails} trails: feed ${result.full.toFixed(1)} ms, ${(result.bytes / 1e6).toFixed(2)} MB, ` +
      `${result.events} events; repeated poll (304) ${result.poll.toFixed(1)} ms`,
  );
  return result;
}

await fillTo(SMALL);
const small = await measure("baseline");
await fillTo(LARGE);
const large = await measure("large");
console.log(
  `ratio large/baseline: feed ${(large.full / small.full).toFixed(2)}, size ${(large.bytes / small.bytes).toFixed(2)}, ` +
    `304 ${(large.poll / small.poll).toFixed(2)}`,
);
await prisma.$disconnect();
