import { describe, expect, it } from "vitest";
import { loadTrailBrief } from "~/models/brief.server";
import { trailTimeline } from "~/models/timeline.server";
import { translate } from "~/locales/lookup";
import { prisma } from "~/utils/db.server";
import { eventDay, eventSentence } from "~/utils/event-sentence";
import { formatDate, formatDateTime } from "~/utils/format";
import { demoActors } from "../../../test/factories/trail";
import { readPdf, roles, savePagesAsPng } from "../../../test/pdf/read-pdf";
import { renderTrailBriefPdf } from "./brief.server";
import { fontCacheStats } from "./fonts.server";
import { PAGE } from "./writer.server";

async function seededBrief(reference: string, today = "2024-03-08") {
  const actors = await demoActors();
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference } });
  return (await loadTrailBrief(trail.id, actors("wethouder.delft"), today))!;
}

/** The PDF's text from one heading to the next (past the table of contents, which names them too). */
function section(text: string, from: string, to: string): string {
  const start = text.lastIndexOf(from);
  return text.slice(start, text.indexOf(to, start));
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
      actor: { ...brief.timeline[0]!.actor!, name: `Beleidssecretaris ${i + 1}` },
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

  it("dates each step by the day the trail page shows for it, and has one entry per position", async () => {
    const brief = await seededBrief("H10-BEGR-2025", "2024-07-01");
    const pdf = await readPdf(await renderTrailBriefPdf(brief));
    // pdf.js puts a space where a line breaks, after a hyphen too ("H10-BEGR- 2025").
    const flat = (text: string) => text.replace(/\s+/g, " ").replace(/- /g, "-");
    const steps = section(flat(pdf.text), "Verloop van het traject", "Open termijnen");
    // The trail page's timeline, as its sentences say it.
    const web = (await trailTimeline(brief.trail.id)).events;
    const t = (key: string, values?: Record<string, string | number>) => translate("nl", key, values);
    const shown = new Set(brief.timeline.map((e) => e.sequence));
    const rows = web.filter((e) => shown.has(e.sequence));
    expect(rows).toHaveLength(brief.timeline.length);
    // In the order of their days, as a reader of the table expects, whenever each was logged.
    const days = brief.timeline.map((e) => eventDay(e) ?? e.at.slice(0, 10));
    expect(days).toEqual([...days].sort());
    for (const e of rows) {
      const day = eventDay(e);
      // The day of the step, then the step, then who logged it and when, as on the trail page.
      expect(steps).toContain(
        flat(`${day ? formatDate(day) : "—"} ${eventSentence(e, t, "nl")} ${e.actor!.name} ${formatDateTime(e.at)}`),
      );
    }
    expect(steps).toContain("10 april 2024 Beleidssecretaris stuurde het ontwerp naar de raden op 10 april 2024");
    expect(steps).toContain(
      "13 juni 2024 Griffier Delft legde het standpunt van de raad van Delft vast: Zienswijze (vergadering 13 juni 2024)",
    );
    // Zoetermeer's and Delft's zienswijzen once each: the step and the position are one action.
    for (const council of ["Zoetermeer", "Delft"]) {
      expect(steps.split(`legde het standpunt van de raad van ${council} vast`)).toHaveLength(2);
      expect(steps).not.toContain(`legde de zienswijze van de raad van ${council} vast`);
    }
    expect(steps).not.toContain("Zienswijze gegeven");
    // A step without a position still shows: Midden-Delfland gave none.
    expect(steps).toContain(
      "28 mei 2024 Griffier Midden-Delfland legde vast dat de raad van Midden-Delfland geen reactie gaf op 28 mei 2024",
    );
  });

  it("writes each matrix cell's status once, in columns as wide as they need", async () => {
    const brief = await seededBrief("H10-GR-2024", "2024-03-12");
    const bytes = await renderTrailBriefPdf(brief);
    const pdf = await readPdf(bytes);
    const matrix = section(pdf.text.replace(/\s+/g, " "), "Goedkeuring per gemeente", "Verloop van het traject");
    // No state word in front of the label that says it already.
    for (const doubled of ["gedaan", "nog niets Nog niets", "open Nog te verwerken", "termijn verlopen"])
      expect(matrix).not.toContain(doubled);
    expect(matrix).toContain(
      "Den Haag Ontvangen 15 januari 2024 termijn: 11 maart 2024 (gehaald) Nog niets Nog niets Zienswijze 7 maart 2024 Zienswijze gegeven 7 maart 2024 Nog te verwerken",
    );
    // Delft's term ran out: said once, by its deadline, which shows once a row (with the state, not the receipt).
    expect(matrix).toContain(
      "Delft Ontvangen 15 januari 2024 Nog niets Nog niets Nog niets Ontwerp ontvangen 15 januari 2024 termijn: 11 maart 2024 (verlopen)",
    );
    // The municipality column is as wide as its longest name needs, not more; a date and "Nog niets" stay whole.
    const page = pdf.texts.find((x) => x.str === "Goedkeuring per gemeente" && x.page > 2)!.page;
    const onPage = pdf.texts.filter((x) => x.page === page);
    const x = (str: string) => onPage.find((item) => item.str === str)!.x;
    const longestName = Math.max(
      ...onPage.filter((item) => brief.matrix.some((row) => row.name.startsWith(item.str))).map((item) => item.width),
    );
    expect(x("Ontvangen") - x("Gemeente")).toBeLessThan(longestName + 20);
    expect(onPage.filter((item) => item.str === "Nog niets").length).toBeGreaterThanOrEqual(
      3 * brief.matrix.length - 1,
    );
    expect(onPage.some((item) => item.str === "15 januari 2024")).toBe(true);
    savePagesAsPng(bytes, "brief-matrix", 4);
  });
});
