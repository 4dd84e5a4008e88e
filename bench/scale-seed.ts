/**
 * The scale benchmark's data (bench/scale.ts runs it as a child process): `tsx bench/scale-seed.ts <total>` grows the
 * database of DATA_DIR (or DATABASE_URL, SQLite or PostgreSQL) to <total> trails and prints JSON on stdout.
 *
 * On an empty database it seeds the region and BENCH_SCALE_TEMPLATES (default 12) GR amendments through the real
 * model functions (bench/real-trails.ts: started, the draft sent to every council), and has the councils give their
 * zienswijze through logPosition: template i gets one from all but (i % 4) of its councils, so some trails wait
 * for councils and some are the secretary's to process. Each run then copies the templates set-based in SQL (one
 * INSERT … SELECT per table) until there are <total> trails: the trail with its participants, deadlines,
 * positions, events, notifications and followers, every date moved by the same number of days (between 670 days
 * back and 60 ahead), so the copies spread over two years around today. A copy's deadlines that have passed were
 * met (on the day): otherwise the server's first housekeeping round would have to create a reminder for each of
 * tens of thousands of overdue deadlines, one at a time, before it listens (seen at 10,000 trails: about 200 a
 * second, for minutes); a region that ran for two years has had those reminders already. The copies' audit
 * events get their own hashes but form no valid chain (a throwaway database); notifications older than a month
 * are read, and those past the retention are purged. The copies' list columns are then written from their
 * snapshots, as a server's start would.
 *
 * It prints the id of a template trail (for the trail page and its status brief), a fresh API token of the
 * secretary and fresh calendar feed tokens of Delft's clerk and the secretary.
 */
import { performance } from "node:perf_hooks";

const total = Number(process.argv[2]);
if (!Number.isInteger(total) || total < 1) throw new Error("usage: tsx bench/scale-seed.ts <total trails>");
const TEMPLATES = Number(process.env.BENCH_SCALE_TEMPLATES ?? 12);
const started = performance.now();

// bench/real-trails.ts points the process at a fresh SQLite data directory before it loads the app; loading the
// environment and the client first keeps this run on the database it was given (both are cached per process).
const { getEnv } = await import("../app/utils/env.server.ts");
const env = getEnv();
const { isPostgres, prisma } = await import("../app/utils/db.server.ts");
const postgres = isPostgres(env.DATABASE_URL);

let templateIds = (
  await prisma.trail
    .findMany({ where: { reference: { startsWith: "BENCH-" } }, select: { id: true }, orderBy: { reference: "asc" } })
    .catch(() => [])
).map((t) => t.id);

if (!templateIds.length) {
  const given = { dataDir: process.env.DATA_DIR, password: process.env.DEMO_PASSWORD };
  const { seedRealTrails } = await import("./real-trails.ts");
  const seeded = await seedRealTrails(TEMPLATES);
  // seedRealTrails made a data directory of its own, unused here: remove it, restore ours.
  const fs = await import("node:fs");
  if (process.env.DATA_DIR && process.env.DATA_DIR !== given.dataDir)
    fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
  process.env.DATA_DIR = given.dataDir;
  process.env.DEMO_PASSWORD = given.password;
  templateIds = seeded.templates;
  const { logPosition } = await import("../app/models/position.server.ts");
  const clerks = await prisma.user.findMany({ where: { role: "CLERK" } });
  for (const [i, trailId] of templateIds.entries()) {
    const participants = await prisma.trailParticipant.findMany({
      where: { trailId },
      orderBy: { municipalityId: "asc" },
    });
    for (const participant of participants.slice(0, participants.length - (i % 4))) {
      const clerk = clerks.find((c) => c.municipalityId === participant.municipalityId)!;
      const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
      const logged = await logPosition(
        {
          trailId,
          expectedRevision: revision,
          municipalityId: participant.municipalityId,
          body: "COUNCIL",
          kind: "ZIENSWIJZE",
          text: `De raad geeft zijn zienswijze op het ontwerp (benchtraject ${i}).`,
          meetingDate: "2026-11-20",
        },
        { id: clerk.id, role: clerk.role, municipalityId: clerk.municipalityId },
      );
      if (!logged.ok) throw new Error(`logPosition: ${logged.code}`);
    }
  }
}
const seededAt = performance.now();

/** The same date moved by the clone's shift (in days), on either engine. */
const moved = (column: string) =>
  postgres
    ? `${column} + s.shift * interval '1 day'`
    : `strftime('%Y-%m-%dT%H:%M:%f+00:00', ${column}, s.shift || ' days')`;
