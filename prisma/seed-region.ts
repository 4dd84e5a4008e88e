/**
 * Seeds an empty database with the H10 region, its bodies, demo accounts and
 * the example trails from the source documents. Used on first start of the
 * embedded default (server/index.ts), by `npm run db:seed` and by the tests.
 */
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import type { Role } from "../app/generated/prisma/enums.ts";
import { appendEvent } from "../app/models/event.server.ts";
import { generatePassword, hashPassword } from "../app/utils/password.server.ts";
import { DEMO_DOMAIN, MUNICIPALITIES, REGIONAL_BODIES } from "./region-data.ts";
import { TRAILS } from "./trail-seeds.ts";

export interface DemoAccount {
  email: string;
  role: Role;
  label: string;
}

export interface SeedResult {
  password: string;
  accounts: DemoAccount[];
}

/** Seeds only a database without municipalities; returns the demo sign-ins, or null. */
export async function seedIfEmpty(prisma: PrismaClient, options: { demoPassword?: string } = {}): Promise<SeedResult | null> {
  if ((await prisma.municipality.count()) > 0) return null;
  return seedRegion(prisma, options);
}

export function demoAccounts(): (DemoAccount & { name: string; municipalitySlug: string | null })[] {
  const regional = [
    { email: `secretaris@${DEMO_DOMAIN}`, role: "SECRETARY" as const, name: "Beleidssecretaris Programmateam Jeugd", municipalitySlug: null, label: "beleidssecretaris (regio)" },
    { email: `beheer@${DEMO_DOMAIN}`, role: "ADMIN" as const, name: "Beheerder H10", municipalitySlug: null, label: "beheerder" },
  ];
  const perMunicipality = MUNICIPALITIES.flatMap((m) => [
    { email: `griffier.${m.slug}@${DEMO_DOMAIN}`, role: "CLERK" as const, name: `Griffie ${m.name}`, municipalitySlug: m.slug, label: `griffier ${m.name}` },
    { email: `wethouder.${m.slug}@${DEMO_DOMAIN}`, role: "ALDERMAN" as const, name: `Wethouder Jeugd ${m.name}`, municipalitySlug: m.slug, label: `wethouder ${m.name}` },
  ]);
  return [...regional, ...perMunicipality];
}

export async function seedRegion(prisma: PrismaClient, options: { demoPassword?: string } = {}): Promise<SeedResult> {
  const password = options.demoPassword ?? generatePassword();
  const accounts = demoAccounts();
  // Every account gets its own salt; hashing runs in parallel on the thread pool.
  const hashes = await Promise.all(accounts.map(() => hashPassword(password)));

  await prisma.$transaction(
    async (tx) => {
      const municipalityIds = new Map<string, string>();
      for (const m of MUNICIPALITIES) {
        const created = await tx.municipality.create({
          data: {
            slug: m.slug,
            name: m.name,
            cluster: m.cluster,
            participationFrom: new Date(`${m.participationFrom}T00:00:00+01:00`),
            participationTo: m.participationTo ? new Date(`${m.participationTo}T00:00:00+01:00`) : null,
            inhabitantCounts: { create: { year: 2022, count: m.inhabitants2022, source: m.inhabitantsSource } },
            bodies: {
              create: [
                { slug: `college-${m.slug}`, kind: "COLLEGE", name: `College van B&W ${m.name}` },
                { slug: `raad-${m.slug}`, kind: "COUNCIL", name: `Gemeenteraad ${m.name}` },
              ],
            },
          },
        });
        municipalityIds.set(m.slug, created.id);
      }
      for (const body of REGIONAL_BODIES) await tx.body.create({ data: { ...body } });

      const userIds = new Map<string, string>();
      for (const [index, account] of accounts.entries()) {
        const user = await tx.user.create({
          data: {
            email: account.email,
            name: account.name,
            role: account.role,
            municipalityId: account.municipalitySlug ? municipalityIds.get(account.municipalitySlug) : null,
            passwordHash: hashes[index]!,
          },
        });
        userIds.set(account.email, user.id);
      }
      await appendEvent(tx, { type: "region.seeded", payload: { municipalities: MUNICIPALITIES.length, users: accounts.length } });

      const secretaryId = userIds.get(`secretaris@${DEMO_DOMAIN}`)!;
      for (const trail of TRAILS) {
        const created = await tx.trail.create({
          data: {
            kind: trail.kind,
            title: trail.title,
            reference: trail.reference,
            summary: trail.summary,
            state: trail.state,
            startedAt: new Date(trail.startedAt),
            closedAt: trail.closedAt ? new Date(trail.closedAt) : null,
            createdById: secretaryId,
            participants: {
              create: trail.participants.map((slug) => ({
                municipalityId: municipalityIds.get(slug)!,
                receivedAt: trail.receivedAt?.[slug] ? new Date(trail.receivedAt[slug]) : null,
              })),
            },
          },
        });
        await appendEvent(tx, {
          type: "trail.seeded",
          trailId: created.id,
          payload: { reference: trail.reference, source: trail.source },
          resultingState: trail.state,
        });
      }
    },
    { timeout: 60_000 },
  );

  return { password, accounts: accounts.map(({ email, role, label }) => ({ email, role, label })) };
}
