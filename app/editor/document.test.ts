import { createHeadlessEditor } from "@lexical/headless";
import { $getRoot, $createParagraphNode, $createTextNode, $isTextNode, type LexicalNode } from "lexical";
import { describe, expect, it } from "vitest";
import { renderDocumentHtml, safeUrl } from "~/render/html.server";
import { compareDocuments, blocksOf } from "./compare";
import {
  ALLOWED_ATTRIBUTES,
  DOCUMENT_NODE_TYPES,
  decisionPoints,
  jsonNestingExceeds,
  LIMITS,
  parseDocument,
  type SerializedDocument,
  type SerializedNode,
} from "./document-json";
import { newDecisionPointId } from "./ids";
import { $createDecisionPointNode, $createFootnoteNode, $createMunicipalityFieldNode, DOCUMENT_NODES } from "./nodes";
import {
  bold,
  bulletList,
  decisionPoint,
  documentOf,
  field,
  generatedSection,
  heading,
  paragraph,
  table,
  participantsPhrase,
  TEMPLATES,
  text,
} from "./templates";

const context = {
  trailTitle: "Regiovisie Jeugdhulp Haaglanden 2018–2022",
  reference: "H10-VISIE-2017",
  participants: ["Delft", "Den Haag", "Zoetermeer"],
  pointIds: newDecisionPointId,
};

function headless() {
  return createHeadlessEditor({
    nodes: DOCUMENT_NODES,
    onError: (error) => {
      throw error;
    },
  });
}

/** JSON to editor state and back to JSON. */
function roundTrip(document: SerializedDocument): SerializedDocument {
  const editor = headless();
  editor.setEditorState(editor.parseEditorState(JSON.stringify(document)));
  return editor.getEditorState().toJSON() as unknown as SerializedDocument;
}

/** The attributes that matter, without Lexical's defaults, for comparing documents. */
function essence(node: SerializedNode): unknown {
  const keep = [
    "type",
    "text",
    "format",
    "tag",
    "listType",
    "url",
    "field",
    "note",
    "pointId",
    "headerState",
    "source",
  ];
  return {
    ...Object.fromEntries(
      Object.entries(node).filter(([key, value]) => keep.includes(key) && value !== "" && value !== undefined),
    ),
    ...(node.children ? { children: node.children.map(essence) } : {}),
  };
}

describe("templates name the trail's own participants", () => {
  const nine = [
    "Delft",
    "Den Haag",
    "Leidschendam-Voorburg",
    "Midden-Delfland",
    "Pijnacker-Nootdorp",
    "Rijswijk",
    "Wassenaar",
    "Westland",
    "Zoetermeer",
  ];
  it("says nine, not ten, on a trail with nine participants, and names them", () => {
    const proposal = JSON.stringify(TEMPLATES.RAADSVOORSTEL({ ...context, participants: nine }));
    expect(proposal).not.toContain("tien gemeenten");
    expect(proposal).toContain("De negen gemeenten Delft, Den Haag, Leidschendam-Voorburg");
    expect(proposal).toContain("Westland en Zoetermeer werken");
    const letter = JSON.stringify(TEMPLATES.RAADSINFORMATIEBRIEF({ ...context, participants: nine }));
    expect(letter).toContain("de colleges van de negen deelnemende gemeenten in de regio Haaglanden");
    expect(letter).not.toContain("tien");
  });

  it("counts in words up to twelve and names a single municipality", () => {
    expect(participantsPhrase(nine.slice(0, 2))).toBe("de twee gemeenten Delft en Den Haag");
    expect(participantsPhrase(["Delft"])).toBe("de gemeente Delft");
  });
});