/** Now, comparable with a stored date. */
const now = postgres ? "now()" : "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')";
/** A copy's id: the clone's number and the template row's id. */
const cloneId = (column: string) => `'scale-' || CAST(s.n AS TEXT) || '-' || ${column}`;

const existing = await prisma.trail.count();
const missing = total - existing;
if (missing > 0) {
  const first = (await prisma.trail.count({ where: { reference: { startsWith: "SCALE-" } } })) + 1;
  const last = first + missing - 1;
  await prisma.$transaction(
    async (tx) => {
      const run = (sql: string, ...values: unknown[]) => tx.$executeRawUnsafe(sql, ...values);
      await run(`CREATE TEMP TABLE scale_source (i INTEGER PRIMARY KEY, id TEXT NOT NULL)`);
      await run(`CREATE TEMP TABLE scale_clone (n INTEGER PRIMARY KEY, src TEXT NOT NULL, shift INTEGER NOT NULL)`);
      for (const [i, id] of templateIds.entries())
        await run(`INSERT INTO scale_source (i, id) VALUES (${postgres ? "$1, $2" : "?, ?"})`, i, id);
      const numbers = postgres
        ? `SELECT n FROM generate_series(${first}, ${last}) AS g(n)`
        : `WITH RECURSIVE g(n) AS (SELECT ${first} UNION ALL SELECT n + 1 FROM g WHERE n < ${last}) SELECT n FROM g`;
      await run(
        `INSERT INTO scale_clone (n, src, shift)
         SELECT g.n, t.id, 60 - ((g.n * 37) % 730) FROM (${numbers}) g
         JOIN scale_source t ON t.i = g.n % ${templateIds.length}`,
      );
      await run(
        `INSERT INTO "Trail" (id, kind, title, reference, summary, state, snapshot, "machineVersion", revision,
           "startedAt", "closedAt", "createdById", "createdAt", "updatedAt")
         SELECT 'scale-' || CAST(s.n AS TEXT), t.kind, 'Kopie ' || CAST(s.n AS TEXT) || ' van ' || t.title,
           'SCALE-' || CAST(s.n AS TEXT), t.summary, t.state, t.snapshot, t."machineVersion", t.revision,
           ${moved('t."startedAt"')}, ${moved('t."closedAt"')}, t."createdById", ${moved('t."createdAt"')},
           ${moved('t."updatedAt"')}
         FROM scale_clone s JOIN "Trail" t ON t.id = s.src`,
      );
      await run(
        `INSERT INTO "TrailParticipant" ("trailId", "municipalityId", "receivedAt")
         SELECT 'scale-' || CAST(s.n AS TEXT), p."municipalityId", ${moved('p."receivedAt"')}
         FROM scale_clone s JOIN "TrailParticipant" p ON p."trailId" = s.src`,
      );
      await run(
        `INSERT INTO "Deadline" (id, "trailId", "municipalityId", kind, label, "dueAt", basis, "extendedFrom", "metAt",
           "createdAt")
         SELECT ${cloneId("d.id")}, 'scale-' || CAST(s.n AS TEXT), d."municipalityId", d.kind, d.label,
           ${moved('d."dueAt"')}, d.basis, ${moved('d."extendedFrom"')},
           CASE WHEN d."metAt" IS NULL AND ${moved('d."dueAt"')} >= ${now} THEN NULL ELSE ${moved('d."dueAt"')} END,
           ${moved('d."createdAt"')}
         FROM scale_clone s JOIN "Deadline" d ON d."trailId" = s.src`,
      );
      await run(
        `INSERT INTO "Position" (id, "trailId", "bodyId", "municipalityId", kind, text, "meetingDate", "votesFor",
           "votesAgainst", "votesAbstained", "legalGround", "decisionReference", "partyVotes", "workflowEvent",
           "supersedesId", "correctionReason", "loggedById", "loggedAt", "awaitingProcessing")
         SELECT ${cloneId("p.id")}, 'scale-' || CAST(s.n AS TEXT), p."bodyId", p."municipalityId", p.kind, p.text,
           ${moved('p."meetingDate"')}, p."votesFor", p."votesAgainst", p."votesAbstained", p."legalGround",
           p."decisionReference", p."partyVotes", p."workflowEvent",
           CASE WHEN p."supersedesId" IS NULL THEN NULL ELSE ${cloneId('p."supersedesId"')} END,
           p."correctionReason", p."loggedById", ${moved('p."loggedAt"')}, p."awaitingProcessing"
         FROM scale_clone s JOIN "Position" p ON p."trailId" = s.src`,
      );
      await run(
        `INSERT INTO "Event" ("trailId", "actorId", "actorRole", "municipalityId", type, payload, "resultingState",
           "createdAt", "prevHash", hash)
         SELECT 'scale-' || CAST(s.n AS TEXT), e."actorId", e."actorRole", e."municipalityId", e.type, e.payload,
           e."resultingState", ${moved('e."createdAt"')}, ${cloneId('e."prevHash"')}, ${cloneId("e.hash")}
         FROM scale_clone s JOIN "Event" e ON e."trailId" = s.src
         ORDER BY s.n, e.sequence`,
      );
      await run(
        `INSERT INTO "Notification" (id, "userId", "trailId", kind, "values", "createdAt", "readAt", "emailedAt",
           "dedupeKey")
         SELECT ${cloneId("o.id")}, o."userId", 'scale-' || CAST(s.n AS TEXT), o.kind, o."values",
           ${moved('o."createdAt"')},
           CASE WHEN o."readAt" IS NULL AND s.shift >= -30 THEN NULL ELSE ${moved('o."createdAt"')} END,
           ${moved('o."emailedAt"')},
           CASE WHEN o."dedupeKey" IS NULL THEN NULL ELSE ${cloneId('o."dedupeKey"')} END
         FROM scale_clone s JOIN "Notification" o ON o."trailId" = s.src`,
      );
      await run(
        `INSERT INTO "TrailFollow" ("userId", "trailId", "createdAt")
         SELECT f."userId", 'scale-' || CAST(s.n AS TEXT), ${moved('f."createdAt"')}
         FROM scale_clone s JOIN "TrailFollow" f ON f."trailId" = s.src`,
      );
      await run(`DROP TABLE scale_clone`);
      await run(`DROP TABLE scale_source`);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  // The copies' list columns (progress, each council's standing, the inbox date, awaiting processing), from their
  // snapshots and rows, as the server's start would write them; written here so the server starts at once.
  const { refreshStaleSummaries } = await import("../app/models/trail-summary.server.ts");
  await refreshStaleSummaries();
  // The copies' search entries (trails, positions, documents), as the server's backfill would write them after it
  // starts; written here so it does not run beside the measurements.
  const { indexMissing } = await import("../app/models/search.server.ts");
  await indexMissing();
  // The retention a running server applies every hour (notification.server.ts): the copies moved up to 670 days
  // back carry notifications past it. Left to the server's first round, their purge ran beside the first pages
  // measured (at 10,000 trails: 219 batches of DELETEs, 3.4 s of SQL in the first seconds).
  const { deleteOldNotifications } = await import("../app/models/notification.server.ts");
  await deleteOldNotifications();
  // The copies' rows of the running counts (tally.server.ts: one per copied row the triggers counted) folded into
  // one per key, as the server's hourly round does.
  const { compactTallies } = await import("../app/models/tally.server.ts");
  await compactTallies();
  // Fresh statistics for the planner, and on PostgreSQL the visibility map that lets a count read the index alone, as
  // a database that grew over time has them (autovacuum keeps both; right after the copy it has not run yet, so a
  // count over the copied rows visited every row's table page as well).
  await prisma.$executeRawUnsafe(postgres ? "VACUUM (ANALYZE)" : "PRAGMA optimize");
  if (!postgres) await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

// Fresh tokens every run (only their hashes are stored).
const { createApiToken } = await import("../app/models/api-token.server.ts");
const { rotateCalendarToken } = await import("../app/models/calendar-feed.server.ts");
const user = async (email: string) => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, municipalityId: u.municipalityId, name: u.name };
};
const secretary = await user("secretaris@h10.example");
const clerk = await user("griffier.delft@h10.example");
const { token: apiToken } = await createApiToken(secretary.id, "scale-bench", {
  actor: secretary,
  origin: "127.0.0.1",
});
const result = {
  trails: await prisma.trail.count(),
  trailId: templateIds[0]!,
  /** The demo's GR amendment: a raadsvoorstel sent to the councils, positions on it, amounts. */
  amendmentId: (await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } })).id,
  apiToken,
  calendar: { clerk: await rotateCalendarToken(clerk), secretary: await rotateCalendarToken(secretary) },
  seedSeconds: Math.round((seededAt - started) / 100) / 10,
  cloneSeconds: Math.round((performance.now() - seededAt) / 100) / 10,
};
await prisma.$disconnect();
process.stdout.write(JSON.stringify(result));
