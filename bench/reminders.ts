/**
 * Benchmark (not a test): `npm run bench:reminders`.
 *
 * Does the hourly deadline-reminder round leave the server responsive with 10,000 trails? In a fresh data
 * directory (SQLite) with the seeded region, it starts BENCH_SEED_TRAILS GR amendments (default 20) through the
 * real model functions (the draft sent to every council: deadlines; the secretary follows them) and copies them
 * with their followers and deadlines up to 100 trails, then BENCH_TRAILS (default 10,000). At each size it runs
 * a round on the day after the last deadline (every open deadline is overdue, so every reminder is new), the same
 * round again (nothing new: the hourly steady state), and, on the same data after deleting the reminders, the
 * former round (one findMany of every deadline, one INSERT a reminder; BENCH_OLD=0 skips it at the large size).
 * It prints rows created, the round's time and the longest event-loop block during it (the largest gap of a 1 ms
 * timer, the most CPU time the process used within one gap, and perf_hooks' event-loop delay) against the same
 * timer's longest gap while idle as long (the machine's scheduling noise), the bytes a reminder row takes with
 * its indexes and as text, and the ratios new/former.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { cloneTrails, seedRealTrails } from "./real-trails.ts";

const SEED = Number(process.env.BENCH_SEED_TRAILS ?? 20);
const SMALL = 100;
const LARGE = Number(process.env.BENCH_TRAILS ?? 10_000);
const OLD_AT_LARGE = process.env.BENCH_OLD !== "0";
const DAY = 86_400_000;

const { prisma, templates } = await seedRealTrails(SEED);
const { remindOfDeadlines } = await import("../app/models/notification.server.ts");
const { Prisma } = await import("../app/generated/prisma/client.ts");
const { canonicalJson } = await import("../app/utils/canonical-json.ts");
const { fromDateInputValue, toDateInputValue } = await import("../app/utils/format.ts");
const { MILESTONE_KINDS } = await import("~workflows/deadlines.ts");
const { addDays } = await import("~workflows/shared/dates.ts");

/** The round as it was before issue 17 (commit 71bc6be), kept here as the baseline. */
async function formerRound(now: Date): Promise<number> {
  const today = toDateInputValue(now);
  const deadlines = await prisma.deadline.findMany({
    where: {
      metAt: null,
      kind: { notIn: [...MILESTONE_KINDS] },
      dueAt: { lte: fromDateInputValue(addDays(today, 7)) },
      trail: { closedAt: null },
    },
    include: {
      trail: { select: { title: true, followers: { select: { userId: true } } } },
      municipality: {
        select: { name: true, users: { where: { role: "CLERK", disabledAt: null }, select: { id: true } } },
      },
    },
  });
  const wanted = deadlines.flatMap((d) => {
    const dueOn = toDateInputValue(d.dueAt);
    const kind = dueOn < today ? "deadlineOverdue" : "deadlineDueSoon";
    const dedupeKey = [kind, d.trailId, d.kind, d.kind === "target" ? d.label : "", d.municipalityId ?? "", dueOn].join(
      "|",
    );
    const users = new Set([
      ...d.trail.followers.map((f) => f.userId),
      ...(d.municipality?.users.map((u) => u.id) ?? []),
    ]);
    const values = canonicalJson({
      trail: d.trail.title,
      deadline: d.kind,
      label: d.label,
      municipality: d.municipality?.name ?? "",
      dueOn,
    });
    return [...users].map((userId) => ({ userId, trailId: d.trailId, kind, values, dedupeKey }));
  });
  if (!wanted.length) return 0;
  const existing = await prisma.notification.findMany({
    where: { dedupeKey: { in: [...new Set(wanted.map((w) => w.dedupeKey))] } },
    select: { userId: true, dedupeKey: true },
  });
  const have = new Set(existing.map((e) => `${e.userId}\n${e.dedupeKey}`));
  let created = 0;
  for (const row of wanted.filter((w) => !have.has(`${w.userId}\n${w.dedupeKey}`))) {
    try {
      await prisma.notification.create({ data: row });
      created += 1;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return created;
}

/** Bytes of the SQLite file in use (pages not on the free list): tables and indexes. */
async function usedBytes(): Promise<number> {
  const [pages] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(
    "SELECT page_count AS n FROM pragma_page_count",
  );
  const [free] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(
    "SELECT freelist_count AS n FROM pragma_freelist_count",
  );
  const [size] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>("SELECT page_size AS n FROM pragma_page_size");
  return (Number(pages!.n) - Number(free!.n)) * Number(size!.n);
}

interface Round {
  rows: number;
  ms: number;
  block: number;
  blockCpu: number;
  delay: number;
  bytesPerRow: number;
}

/**
 * A 1 ms timer; `stop` returns the longest gap between its turns (and since the last one), in ms, and the
 * most CPU time the process used within one gap: on a shared machine a gap also counts time the process waited
 * for a core, the CPU time only the work that held the event loop (all threads, so it can only be more).
 */
function gapProbe() {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let gap = 0;
  let cpu = 0;
  const tick = () => {
    const at = performance.now();
    const used = process.cpuUsage(lastCpu);
    gap = Math.max(gap, at - last);
    cpu = Math.max(cpu, (used.user + used.system) / 1000);
    last = at;
    lastCpu = process.cpuUsage();
  };
  const timer = setInterval(tick, 1);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { gap, cpu };
    },
  };
}

