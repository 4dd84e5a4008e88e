/**
 * The PDF benchmarks' data: a fresh data directory with the seeded region, and
 * the GR amendment trail (H10-GR-2024) made fuller with a motion of every
 * council, so its brief runs to a dozen pages. Call `useBenchDataDir()` before
 * importing any app module: they read the environment when loaded.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PASSWORD = "bench-wachtwoord-h10";

/** Points this process (and the returned environment, for a server) at a new data directory. */
export function useBenchDataDir(): { dataDir: string; env: NodeJS.ProcessEnv } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-pdf-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    DEMO_PASSWORD: PASSWORD,
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
  };
  delete env.DATABASE_URL;
  process.env.DATA_DIR = dataDir;
  process.env.DEMO_PASSWORD = PASSWORD;
  process.env.SESSION_SECRET = env.SESSION_SECRET;
  delete process.env.DATABASE_URL;
  return { dataDir, env };
}

/** Migrates and seeds the data directory and adds `extraPositions` motions to the GR amendment trail. */
export async function prepareBrief(extraPositions: number) {
  const { applyMigrations } = await import("../prisma/schema-engine.ts");
  const { getEnv } = await import("../app/utils/env.server.ts");
  const { prepareDatabase, prisma } = await import("../app/utils/db.server.ts");
  const { seedIfEmpty } = await import("../prisma/seed-region.ts");
  const { logPosition } = await import("../app/models/position.server.ts");

  await applyMigrations(getEnv().DATABASE_URL);
  await prepareDatabase(prisma);
  await seedIfEmpty({ demoPassword: PASSWORD });
  const users = await prisma.user.findMany();
  const actor = (email: string) => {
    const u = users.find((x) => x.email === email)!;
    return { id: u.id, role: u.role, municipalityId: u.municipalityId, name: u.name };
  };
  const trail = await prisma.trail.findUniqueOrThrow({
    where: { reference: "H10-GR-2024" },
    include: { participants: { include: { municipality: true } } },
  });
  for (let i = 0; i < extraPositions; i++) {
    const m = trail.participants[i % trail.participants.length]!.municipality;
    const current = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    const result = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: current.revision,
        municipalityId: m.id,
        body: "COUNCIL",
        kind: "MOTION",
        text: `Motie ${i + 1} van ${m.name}: de raad verzoekt het college ${"de raden tijdig te informeren over de uitvoering van de regeling. ".repeat(3)}`,
        meetingDate: "2024-03-07",
      },
      actor(`griffier.${m.slug}@h10.example`),
    );
    if (!result.ok) throw new Error(result.code);
  }
  return { prisma, trail, actor, alderman: actor("wethouder.delft@h10.example") };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
