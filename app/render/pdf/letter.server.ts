/**
 * Letters to the councils as PDF: one file per council, all of them in a zip,
 * or all in one combined PDF with a bookmark per council.
 */
import { zipSync } from "fflate";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import nl from "~/locales/nl";
import { formatMoney } from "~/utils/format";
import type { CouncilLetter, CouncilLetters } from "~/models/letters.server";
import { writeAnnexTable } from "./annexes.server";
import { renderDocumentPdf } from "./document.server";
import { PdfWriter } from "./writer.server";

const LABELS = { page: (n: number, of: number) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" };

function writeLetter(writer: PdfWriter, set: CouncilLetters, letter: CouncilLetter) {
  const article = writer.section("Art", undefined, { title: `${set.document.title} — ${letter.municipality}` });
  writer.heading(1, `${set.document.title} — ${letter.municipality}`, article);
  writer.paragraph([{ text: "Aan: ", bold: true }, { text: letter.fields.council }], article);
  writer.paragraph(
    [{ text: "Kenmerk: ", bold: true }, { text: `${set.trail.reference}, revisie ${set.revision.number}` }],
    article,
  );
  renderDocumentPdf(
    writer,
    set.content,
    { fields: letter.fields, fieldPlaceholder: (f) => FIELD_PLACEHOLDERS[f] },
    article,
  );
  // A budget cycle's letter says the council's own contribution against last year's.
  if (letter.contribution) writer.paragraph([{ text: letter.contribution, bold: true }], article);
  if (letter.shares.length || letter.unshared.length) {
    // The council's own figures, beside the regional amounts they come from.
    const title = `Financiële gevolgen voor ${letter.municipality}`;
    writer.heading(2, title, article);
    writer.table(
      [nl.finance.label, nl.finance.kind, nl.finance.year, "Regionaal bedrag", `Aandeel ${letter.municipality}`],
      [
        ...letter.shares.map(({ item, cents }) => [
          item.label,
          nl.finance.kinds[item.kind],
          String(item.year),
          item.cents === null ? nl.finance.pm : formatMoney(item.cents),
          formatMoney(cents),
        ]),
        // An amount that cannot be shared yet is "pm" for this council, with the reason.
        ...letter.unshared.map(({ item, reason }) => [
          item.label,
          nl.finance.kinds[item.kind],
          String(item.year),
          item.cents === null ? nl.finance.pm : formatMoney(item.cents),
          `${nl.finance.pm}: ${reason}`,
        ]),
      ],
      { widths: [0.34, 0.12, 0.1, 0.22, 0.22], rowHeaders: true, caption: title },
      article,
    );
  }
  if (set.annexes.length) {
    // What goes with the letter (the begroting, the advies), as in the zip when it carries them.
    writer.heading(2, nl.annexes.title, article);
    writeAnnexTable(writer, set.annexes, `${nl.annexes.title} bij ${set.document.title}`, article);
  }
  writer.paragraph(
    [{ text: `Het college van burgemeester en wethouders van ${letter.municipality},`, bold: true }],
    article,
  );
  writer.table(
    ["De secretaris", "De burgemeester"],
    [[letter.secretaryName ?? "[naam nog in te voeren]", letter.mayorName ?? "[naam nog in te voeren]"]],
    { caption: `Ondertekening ${letter.municipality}` },
    article,
  );
  writer.endSection(article);
}

function writerFor(set: CouncilLetters, title: string, generatedAt: Date) {
  return new PdfWriter({
    title,
    subject: `${set.trail.title} (${set.trail.reference})`,
    header: title,
    generatedAt,
    labels: LABELS,
  });
}

export function letterFileName(set: CouncilLetters, letter: CouncilLetter): string {
  return `${set.document.title} - ${letter.municipality}.pdf`.replace(/[\\/:*?"<>|]/g, "-");
}

/** One council's letter. */
export function renderLetterPdf(set: CouncilLetters, letter: CouncilLetter, generatedAt = new Date()): Promise<Buffer> {
  const writer = writerFor(set, `${set.document.title} — ${letter.municipality}`, generatedAt);
  writeLetter(writer, set, letter);
  return writer.finish();
}

/** All letters in one PDF, each starting on a new page. */
export function renderCombinedLettersPdf(set: CouncilLetters, generatedAt = new Date()): Promise<Buffer> {
  const writer = writerFor(set, `${set.document.title} — alle raden`, generatedAt);
  set.letters.forEach((letter, i) => {
    if (i > 0) writer.newPage();
    writeLetter(writer, set, letter);
  });
  return writer.finish();
}

/** All letters as separate files in a zip, with other files beside them (the annexes, under "Bijlagen/"). */
export async function renderLettersZip(
  set: CouncilLetters,
  generatedAt = new Date(),
  extraFiles: readonly { name: string; bytes: Uint8Array }[] = [],
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const letter of set.letters)
    files[letterFileName(set, letter)] = new Uint8Array(await renderLetterPdf(set, letter, generatedAt));
  for (const file of extraFiles) files[file.name] = file.bytes;
  // PDFs are compressed already; storing them keeps the zip fast.
  return zipSync(files, { level: 0 });
}
