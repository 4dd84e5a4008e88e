import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { readPdf, type StructNode } from "../../../test/pdf/read-pdf";
import { fontCacheStats } from "./fonts.server";
import { type StyledRun, TextSetter } from "./text.server";
import { PAGE, PdfWriter } from "./writer.server";

const writer = () =>
  new PdfWriter({
    title: "Proef",
    header: "Proef",
    generatedAt: new Date("2024-03-08T10:00:00Z"),
    labels: { page: (n, of) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" },
  });

const lineText = (line: { pieces: { text: string }[] }) => line.pieces.map((p) => p.text).join("");

describe("line breaking for the PDF", () => {
  const setter = new TextSetter(writer().doc);

  it("fills lines up to the width, breaks after spaces, and keeps every word", () => {
    const text =
      "De gemeenschappelijke regeling moet voor 1 juli 2024 in overeenstemming zijn met de gewijzigde Wet gemeenschappelijke regelingen.";
    const lines = setter.layoutLines([{ text, font: "regular", size: 10 }], 200, 2);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(200);
    // Greedy: the next line's first word would not have fitted on the line before.
    for (let i = 0; i + 1 < lines.length; i++) {
      const next = lineText(lines[i + 1]!).split(" ")[0]!;
      expect(lines[i]!.width + setter.width(` ${next}`, "regular", 10)).toBeGreaterThan(200);
    }
    expect(lines.map(lineText).join("").replace(/\s+/g, " ").trim()).toBe(text);
    expect(lines[0]!.height).toBeCloseTo(setter.lineHeight("regular", 10) + 2, 5);
  });

  it("breaks after the hyphen of a compound name, and cuts a word wider than the line between characters", () => {
    const hyphen = setter.layoutLines(
      [{ text: "Griffie Leidschendam-Voorburg", font: "regular", size: 10 }],
      setter.width("Griffie Leidschendam-", "regular", 10) + 1,
      2,
    );
    expect(hyphen.map(lineText)).toEqual(["Griffie Leidschendam-", "Voorburg"]);
    const long = "https://www.rijksoverheid.nl/documenten/kamerstukken/2021/wet-versterking-democratische-legitimiteit";
    const lines = setter.layoutLines([{ text: long, font: "regular", size: 10 }], 120, 2);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(120);
    expect(lines.map(lineText).join("")).toBe(long);
  });

  it("does not break at a no-break space (formatted amounts and dates)", () => {
    const text = "Het aandeel van Rijswijk is \u20ac\u00a0155.511,75 per jaar.";
    const width = setter.width("Het aandeel van Rijswijk is \u20ac", "regular", 10) + 2;
    const lines = setter.layoutLines([{ text, font: "regular", size: 10 }], width, 2);
    // "€" would fit on the first line, but not without its amount.
    expect(lines.map(lineText)).toEqual(["Het aandeel van Rijswijk is ", "\u20ac\u00a0155.511,75 per jaar."]);
  });

  it("keeps a word whole across runs, and makes a line as high as its largest run", () => {
    const runs: StyledRun[] = [
      { text: "Verwerking: ", font: "bold", size: 10 },
      { text: "overgenomen", font: "regular", size: 10 },
      { text: "1", font: "regular", size: 7, rise: 3.3 },
    ];
    const lines = setter.layoutLines(runs, setter.width("Verwerking: overgenomen", "regular", 10) + 2, 2);
    // The footnote mark belongs to the word before it: the two go to the next line together.
    expect(lines.map(lineText)).toEqual(["Verwerking: ", "overgenomen1"]);
    expect(lines[1]!.pieces.map((p) => p.run.size)).toEqual([10, 7]);
    expect(lines[1]!.height).toBeCloseTo(setter.lineHeight("regular", 10) + 2, 5);
  });

  it("never makes a line wider than its width, whatever the words (fast-check)", () => {
    const word = fc.stringMatching(/^[A-Za-zéëïĳ€0-9-]{1,30}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 30, max: 480 }),
        (words, width) => {
          const text = words.join(" ");
          const lines = setter.layoutLines([{ text, font: "regular", size: 10 }], width, 2);
          for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 0.01);
          expect(lines.map(lineText).join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("moves y by exactly the measured height, and continues on a new page at the bottom", async () => {
    const w = writer();
    const set = new TextSetter(w.doc);
    const runs: StyledRun[] = [
      {
        text: "Zienswijze van de raad van Rijswijk over de wijziging van de regeling. ".repeat(20),
        font: "regular",
        size: 10,
      },
    ];
    const lines = set.layoutLines(runs, 300, 2);
    w.doc.y = 100;
    set.setLines(lines, PAGE.margin.left, PAGE.height - PAGE.margin.bottom);
    expect(w.doc.y).toBeCloseTo(100 + set.height(runs, 300, 2), 5);
    w.doc.y = PAGE.height - PAGE.margin.bottom - 30;
    set.setLines(lines, PAGE.margin.left, PAGE.height - PAGE.margin.bottom);
    expect(w.doc.bufferedPageRange().count).toBe(2);
    const pdf = await readPdf(await w.finish());
    const onSecond = pdf.texts.filter((t) => t.page === 2 && t.top < PAGE.height - PAGE.margin.bottom);
    expect(onSecond.length).toBeGreaterThan(0);
    for (const t of pdf.texts.filter((t) => !/^(Pagina|Gemaakt)/.test(t.str)))
      expect(t.top + t.height).toBeLessThanOrEqual(PAGE.height - PAGE.margin.bottom + 2);
  });
});

describe("links in the PDF", () => {
  it("tags each link as a Link element holding its text and its annotation, described by its text (PDF/UA)", async () => {
    const w = writer();
    const wgr = "https://wetten.overheid.nl/BWBR0003740";
    w.paragraph([
      { text: "Zie " },
      { text: "de Wet gemeenschappelijke regelingen", link: wgr },
      { text: " voor de termijn van acht weken." },
    ]);
    w.list([[{ text: "Het " }, { text: "besluit van Rijswijk", link: "https://www.rijswijk.nl/" }]], false);
    w.paragraph("Zonder link.");
    const pdf = await readPdf(await w.finish());
    expect(pdf.text).toContain("Zie de Wet gemeenschappelijke regelingen voor de termijn van acht weken.");
    expect(pdf.links).toEqual([
      { page: 1, url: wgr, description: "de Wet gemeenschappelijke regelingen" },
      { page: 1, url: "https://www.rijswijk.nl/", description: "besluit van Rijswijk" },
    ]);
    const find = (nodes: StructNode[], role: string): StructNode[] =>
      nodes.flatMap((n) => [...(n.role === role ? [n] : []), ...find(n.children ?? [], role)]);
    const paragraphs = find(pdf.structure, "P");
    // The paragraph: its text, then the Link (annotation and text), then its text again, in reading order.
    expect(paragraphs[0]!.children!.map((c) => c.role ?? c.type)).toEqual(["content", "Link", "content"]);
    expect(find(pdf.structure, "Link").map((l) => l.children!.map((c) => c.type).sort())).toEqual([
      ["content", "object"],
      ["content", "object"],
    ]);
    expect(find(pdf.structure, "LBody")[0]!.children!.map((c) => c.role ?? c.type)).toEqual(["content", "Link"]);
    expect(paragraphs[1]!.children!.map((c) => c.role ?? c.type)).toEqual(["content"]);
  });
});

describe("links over a page break", () => {
  it("puts each part of a link that wraps onto the next page on its own page, tagged there too", async () => {
    const w = writer();
    w.doc.y = PAGE.height - PAGE.margin.bottom - 14;
    const words =
      "het verslag van de vergadering van het Bestuurlijk Overleg Jeugd over de regionale visie en de inkoopstrategie van de tien gemeenten";
    w.paragraph([{ text: "Lees " }, { text: words, link: "https://www.h10.example/verslag" }, { text: "." }]);
    const pdf = await readPdf(await w.finish());
    expect(pdf.pages).toBe(2);
    expect(pdf.links.map((l) => l.page)).toEqual([1, 2]);
    expect(pdf.links.map((l) => l.description).join(" ")).toBe(words);
    // pdf.js gives each page's part of the tree: on both pages the Link holds that page's text,
    // and it holds both annotations.
    const links = (node: StructNode): StructNode[] => [
      ...(node.role === "Link" ? [node] : []),
      ...(node.children ?? []).flatMap(links),
    ];
    const perPage = pdf.structure.map((page) => links(page).flatMap((l) => l.children!.map((c) => c.type)));
    expect(perPage.map((types) => types.filter((t) => t === "content").length)).toEqual([1, 1]);
    expect(perPage.flat().filter((t) => t === "object")).toHaveLength(2);
  });
});

describe("fonts shared between PDFs", () => {
  it("reuses each font's file for the next document, and still sets characters outside the Dutch repertoire", async () => {
    const render = async (text: string) => {
      const w = writer();
      w.heading(1, "Raadsinformatiebrief");
      w.paragraph([{ text: "Aan de raad van " }, { text: "Midden-Delfland", bold: true }, { text: `: ${text}` }]);
      return readPdf(await w.finish());
    };
    await render("Café, reünie, ruïne, ĳsbaan en € 71.000.");
    const before = { ...fontCacheStats };
    const second = await render("Andere tekst, zelfde letters: ë, ï, é, ĳ, €; officieel, financiën en € 3.091.150.");
    expect(second.text).toContain("Andere tekst, zelfde letters: ë, ï, é, ĳ, €; officieel, financiën en € 3.091.150.");
    // Regular and bold came from the cache: no subset was built (ligatures such as "ffi" included).
    expect(fontCacheStats.subsetHits - before.subsetHits).toBe(2);
    expect(fontCacheStats.subsetMisses - before.subsetMisses).toBe(0);
    // A Polish and a Greek name need glyphs of their own: that font's subset is built for this document.
    const third = await render("Łódź en Ωmega.");
    expect(third.text).toContain("Łódź en Ωmega.");
    expect(fontCacheStats.subsetMisses - before.subsetMisses).toBe(1);
  });

  it("sets combining accents over their letter (a glyph placed off its advance)", async () => {
    const w = writer();
    // "Cafe" + U+0301: DejaVu places the accent with an offset rather than composing é.
    w.paragraph("Cafe\u0301 aan de Brink, en daarna verder.");
    w.paragraph("Café aan de Brink, en daarna verder.");
    const pdf = await readPdf(await w.finish());
    const [combined, composed] = pdf.texts.filter(
      (t) => t.str.normalize("NFC") === "Café aan de Brink, en daarna verder.",
    );
    // The rest of the line goes on where the word ends: as wide as with the composed é.
    expect(combined!.width).toBeCloseTo(composed!.width, 1);
    expect(combined!.top).toBeLessThan(composed!.top);
  });

  it("sets words that are names of Object's properties (the shared layout caches have no prototype)", async () => {
    const w = writer();
    w.paragraph([{ text: "constructor" }, { text: " toString", bold: true }, { text: " __proto__" }]);
    expect((await readPdf(await w.finish())).text).toContain("constructor toString __proto__");
  });
});

describe("the PDF's metadata", () => {
  it("is well-formed XMP when the title holds & and <, and the title reads back unchanged", async () => {
    const title = 'Raadsvoorstel B&W aan de raad <concept> "wijziging" \'t Haagse';
    const pdf = await new PdfWriter({
      title,
      header: title,
      generatedAt: new Date("2024-03-08T10:00:00Z"),
      labels: { page: (n, of) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" },
    }).finish();
    const text = pdf.toString("latin1");
    const xmp = text.slice(text.indexOf("<x:xmpmeta"), text.indexOf("</x:xmpmeta>") + "</x:xmpmeta>".length);
    expect(xmp.length).toBeGreaterThan(100);
    expect(XMLValidator.validate(Buffer.from(xmp, "latin1").toString("utf8"))).toBe(true);
    expect(xmp).toContain("Raadsvoorstel B&amp;W aan de raad &lt;concept&gt;");
    expect((await readPdf(pdf)).title).toBe(title);
  });
});
