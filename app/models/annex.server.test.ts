import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { addAnnex, removeAnnex, revisionAnnexes, trailAnnexes } from "./annex.server";
import { MAX_ATTACHMENT_BYTES, readAttachment } from "./attachment.server";
import { createDocument, getDocument, saveRevision, sendRevision } from "./document.server";
import { search } from "./search.server";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const XLSX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);

let actors: (local: string) => Actor;
let trailId: string;

beforeAll(async () => {
  actors = await demoActors();
  const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
  trailId = (await createTrail("GR_AMENDMENT", [delft.id])).id;
});

async function aMemo() {
  const created = await createDocument(
    { trailId, kind: "BESLISPUNTENMEMO", title: "Beslispuntenmemo" },
    actors("secretaris"),
  );
  if (!created.ok) throw new Error(created.code);
  return created.documentId;
}

const events = (type: string) => prisma.event.count({ where: { trailId, type } });

describe("annexes of a document revision", () => {
  it("a secretary adds an annex with its title to an unsent revision, audited; it is read back by its hash", async () => {
    const documentId = await aMemo();
    const before = await events("document.annex_added");
    const added = await addAnnex(
      { kind: "document", documentId, revision: 1 },
      { name: "Begroting 2027.xlsx", bytes: XLSX },
      { title: "Begroting 2027", internal: true },
      actors("secretaris"),
    );
    expect(added).toMatchObject({ ok: true });
    const { revision } = (await getDocument(documentId))!;
    const annexes = await revisionAnnexes(revision.id);
    expect(annexes).toEqual([
      expect.objectContaining({
        fileName: "Begroting 2027.xlsx",
        title: "Begroting 2027",
        internal: true,
        size: XLSX.byteLength,
        mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    ]);
    expect(await events("document.annex_added")).toBe(before + 1);
    const read = await readAttachment(annexes[0]!.id);
    expect(Buffer.from(read!.bytes).equals(Buffer.from(XLSX))).toBe(true);
  });

  it("refuses a wrong type, an empty or too large file and a too long title, and writes nothing", async () => {
    const documentId = await aMemo();
    const owner = { kind: "document" as const, documentId, revision: 1 };
    const secretary = actors("secretaris");
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    const eventsBefore = await prisma.event.count();
    expect(
      await addAnnex(owner, { name: "advies.pdf", bytes: new TextEncoder().encode("MZ\u0090") }, {}, secretary),
    ).toMatchObject({ status: 400, code: "attachment_type" });
    expect(await addAnnex(owner, { name: "advies.exe", bytes: PDF }, {}, secretary)).toMatchObject({
      code: "attachment_type",
    });
    expect(await addAnnex(owner, { name: "leeg.pdf", bytes: new Uint8Array() }, {}, secretary)).toMatchObject({
      status: 400,
      code: "attachment_empty",
    });
    expect(await addAnnex(owner, { name: "groot.pdf", bytes: big }, {}, secretary)).toMatchObject({
      status: 413,
      code: "attachment_too_large",
    });
    expect(
      await addAnnex(owner, { name: "advies.pdf", bytes: PDF }, { title: "x".repeat(201) }, secretary),
    ).toMatchObject({ status: 400, code: "annex_title" });
    const { revision } = (await getDocument(documentId))!;
    expect(await revisionAnnexes(revision.id)).toEqual([]);
    expect(await prisma.event.count()).toBe(eventsBefore);
  });

  it("lets secretaries and administrators manage annexes; clerks and aldermen may not", async () => {
    const documentId = await aMemo();
    const owner = { kind: "document" as const, documentId, revision: 1 };
    const file = { name: "notitie.pdf", bytes: PDF };
    expect(await addAnnex(owner, file, {}, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await addAnnex(owner, file, {}, actors("wethouder.delft"))).toMatchObject({ status: 403 });
    const byAdmin = await addAnnex(owner, file, {}, actors("beheer"));
    expect(byAdmin).toMatchObject({ ok: true });
    const annexId = (byAdmin as { annexId: string }).annexId;
    expect(await removeAnnex(annexId, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await removeAnnex(annexId, actors("secretaris"))).toEqual({ ok: true });
    expect(await prisma.attachment.count({ where: { id: annexId } })).toBe(0);
    expect(await events("document.annex_removed")).toBeGreaterThan(0);
  });

  it("fixes a sent revision's annexes; the next revision starts with them and can change its own", async () => {
    const documentId = await aMemo();
    const secretary = actors("secretaris");
    const added = await addAnnex(
      { kind: "document", documentId, revision: 1 },
      { name: "Advies BO Jeugd.pdf", bytes: PDF },
      { title: "Advies BO Jeugd" },
      secretary,
    );
    expect(await sendRevision({ documentId, revision: 1 }, secretary)).toMatchObject({ ok: true });
    expect(
      await addAnnex({ kind: "document", documentId, revision: 1 }, { name: "later.pdf", bytes: PDF }, {}, secretary),
    ).toMatchObject({ status: 409, code: "revision_sent" });
    expect(await removeAnnex((added as { annexId: string }).annexId, secretary)).toMatchObject({
      status: 409,
      code: "revision_sent",
    });
    const first = (await getDocument(documentId, 1))!;
    const saved = await saveRevision(
      { documentId, baseRevision: 1, content: first.revision.content, note: "tweede" },
      secretary,
    );
    expect(saved).toEqual({ ok: true, revision: 2 });
    const second = (await getDocument(documentId, 2))!;
    const carried = await revisionAnnexes(second.revision.id);
    expect(carried.map((a) => a.title)).toEqual(["Advies BO Jeugd"]);
    expect(await removeAnnex(carried[0]!.id, secretary)).toEqual({ ok: true });
    // The sent revision still has its annex.
    expect((await revisionAnnexes(first.revision.id)).map((a) => a.fileName)).toEqual(["Advies BO Jeugd.pdf"]);
  });
});

describe("annexes of a trail", () => {
  it("a secretary adds one, audited on the trail; a clerk may not; a missing trail is a 404", async () => {
    const before = await events("trail.annex_added");
    expect(
      await addAnnex({ kind: "trail", trailId }, { name: "notitie.pdf", bytes: PDF }, {}, actors("griffier.delft")),
    ).toMatchObject({ status: 403 });
    const added = await addAnnex(
      { kind: "trail", trailId },
      { name: "../../Notitie reikwijdte.pdf", bytes: PDF },
      { title: "Notitie reikwijdte" },
      actors("secretaris"),
    );
    expect(added).toMatchObject({ ok: true });
    expect((await trailAnnexes(trailId)).map((a) => [a.fileName, a.title])).toContainEqual([
      "Notitie reikwijdte.pdf",
      "Notitie reikwijdte",
    ]);
    expect(await events("trail.annex_added")).toBe(before + 1);
    expect(
      await addAnnex({ kind: "trail", trailId: "nope" }, { name: "a.pdf", bytes: PDF }, {}, actors("secretaris")),
    ).toMatchObject({ status: 404, code: "trail_not_found" });
  });

  it("the database refuses an attachment with no owner or with two", async () => {
    const base = { fileName: "a.pdf", mediaType: "application/pdf", size: 1, sha256: "0", uploadedBy: "x" };
    await expect(prisma.attachment.create({ data: base })).rejects.toThrow();
    const documentId = await aMemo();
    const { revision } = (await getDocument(documentId))!;
    await expect(
      prisma.attachment.create({ data: { ...base, trailId, documentRevisionId: revision.id } }),
    ).rejects.toThrow();
  });
});

describe("the lists of annexes", () => {
  it("walk Attachment(trailId|documentRevisionId, createdAt, id) in its order, beside 2,000 other attachments", async () => {
    const other = await createTrail("GR_AMENDMENT", []);
    const documentId = await aMemo();
    const { revision } = (await getDocument(documentId))!;
    const start = Date.UTC(2024, 0, 1);
    const file = { fileName: "a.pdf", mediaType: "application/pdf", size: 1, sha256: "0", uploadedBy: "x" };
    await prisma.attachment.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        ...file,
        ...(i % 2 ? { trailId: other.id } : { documentRevisionId: revision.id }),
        createdAt: new Date(start + i * 60_000),
      })),
    });
    try {
      if (onPostgres()) await prisma.$executeRawUnsafe('ANALYZE "Attachment"');
      for (const [column, id, index] of [
        ["trailId", trailId, "Attachment_trailId_createdAt_id_idx"],
        ["documentRevisionId", revision.id, "Attachment_documentRevisionId_createdAt_id_idx"],
      ] as const) {
        const plan = await explain(
          `SELECT "id" FROM "Attachment" WHERE "${column}" = '${id}' ORDER BY "createdAt" ASC, "id" ASC LIMIT 40`,
          { ordered: true },
        );
        expect(plan, column).toContain(index);
        expect(plan, column).not.toMatch(/TEMP B-TREE|Sort/);
      }
    } finally {
      await prisma.attachment.deleteMany({ where: { trailId: other.id } });
      await prisma.attachment.deleteMany({ where: { documentRevisionId: revision.id } });
    }
  });
});

