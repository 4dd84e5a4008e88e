/**
 * Seeds the benchmark database (DATA_DIR): the demo region, then BENCH_TRAILS
 * GR amendments through the real model functions, each with its draft sent and
 * a motion logged; creates an API token for every clerk. Prints JSON.
 */
import { createApiToken } from "../app/models/api-token.server.ts";
import { logPosition } from "../app/models/position.server.ts";
import { sendTrailEvent, startTrail } from "../app/models/trail-workflow.server.ts";
import { prepareDatabase, prisma } from "../app/utils/db.server.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { applyMigrations } from "../prisma/schema-engine.ts";
import { seedIfEmpty } from "../prisma/seed-region.ts";

const count = Number(process.env.BENCH_TRAILS ?? 1000);
await applyMigrations(getEnv().DATABASE_URL);
await prepareDatabase(prisma);
await seedIfEmpty({ demoPassword: getEnv().DEMO_PASSWORD });

const users = await prisma.user.findMany({
  where: { role: { in: ["CLERK", "SECRETARY"] } },
  include: { municipality: true },
});
const actor = (u: (typeof users)[number]) => ({ id: u.id, role: u.role, municipalityId: u.municipalityId });
const secretary = actor(users.find((u) => u.role === "SECRETARY")!);
const clerks = users.filter((u) => u.role === "CLERK" && u.municipality);
const tokens: Record<string, string> = {};
for (const clerk of clerks)
  tokens[clerk.municipality!.slug] = (
    await createApiToken(clerk.id, "bench", { actor: actor(clerk), origin: "127.0.0.1" })
  ).token;

const trails: { id: string; revision: number; municipalities: { id: string; slug: string }[] }[] = [];
for (let i = 0; i < count; i++) {
  const started = await startTrail(
    { kind: "GR_AMENDMENT", title: `Benchtraject ${i}`, reference: `BENCH-${i}`, summary: "", startedOn: "2026-01-01" },
    secretary,
  );
  if (!started.ok) throw new Error(started.code);
  const sent = await sendTrailEvent(
    { trailId: started.trailId, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2026-01-05" } },
    secretary,
  );
  if (!sent.ok) throw new Error(sent.code);
  const participants = await prisma.trailParticipant.findMany({
    where: { trailId: started.trailId },
    include: { municipality: true },
  });
  const clerk = clerks.find((c) => c.municipalityId === participants[i % participants.length]!.municipalityId)!;
  const motion = await logPosition(
    {
      trailId: started.trailId,
      expectedRevision: sent.revision,
      municipalityId: clerk.municipalityId!,
      body: "COUNCIL",
      kind: "MOTION",
      text: `seed-motie-${i}`,
      meetingDate: "2026-01-20",
    },
    actor(clerk),
  );
  if (!motion.ok) throw new Error(motion.code);
  trails.push({
    id: started.trailId,
    revision: sent.revision,
    municipalities: participants.map((p) => ({ id: p.municipalityId, slug: p.municipality.slug })),
  });
}
await prisma.$disconnect();
process.stdout.write(JSON.stringify({ tokens, trails }));
