/**
 * The benches' fresh data directory, migrated and seeded, with `count` real GR amendments started through the
 * model functions and their draft sent to every council (the workflow writes their snapshot, receipts and
 * deadlines), as templates to copy in bulk with `cloneTrails`. Call it before importing any app module.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../app/utils/db.server.ts";
import { useBenchDataDir } from "./pdf-brief.ts";

export async function seedRealTrails(count: number) {
  useBenchDataDir();
  const { applyMigrations } = await import("../prisma/schema-engine.ts");
  const { getEnv } = await import("../app/utils/env.server.ts");
  const { prepareDatabase, prisma } = await import("../app/utils/db.server.ts");
  const { seedIfEmpty } = await import("../prisma/seed-region.ts");
  const { sentAmendment } = await import("./sent-amendment.ts");
  await applyMigrations(getEnv().DATABASE_URL);
  await prepareDatabase(prisma);
  await seedIfEmpty({ demoPassword: getEnv().DEMO_PASSWORD });
  const user = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARY" } });
  const secretary = { id: user.id, role: user.role, municipalityId: null, name: user.name };
  const templates: string[] = [];
  for (let i = 0; i < count; i++) {
    templates.push(
      await sentAmendment(secretary, {
        title: `Benchtraject ${i}`,
        reference: `BENCH-${i}`,
        startedOn: "2026-10-01",
        sentOn: "2026-11-02",
      }),
    );
  }
  return { prisma, secretary, templates };
}

type Source = Awaited<ReturnType<typeof loadSources>>[number];

function loadSources(prisma: PrismaClient, ids: string[]) {
  return prisma.trail.findMany({
    where: { id: { in: ids } },
    orderBy: { reference: "asc" },
    include: { participants: true, deadlines: { orderBy: { id: "asc" } }, followers: true },
  });
}

export interface CloneOptions {
  /** The copies' references start with it (references are unique). */
  reference: string;
  /** The n-th copy's start (default the source's). */
  startedAt?: (n: number, source: Source) => Date;
  /** The n-th copy's closing date (default open). */
  closedAt?: (n: number) => Date | null;
  /** Copies the councils taking part (their receipt dates). */
  participants?: boolean;
  /** Copies the followers. */
  followers?: boolean;
  /** Copies the deadlines, with the due (and met) date this returns for the n-th copy's i-th deadline. */
  deadlines?: (n: number, i: number, deadline: Source["deadlines"][number]) => { dueAt: Date; metAt?: Date | null };
}

let copies = 0;

/**
 * Adds `count` copies of the template trails (round robin), 250 a transaction, with what `options` asks for:
 * no workflow runs, so 10,000 trails take seconds. Copies are numbered across calls (n).
 */
export async function cloneTrails(prisma: PrismaClient, templates: string[], count: number, options: CloneOptions) {
  const sources = await loadSources(prisma, templates);
  for (let done = 0; done < count;) {
    const batch = Array.from({ length: Math.min(250, count - done) }, () => {
      copies += 1;
      return { source: sources[copies % sources.length]!, id: crypto.randomUUID(), n: copies };
    });
    await prisma.$transaction([
      prisma.trail.createMany({
        data: batch.map(({ source, id, n }) => ({
          id,
          kind: source.kind,
          title: `Kopie ${n} van ${source.title}`,
          reference: `${options.reference}-${n}`,
          state: source.state,
          snapshot: source.snapshot,
          machineVersion: source.machineVersion,
          startedAt: options.startedAt?.(n, source) ?? source.startedAt,
          closedAt: options.closedAt?.(n) ?? null,
        })),
      }),
      prisma.trailParticipant.createMany({
        data: options.participants
          ? batch.flatMap(({ source, id }) =>
              source.participants.map((p) => ({
                trailId: id,
                municipalityId: p.municipalityId,
                receivedAt: p.receivedAt,
              })),
            )
          : [],
      }),
      prisma.trailFollow.createMany({
        data: options.followers
          ? batch.flatMap(({ source, id }) => source.followers.map((f) => ({ trailId: id, userId: f.userId })))
          : [],
      }),
      prisma.deadline.createMany({
        data: options.deadlines
          ? batch.flatMap(({ source, id, n }) =>
              source.deadlines.map((d, i) => ({
                trailId: id,
                municipalityId: d.municipalityId,
                kind: d.kind,
                label: d.label,
                basis: d.basis,
                extendedFrom: d.extendedFrom,
                metAt: null,
                ...options.deadlines!(n, i, d),
              })),
            )
          : [],
      }),
    ]);
    done += batch.length;
  }
}
