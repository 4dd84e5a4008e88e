import { beforeAll, describe, expect, it } from "vitest";
import { plainText, type SerializedDocument, type SerializedNode } from "~/editor/document-json";
import { renderDocumentHtml } from "~/render/html.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { getDocument, saveRevision } from "./document.server";
import { generateOplegger } from "./oplegger.server";
import { logPosition, processPosition } from "./position.server";
import { sendTrailEvent } from "./trail-workflow.server";

let actors: (local: string) => Actor;
beforeAll(async () => {
  actors = await demoActors();
});

/** A GR amendment in its zienswijze term with Delft's and Den Haag's views logged. */
async function trailWithViews() {
  const [delft, denHaag] = await Promise.all(
    ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
  );
  const trail = await createTrail("GR_AMENDMENT", [delft!.id, denHaag!.id]);
  let revision = 0;
  const send = async (type: string, municipalityId: string | undefined, on: string) => {
    const r = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, municipalityId, fields: { on } },
      actors("secretaris"),
    );
    if (!r.ok) throw new Error(r.code);
    revision = r.revision;
  };
  await send("DRAFT_SENT", undefined, "2024-01-10");
  await send("DRAFT_RECEIVED", delft!.id, "2024-01-15");
  await send("DRAFT_RECEIVED", denHaag!.id, "2024-01-15");
  const views: string[] = [];
  for (const [m, clerk, text] of [
    [denHaag!.id, "griffier.den-haag", "De raad vraagt de rol van de raden bij de begroting te versterken."],
    [delft!.id, "griffier.delft", "De raad wil vaker worden geïnformeerd over de kosten van de jeugdhulp."],
  ] as const) {
    const r = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: revision,
        municipalityId: m,
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text,
        meetingDate: "2024-03-07",
      },
      actors(clerk),
    );
    if (!r.ok) throw new Error(r.code);
    revision = r.revision;
    views.push(r.positionId);
  }
  return { trailId: trail.id, views };
}

const textOf = (document: SerializedDocument) => plainText(document.root);

/** The text of each cell of each table row under a node, row by row. */
function tableRows(node: SerializedNode): string[][] {
  if (node.type === "tablerow") return [(node.children ?? []).map((cell) => plainText(cell))];
  return (node.children ?? []).flatMap(tableRows);
}

describe("the oplegger", () => {
  it("lists per council what it advised and how and where that was handled, in a marked generated part", async () => {
    const { trailId, views } = await trailWithViews();
    await processPosition(
      views[0]!,
      { outcome: "ADOPTED", reason: "Opgenomen in artikel 4.", location: "Artikel 4, lid 2" },
      actors("secretaris"),
    );
    expect(await generateOplegger(trailId, actors("griffier.delft"))).toMatchObject({ status: 403 });
    const generated = await generateOplegger(trailId, actors("secretaris"));
    if (!generated.ok) throw new Error(generated.code);
    const { content } = (await getDocument(generated.documentId))!;
    const section = content.root.children.find((c) => c.type === "generated-section")!;
    const text = textOf({ root: { ...content.root, children: [section] } });
    // Per council, alphabetical, with kind, text, outcome and place.
    expect(text.indexOf("Delft")).toBeLessThan(text.indexOf("Den Haag"));
    expect(text).toContain(
      "Zienswijze (7 maart 2024): De raad vraagt de rol van de raden bij de begroting te versterken.",
    );
    expect(text).toContain("Overgenomen");
    expect(text).toContain("Artikel 4, lid 2");
    expect(text).toContain("Nog niet verwerkt");
    expect(renderDocumentHtml(content)).toContain('<section class="h10-generated"');
  });

  it("groups by theme once tagged, and regenerating keeps the secretary's own text", async () => {
    const { trailId, views } = await trailWithViews();
    await processPosition(
      views[0]!,
      { outcome: "PARTLY_ADOPTED", reason: "Deels.", location: "Paragraaf 3", theme: "Rol van de raden" },
      actors("secretaris"),
    );
    const first = await generateOplegger(trailId, actors("secretaris"));
    if (!first.ok) throw new Error(first.code);
    const loaded = (await getDocument(first.documentId))!;
    expect(textOf(loaded.content)).toContain("Standpunten per thema en beslispunt");
    // The secretary writes a conclusion of their own, then a council's view is processed and the oplegger regenerated.
    const edited: SerializedDocument = JSON.parse(JSON.stringify(loaded.content));
    const conclusion = edited.root.children.find((c) => c.type === "paragraph" && plainText(c) === "…")!;
    conclusion.children = [
      { type: "text", text: "Het algemeen bestuur neemt de zienswijzen grotendeels over.", format: 0, version: 1 },
    ];
    expect(
      await saveRevision(
        { documentId: first.documentId, baseRevision: 1, content: JSON.stringify(edited) },
        actors("secretaris"),
      ),
    ).toMatchObject({ ok: true, revision: 2 });
    await processPosition(
      views[1]!,
      { outcome: "ADOPTED", reason: "Jaarlijkse rapportage.", location: "Artikel 9", theme: "Informatievoorziening" },
      actors("secretaris"),
    );
    const second = await generateOplegger(trailId, actors("secretaris"));
    expect(second).toMatchObject({ ok: true, documentId: first.documentId, revision: 3 });
    const after = (await getDocument(first.documentId))!.content;
    const text = textOf(after);
    expect(text).toContain("Het algemeen bestuur neemt de zienswijzen grotendeels over.");
    expect(text).toContain("Informatievoorziening");
    expect(text).toContain("Rol van de raden");
    expect(after.root.children.filter((c) => c.type === "generated-section")).toHaveLength(1);
  });
  it("puts a committee's advice under its own body and word, not as the council's zienswijze", async () => {
    const { trailId } = await trailWithViews();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const advice = await logPosition(
      {
        trailId,
        expectedRevision: trail.revision,
        municipalityId: delft.id,
        body: "COMMITTEE",
        kind: "ZIENSWIJZE",
        text: "De commissie adviseert de raad in te stemmen.",
        meetingDate: "2024-02-27",
      },
      actors("griffier.delft"),
    );
    if (!advice.ok) throw new Error(advice.code);
    const generated = await generateOplegger(trailId, actors("secretaris"));
    if (!generated.ok) throw new Error(generated.code);
    const { content } = (await getDocument(generated.documentId))!;
    const rows = tableRows(content.root.children.find((c) => c.type === "generated-section")!);
    expect(rows[0]!.slice(0, 3)).toEqual(["Gemeente", "Orgaan", "Standpunt"]);
    const committee = rows.find((r) => r[2]!.includes("De commissie adviseert"))!;
    expect(committee.slice(0, 3)).toEqual([
      "Delft",
      "Raadscommissie",
      "Advies over de zienswijze (27 februari 2024): De commissie adviseert de raad in te stemmen.",
    ]);
    const council = rows.find((r) => r[2]!.includes("vaker worden geïnformeerd"))!;
    expect(council.slice(0, 3)).toEqual([
      "Delft",
      "Raad",
      "Zienswijze (7 maart 2024): De raad wil vaker worden geïnformeerd over de kosten van de jeugdhulp.",
    ]);
  });
});