describe("documents as Lexical JSON", () => {
  it("every template is valid and survives JSON → editor state → JSON unchanged", () => {
    for (const [kind, template] of Object.entries(TEMPLATES)) {
      const document = template(context);
      expect(parseDocument(JSON.stringify(document)), kind).toMatchObject({ ok: true });
      const back = roundTrip(document);
      expect(essence(back.root), kind).toEqual(essence(document.root));
      expect(parseDocument(back), kind).toMatchObject({ ok: true });
    }
  });

  it("keeps the domain nodes through the editor: field, footnote, decision point with its id", () => {
    const editor = headless();
    const pointId = newDecisionPointId();
    editor.update(
      () => {
        const p = $createParagraphNode().append(
          $createTextNode("Het aandeel van "),
          $createMunicipalityFieldNode("name", "[gemeente]"),
          $createFootnoteNode("Bron: begroting 2021."),
        );
        $getRoot().append(
          p,
          $createDecisionPointNode(pointId).append($createTextNode("De raad stemt in met de wijziging.")),
        );
      },
      { discrete: true },
    );
    const json = editor.getEditorState().toJSON() as unknown as SerializedDocument;
    const parsed = parseDocument(JSON.stringify(json));
    expect(parsed.ok).toBe(true);
    const [p, point] = json.root.children;
    expect(p!.children!.map((c) => c.type)).toEqual(["text", "municipality-field", "footnote"]);
    expect(p!.children![1]).toMatchObject({ field: "name", mode: "token" });
    expect(p!.children![2]).toMatchObject({ note: "Bron: begroting 2021." });
    expect(point).toMatchObject({ type: "decision-point", pointId });
    expect(essence(roundTrip(json).root)).toEqual(essence(json.root));
    expect(decisionPoints(json)).toEqual([{ pointId, number: 1, text: "De raad stemt in met de wijziging." }]);
  });

  it("the renderer registry covers every node type a document may hold", async () => {
    const { HTML_RENDERERS } = await import("~/render/html.server");
    expect(Object.keys(HTML_RENDERERS).sort()).toEqual([...DOCUMENT_NODE_TYPES].sort());
  });
});

