import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { DECISION_LISTS, MEETING_DOCUMENTS } from "~/utils/woo";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { autosaveDraft, createDocument, getDocument, saveRevision, sendRevision } from "./document.server";
import {
  findPublicTrail,
  latePublications,
  publicPublication,
  publicTrailDetail,
  publicTrails,
  publishPublication,
  sitemapParts,
  sitemapPublications,
  withdrawPublication,
} from "./publication.server";
import { boardMunicipalities, recordBoardVote } from "./board-vote.server";
import { answerZienswijze } from "./zienswijze-answer.server";

let actors: (local: string) => Actor;

beforeAll(async () => {
  actors = await demoActors();
});

/** A trail with a council document: revision 1 sent, revision 2 saved but not sent, an autosaved draft. */
async function trailWithDocument() {
  const municipalities = await prisma.municipality.findMany({ where: { participationTo: null }, select: { id: true } });
  const trail = await createTrail(
    "GR_AMENDMENT",
    municipalities.map((m) => m.id),
  );
  const secretary = actors("secretaris");
  const created = await createDocument(
    { trailId: trail.id, kind: "BESLISPUNTENMEMO", title: "Beslispuntenmemo wijziging GR" },
    secretary,
  );
  if (!created.ok) throw new Error(created.code);
  const documentId = created.documentId;
  const first = await getDocument(documentId);
  // Two annexes on revision 1: one public, one internal (the rows alone: publication never reads their bytes).
  for (const internal of [false, true])
    await prisma.attachment.create({
      data: {
        documentRevisionId: first!.revision.id,
        title: internal ? "Interne notitie" : "Begroting 2027",
        internal,
        fileName: internal ? "intern.pdf" : "begroting.pdf",
        mediaType: "application/pdf",
        size: 10,
        sha256: "0".repeat(64),
        uploadedBy: secretary.id,
      },
    });
  const sent = await sendRevision({ documentId, revision: 1 }, secretary);
  if (!sent.ok) throw new Error(sent.code);
  const content = JSON.stringify(first!.content).replace("Beslispuntenmemo", "Concepttekst die nooit openbaar is");
  const saved = await saveRevision({ documentId, baseRevision: 1, content }, secretary);
  if (!saved.ok) throw new Error(saved.code);
  await autosaveDraft({ documentId, baseRevision: 2, content }, secretary);
  return { trail, documentId, revisionId: sent.revisionId };
}

