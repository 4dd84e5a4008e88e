import { describe, expect, it } from "vitest";
import { loadTrailBrief } from "~/models/brief.server";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../../test/factories/trail";
import { readPdf, roles, savePagesAsPng } from "../../../test/pdf/read-pdf";
import { renderTrailBriefPdf } from "./brief.server";
import { fontCacheStats } from "./fonts.server";
import { PAGE } from "./writer.server";

async function seededBrief(reference: string) {
  const actors = await demoActors();
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference } });
  return (await loadTrailBrief(trail.id, actors("wethouder.delft"), "2024-03-08"))!;
}

describe("the trail brief as PDF", () => {
  it("names every participating council and every position's kind, read back by pdf.js", async () => {
    const brief = await seededBrief("H10-GR-2024");
    const pdf = await readPdf(await renderTrailBriefPdf(brief));
    const text = pdf.text.replace(/\s+/g, " ");
    for (const row of brief.matrix) expect(text).toContain(row.name);
    expect(brief.matrix).toHaveLength(9);
    expect(brief.positions.length).toBeGreaterThan(0);
    // Den Haag's zienswijze, with its text and votes.
    expect(brief.positions.map((p) => `${p.municipality}:${p.kind}`)).toEqual(["Den Haag:ZIENSWIJZE"]);
    expect(text).toContain("Den Haag — Zienswijze (7 maart 2024)");
    expect(text).toContain("33 voor, 12 tegen, 0 onthouden");
    expect(text).toContain("Statusbrief: Wijziging GR Servicebureau Jeugdhulp Haaglanden");
    expect(text).toContain("Pagina 1 van");
    // The money: the service bureau's cost, each council's share by 2022's inhabitants, and the total.
    expect(text).toContain("Jaarkosten GR Servicebureau Jeugdhulp Haaglanden");
    expect(text).toContain("Inwoners 2022");
    expect(text).toMatch(/Rijswijk 56\.941 € 155\.511,75/);
    expect(text).toMatch(/Totaal € 3\.091\.150,00/);
    // The table of contents carries the real page numbers.
    expect(text).toMatch(/Goedkeuring per gemeente pagina 3/);
  });

  it("is tagged: language, title, headings, tables with header cells, lists, bookmarks", async () => {
    const pdf = await readPdf(await renderTrailBriefPdf(await seededBrief("H10-GR-2024")));
    expect(pdf.marked).toBe(true);
    expect(pdf.language).toBe("nl-NL");
    expect(pdf.title).toBe(
      "Statusbrief: Wijziging GR Servicebureau Jeugdhulp Haaglanden (Wet versterking democratische legitimiteit Wgr)",
    );
    const all = roles(pdf.structure);
    for (const role of ["Document", "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD"])
      expect(all, role).toContain(role);
    // Bookmarks: the brief's title, with its sections under it.
    type Item = { title: string; items: Item[] };
    const titles = (items: Item[]): string[] => items.flatMap((i) => [i.title, ...titles(i.items)]);
    expect(pdf.outline).toHaveLength(1);
    expect(titles(pdf.outline as Item[])).toEqual(
      expect.arrayContaining([
        "Goedkeuring per gemeente",
        "Standpunten en hun verwerking",
        "Den Haag — Zienswijze (7 maart 2024)",
      ]),
    );
  });

  it("sets Dutch characters in the embedded font", async () => {
    const brief = await seededBrief("H10-GR-2024");
    brief.trail.summary = "Café, reünie, ruïne, ĳsbaan en € 329.000 voor Rijswijk.";
    const pdf = await readPdf(await renderTrailBriefPdf(brief));
    expect(pdf.text).toContain("Café, reünie, ruïne, ĳsbaan en € 329.000 voor Rijswijk.");
  });

  it("takes every font file of another trail's brief from the cache (its text stays within the Dutch repertoire)", async () => {
    await renderTrailBriefPdf(await seededBrief("H10-GR-2024"));
    const misses = fontCacheStats.subsetMisses;
    const hits = fontCacheStats.subsetHits;
    const pdf = await readPdf(await renderTrailBriefPdf(await seededBrief("H10-VISIE-2017")));
    expect(pdf.text).toContain("Regiovisie");
    expect(fontCacheStats.subsetMisses).toBe(misses);
    expect(fontCacheStats.subsetHits - hits).toBeGreaterThanOrEqual(2);
  });

  it("lays out 200 positions and a 60-row table with no text outside the printable area", async () => {
    const brief = await seededBrief("H10-GR-2024");
    const template = brief.positions[0]!;
    brief.positions = Array.from({ length: 200 }, (_, i) => ({
      ...template,
      id: `p${i}`,
      municipality: brief.matrix[i % brief.matrix.length]!.name,
      text: `Standpunt ${i + 1}: ${"De raad vraagt de rol van de raden bij de begroting te versterken. ".repeat(1 + (i % 7))}`,
    }));
    brief.timeline = Array.from({ length: 60 }, (_, i) => ({
      ...brief.timeline[0]!,
      by: `Beleidssecretaris ${i + 1}`,
    }));
    const bytes = await renderTrailBriefPdf(brief);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBeGreaterThan(20);
    for (const t of pdf.texts) {
      const where = `"${t.str}" on page ${t.page} at (${t.x.toFixed(1)}, ${t.top.toFixed(1)})`;
      expect(t.x, where).toBeGreaterThanOrEqual(PAGE.margin.left - 1);
      expect(t.x + t.width, where).toBeLessThanOrEqual(PAGE.width - PAGE.margin.right + 1);
      // The running header and the footer sit in the margins, and hold nothing else.
      if (t.top < PAGE.margin.top - 2) {
        expect(`Statusbrief H10-GR-2024 — ${brief.trail.title}`, where).toContain(t.str.trim().replace(/…$/, ""));
        continue;
      }
      if (t.top > PAGE.height - PAGE.margin.bottom) {
        expect(t.str.trim(), where).toMatch(/^(Pagina \d+ van \d+|Gemaakt op .*)$/);
        continue;
      }
      // Body text stays between the header and footer bands.
      expect(t.top, where).toBeGreaterThanOrEqual(PAGE.margin.top - 2);
      expect(t.top + t.height, where).toBeLessThanOrEqual(PAGE.height - PAGE.margin.bottom + 2);
    }
    // Every one of the 200 positions and the 60 timeline rows made it in.
    expect(pdf.text).toContain("Standpunt 200:");
    expect(pdf.text).toContain("Beleidssecretaris 60");
    // The timeline table's header row is repeated on the pages it continues on.
    expect(pdf.texts.filter((t) => t.str === "Stap").length).toBeGreaterThan(1);
    expect(savePagesAsPng(bytes, "brief-200-positions", 4).length).toBeGreaterThanOrEqual(3);
  });
});