describe("annexes in the search", () => {
  it("finds a trail's annex at once, a document's only once its revision is sent, and a removed one no more", async () => {
    const secretary = actors("secretaris");
    const found = async (word: string) =>
      ((await search(word, { kind: "attachment" })).groups[0]?.results ?? []).map((r) =>
        r.title.map((part) => part.text).join(""),
      );
    const documentId = await aMemo();
    await addAnnex(
      { kind: "document", documentId, revision: 1 },
      { name: "Uitvoeringsprogramma kwartiermaker.pdf", bytes: PDF },
      { title: "Uitvoeringsprogramma kwartiermakers" },
      secretary,
    );
    const trailAnnex = await addAnnex(
      { kind: "trail", trailId },
      { name: "Advies ondernemingsraad.pdf", bytes: PDF },
      { title: "Advies ondernemingsraden" },
      secretary,
    );
    // The stem finds the title's plural: "kwartiermaker" finds "kwartiermakers"; an unsent revision's annex is not found.
    expect(await found("kwartiermaker")).toEqual([]);
    expect(await found("ondernemingsraad")).toEqual([expect.stringContaining("Advies ondernemingsraad.pdf")]);
    expect(await sendRevision({ documentId, revision: 1 }, secretary)).toMatchObject({ ok: true });
    expect(await found("kwartiermaker")).toHaveLength(1);
    expect(await removeAnnex(trailAnnex.ok ? trailAnnex.annexId : "", secretary)).toEqual({ ok: true });
    expect(await found("ondernemingsraad")).toEqual([]);
  });
});
