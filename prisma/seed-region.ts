/**
 * Seeds an empty database with the H10 region, its bodies, demo accounts and
 * the example trails from the source documents, through the same model
 * functions the app uses. Used on first start of the embedded default
 * (server/index.ts), by `npm run db:seed` and by the tests.
 */
import type { Role } from "../app/generated/prisma/enums.ts";
import { createDocument, sendRevision } from "../app/models/document.server.ts";
import { appendEvent } from "../app/models/event.server.ts";
import { saveContract } from "../app/models/contract.server.ts";
import { setExitEstimate } from "../app/models/exit.server.ts";
import { addFinancialItem, saveAllocationKey } from "../app/models/finance.server.ts";
import { parseEuros } from "../app/money/allocate.ts";
import { logPosition } from "../app/models/position.server.ts";
import { storeProposals } from "../app/models/ori-import.server.ts";
import { answerZienswijze } from "../app/models/zienswijze-answer.server.ts";
import { publishPublication } from "../app/models/publication.server.ts";
import { sendTrailEvent, setTargetDate, startTrail } from "../app/models/trail-workflow.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { fromDateInputValue } from "../app/utils/format.ts";
import { generatePassword, hashPassword } from "../app/utils/password.server.ts";
import { DEMO_DOMAIN, MUNICIPALITIES, REGIONAL_BODIES } from "./region-data.ts";
import { ALLOCATION_KEYS, CONTRACTS, demoEmail, TRAILS } from "./trail-seeds.ts";

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
export async function seedIfEmpty(options: { demoPassword?: string } = {}): Promise<SeedResult | null> {
  if ((await prisma.municipality.count()) > 0) return null;
  return seedRegion(options);
}

export function demoAccounts(): (DemoAccount & { name: string; municipalitySlug: string | null })[] {
  const regional = [
    {
      email: `secretaris@${DEMO_DOMAIN}`,
      role: "SECRETARY" as const,
      name: "Beleidssecretaris Programmateam Jeugd",
      municipalitySlug: null,
      label: "beleidssecretaris (regio)",
    },
    {
      email: `beheer@${DEMO_DOMAIN}`,
      role: "ADMIN" as const,
      name: "Beheerder H10",
      municipalitySlug: null,
      label: "beheerder",
    },
  ];
  const perMunicipality = MUNICIPALITIES.flatMap((m) => [
    {
      email: `griffier.${m.slug}@${DEMO_DOMAIN}`,
      role: "CLERK" as const,
      name: `Griffie ${m.name}`,
      municipalitySlug: m.slug,
      label: `griffier ${m.name}`,
    },
    {
      email: `wethouder.${m.slug}@${DEMO_DOMAIN}`,
      role: "ALDERMAN" as const,
      name: `Wethouder Jeugd ${m.name}`,
      municipalitySlug: m.slug,
      label: `wethouder ${m.name}`,
    },
  ]);
  return [...regional, ...perMunicipality];
}

