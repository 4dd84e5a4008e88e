import { beforeAll, describe, expect, it } from "vitest";
import { decisionPoints, type SerializedDocument } from "~/editor/document-json";
import { decisionPoint, documentOf, heading, paragraph } from "~/editor/templates";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { autosaveDraft, compareRevisions, createDocument, getDocument, getDraft, saveRevision, sendRevision, sentRevisions } from "./document.server";

let actors: (local: string) => Actor;
let trailId: string;

beforeAll(async () => {
  actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({ where: { participationTo: null } });
  trailId = (await createTrail("GR_AMENDMENT", municipalities.map((m) => m.id))).id;
});

async function newBrief() {
  const created = await createDocument({ trailId, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief wijziging GR" }, actors("secretaris"));
  if (!created.ok) throw new Error(created.code);
  return created.documentId;
}

describe("documents and revisions", () => {
  it("a secretary starts a document from its Dutch template; others may not", async () => {
    const documentId = await newBrief();
    const loaded = await getDocument(documentId);
    expect(loaded!.revision.number).toBe(1);
    expect(JSON.stringify(loaded!.content)).toContain("zodat alle raden over dezelfde informatie beschikken");
    expect(await createDocument({ trailId, kind: "BESLUIT", title: "x" }, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await prisma.event.count({ where: { trailId, type: "document.created" } })).toBe(1);
  });

  it("saving creates a revision; a save based on an older revision is a conflict and the author's text is kept", async () => {
    const documentId = await newBrief();
    const mine = JSON.stringify(documentOf([heading("h1", "Brief"), paragraph("Tekst van Anna.")]));
    const theirs = JSON.stringify(documentOf([heading("h1", "Brief"), paragraph("Tekst van Bram.")]));
    const anna = actors("secretaris");
    // Two saves of the same revision (1): the first wins, the second is refused.
    expect(await saveRevision({ documentId, baseRevision: 1, content: theirs, note: "Bram" }, anna)).toEqual({ ok: true, revision: 2 });
    const conflict = await saveRevision({ documentId, baseRevision: 1, content: mine }, anna);
    expect(conflict).toMatchObject({ ok: false, status: 409, code: "revision_conflict", currentRevision: 2 });
    expect(conflict.ok ? "" : "currentContent" in conflict ? conflict.currentContent : "").toContain("Tekst van Bram.");
    // Nothing was lost: the refused text waits in the author's draft, and no third revision exists.
    expect((await getDraft(documentId, anna.id))?.content).toContain("Tekst van Anna.");
    expect(await prisma.documentRevision.count({ where: { documentId } })).toBe(2);
    // After merging, a save based on revision 2 succeeds and clears the draft.
    expect(await saveRevision({ documentId, baseRevision: 2, content: mine, note: "Samengevoegd" }, anna)).toEqual({ ok: true, revision: 3 });
    expect(await getDraft(documentId, anna.id)).toBeNull();
    const rows = await compareRevisions(documentId, 2, 3);
    expect(rows!.find((r) => r.change === "changed")!.right!.filter((s) => s.change === "inserted").map((s) => s.text)).toEqual(["Anna"]);
  });

  it("refuses invalid content with a stable code and writes nothing", async () => {
    const documentId = await newBrief();
    const hostile = JSON.stringify({ root: { type: "root", children: [{ type: "html", html: "<script>alert(1)</script>" }] } });
    expect(await saveRevision({ documentId, baseRevision: 1, content: hostile }, actors("secretaris"))).toMatchObject({
      status: 400,
      code: "document_invalid",
      problem: { code: "document_unknown_node" },
    });
    expect(await autosaveDraft({ documentId, baseRevision: 1, content: "{" }, actors("secretaris"))).toMatchObject({ status: 400 });
    expect(await prisma.documentRevision.count({ where: { documentId } })).toBe(1);
    expect(await getDraft(documentId, actors("secretaris").id)).toBeNull();
  });

  it("autosaves a draft per author without conflicts", async () => {
    const documentId = await newBrief();
    const content = JSON.stringify(documentOf([paragraph("Half af.")]));
    expect(await autosaveDraft({ documentId, baseRevision: 1, content }, actors("secretaris"))).toEqual({ ok: true });
    expect(await autosaveDraft({ documentId, baseRevision: 1, content }, actors("secretaris"))).toEqual({ ok: true });
    expect((await getDraft(documentId, actors("secretaris").id))?.baseRevision).toBe(1);
  });

  it("gives pasted copies of a decision point their own id", async () => {
    const documentId = await newBrief();
    const content = JSON.stringify(documentOf([decisionPoint("bp-aaaaaaaaaa", "Eén"), decisionPoint("bp-aaaaaaaaaa", "Eén (kopie)")]));
    expect(await saveRevision({ documentId, baseRevision: 1, content }, actors("secretaris"))).toMatchObject({ ok: true });
    const points = decisionPoints((await getDocument(documentId))!.content as SerializedDocument);
    expect(points[0]!.pointId).toBe("bp-aaaaaaaaaa");
    expect(points[1]!.pointId).not.toBe("bp-aaaaaaaaaa");
  });

  it("sending a revision to the councils freezes it and lists its decision points", async () => {
    const created = await createDocument({ trailId, kind: "RAADSVOORSTEL", title: "Raadsvoorstel wijziging GR" }, actors("secretaris"));
    const documentId = created.ok ? created.documentId : "";
    expect(await sendRevision({ documentId, revision: 1 }, actors("griffier.delft"))).toMatchObject({ status: 403 });
    expect(await sendRevision({ documentId, revision: 1 }, actors("secretaris"))).toMatchObject({ ok: true });
    const sent = (await sentRevisions(trailId)).find((r) => r.documentId === documentId)!;
    expect(sent.number).toBe(1);
    expect(sent.points).toHaveLength(2);
    expect((await prisma.documentRevision.findFirstOrThrow({ where: { documentId, number: 1 } })).frozenAt).not.toBeNull();
  });
});