describe("checking documents on save", () => {
  const valid = documentOf([paragraph("Tekst")]);

  it("refuses unknown node types, wrong attributes and misplaced nodes", () => {
    const withNode = (node: SerializedNode) => JSON.stringify(documentOf([node]));
    expect(parseDocument(withNode({ type: "script", children: [] }))).toMatchObject({
      ok: false,
      problem: { code: "document_unknown_node", nodeType: "script" },
    });
    expect(parseDocument(withNode({ type: "html", html: "<b>x</b>" }))).toMatchObject({
      ok: false,
      problem: { code: "document_unknown_node" },
    });
    expect(parseDocument(withNode({ ...heading("h2", "x"), tag: "h7" }))).toMatchObject({
      ok: false,
      problem: { code: "document_invalid_node", nodeType: "heading" },
    });
    expect(parseDocument(withNode(text("los")))).toMatchObject({
      ok: false,
      problem: { code: "document_misplaced_node", nodeType: "text", parentType: "root" },
    });
    expect(parseDocument(withNode({ ...decisionPoint("bp-abcdefgh", "x"), pointId: "1 OR 1=1" }))).toMatchObject({
      ok: false,
      problem: { code: "document_invalid_node" },
    });
    expect(
      parseDocument(withNode(paragraph({ type: "municipality-field", field: "password", text: "x", format: 0 }))),
    ).toMatchObject({
      ok: false,
      problem: { code: "document_invalid_node", nodeType: "municipality-field" },
    });
    expect(parseDocument("{not json")).toMatchObject({ ok: false, problem: { code: "document_invalid_json" } });
    expect(parseDocument(JSON.stringify(valid))).toMatchObject({ ok: true });
  });

  it("refuses oversized, too deeply nested and too large documents", () => {
    expect(parseDocument("x".repeat(LIMITS.bytes + 1))).toMatchObject({
      ok: false,
      problem: { code: "document_too_large" },
    });
    let list: SerializedNode = bulletList([["diep"]]);
    for (let i = 0; i < 40; i++)
      list = { ...bulletList([]), children: [{ type: "listitem", value: 1, children: [list] }] };
    expect(parseDocument(JSON.stringify(documentOf([list])))).toMatchObject({
      ok: false,
      problem: { code: "document_too_deep" },
    });
    const many = documentOf(Array.from({ length: 10_001 }, () => paragraph("x")));
    // Passed as a value: as text it would already be too large.
    expect(parseDocument(many)).toMatchObject({ ok: false, problem: { code: "document_too_many_nodes" } });
  });

  it("refuses a document over 1 MB as too large, counting bytes: 600,000 characters of é are 1.2 MB", () => {
    const wide = documentOf(Array.from({ length: 8 }, () => paragraph("é".repeat(75_000))));
    const json = JSON.stringify(wide);
    expect(json.length).toBeLessThan(LIMITS.bytes);
    expect(Buffer.byteLength(json)).toBeGreaterThan(LIMITS.bytes);
    expect(parseDocument(json)).toMatchObject({ ok: false, problem: { code: "document_too_large" } });
    // Just under the limit in bytes is fine.
    const narrow = JSON.stringify(documentOf(Array.from({ length: 6 }, () => paragraph("é".repeat(75_000)))));
    expect(parseDocument(narrow)).toMatchObject({ ok: true });
  });

  it("refuses a 100,000-deep nested attribute as too deep, before anything recursive walks it", () => {
    const depth = 100_000;
    const hostile = `{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"x","format":0,"extra":${"[".repeat(depth)}${"]".repeat(depth)}}]}]}}`;
    expect(parseDocument(hostile)).toMatchObject({
      ok: false,
      problem: { code: "document_too_deep", limit: LIMITS.jsonDepth },
    });
    // The same as a value already parsed (built without recursion).
    let deep: unknown = [];
    for (let i = 0; i < depth; i++) deep = [deep];
    const value = documentOf([paragraph({ ...text("x"), extra: deep })]);
    expect(parseDocument(value)).toMatchObject({ ok: false, problem: { code: "document_too_deep" } });
    // Brackets inside strings are text, not nesting; a real document is far below the limit.
    expect(jsonNestingExceeds(JSON.stringify({ a: "[[[[{{{{".repeat(50), b: '\\"[[[' }), 3)).toBe(false);
    expect(jsonNestingExceeds("[[[[", 3)).toBe(true);
    let list: SerializedNode = bulletList([["diep"]]);
    for (let i = 0; i < LIMITS.depth / 2 - 2; i++)
      list = { ...bulletList([]), children: [{ type: "listitem", value: 1, children: [list] }] };
    expect(parseDocument(JSON.stringify(documentOf([table(["Kop"], [["x"]]), list])))).toMatchObject({
      ok: true,
    });
  });

  it("keeps only the attributes each node type has: no style, textStyle or unknown attributes anywhere", () => {
    const overlay = "position:fixed;inset:0;z-index:9999;background:url(https://evil.example/x.png)";
    const hostile = documentOf([
      {
        ...paragraph(
          { ...text("vet", 1), style: overlay, onclick: "alert(1)", $: { state: 1 } },
          { type: "link", url: "https://www.denhaag.nl/", target: "_top", rel: "opener", children: [text("link")] },
          { ...field("name"), style: overlay },
          { type: "footnote", note: "Bron.", text: "*", format: 64, style: overlay },
        ),
        textStyle: overlay,
        format: "center",
      },
      { ...heading("h2", "Kop"), style: overlay, dataX: "y" },
      { ...bulletList([["één"], ["twee"]]), listType: "number", tag: "ol", start: 3, extra: { nested: true } },
      { ...table(["Gemeente"], [["Rijswijk"]]), colWidths: [9999], style: overlay },
      { ...decisionPoint("bp-aaaaaaaa", "Besluit"), style: overlay },
    ]);
    const parsed = parseDocument(JSON.stringify(hostile));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.json).not.toMatch(/style|position|onclick|opener|_top|dataX|extra|colWidths|"\$"/);
    // Every node holds only its type's attributes.
    const visit = (node: SerializedNode) => {
      for (const key of Object.keys(node))
        expect(ALLOWED_ATTRIBUTES[node.type as keyof typeof ALLOWED_ATTRIBUTES], `${node.type}.${key}`).toContain(key);
      node.children?.forEach(visit);
    };
    visit(parsed.document.root);
    // What matters survives: text, format bits, alignment, links, fields, notes, lists, tables, decision points.
    expect(essence(parsed.document.root)).toEqual(
      essence(
        documentOf([
          {
            ...paragraph(
              text("vet", 1),
              { type: "link", url: "https://www.denhaag.nl/", children: [text("link")] },
              field("name"),
              { type: "footnote", note: "Bron.", text: "*", format: 64 },
            ),
            format: "center",
          },
          heading("h2", "Kop"),
          { ...bulletList([["één"], ["twee"]]), listType: "number", tag: "ol", start: 3 },
          table(["Gemeente"], [["Rijswijk"]]),
          decisionPoint("bp-aaaaaaaa", "Besluit"),
        ]).root,
      ),
    );
    const list = parsed.document.root.children[2]!;
    expect(list).toMatchObject({ listType: "number", tag: "ol", start: 3 });
    expect(parsed.document.root.children[0]).toMatchObject({ format: "center" });
    // The editor gets no inline style from it.
    const editor = headless();
    editor.setEditorState(editor.parseEditorState(parsed.json));
    const styles: string[] = [];
    editor.getEditorState().read(() => {
      const walk = (node: LexicalNode) => {
        if ($isTextNode(node)) styles.push(node.getStyle());
        if ("getChildren" in node) (node as unknown as { getChildren(): LexicalNode[] }).getChildren().forEach(walk);
      };
      walk($getRoot());
    });
    expect(styles.length).toBeGreaterThan(5);
    expect(styles.every((style) => style === "")).toBe(true);
    // Nor does the rendered page.
    expect(renderDocumentHtml(parsed.document)).not.toMatch(/style|position/);
  });

  it("refuses two decision points with the same id", () => {
    const twice = documentOf([decisionPoint("bp-aaaaaaaa", "één"), decisionPoint("bp-aaaaaaaa", "twee")]);
    expect(parseDocument(twice)).toMatchObject({ ok: false, problem: { code: "document_duplicate_decision_point" } });
  });
});