export async function seedRegion(options: { demoPassword?: string } = {}): Promise<SeedResult> {
  const password = options.demoPassword ?? generatePassword();
  const accounts = demoAccounts();
  // The demo accounts share one password, printed once at first start: one hash (scrypt costs about
  // 0.3 s of CPU) serves them all, instead of 22 hashes on every fresh installation and test server.
  const demoHash = await hashPassword(password);

  await prisma.$transaction(
    async (tx) => {
      const municipalityIds = new Map<string, string>();
      for (const m of MUNICIPALITIES) {
        const created = await tx.municipality.create({
          data: {
            slug: m.slug,
            cbsCode: m.cbsCode,
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
      for (const account of accounts) {
        const user = await tx.user.create({
          data: {
            email: account.email,
            name: account.name,
            role: account.role,
            municipalityId: account.municipalitySlug ? municipalityIds.get(account.municipalitySlug) : null,
            passwordHash: demoHash,
          },
        });
        userIds.set(account.email, user.id);
      }
      await appendEvent(tx, {
        type: "region.seeded",
        payload: { municipalities: MUNICIPALITIES.length, users: accounts.length },
      });
    },
    { timeout: 60_000 },
  );

  await seedTrails();
  await seedProposal();
  return { password, accounts: accounts.map(({ email, role, label }) => ({ email, role, label })) };
}

/** Starts each example trail and drives it through its workflow, as its users would. */
async function seedTrails() {
  const users = new Map((await prisma.user.findMany()).map((u) => [u.email, u]));
  const municipalities = new Map((await prisma.municipality.findMany()).map((m) => [m.slug, m.id]));
  const actorFor = (local: string) => {
    const user = users.get(demoEmail(local));
    if (!user) throw new Error(`No demo account ${local}`);
    return { id: user.id, role: user.role, municipalityId: user.municipalityId };
  };
  const keys = new Map<string, string>();
  for (const key of ALLOCATION_KEYS) {
    const saved = await saveAllocationKey({ ...key, entries: [] }, actorFor("secretaris"));
    if (!saved.ok) throw new Error(`Seeding key ${key.name}: ${saved.code}`);
    keys.set(key.name, saved.id);
  }
  for (const contract of CONTRACTS) {
    const saved = await saveContract(contract, actorFor("secretaris"));
    if (!saved.ok) throw new Error(`Seeding contract ${contract.name}: ${saved.code}`);
  }
  for (const trail of TRAILS) {
    const started = await startTrail(
      {
        kind: trail.kind,
        title: trail.title,
        reference: trail.reference,
        summary: trail.summary,
        startedOn: trail.startedOn,
        exitingMunicipalityId: trail.exiting ? municipalities.get(trail.exiting) : undefined,
      },
      actorFor("secretaris"),
    );
    if (!started.ok) throw new Error(`Seeding ${trail.reference}: ${started.code}`);
    let revision = 0;
    for (const stepSeed of trail.steps) {
      const result = await sendTrailEvent(
        {
          trailId: started.trailId,
          expectedRevision: revision,
          type: stepSeed.type,
          municipalityId: stepSeed.municipality ? municipalities.get(stepSeed.municipality) : undefined,
          fields: stepSeed.fields ?? {},
        },
        actorFor(stepSeed.as),
      );
      if (!result.ok) throw new Error(`Seeding ${trail.reference}, ${stepSeed.type}: ${result.code}`);
      revision = result.revision;
    }
    const positionIds = new Map<string, string>();
    for (const position of trail.positions ?? []) {
      const { as, municipality, ...rest } = position;
      const logged = await logPosition(
        {
          ...rest,
          trailId: started.trailId,
          expectedRevision: revision,
          municipalityId: municipalities.get(municipality)!,
        },
        actorFor(as),
      );
      if (!logged.ok) throw new Error(`Seeding ${trail.reference}, position: ${logged.code}`);
      revision = logged.revision;
      if (position.kind === "ZIENSWIJZE" && position.body === "COUNCIL")
        positionIds.set(municipality, logged.positionId);
    }
    for (const answer of trail.answers ?? []) {
      const answered = await answerZienswijze(
        positionIds.get(answer.municipality)!,
        { text: answer.text, answeredOn: answer.answeredOn },
        actorFor("secretaris"),
      );
      if (!answered.ok) throw new Error(`Seeding ${trail.reference}, answer: ${answered.code}`);
      // The board's answers were published in time (Woo); the sent documents publish themselves when sent.
      const due = await prisma.publication.findUnique({
        where: { kind_sourceId: { kind: "answer", sourceId: answered.answerId } },
        select: { id: true },
      });
      if (due) await publishPublication(due.id, actorFor("secretaris"), new Date(`${answer.answeredOn}T12:00:00Z`));
    }
    for (const target of trail.targets ?? []) {
      const set = await setTargetDate({ trailId: started.trailId, ...target }, actorFor("secretaris"));
      if (!set.ok) throw new Error(`Seeding ${trail.reference}, target date: ${set.code}`);
    }
    for (const document of trail.documents ?? []) {
      const created = await createDocument(
        { trailId: started.trailId, kind: document.kind, title: document.title },
        actorFor("secretaris"),
      );
      if (!created.ok) throw new Error(`Seeding ${trail.reference}, document: ${created.code}`);
      if (document.texts) await fillTemplate(created.documentId, document.texts, document.sentOn);
      if (document.sent)
        await sendRevision(
          { documentId: created.documentId, revision: 1, on: document.sentOn },
          actorFor("secretaris"),
        );
    }
    for (const { key, ...item } of trail.finances ?? []) {
      const added = await addFinancialItem(
        started.trailId,
        { ...item, keyId: key ? keys.get(key)! : null },
        actorFor("secretaris"),
      );
      if (!added.ok) throw new Error(`Seeding ${trail.reference}, amount: ${added.code}`);
    }
    if (trail.exitEstimate) {
      const set = await setExitEstimate(
        started.trailId,
        {
          annualCents: parseEuros(trail.exitEstimate.annual),
          multipleHundredths: trail.exitEstimate.multipleHundredths,
        },
        actorFor("secretaris"),
      );
      if (!set.ok) throw new Error(`Seeding ${trail.reference}, exit estimate: ${set.code}`);
    }
  }
}

/**
 * One decision as the importer proposes it from a council's own system (ori-import.server.ts), so that Delft's clerk
 * finds a proposal in the inbox: Delft's zienswijze on the GR amendment, within its term (received 15 January 2024,
 * term to 11 March 2024). Example meeting date and source id (no source); the address names no real entity.
 */
async function seedProposal() {
  const [trail, delft] = await Promise.all([
    prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" }, select: { id: true } }),
    prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" }, select: { id: true } }),
  ]);
  const sourceId = "motion:ibabs:gemeente:delft:voorbeeld-zienswijze-gr-2024";
  await prisma.$transaction((tx) =>
    storeProposals(tx, "delft", [
      {
        municipalityId: delft.id,
        trailId: trail.id,
        source: "delft",
        sourceId,
        sourceUrl: `https://openbesluitvorming.nl/api/entities/${encodeURIComponent(sourceId)}`,
        kind: "ZIENSWIJZE",
        title: "Zienswijze wijziging GR Servicebureau Jeugdhulp Haaglanden",
        text:
          "De raad geeft een positieve zienswijze op de wijziging van de regeling en vraagt het algemeen bestuur de " +
          "raden tijdig te betrekken bij de kaderbrief.",
        meetingDate: new Date("2024-03-05T00:00:00Z"),
        votesFor: 29,
        votesAgainst: 6,
        matchedBy: "dateTitle",
      },
    ]),
  );
}

/**
 * A seeded document's own text: the template's placeholders ("…") in revision 1 replaced by `texts`, in order, and
 * the revision dated on the day it was written for. Seeding only: the app's documents are written in the editor.
 */
async function fillTemplate(documentId: string, texts: string[], writtenOn?: string) {
  const revision = await prisma.documentRevision.findUniqueOrThrow({
    where: { documentId_number: { documentId, number: 1 } },
  });
  let next = 0;
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (typeof node !== "object" || node === null) return node;
    const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    if (copy.type === "text" && typeof copy.text === "string" && copy.text.includes("…")) {
      if (next >= texts.length) throw new Error(`Seeding a document: more placeholders than the ${texts.length} texts`);
      copy.text = copy.text.replace("…", texts[next++]!);
    }
    return copy;
  };
  const content = JSON.stringify(fill(JSON.parse(revision.content)));
  if (next !== texts.length) throw new Error(`Seeding a document: ${texts.length} texts for ${next} placeholders`);
  await prisma.documentRevision.update({
    where: { id: revision.id },
    data: { content, ...(writtenOn ? { createdAt: fromDateInputValue(writtenOn) } : {}) },
  });
}
