/**
 * For tests against a running server's data directory (DATA_DIR): an API
 * token for every council clerk, and the seeded GR amendment with its
 * participants. Prints JSON on stdout.
 */
import { createApiToken } from "../../app/models/api-token.server.ts";
import { prisma } from "../../app/utils/db.server.ts";

const clerks = await prisma.user.findMany({
  where: { role: "CLERK", municipalityId: { not: null } },
  include: { municipality: true },
});
const tokens: Record<string, string> = {};
for (const clerk of clerks) {
  tokens[clerk.municipality!.slug] = (
    await createApiToken(clerk.id, "test", {
      actor: { id: clerk.id, role: clerk.role, municipalityId: clerk.municipalityId },
      origin: "127.0.0.1",
    })
  ).token;
}
// Deputy clerks per council when asked (MAKE_TOKENS_CLERKS=3: two deputies each), for tests with many clerks.
const deputies: Record<string, string[]> = {};
for (let n = 2; n <= Number(process.env.MAKE_TOKENS_CLERKS ?? 1); n++) {
  for (const clerk of clerks) {
    const m = clerk.municipality!;
    const email = `plv${n - 1}.griffier.${m.slug}@h10.example`;
    const deputy = await prisma.user.upsert({
      where: { email },
      update: {},
      create: {
        email,
        name: `Plv. griffier ${n - 1} ${m.name}`,
        role: "CLERK",
        municipalityId: m.id,
        passwordHash: clerk.passwordHash,
      },
    });
    (deputies[m.slug] ??= []).push(
      (
        await createApiToken(deputy.id, "test", {
          actor: { id: deputy.id, role: deputy.role, municipalityId: deputy.municipalityId },
          origin: "127.0.0.1",
        })
      ).token,
    );
  }
}
const trail = await prisma.trail.findUniqueOrThrow({
  where: { reference: "H10-GR-2024" },
  include: { participants: { include: { municipality: true } } },
});
await prisma.$disconnect();
process.stdout.write(
  JSON.stringify({
    tokens,
    deputies,
    trail: {
      id: trail.id,
      revision: trail.revision,
      participants: trail.participants.map((p) => ({ id: p.municipalityId, slug: p.municipality.slug })),
    },
  }),
);