describe("Woo publication of sent documents", () => {
  it("publishes a revision in the send's transaction, and never a draft, an unsent revision, an internal annex or a user", async () => {
    const { trail, revisionId } = await trailWithDocument();
    const rows = await prisma.publication.findMany({ where: { trailId: trail.id } });
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const revision = await prisma.documentRevision.findUniqueOrThrow({ where: { id: revisionId } });
    expect(row).toMatchObject({
      kind: "revision",
      sourceId: revisionId,
      category: MEETING_DOCUMENTS,
      title: "Beslispuntenmemo wijziging GR (revisie 1)",
      withdrawnAt: null,
    });
    // Public from the moment it was sent, written with it.
    expect(row!.publishedAt).toEqual(revision.frozenAt);
    expect(row!.dueAt).toEqual(revision.frozenAt);
    expect(row!.adoptedOn).toEqual(revision.frozenAt);

    expect((await findPublicTrail(trail.reference))?.id).toBe(trail.id);
    const detail = await publicTrailDetail(trail.id);
    expect(detail.publications.map((p) => p.sourceId)).toEqual([revisionId]);
    const page = await publicPublication(row!.id);
    expect(page?.source.type).toBe("revision");
    const text = JSON.stringify({ detail, page });
    expect(text).not.toContain("Concepttekst die nooit openbaar is");
    expect(text).not.toContain("Interne notitie");
    expect(text).toContain("Begroting 2027");
    // No user: not the secretary's name nor any address.
    const secretary = await prisma.user.findUniqueOrThrow({ where: { id: actors("secretaris").id } });
    expect(text).not.toContain(secretary.name);
    expect(text).not.toContain("@");
    // Sending it again publishes nothing twice.
    const doc = await prisma.documentRevision.findUniqueOrThrow({
      where: { id: revisionId },
      select: { documentId: true },
    });
    await sendRevision({ documentId: doc.documentId, revision: 1 }, actors("secretaris"));
    expect(await prisma.publication.count({ where: { trailId: trail.id } })).toBe(1);
  });

  it("a trail without anything sent is not public", async () => {
    const municipalities = await prisma.municipality.findMany({ take: 2, select: { id: true } });
    const trail = await createTrail(
      "VISION",
      municipalities.map((m) => m.id),
    );
    const created = await createDocument(
      { trailId: trail.id, kind: "RAADSVOORSTEL", title: "Concept" },
      actors("secretaris"),
    );
    expect(created.ok).toBe(true);
    expect(await findPublicTrail(trail.reference)).toBeNull();
    expect(await findPublicTrail(trail.id)).toBeNull();
    const listed = await publicTrails({ limit: 200, after: null });
    expect(listed.map((t) => t.id)).not.toContain(trail.id);
  });

  it("withdraws a published document with its reason for secretaries only, and it leaves the sitemap", async () => {
    const { trail } = await trailWithDocument();
    const row = await prisma.publication.findFirstOrThrow({ where: { trailId: trail.id } });
    const month = toDateInputValue(row.publishedAt!).slice(0, 7);
    const inSitemap = async () => (await sitemapPublications(MEETING_DOCUMENTS, month, 1)).some((p) => p.id === row.id);
    expect(await inSitemap()).toBe(true);
    for (const local of ["griffier.delft", "wethouder.delft"])
      expect(await withdrawPublication(row.id, "Bevat persoonsgegevens.", actors(local))).toEqual({
        ok: false,
        status: 403,
        code: "forbidden_role",
      });
    const events = await prisma.event.count({ where: { trailId: trail.id, type: "publication.withdrawn" } });
    expect(await withdrawPublication(row.id, "Bevat persoonsgegevens van een inwoner.", actors("secretaris"))).toEqual({
      ok: true,
    });
    const after = await prisma.publication.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.withdrawnAt).not.toBeNull();
    expect(after.withdrawReason).toBe("Bevat persoonsgegevens van een inwoner.");
    expect(after.withdrawnById).toBe(actors("secretaris").id);
    expect(await prisma.event.count({ where: { trailId: trail.id, type: "publication.withdrawn" } })).toBe(events + 1);
    // Still on the trail's page, marked withdrawn with the reason; gone from the sitemap.
    const page = await publicPublication(row.id);
    expect(page?.withdrawnAt).not.toBeNull();
    expect(page?.withdrawReason).toBe("Bevat persoonsgegevens van een inwoner.");
    expect(await inSitemap()).toBe(false);
    expect(await withdrawPublication(row.id, "Nog een keer ingetrokken.", actors("secretaris"))).toMatchObject({
      ok: false,
      code: "publication_withdrawn",
    });
  });
});