describe("rendering to HTML", () => {
  const render = (...children: SerializedNode[]) => renderDocumentHtml(documentOf(children));

  it("renders each node type", () => {
    expect(render(heading("h1", "Kop"))).toBe("<h2>Kop</h2>");
    expect(render(paragraph(bold("vet"), " en ", text("schuin", 2)))).toBe(
      "<p><strong>vet</strong> en <em>schuin</em></p>",
    );
    expect(render(bulletList([["a"], ["b"]]))).toBe("<ul><li>a</li><li>b</li></ul>");
    expect(render({ ...bulletList([["één"]]), listType: "number", tag: "ol" })).toBe("<ol><li>één</li></ol>");
    expect(render(table(["Gemeente", "Aandeel"], [["Rijswijk", "€ 329.000"]]))).toBe(
      '<div class="h10-table-scroll"><table class="utrecht-table"><tr><th scope="col"><p>Gemeente</p></th><th scope="col"><p>Aandeel</p></th></tr><tr><td><p>Rijswijk</p></td><td><p>€ 329.000</p></td></tr></table></div>',
    );
    expect(render(paragraph({ type: "link", url: "https://www.denhaag.nl/", children: [text("Den Haag")] }))).toBe(
      '<p><a class="utrecht-link" href="https://www.denhaag.nl/" rel="noopener noreferrer">Den Haag</a></p>',
    );
    expect(render(decisionPoint("bp-aaaaaaaa", "Eerste"), decisionPoint("bp-bbbbbbbb", "Tweede"))).toBe(
      '<p class="h10-decision-point" id="bp-aaaaaaaa"><strong>Beslispunt 1.</strong> Eerste</p><p class="h10-decision-point" id="bp-bbbbbbbb"><strong>Beslispunt 2.</strong> Tweede</p>',
    );
    expect(render(generatedSection([paragraph("Delft: zienswijze")]))).toContain(
      '<section class="h10-generated" aria-label="Gegenereerd uit de standpunten en hun verwerking">',
    );
    const withNote = render(paragraph("Kosten", { type: "footnote", note: "Begroting 2021.", text: "*", format: 64 }));
    expect(withNote).toContain('<sup class="h10-footnote-ref"><a href="#noot-1" id="noot-ref-1">1</a></sup>');
    expect(withNote).toContain('<li id="noot-1">Begroting 2021.');
  });

  it("fills the per-municipality fields for one council, or shows the placeholder", () => {
    const letter = documentOf([paragraph("Voor ", field("name"), " betekent dit ", field("share"), ".")]);
    expect(renderDocumentHtml(letter, { fields: { name: "Rijswijk", share: "€ 329.000" } })).toBe(
      '<p>Voor <span class="h10-field" data-field="name">Rijswijk</span> betekent dit <span class="h10-field" data-field="share">€ 329.000</span>.</p>',
    );
    expect(renderDocumentHtml(letter)).toContain(
      '<span class="h10-field h10-field--open" data-field="name">[gemeente]</span>',
    );
  });

  it("lets no user-supplied markup through: script tags, javascript: links, attribute breaking", () => {
    const hostile = documentOf([
      paragraph("<script>alert(1)</script>"),
      paragraph({ type: "link", url: "javascript:alert(1)", children: [text("klik")] }),
      paragraph({ type: "link", url: " JaVaScRiPt:alert(1)", children: [text("klik")] }),
      paragraph({ type: "link", url: "data:text/html,<script>alert(1)</script>", children: [text("data")] }),
      paragraph({ type: "link", url: '/trajecten/x" onmouseover="alert(1)', children: [text("attr")] }),
      paragraph({ type: "footnote", note: '<img src=x onerror="alert(1)">', text: "*", format: 0 }),
      heading("h2", "<iframe src=//evil>"),
      { ...decisionPoint("bp-aaaaaaaa", "x") },
    ]);
    expect(parseDocument(hostile).ok).toBe(true);
    const html = renderDocumentHtml(hostile, { fields: { name: "<b>Delft</b>" } });
    expect(html).not.toMatch(/<script|<img|<iframe|javascript:|data:text|onmouseover="|onerror="/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // A refused link keeps its text, without the anchor.
    expect(html).toContain("<p>klik</p>");
    // An in-app link is resolved as the browser would: its quotes and spaces are percent-encoded.
    expect(html).toContain('href="/trajecten/x%22%20onmouseover=%22alert(1)"');
    expect(safeUrl("//evil.example/x")).toBeNull();
    expect(safeUrl("/\\evil.example/x")).toBeNull();
    expect(safeUrl("/\t/evil.example/x")).toBeNull();
    expect(safeUrl("mailto:griffie@rijswijk.nl")).toBe("mailto:griffie@rijswijk.nl");
  });

  it("renders deeply nested lists within the limit without trouble", () => {
    let list: SerializedNode = bulletList([["diepst"]]);
    for (let i = 0; i < 10; i++)
      list = { ...bulletList([]), children: [{ type: "listitem", value: 1, children: [list] }] };
    const document = documentOf([list]);
    expect(parseDocument(document).ok).toBe(true);
    const html = renderDocumentHtml(document);
    expect(html.match(/<ul>/g)).toHaveLength(11);
    expect(html).toContain("<li>diepst</li>");
  });
});

describe("comparing revisions", () => {
  const first = documentOf([
    heading("h1", "Raadsvoorstel"),
    paragraph("De raad wordt voorgesteld te besluiten:"),
    decisionPoint("bp-aaaaaaaa", "In te stemmen met de regiovisie."),
    decisionPoint("bp-bbbbbbbb", "De wethouder te machtigen."),
    paragraph("Slot."),
  ]);

  it("marks words inserted and deleted within a changed block, and matches decision points by id", () => {
    const second = documentOf([
      heading("h1", "Raadsvoorstel"),
      paragraph("De raad wordt voorgesteld te besluiten:"),
      decisionPoint("bp-aaaaaaaa", "In te stemmen met de gewijzigde regiovisie."),
      decisionPoint("bp-bbbbbbbb", "De wethouder te machtigen."),
      paragraph("Slot."),
    ]);
    const rows = compareDocuments(first, second);
    expect(rows.map((r) => r.change)).toEqual(["same", "same", "changed", "same", "same"]);
    const changed = rows[2]!;
    expect(changed.right!.filter((s) => s.change === "inserted").map((s) => s.text.trim())).toEqual(["gewijzigde"]);
    expect(changed.left!.some((s) => s.change === "deleted")).toBe(false);
  });

  it("shows added and removed blocks, and a removed point with a new one as remove plus add", () => {
    const second = documentOf([
      heading("h1", "Raadsvoorstel"),
      paragraph("De raad wordt voorgesteld te besluiten:"),
      decisionPoint("bp-aaaaaaaa", "In te stemmen met de regiovisie."),
      decisionPoint("bp-cccccccc", "De wethouder te machtigen."),
      paragraph("Nieuwe alinea."),
      paragraph("Slot."),
    ]);
    const rows = compareDocuments(first, second);
    expect(rows.map((r) => `${r.change}:${r.kind}`)).toEqual([
      "same:heading:h1",
      "same:paragraph",
      "same:decision-point",
      "removed:decision-point",
      "added:decision-point",
      "added:paragraph",
      "same:paragraph",
    ]);
  });

  it("compares on structure, not raw JSON: attribute noise is no change", () => {
    const noisy = JSON.parse(JSON.stringify(first)) as SerializedDocument;
    (noisy.root.children[1] as SerializedNode).direction = "ltr";
    expect(compareDocuments(first, noisy).every((r) => r.change === "same")).toBe(true);
    expect(blocksOf(first)).toHaveLength(5);
  });
});
