/**
 * Letters to the councils as PDF: one file per council, all of them in a zip,
 * or all in one combined PDF with a bookmark per council.
 */
import { zipSync } from "fflate";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import nl from "~/locales/nl";
import type { SerializedDocument, SerializedNode } from "~/editor/document-json";
import { formatDate, formatMoney, toDateInputValue } from "~/utils/format";
import type { CouncilLetter, CouncilLetters } from "~/models/letters.server";
import { writeAnnexTable } from "./annexes.server";
import { renderDocumentPdf } from "./document.server";
import { PdfWriter } from "./writer.server";

const LABELS = { page: (n: number, of: number) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" };

/** A paragraph's inline text, its municipality fields as {{name}}, {{council}} …; null for anything else. */
function paragraphText(node: SerializedNode): string | null {
  if (node.type !== "paragraph") return null;
  return (node.children ?? [])
    .map((child) =>
      child.type === "text"
        ? String(child.text)
        : child.type === "municipality-field"
          ? `{{${String(child.field)}}}`
          : child.type === "linebreak"
            ? "\n"
            : "\u0000",
    )
    .join("");
}

/** The templates' addressee ("Aan [de gemeenteraad van …]." and the raadsvoorstel's ". Kenmerk: H10-GR-2024."). */
const ADDRESSEE = /^\s*Aan\s+\{\{council\}\}\s*\.?\s*(?:Kenmerk:\s*(\S+?)\s*\.?)?\s*$/;
/** A closing ("Hoogachtend, het college van burgemeester en wethouders van [gemeente]."), with its salutation. */
const CLOSING =
  /^\s*(Hoogachtend|Met vriendelijke groet(?:en)?)\s*,?\s*(?:(?:namens\s+)?(?:het\s+)?college\s+van\s+burgemeester\s+en\s+wethouders(?:\s+van\s+(?:\{\{name\}\}|[^.,{}]+))?\s*[.,]?)?\s*$/i;

/**
 * A letter's body: the document without the addressee and the closing the letter writes itself, once, around it
 * (the templates carry them for the document on its own). The first paragraph that is only the addressee goes;
 * the last paragraph that is only a closing goes, and its salutation ("Hoogachtend") opens the letter's closing.
 */
export function letterBody(
  content: SerializedDocument,
  reference: string,
): { content: SerializedDocument; salutation: string | null } {
  const blocks = content.root.children;
  const addressee = blocks.findIndex((node) => {
    const match = ADDRESSEE.exec(paragraphText(node) ?? "");
    return match !== null && (match[1] === undefined || match[1] === reference);
  });
  const closing = blocks.findLastIndex((node) => CLOSING.test(paragraphText(node) ?? ""));
  const salutation = closing >= 0 ? CLOSING.exec(paragraphText(blocks[closing]!)!)![1]! : null;
  return {
    content: { root: { ...content.root, children: blocks.filter((_, i) => i !== addressee && i !== closing) } },
    salutation: salutation ? `${salutation.charAt(0).toUpperCase()}${salutation.slice(1)},` : null,
  };
}

function writeLetter(writer: PdfWriter, set: CouncilLetters, letter: CouncilLetter, generatedAt: Date) {
  const article = writer.section("Art", undefined, { title: `${set.document.title} — ${letter.municipality}` });
  writer.heading(1, `${set.document.title} — ${letter.municipality}`, article);
  writer.paragraph([{ text: "Aan: ", bold: true }, { text: letter.fields.council }], article);
  // Dated the day the revision went to the councils; a revision not sent yet is a letter of today.
  writer.paragraph(
    [{ text: "Datum: ", bold: true }, { text: formatDate(set.revision.sentOn ?? toDateInputValue(generatedAt)) }],
    article,
  );
  writer.paragraph(
    [{ text: "Kenmerk: ", bold: true }, { text: `${set.trail.reference}, revisie ${set.revision.number}` }],
    article,
  );
  const body = letterBody(set.content, set.trail.reference);
  renderDocumentPdf(
    writer,
    body.content,
    { fields: letter.fields, fieldPlaceholder: (f) => FIELD_PLACEHOLDERS[f] },
    article,
  );
  // A budget cycle's letter says the council's own contribution against last year's.
  if (letter.contribution) writer.paragraph([{ text: letter.contribution, bold: true }], article);
  if (letter.shares.length || letter.unshared.length) {
    // The council's own figures, beside the regional amounts they come from.
    const title = `Financiële gevolgen voor ${letter.municipality}`;
    // The heading stays with the table's header and first row.
    writer.ensureSpace(110);
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
    writer.ensureSpace(90);
    writer.heading(2, nl.annexes.title, article);
    writeAnnexTable(writer, set.annexes, `${nl.annexes.title} bij ${set.document.title}`, article);
  }
  // The closing, once: the document's salutation, and the college that signs, kept with the signatures.
  writer.ensureSpace(100);
  if (body.salutation) writer.paragraph(body.salutation, article);
  writer.paragraph(
    [
      {
        // After "Hoogachtend," the college goes on the sentence: "het college …".
        text: `${body.salutation ? "het" : "Het"} college van burgemeester en wethouders van ${letter.municipality},`,
        bold: true,
      },
    ],
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
  writeLetter(writer, set, letter, generatedAt);
  return writer.finish();
}

/** All letters in one PDF, each starting on a new page. */
export function renderCombinedLettersPdf(set: CouncilLetters, generatedAt = new Date()): Promise<Buffer> {
  const writer = writerFor(set, `${set.document.title} — alle raden`, generatedAt);
  set.letters.forEach((letter, i) => {
    if (i > 0) writer.newPage();
    writeLetter(writer, set, letter, generatedAt);
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
