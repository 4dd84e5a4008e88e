/**
 * The benches' fresh data directory, migrated and seeded, with `count` real GR amendments started through the
 * model functions and their draft sent to every council (the workflow writes their snapshot, receipts and
 * deadlines), as templates to copy in bulk. Call it before importing any app module.
 */
import { useBenchDataDir } from "./pdf-brief.ts";

export async function seedRealTrails(count: number) {
  useBenchDataDir();
  const { applyMigrations } = await import("../prisma/schema-engine.ts");
  const { getEnv } = await import("../app/utils/env.server.ts");
  const { prepareDatabase, prisma } = await import("../app/utils/db.server.ts");
  const { seedIfEmpty } = await import("../prisma/seed-region.ts");
  const { sendTrailEvent, startTrail } = await import("../app/models/trail-workflow.server.ts");
  await applyMigrations(getEnv().DATABASE_URL);
  await prepareDatabase(prisma);
  await seedIfEmpty({ demoPassword: getEnv().DEMO_PASSWORD });
  const user = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARY" } });
  const secretary = { id: user.id, role: user.role, municipalityId: null, name: user.name };
  const templates: string[] = [];
  for (let i = 0; i < count; i++) {
    const started = await startTrail(
      {
        kind: "GR_AMENDMENT",
        title: `Benchtraject ${i}`,
        reference: `BENCH-${i}`,
        summary: "",
        startedOn: "2026-10-01",
      },
      secretary,
    );
    if (!started.ok) throw new Error(started.code);
    const sent = await sendTrailEvent(
      { trailId: started.trailId, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2026-11-02" } },
      secretary,
    );
    if (!sent.ok) throw new Error(sent.code);
    templates.push(started.trailId);
  }
  return { prisma, secretary, templates };
}