/** Runs one round with the probe and perf_hooks watching the event loop. */
async function timed(run: () => Promise<number>): Promise<Round> {
  const before = await usedBytes();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const probe = gapProbe();
  histogram.enable();
  const start = performance.now();
  const rows = await run();
  const end = performance.now();
  histogram.disable();
  const { gap: block, cpu: blockCpu } = probe.stop();
  const bytesPerRow = rows ? ((await usedBytes()) - before) / rows : 0;
  return { rows, ms: end - start, block, blockCpu, delay: histogram.max / 1e6, bytesPerRow };
}

const show = (r: Round) =>
  `${r.rows} rows in ${(r.ms / 1000).toFixed(2)} s, longest block ${r.block.toFixed(0)} ms (CPU in one block at most ` +
  `${r.blockCpu.toFixed(0)} ms; event-loop delay max ${r.delay.toFixed(0)} ms)${r.rows ? `, ${r.bytesPerRow.toFixed(0)} bytes a row with its indexes` : ""}`;

/** The probe's longest gap over `ms` while nothing runs: the shared machine's scheduling noise. */
async function idle(ms: number): Promise<number> {
  const probe = gapProbe();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return probe.stop().gap;
}

async function measure(label: string, former: boolean) {
  const trails = await prisma.trail.count();
  const deadlines = await prisma.deadline.count({ where: { metAt: null } });
  const last = await prisma.deadline.findFirstOrThrow({ orderBy: { dueAt: "desc" } });
  const now = new Date(last.dueAt.getTime() + DAY);
  const clear = () => prisma.notification.deleteMany({ where: { dedupeKey: { not: null } } });
  await clear();
  const fresh = await timed(() => remindOfDeadlines(now));
  const again = await timed(() => remindOfDeadlines(now));
  console.log(`${label}: ${trails} trails, ${deadlines} open deadlines`);
  console.log(`  batched round: ${show(fresh)}`);
  console.log(`  batched round again (nothing new): ${show(again)}`);
  const noise = await idle(Math.max(1000, fresh.ms));
  console.log(`  idle for as long (noise floor of the shared machine): longest gap ${noise.toFixed(0)} ms`);
  const [payload] = await prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT AVG(LENGTH("id") + LENGTH("userId") + LENGTH("trailId") + LENGTH("kind") + LENGTH("values") +
       LENGTH("dedupeKey") + LENGTH("createdAt")) AS n FROM "Notification" WHERE "dedupeKey" IS NOT NULL`,
  );
  console.log(`  a reminder row's text: ${Number(payload!.n).toFixed(0)} bytes on average`);
  if (!former) return;
  await clear();
  const old = await timed(() => formerRound(now));
  console.log(`  former one-by-one round: ${show(old)}`);
  console.log(
    `  ratio batched/former: time ${(fresh.ms / old.ms).toFixed(2)}, longest block ${(fresh.block / old.block).toFixed(3)}`,
  );
  if (old.rows !== fresh.rows) throw new Error(`the rounds disagree: ${fresh.rows} against ${old.rows} rows`);
}

const copyOptions = {
  reference: "REMIND-COPY",
  followers: true,
  deadlines: (_n: number, _i: number, d: { dueAt: Date }) => ({ dueAt: d.dueAt }),
};
await cloneTrails(prisma, templates, SMALL - (await prisma.trail.count()), copyOptions);
await measure("baseline", true);
await cloneTrails(prisma, templates, LARGE - (await prisma.trail.count()), copyOptions);
await measure("large", OLD_AT_LARGE);
await prisma.$disconnect();
