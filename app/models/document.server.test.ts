import { beforeAll, describe, expect, it } from "vitest";
import { decisionPoints, TEXT_FORMAT, type SerializedDocument } from "~/editor/document-json";
import {
  bulletList,
  decisionPoint,
  documentOf,
  heading,
  paragraph,
  participantsPhrase,
  text,
} from "~/editor/templates";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import {
  autosaveDraft,
  compareRevisions,
  createDocument,
  getDocument,
  getDraft,
  saveRevision,
  sendRevision,
  stepOnSend,
  sentRevisions,
} from "./document.server";

let actors: (local: string) => Actor;
let trailId: string;

beforeAll(async () => {
  actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({ where: { participationTo: null } });
  trailId = (
    await createTrail(
      "GR_AMENDMENT",
      municipalities.map((m) => m.id),
    )
  ).id;
});

async function newBrief() {
  const created = await createDocument(
    { trailId, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief wijziging GR" },
    actors("secretaris"),
  );
  if (!created.ok) throw new Error(created.code);
  return created.documentId;
}

describe("documents and revisions", () => {
  it("a secretary starts a document from its Dutch template; others may not", async () => {
    const documentId = await newBrief();
    const loaded = await getDocument(documentId);
    expect(loaded!.revision.number).toBe(1);
    expect(JSON.stringify(loaded!.content)).toContain("zodat alle raden over dezelfde informatie beschikken");
    // The trail's own participants, counted and named.
    const names = (
      await prisma.trailParticipant.findMany({
        where: { trailId },
        select: { municipality: { select: { name: true } } },
      })
    )
      .map((p) => p.municipality.name)
      .sort((a, b) => a.localeCompare(b, "nl"));
    expect(names.length).toBeGreaterThan(1);
    expect(JSON.stringify(loaded!.content)).toContain(
      `de colleges van ${participantsPhrase(names, { named: false })} in de regio Haaglanden hun raden`,
    );
    expect(await createDocument({ trailId, kind: "BESLUIT", title: "x" }, actors("griffier.delft"))).toMatchObject({
      status: 403,
    });
    expect(await prisma.event.count({ where: { trailId, type: "document.created" } })).toBe(1);
  });

  it("saving creates a revision; a save based on an older revision is a conflict and the author's text is kept", async () => {
    const documentId = await newBrief();
    const mine = JSON.stringify(documentOf([heading("h1", "Brief"), paragraph("Tekst van Anna.")]));
    const theirs = JSON.stringify(documentOf([heading("h1", "Brief"), paragraph("Tekst van Bram.")]));
    const anna = actors("secretaris");
    // Two saves of the same revision (1): the first wins, the second is refused.
    expect(await saveRevision({ documentId, baseRevision: 1, content: theirs, note: "Bram" }, anna)).toEqual({
      ok: true,
      revision: 2,
    });
    const conflict = await saveRevision({ documentId, baseRevision: 1, content: mine }, anna);
    expect(conflict).toMatchObject({ ok: false, status: 409, code: "revision_conflict", currentRevision: 2 });
    expect(conflict.ok ? "" : "currentContent" in conflict ? conflict.currentContent : "").toContain("Tekst van Bram.");
    // Nothing was lost: the refused text waits in the author's draft, and no third revision exists.
    expect((await getDraft(documentId, anna.id))?.content).toContain("Tekst van Anna.");
    expect(await prisma.documentRevision.count({ where: { documentId } })).toBe(2);
    // After merging, a save based on revision 2 succeeds and clears the draft.
    expect(await saveRevision({ documentId, baseRevision: 2, content: mine, note: "Samengevoegd" }, anna)).toEqual({
      ok: true,
      revision: 3,
    });
    expect(await getDraft(documentId, anna.id)).toBeNull();
    const rows = await compareRevisions(documentId, 2, 3);
    expect(
      rows!
        .find((r) => r.change === "changed")!
        .right!.filter((s) => s.change === "inserted")
        .map((s) => s.text),
    ).toEqual(["Anna"]);
  });

  it("refuses invalid content with a stable code and writes nothing", async () => {
    const documentId = await newBrief();
    const hostile = JSON.stringify({
      root: { type: "root", children: [{ type: "html", html: "<script>alert(1)</script>" }] },
    });
    expect(await saveRevision({ documentId, baseRevision: 1, content: hostile }, actors("secretaris"))).toMatchObject({
      status: 400,
      code: "document_invalid",
      problem: { code: "document_unknown_node" },
    });
    expect(await autosaveDraft({ documentId, baseRevision: 1, content: "{" }, actors("secretaris"))).toMatchObject({
      status: 400,
    });
    expect(await prisma.documentRevision.count({ where: { documentId } })).toBe(1);
    expect(await getDraft(documentId, actors("secretaris").id)).toBeNull();
  });

  it("stores no style and no unknown attribute: a saved overlay is stripped, the text, formats, links and lists stay", async () => {
    const { renderDocumentHtml } = await import("~/render/html.server");
    const documentId = await newBrief();
    const overlay = "position:fixed;inset:0;z-index:9999;background:#000";
    const content = JSON.stringify(
      documentOf([
        {
          ...paragraph(
            { ...text("Let op", TEXT_FORMAT.bold | TEXT_FORMAT.italic), style: overlay, onmouseover: "alert(1)" },
            " en ",
            { type: "link", url: "https://www.rijswijk.nl/", children: [{ ...text("Rijswijk"), style: overlay }] },
          ),
          textStyle: overlay,
        },
        { ...bulletList([["één"], ["twee"]]), style: overlay, unknown: { a: 1 } },
      ]),
    );
    expect(content).toContain("position:fixed");
    const anna = actors("secretaris");
    expect(await saveRevision({ documentId, baseRevision: 1, content }, anna)).toEqual({ ok: true, revision: 2 });
    expect(await autosaveDraft({ documentId, baseRevision: 2, content }, anna)).toEqual({ ok: true });
    const stored = await prisma.documentRevision.findFirstOrThrow({ where: { documentId, number: 2 } });
    const draft = await getDraft(documentId, anna.id);
    for (const json of [stored.content, draft!.content]) {
      expect(json).not.toMatch(/style|position|onmouseover|unknown/i);
      const [p, list] = (JSON.parse(json) as SerializedDocument).root.children;
      expect(p!.children![0]).toEqual({
        type: "text",
        version: 1,
        text: "Let op",
        format: TEXT_FORMAT.bold | TEXT_FORMAT.italic,
        mode: "normal",
        detail: 0,
      });
      expect(p!.children![2]).toMatchObject({ type: "link", url: "https://www.rijswijk.nl/" });
      expect(list).toMatchObject({ type: "list", listType: "bullet", children: [{ type: "listitem" }, {}] });
    }
    const html = renderDocumentHtml((await getDocument(documentId))!.content);
    expect(html).toBe(
      '<p><strong><em>Let op</em></strong> en <a class="utrecht-link" href="https://www.rijswijk.nl/" rel="noopener noreferrer">Rijswijk</a></p><ul><li>één</li><li>twee</li></ul>',
    );
    // A conflicting save keeps the author's text as a draft, cleaned the same way.
    const conflict = await saveRevision({ documentId, baseRevision: 1, content }, anna);
    expect(conflict).toMatchObject({ status: 409, code: "revision_conflict" });
    expect(!conflict.ok && conflict.code === "revision_conflict" ? conflict.draftContent : "style").not.toMatch(
      /style/,
    );
    expect((await getDraft(documentId, anna.id))!.content).not.toMatch(/style/);
  });

  it("refuses a 100,000-deep nested attribute and a document over 1 MB with their own codes, writing nothing", async () => {
    const documentId = await newBrief();
    const deep = `{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"x","format":0,"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}]}}`;
    const large = JSON.stringify(documentOf(Array.from({ length: 8 }, () => paragraph("é".repeat(75_000)))));
    const anna = actors("secretaris");
    for (const [content, code] of [
      [deep, "document_too_deep"],
      [large, "document_too_large"],
    ] as const) {
      expect(await saveRevision({ documentId, baseRevision: 1, content }, anna)).toMatchObject({
        status: 400,
        code: "document_invalid",
        problem: { code },
      });
      expect(await autosaveDraft({ documentId, baseRevision: 1, content }, anna)).toMatchObject({
        status: 400,
        problem: { code },
      });
    }
    expect(await prisma.documentRevision.count({ where: { documentId } })).toBe(1);
    expect(await getDraft(documentId, anna.id)).toBeNull();
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
    const content = JSON.stringify(
      documentOf([decisionPoint("bp-aaaaaaaaaa", "Eén"), decisionPoint("bp-aaaaaaaaaa", "Eén (kopie)")]),
    );
    expect(await saveRevision({ documentId, baseRevision: 1, content }, actors("secretaris"))).toMatchObject({
      ok: true,
    });
    const points = decisionPoints((await getDocument(documentId))!.content as SerializedDocument);
    expect(points[0]!.pointId).toBe("bp-aaaaaaaaaa");
    expect(points[1]!.pointId).not.toBe("bp-aaaaaaaaaa");
  });

  it("sending a revision to the councils freezes it and lists its decision points", async () => {
    const created = await createDocument(
      { trailId, kind: "RAADSVOORSTEL", title: "Raadsvoorstel wijziging GR" },
      actors("secretaris"),
    );
    const documentId = created.ok ? created.documentId : "";
    expect(await sendRevision({ documentId, revision: 1 }, actors("griffier.delft"))).toMatchObject({ status: 403 });
    // The page warns first: sending it now is the step that asks every participating council; a decision is not.
    const councils = await prisma.trailParticipant.count({ where: { trailId } });
    expect(await stepOnSend(trailId, "RAADSVOORSTEL")).toEqual({ type: "DRAFT_SENT", councils });
    expect(await stepOnSend(trailId, "RAADSINFORMATIEBRIEF")).toEqual({ type: "DRAFT_SENT", councils });
    expect(await stepOnSend(trailId, "BESLUIT")).toBeNull();
    expect(await sendRevision({ documentId, revision: 1 }, actors("secretaris"))).toMatchObject({
      ok: true,
      step: "DRAFT_SENT",
    });
    // Asked once: a later send only freezes its text.
    expect(await stepOnSend(trailId, "RAADSVOORSTEL")).toBeNull();
    const sent = (await sentRevisions(trailId)).find((r) => r.documentId === documentId)!;
    expect(sent.number).toBe(1);
    expect(sent.points).toHaveLength(2);
    expect(
      (await prisma.documentRevision.findFirstOrThrow({ where: { documentId, number: 1 } })).frozenAt,
    ).not.toBeNull();
  });

  it("a position records the sent revision it decided on; amendments refer to its decision points; the trail shows who amended what", async () => {
    const { logPosition, addPositionItem } = await import("./position.server");
    const { decisionPointOverview } = await import("./document.server");
    const created = await createDocument(
      { trailId, kind: "RAADSVOORSTEL", title: "Raadsvoorstel regiovisie" },
      actors("secretaris"),
    );
    const documentId = created.ok ? created.documentId : "";
    const draftOnly = (await prisma.documentRevision.findFirstOrThrow({ where: { documentId, number: 1 } })).id;
    const [delft, rijswijk] = await Promise.all(
      ["delft", "rijswijk"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const motion = {
      trailId,
      expectedRevision: trail.revision,
      body: "COUNCIL" as const,
      kind: "MOTION" as const,
      text: "Motie",
      meetingDate: "2024-03-07",
    };

    // A revision not yet sent cannot be the text decided on.
    expect(
      await logPosition(
        { ...motion, municipalityId: delft!.id, documentRevisionId: draftOnly },
        actors("griffier.delft"),
      ),
    ).toMatchObject({ status: 422, code: "revision_not_sent" });
    await sendRevision({ documentId, revision: 1 }, actors("secretaris"));
    const logged = await logPosition(
      { ...motion, municipalityId: delft!.id, documentRevisionId: draftOnly },
      actors("griffier.delft"),
    );
    expect(logged).toMatchObject({ ok: true });
    const positionId = logged.ok ? logged.positionId : "";
    expect((await prisma.position.findUniqueOrThrow({ where: { id: positionId } })).documentRevisionId).toBe(draftOnly);

    const [first, second] = (await sentRevisions(trailId)).find((r) => r.id === draftOnly)!.points;
    const amendment = {
      kind: "AMENDMENT" as const,
      title: "Amendement A",
      text: "In te stemmen met de visie, met dien verstande dat de raad jaarlijks wordt geïnformeerd.",
      adopted: true,
    };
    expect(
      await addPositionItem(positionId, { ...amendment, decisionPoint: "bp-bestaatniet" }, actors("griffier.delft")),
    ).toMatchObject({ status: 422, code: "unknown_decision_point" });
    expect(
      await addPositionItem(positionId, { ...amendment, decisionPoint: first!.pointId }, actors("griffier.delft")),
    ).toMatchObject({ ok: true });

    // Delft adopted with its amendment on point 1; Rijswijk adopted the text as drafted.
    const body = await prisma.body.findFirstOrThrow({ where: { municipalityId: delft!.id, kind: "COUNCIL" } });
    await prisma.position.update({ where: { id: positionId }, data: { kind: "ADOPTED_WITH_AMENDMENTS" } });
    const rijswijkBody = await prisma.body.findFirstOrThrow({
      where: { municipalityId: rijswijk!.id, kind: "COUNCIL" },
    });
    await prisma.position.create({
      data: {
        trailId,
        municipalityId: rijswijk!.id,
        bodyId: rijswijkBody.id,
        kind: "ADOPTED",
        text: "Vastgesteld",
        loggedById: actors("griffier.rijswijk").id,
        documentRevisionId: draftOnly,
      },
    });
    expect(body.kind).toBe("COUNCIL");
    const overview = (await decisionPointOverview(trailId)).find((t) => t.revisionId === draftOnly)!;
    const [p1, p2] = overview.points;
    expect(p1).toMatchObject({
      number: 1,
      adoptedAsDrafted: ["Rijswijk"],
      amendments: [{ municipality: "Delft", title: "Amendement A" }],
    });
    expect(p2).toMatchObject({ number: 2, pointId: second!.pointId, amendments: [] });
    expect(p2!.adoptedAsDrafted.sort()).toEqual(["Delft", "Rijswijk"]);
  });
});