describe("Woo publication of the board's decisions", () => {
  it("an answer is due two weeks after adoption, warns when late, and is public once a secretary publishes it", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const position = await prisma.position.findFirstOrThrow({
      where: { municipalityId: delft.id, awaitingAnswer: true },
      select: { id: true, meetingDate: true, trailId: true },
    });
    const answeredOn = toDateInputValue(position.meetingDate!);
    const answered = await answerZienswijze(
      position.id,
      { text: "Het bestuur neemt de zienswijze over en past de begroting aan.", answeredOn },
      actors("secretaris"),
    );
    if (!answered.ok) throw new Error(answered.code);
    const row = await prisma.publication.findUniqueOrThrow({
      where: { kind_sourceId: { kind: "answer", sourceId: answered.answerId } },
    });
    expect(row).toMatchObject({ category: DECISION_LISTS, publishedAt: null, trailId: position.trailId });
    expect(row.dueAt.getTime() - row.adoptedOn!.getTime()).toBe(14 * 24 * 60 * 60 * 1000);
    // Not public while due.
    expect(await publicPublication(row.id)).toBeNull();
    const before = new Date(row.dueAt.getTime() - 1000);
    const after = new Date(row.dueAt.getTime() + 1000);
    expect((await latePublications({ now: before, pageSize: 500 })).rows.map((r) => r.id)).not.toContain(row.id);
    const late = await latePublications({ now: after, pageSize: 500 });
    expect(late.rows.map((r) => r.id)).toContain(row.id);
    expect(late.total).toBeGreaterThanOrEqual(1);

    expect(await publishPublication(row.id, actors("griffier.delft"))).toMatchObject({ ok: false, status: 403 });
    expect(await publishPublication(row.id, actors("secretaris"))).toEqual({ ok: true });
    expect((await latePublications({ now: after, pageSize: 500 })).rows.map((r) => r.id)).not.toContain(row.id);
    const page = await publicPublication(row.id);
    expect(page?.source.type).toBe("answer");
    const detail = await publicTrailDetail(position.trailId);
    expect(detail.answers.map((a) => a.text)).toContain(
      "Het bestuur neemt de zienswijze over en past de begroting aan.",
    );
    expect(
      await prisma.event.count({ where: { type: "publication.published", trailId: position.trailId } }),
    ).toBeGreaterThan(0);
    // The council decisions shown: current versions only, without who logged them.
    expect(JSON.stringify(detail)).not.toMatch(/loggedBy|@h10\.example/);
  });
});

describe("the board's votes", () => {
  it("an adopted vote is due for publication two weeks after it was held; a rejected one is not published", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const members = await boardMunicipalities("2024-06-01");
    const of = (cluster: string) => members.filter((m) => m.cluster === cluster).map((m) => m.id);
    const vote = (subject: string, h1: "FOR" | "AGAINST") =>
      recordBoardVote(
        trail.id,
        {
          subject,
          heldOn: "2024-06-01",
          rule: "QUALIFIED",
          inhabitantsYear: 2022,
          ballots: [
            { member: "Bestuurslid H1", choice: h1, municipalityIds: of("H1") },
            { member: "Bestuurslid H4", choice: "FOR", municipalityIds: of("H4") },
            { member: "Bestuurslid H5", choice: "FOR", municipalityIds: of("H5") },
          ],
        },
        actors("secretaris"),
      );
    const adopted = await vote("Ontwerpbegroting 2026 vastgesteld", "FOR");
    const rejected = await vote("Voorstel dat het niet haalt", "AGAINST");
    if (!adopted.ok || !rejected.ok) throw new Error("vote refused");
    const rows = await prisma.publication.findMany({
      where: { kind: "vote", sourceId: { in: [adopted.id, rejected.id] } },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sourceId: adopted.id,
      category: DECISION_LISTS,
      title: "Besluit van het bestuur: Ontwerpbegroting 2026 vastgesteld",
      publishedAt: null,
      adoptedOn: fromDateInputValue("2024-06-01"),
      dueAt: new Date(fromDateInputValue("2024-06-01").getTime() + 14 * 24 * 60 * 60 * 1000),
    });
  });
});

describe("the seeded demo data", () => {
  it("publishes the seeded sent documents under their real titles, and lists them in the sitemap of their category", async () => {
    const sent = await prisma.publication.findMany({
      where: { kind: "revision", trail: { reference: "H10-GR-2024" } },
      select: { title: true, publishedAt: true },
    });
    expect(sent.map((s) => s.title)).toContain(
      "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden (revisie 1)",
    );
    expect(sent.every((s) => s.publishedAt)).toBe(true);
    const parts = await sitemapParts(MEETING_DOCUMENTS);
    expect(parts.length).toBeGreaterThan(0);
    // Parts of at most `size` urls: with a size of 1, a month of n publications has n parts.
    const small = await sitemapParts(MEETING_DOCUMENTS, 1);
    const total = await prisma.publication.count({
      where: { category: MEETING_DOCUMENTS, withdrawnAt: null, publishedAt: { not: null } },
    });
    expect(small).toHaveLength(total);
  });
});

