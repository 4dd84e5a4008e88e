/**
 * The answer ledger as PDF (app/models/zienswijze-answer.server.ts): the board's letter to one council, quoting
 * its zienswijze and the answer; and the AB's agenda item, every zienswijze of the trail with its answer. Letters
 * of the board go out in Dutch, like the councils' letters.
 */
import { formatDate, formatMoney } from "~/utils/format";
import { PdfWriter, type Run } from "./writer.server";

const LABELS = { page: (n: number, of: number) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" };
const BOARD = "Het dagelijks bestuur van de Gemeenschappelijke Regeling Servicebureau Jeugdhulp Haaglanden";
const BASIS: Record<string, string> = {
  BUDGET_CYCLE: "artikel 35, derde lid, van de Wet gemeenschappelijke regelingen",
  GR_AMENDMENT: "artikel 1, derde lid, van de Wet gemeenschappelijke regelingen",
};

/** The board's closing and the signatures its letters end with (the names are not in the data yet). */
function signOff(writer: PdfWriter, article: ReturnType<PdfWriter["section"]>) {
  writer.paragraph("Met vriendelijke groet,", article);
  writer.paragraph([{ text: `${BOARD},`, bold: true }], article);
  writer.table(
    ["De secretaris", "De voorzitter"],
    [["[ondertekening]", "[ondertekening]"]],
    { caption: "Ondertekening dagelijks bestuur" },
    article,
  );
}

export interface AnswerLetter {
  trail: { title: string; reference: string; kind: string };
  municipality: string;
  zienswijze: { text: string; meetingOn: string | null; decisionReference: string | null };
  answer: { text: string; answeredOn: string };
}

export interface LedgerSheet {
  trail: { title: string; reference: string; kind: string };
  rows: {
    municipality: string;
    zienswijze: string;
    meetingOn: string | null;
    answer: { text: string; answeredOn: string } | null;
  }[];
}

/** A text as paragraphs: one per block separated by a blank line, lines within a block kept together. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);

const day = (date: string) => formatDate(date, "nl");

function writerFor(trail: LedgerSheet["trail"], title: string, generatedAt: Date) {
  return new PdfWriter({
    title,
    subject: `${trail.title} (${trail.reference})`,
    header: title,
    generatedAt,
    labels: LABELS,
  });
}

export function answerLetterFileName(letter: AnswerLetter): string {
  return `Beantwoording zienswijze ${letter.municipality} - ${letter.trail.reference}.pdf`.replace(
    /[\\/:*?"<>|]/g,
    "-",
  );
}

/** The board's letter to one council: its zienswijze quoted, then the reasoned answer. */
export function renderAnswerLetterPdf(letter: AnswerLetter, generatedAt = new Date()): Promise<Buffer> {
  const title = `Beantwoording zienswijze ${letter.municipality}`;
  const writer = writerFor(letter.trail, title, generatedAt);
  const article = writer.section("Art", undefined, { title });
  writer.heading(1, `${title} — ${letter.trail.title}`, article);
  const fact = (label: string, value: string) =>
    writer.paragraph([{ text: `${label}: `, bold: true }, { text: value }], article);
  fact("Aan", `De gemeenteraad van ${letter.municipality}`);
  fact("Van", BOARD);
  fact("Datum", day(letter.answer.answeredOn));
  fact("Kenmerk", letter.trail.reference);
  fact("Onderwerp", `Beantwoording van uw zienswijze op ${letter.trail.title}`);
  writer.paragraph("Geachte leden van de raad,", article);
  const when = letter.zienswijze.meetingOn ? ` in uw vergadering van ${day(letter.zienswijze.meetingOn)}` : "";
  const reference = letter.zienswijze.decisionReference ? ` (${letter.zienswijze.decisionReference})` : "";
  writer.paragraph(`Uw raad gaf${when}${reference} de volgende zienswijze:`, article);
  const quote = writer.section("BlockQuote", article);
  for (const text of paragraphs(letter.zienswijze.text)) writer.paragraph([{ text, italic: true }], quote);
  writer.endSection(quote);
  const basis = BASIS[letter.trail.kind];
  writer.paragraph(
    `Het dagelijks bestuur beantwoordt uw zienswijze${basis ? ` op grond van ${basis}` : ""} als volgt.`,
    article,
  );
  for (const text of paragraphs(letter.answer.text)) writer.paragraph(text, article);
  writer.paragraph(
    "Uw zienswijze en dit antwoord zijn gevoegd bij het voorstel aan het algemeen bestuur, met die van de andere raden.",
    article,
  );
  signOff(writer, article);
  writer.endSection(article);
  return writer.finish();
}

/** The AB's agenda item: every council's zienswijze with the board's answer, or that it is not answered yet. */
export function renderLedgerPdf(sheet: LedgerSheet, generatedAt = new Date()): Promise<Buffer> {
  const title = "Zienswijzen van de raden en de antwoorden van het dagelijks bestuur";
  const writer = writerFor(sheet.trail, title, generatedAt);
  writer.heading(1, `Agendapunt algemeen bestuur: ${sheet.trail.title}`);
  writer.paragraph([{ text: "Kenmerk: ", bold: true }, { text: sheet.trail.reference }]);
  const answered = sheet.rows.filter((r) => r.answer).length;
  writer.paragraph(
    sheet.rows.length
      ? `${sheet.rows.length} ${sheet.rows.length === 1 ? "raad gaf een zienswijze" : "raden gaven een zienswijze"}; ${answered} ${answered === 1 ? "is" : "zijn"} beantwoord.`
      : "Geen raad gaf een zienswijze.",
  );
  writer.heading(2, title);
  const cell = (text: string, date: string | null, prefix: string): Run[] => [
    ...(date ? [{ text: `${prefix} ${day(date)}: `, bold: true }] : []),
    { text },
  ];
  writer.table(
    ["Raad", "Zienswijze", "Antwoord van het dagelijks bestuur"],
    sheet.rows.map((r) => [
      r.municipality,
      cell(r.zienswijze, r.meetingOn, "Raad"),
      r.answer ? cell(r.answer.text, r.answer.answeredOn, "DB") : [{ text: "Nog niet beantwoord.", bold: true }],
    ]),
    { widths: [0.16, 0.42, 0.42], rowHeaders: true, caption: title },
  );
  return writer.finish();
}

export interface GsLetterContent {
  trail: { title: string; reference: string };
  budgetYear: number;
  amendment: boolean;
  adoptedOn: string;
  contributions: {
    rows: { municipality: string; cents: number | null }[];
    total: { cents: number | null };
  } | null;
  ledger: { municipality: string; answer: { answeredOn: string } | null }[];
}

/**
 * The board's letter to Gedeputeerde Staten with the adopted budget (Wgr art. 34 lid 2), the contributions it
 * asks of each council and how the councils' zienswijzen were answered.
 */
export function renderGsLetterPdf(letter: GsLetterContent, generatedAt = new Date()): Promise<Buffer> {
  const what = letter.amendment ? `begrotingswijziging ${letter.budgetYear}` : `begroting ${letter.budgetYear}`;
  const title = `Toezending ${what} aan Gedeputeerde Staten`;
  const writer = writerFor({ ...letter.trail, kind: "BUDGET_CYCLE" }, title, generatedAt);
  const article = writer.section("Art", undefined, { title });
  writer.heading(1, `${title} — ${letter.trail.title}`, article);
  const fact = (label: string, value: string) =>
    writer.paragraph([{ text: `${label}: `, bold: true }, { text: value }], article);
  fact("Aan", "Gedeputeerde Staten van Zuid-Holland");
  fact("Van", BOARD);
  fact("Kenmerk", letter.trail.reference);
  fact("Onderwerp", `Vastgestelde ${what} van de Gemeenschappelijke Regeling Servicebureau Jeugdhulp Haaglanden`);
  writer.paragraph("Geacht college,", article);
  writer.paragraph(
    `Het algemeen bestuur stelde op ${day(letter.adoptedOn)} de ${what} vast. Op grond van artikel 34, tweede lid, ` +
      "van de Wet gemeenschappelijke regelingen zenden wij u de vastgestelde begroting binnen twee weken na de " +
      "vaststelling" +
      (letter.amendment ? "." : ", en in elk geval vóór 15 september van het jaar voorafgaand aan het begrotingsjaar."),
    article,
  );
  if (letter.contributions) {
    const caption = `Bijdrage van de deelnemende gemeenten ${letter.budgetYear}`;
    writer.heading(2, caption, article);
    const money = (cents: number | null) => (cents === null ? "pm" : formatMoney(cents));
    writer.table(
      ["Gemeente", "Bijdrage"],
      [
        ...letter.contributions.rows.map((r) => [r.municipality, money(r.cents)]),
        [[{ text: "Totaal", bold: true }], [{ text: money(letter.contributions.total.cents), bold: true }]],
      ],
      { widths: [0.6, 0.4], rowHeaders: true, caption },
      article,
    );
  }
  writer.heading(2, "Zienswijzen van de raden", article);
  const answered = letter.ledger.filter((r) => r.answer);
  writer.paragraph(
    letter.ledger.length
      ? `De raden van ${names(letter.ledger.map((r) => r.municipality))} gaven een zienswijze op de ontwerpbegroting. ` +
          (answered.length === letter.ledger.length
            ? "Het dagelijks bestuur beantwoordde elke zienswijze schriftelijk en met redenen en voegde zienswijzen en antwoorden bij het ontwerp dat het algemeen bestuur vaststelde (artikel 35, derde lid)."
            : `Het dagelijks bestuur beantwoordde ${answered.length} van de ${letter.ledger.length} zienswijzen schriftelijk.`)
      : "Geen raad gaf een zienswijze op de ontwerpbegroting.",
    article,
  );
  signOff(writer, article);
  writer.endSection(article);
  return writer.finish();
}

/** "Delft, Rijswijk en Zoetermeer". */
function names(list: readonly string[]): string {
  return list.length > 1 ? `${list.slice(0, -1).join(", ")} en ${list[list.length - 1]}` : (list[0] ?? "");
}
