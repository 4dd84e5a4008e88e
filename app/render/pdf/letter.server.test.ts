import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "~/models/document.server";
import { councilLetters } from "~/models/letters.server";
import { setSignatories } from "~/models/municipality.server";
import { prisma } from "~/utils/db.server";
import { trailFinances } from "~/models/finance.server";
import { bold, documentOf, field, heading, paragraph } from "~/editor/templates";
import { formatDate, formatMoney, formatNumber, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { demoActors } from "../../../test/factories/trail";
import { readPdf, roles, savePagesAsPng } from "../../../test/pdf/read-pdf";
import { letterBody, renderCombinedLettersPdf, renderLetterPdf, renderLettersZip } from "./letter.server";

let actors: (local: string) => Actor;
let documentId: string;

beforeAll(async () => {
  actors = await demoActors();
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
  const created = await createDocument(
    { trailId: trail.id, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief wijziging GR" },
    actors("secretaris"),
  );
  if (!created.ok) throw new Error(created.code);
  documentId = created.documentId;
  const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
  await setSignatories(
    { municipalityId: rijswijk.id, mayorName: "M. Bezuijen", secretaryName: "J. de Vries" },
    actors("beheer"),
  );
});

describe("letters to the councils", () => {
  it("the letter to Rijswijk names Rijswijk, its own figures and signatories, and no other council", async () => {
    const set = (await councilLetters(documentId))!;
    expect(set.letters).toHaveLength(9);
    const rijswijk = set.letters.find((l) => l.municipality === "Rijswijk")!;
    const pdf = await readPdf(await renderLetterPdf(set, rijswijk));
    const text = pdf.text.replace(/\s+/g, " ");
    expect(text).toContain("de gemeenteraad van Rijswijk");
    expect(text).toContain("het college van burgemeester en wethouders van Rijswijk");
    expect(text).toContain("M. Bezuijen");
    expect(text).toContain("J. de Vries");
    const figures = await prisma.municipality.findMany({
      include: { inhabitantCounts: { orderBy: { year: "desc" }, take: 1 } },
    });
    for (const m of figures) {
      const own = m.slug === "rijswijk";
      if (!own) expect(text, m.name).not.toContain(m.name);
      const count = m.inhabitantCounts[0] ? formatNumber(m.inhabitantCounts[0].count) : null;
      if (count && own) expect(text).toContain(count);
    }
    // Its own amount, in the text's field and in its own figures, and no other council's.
    const { items } = await trailFinances(set.trail.id);
    if (!items[0]?.allocation?.ok) throw new Error("the seeded amount is not allocated");
    const money = (cents: number) => formatMoney(cents).replace(/\s+/g, " ");
    for (const share of items[0].allocation.shares) {
      // pdf.js puts a space where a field's run starts and ends.
      if (share.municipality === "Rijswijk")
        expect(text.replace(/\( /g, "(").replace(/ ([.)])/g, "$1")).toContain(
          `Voor Rijswijk (56.941 inwoners) betekent dit een bedrag van ${money(share.cents)}.`,
        );
      else expect(text).not.toContain(money(share.cents));
    }
    expect(text).toContain("Financiële gevolgen voor Rijswijk");
    expect(text).toContain(
      `Jaarkosten GR Servicebureau Jeugdhulp Haaglanden per jaar 2023 ${money(309_115_000)} ${money(15_551_175)}`,
    );
    expect(text).not.toContain("[aandeel");
    expect(pdf.language).toBe("nl-NL");
    expect(roles(pdf.structure)).toEqual(expect.arrayContaining(["Art", "H1", "P", "Table", "TH"]));
  });

  it("one action gives every letter as a file in a zip and all of them in one PDF with a bookmark each", async () => {
    const set = (await councilLetters(documentId))!;
    const files = unzipSync(await renderLettersZip(set));
    expect(Object.keys(files).sort()).toEqual(
      set.letters.map((l) => `Raadsinformatiebrief wijziging GR - ${l.municipality}.pdf`).sort(),
    );
    const delft = await readPdf(files["Raadsinformatiebrief wijziging GR - Delft.pdf"]!);
    expect(delft.text).toContain("de gemeenteraad van Delft");
    const combinedBytes = await renderCombinedLettersPdf(set);
    const combined = await readPdf(combinedBytes);
    for (const letter of set.letters) expect(combined.text).toContain(`de gemeenteraad van ${letter.municipality}`);
    expect(combined.outline.map((o) => o.title)).toEqual(
      set.letters.map((l) => `Raadsinformatiebrief wijziging GR — ${l.municipality}`),
    );
    savePagesAsPng(combinedBytes, "letters-combined", 2);
  });

  it("addresses each letter once, dates it the day it is made while unsent, and closes it once", async () => {
    const set = (await councilLetters(documentId))!;
    expect(set.revision).toMatchObject({ sent: false, sentOn: null });
    const delft = set.letters.find((l) => l.municipality === "Delft")!;
    const bytes = await renderLetterPdf(set, delft, new Date("2026-12-05T10:00:00Z"));
    const text = (await readPdf(bytes)).text.replace(/\s+/g, " ");
    expect(text).toContain("Aan: de gemeenteraad van Delft Datum: 5 december 2026 Kenmerk: H10-GR-2024, revisie 1");
    // The template's own "Aan de gemeenteraad van Delft." and "Hoogachtend, het college …" are the letter's, once.
    expect(text.match(/gemeenteraad van Delft/g)).toHaveLength(1);
    expect(text.match(/Hoogachtend/g)).toHaveLength(1);
    expect(text.match(/college van burgemeester en wethouders van Delft/gi)).toHaveLength(1);
    expect(text).toContain(
      "Hoogachtend, het college van burgemeester en wethouders van Delft, De secretaris De burgemeester",
    );
    expect(text).toContain("Gemaakt op 5 december 2026");
    savePagesAsPng(bytes, "letter-delft", 1);
  });

  it("dates a sent revision's letters the day it was sent, and drops the raadsvoorstel's own addressee line", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const sent = await prisma.document.findFirstOrThrow({
      where: { trailId: trail.id, kind: "RAADSVOORSTEL" },
      include: { revisions: { where: { frozenAt: { not: null } } } },
    });
    const set = (await councilLetters(sent.id))!;
    const sentOn = toDateInputValue(sent.revisions[0]!.frozenAt!);
    expect(set.revision).toMatchObject({ sent: true, sentOn });
    const rijswijk = set.letters.find((l) => l.municipality === "Rijswijk")!;
    const text = (await readPdf(await renderLetterPdf(set, rijswijk, new Date("2030-01-02T10:00:00Z")))).text.replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain(`Datum: ${formatDate(sentOn)} Kenmerk: H10-GR-2024, revisie 1`);
    expect(text).not.toContain("2 januari 2030 Kenmerk");
    expect(text.match(/gemeenteraad van Rijswijk/g)).toHaveLength(1);
    expect(text.match(/Kenmerk/g)).toHaveLength(1);
    // No salutation in a raadsvoorstel: the college signs.
    expect(text).toContain("Het college van burgemeester en wethouders van Rijswijk, De secretaris");
  });

  it("keeps what is not only the templates' addressee or closing, and takes the document's own salutation", () => {
    const content = documentOf([
      heading("h1", "Brief"),
      paragraph("Aan ", field("council"), " en de commissie Sociaal Domein."),
      paragraph(bold("Onderwerp: "), "de regeling"),
      paragraph("Hoogachtend is hoe wij deze brief niet beginnen."),
      paragraph("Met vriendelijke groet, het college van burgemeester en wethouders van ", field("name"), "."),
    ]);
    const body = letterBody(content, "H10-GR-2024");
    expect(body.salutation).toBe("Met vriendelijke groet,");
    expect(body.content.root.children).toEqual(content.root.children.slice(0, 4));
    // The template's own lines go.
    const template = documentOf([
      paragraph("Aan ", field("council"), ". Kenmerk: ", "H10-GR-2024", "."),
      paragraph("Tekst."),
      paragraph("Hoogachtend, het college van burgemeester en wethouders van ", field("name"), "."),
    ]);
    expect(letterBody(template, "H10-GR-2024")).toEqual({
      content: documentOf([paragraph("Tekst.")]),
      salutation: "Hoogachtend,",
    });
    // Another trail's reference is not this letter's: that line stays.
    expect(letterBody(template, "H10-BEGR-2025").content.root.children).toHaveLength(2);
  });
});