describe("the migration", () => {
  it("publishes the revisions sent before it as the send publishes them", async () => {
    const fields = {
      sourceId: true,
      trailId: true,
      title: true,
      category: true,
      createdOn: true,
      adoptedOn: true,
      dueAt: true,
      publishedAt: true,
    } as const;
    const written = await prisma.publication.findMany({
      where: { kind: "revision" },
      select: fields,
      orderBy: { sourceId: "asc" },
    });
    expect(written.length).toBeGreaterThan(0);
    const file = path.join(
      "prisma",
      onPostgres() ? "postgresql/migrations" : "migrations",
      "20261204102546_woo_publication",
      "migration.sql",
    );
    const backfill = /INSERT INTO "Publication"[\s\S]*?;/.exec(fs.readFileSync(file, "utf8"))![0];
    await prisma.publication.deleteMany({ where: { kind: "revision" } });
    await prisma.$executeRawUnsafe(backfill);
    const filled = await prisma.publication.findMany({
      where: { kind: "revision" },
      select: fields,
      orderBy: { sourceId: "asc" },
    });
    expect(filled).toEqual(written);
  });
});

describe("the publication queries", () => {
  it("read their indexes on both engines", async () => {
    const at = onPostgres() ? "TIMESTAMP '2024-03-01'" : "'2024-03-01T00:00:00.000+00:00'";
    const lateCount = await explain(
      `SELECT COUNT(*) FROM (SELECT "id" FROM "Publication" WHERE "publishedAt" IS NULL AND "dueAt" < ${at}) AS sub`,
    );
    const latePage = await explain(
      `SELECT "id" FROM "Publication" WHERE "publishedAt" IS NULL AND "dueAt" < ${at} ORDER BY "publishedAt", "dueAt", "id" LIMIT 50`,
      { ordered: true },
    );
    for (const plan of [lateCount, latePage]) {
      expect(plan).toContain("Publication_publishedAt_dueAt_id_idx");
      expect(plan).not.toMatch(/SCAN "?Publication"?(?! USING)|Seq Scan/);
    }
    expect(latePage).not.toMatch(/TEMP B-TREE|Sort\b/);
    const sitemap = await explain(
      `SELECT "id" FROM "Publication" WHERE "category" = 'c_db4862c3' AND "withdrawnAt" IS NULL AND "publishedAt" >= ${at} ORDER BY "withdrawnAt", "publishedAt", "id" LIMIT 50000`,
      { ordered: true },
    );
    expect(sitemap).toContain("Publication_category_withdrawnAt_publishedAt_id_idx");
    expect(sitemap).not.toMatch(/TEMP B-TREE|Sort\b|Seq Scan/);
    const trailPage = await explain(
      `SELECT "id" FROM "Publication" WHERE "trailId" = 'x' AND "publishedAt" IS NOT NULL ORDER BY "publishedAt", "id"`,
      { ordered: true },
    );
    expect(trailPage).toContain("Publication_trailId_publishedAt_id_idx");
    // The public list as Prisma sends it (an EXISTS per trail), a page after a cursor: trails newest first along
    // (startedAt, id), each checked for a publication along its trail index.
    const list = await explain(
      `SELECT "id" FROM "Trail" t WHERE EXISTS (SELECT 1 FROM "Publication" p WHERE p."trailId" = t."id" AND p."publishedAt" IS NOT NULL) AND ("startedAt" < ${at} OR ("startedAt" = ${at} AND "id" < 'x')) ORDER BY "startedAt" DESC, "id" DESC LIMIT 51`,
      { ordered: true },
    );
    expect(list).toContain("Trail_startedAt_id_idx");
    expect(list).toContain("Publication_trailId_publishedAt_id_idx");
    expect(list).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
});
