/**
 * A small layout layer over pdfkit for tagged, archivable PDFs: every block is
 * a structure element (H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD) with its
 * marked content; running header and footer ("Pagina x van y", generated-at)
 * are artifacts stamped on the buffered pages at the end; headings become
 * bookmarks. Text flows between the margins, so it never reaches the footer;
 * table rows move to the next page whole, with the header row repeated (as an
 * artifact), and a row taller than a page is set as stacked paragraphs instead
 * of being clipped. Fonts: see fonts.server.ts.
 */
import PDFDocument from "pdfkit";
import { escapeHtml } from "../html.server";
import { FONTS, type FontName, prepareFonts } from "./fonts.server";
import { heightOf, type Line, type StyledRun, TextSetter } from "./text.server";

export const PAGE = { width: 595.28, height: 841.89, margin: { top: 72, bottom: 64, left: 56, right: 56 } } as const;
const BODY_SIZE = 10;
/** Extra space between lines, in points. */
const LINE_GAP = 2;
const HEADING_SIZES = { 1: 18, 2: 14, 3: 12 } as const;
/** The space between a table cell's border and its text, in points. */
const TABLE_PAD = 4;

/** A piece of inline text with its formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  superscript?: boolean;
  link?: string;
}

export type Cell = string | Run[];

type StructureElement = PDFKit.PDFStructureElement;

export interface WriterOptions {
  title: string;
  subject?: string;
  /** Running header text on every page but the first. */
  header: string;
  generatedAt: Date;
  /** Words of the footer, in the document's language. */
  labels: { page: (n: number, of: number) => string; generatedAt: string };
  lang?: string;
}

/**
 * pdfkit (0.20) writes the document information (title, subject, author) into the XMP metadata
 * unescaped, so a title such as "voorstel B&W aan de raad" made the packet ill-formed XML, which
 * PDF/UA forbids. Its metadata step gets escaped copies; the Info dictionary, written from the same
 * fields afterwards as PDF strings, keeps the text as it is.
 */
function escapeXmpMetadata(doc: PDFKit.PDFDocument) {
  const internals = doc as unknown as { _addInfo(): void; info: Record<string, unknown> };
  const addInfo = internals._addInfo;
  internals._addInfo = function (this: typeof internals) {
    const info = this.info;
    this.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, typeof value === "string" ? escapeHtml(value) : value]),
    );
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly text: TextSetter;
  private readonly root: StructureElement;
  private readonly options: WriterOptions;
  /** Heading bookmarks by level, so sub-headings nest under their section. */
  private readonly outlineStack: PDFKit.PDFOutline[] = [];
  /** Where each section started (page index), for the table of contents. */
  readonly sections: { title: string; page: number; level: number }[] = [];

  constructor(options: WriterOptions) {
    this.options = options;
    this.doc = new PDFDocument({
      size: "A4",
      // No default font: pdfkit would parse Helvetica's metrics for every document; ours are registered below.
      font: null as unknown as string,
      margins: { ...PAGE.margin },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: "1.7",
      tagged: true,
      // pdfkit 0.20 knows PDF/UA; its type definitions (0.17) do not yet.
      subset: "PDF/UA" as unknown as PDFKit.Mixins.PDFSubsets,
      lang: options.lang ?? "nl-NL",
      displayTitle: true,
      info: {
        Title: options.title,
        Subject: options.subject ?? options.title,
        Author: "H10 Besluitvorming",
        Creator: "H10 Besluitvorming",
        Producer: "pdfkit",
      },
    });
    escapeXmpMetadata(this.doc);
    this.doc.registerFont("regular", FONTS.regular);
    this.doc.registerFont("bold", FONTS.bold);
    this.doc.registerFont("italic", FONTS.italic);
    this.doc.registerFont("boldItalic", FONTS.boldItalic);
    // Opening a font embeds nothing; pdfkit embeds only the fonts a page uses.
    for (const name of Object.keys(FONTS)) this.doc.font(name);
    prepareFonts(this.doc);
    this.text = new TextSetter(this.doc);
    this.doc.font("regular").fontSize(BODY_SIZE);
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  get contentWidth(): number {
    return PAGE.width - PAGE.margin.left - PAGE.margin.right;
  }

  private get bottom(): number {
    return PAGE.height - PAGE.margin.bottom;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage() {
    this.doc.addPage();
  }

  private fontFor(run: Pick<Run, "bold" | "italic">): FontName {
    return run.bold && run.italic ? "boldItalic" : run.bold ? "bold" : run.italic ? "italic" : "regular";
  }

  /** The runs in their fonts and sizes; `bold` sets all of them bold (header cells). */
  private styled(runs: Run[], size = BODY_SIZE, bold = false): StyledRun[] {
    const parts = runs.filter((r) => r.text.length > 0);
    if (!parts.length) return [{ text: "", font: bold ? "bold" : "regular", size }];
    return parts.map((run) => ({
      text: run.text,
      font: this.fontFor({ bold: bold || run.bold, italic: run.italic }),
      size: run.superscript ? size * 0.7 : size,
      rise: run.superscript ? size * 0.33 : 0,
      link: run.link,
    }));
  }

  /**
   * Writes runs as one flowing paragraph at the current position: as content
   * of `element` (links as Link elements in it), or without it inside the
   * caller's marked closure.
   */
  private writeRuns(
    runs: Run[],
    options: { x?: number; width?: number; size?: number; gap?: number } = {},
    element?: StructureElement,
  ) {
    const x = options.x ?? PAGE.margin.left;
    const width = options.width ?? this.contentWidth;
    this.text.setLines(
      this.text.layoutLines(this.styled(runs, options.size), width, LINE_GAP),
      x,
      this.bottom,
      element,
    );
    this.doc.y += options.gap ?? 6;
  }

  /** A block element (P, H1, LBody …) of flowing runs. */
  private textBlock(
    type: string,
    parent: StructureElement,
    runs: Run[],
    options: Parameters<PdfWriter["writeRuns"]>[1] = {},
  ) {
    const element = this.doc.struct(type);
    parent.add(element);
    this.writeRuns(runs, options, element);
    element.end();
  }

  /** A heading, with a bookmark; returns the page index it is on. */
  heading(level: 1 | 2 | 3, text: string, parent: StructureElement = this.root): number {
    const size = HEADING_SIZES[level];
    // Keep a heading with at least three lines of what follows.
    this.ensureSpace(size * 1.6 + BODY_SIZE * 4);
    if (level > 1 || this.doc.y > PAGE.margin.top) this.doc.y += level === 1 ? 4 : 6;
    const page = this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
    this.textBlock(`H${level}`, parent, [{ text, bold: true }], { size, gap: 6 });
    const outlineParent = level === 1 ? this.doc.outline : (this.outlineStack[level - 2] ?? this.doc.outline);
    this.outlineStack[level - 1] = outlineParent.addItem(text);
    this.outlineStack.length = level;
    this.sections.push({ title: text, page, level });
    return page;
  }

  paragraph(content: string | Run[], parent: StructureElement = this.root, options: { size?: number } = {}) {
    const runs = typeof content === "string" ? [{ text: content }] : content;
    this.textBlock("P", parent, runs, options);
  }

  /** A grouping element (Sect, Div, Note …) under which further blocks can be added. */
  section(type: string, parent: StructureElement = this.root, options: { title?: string } = {}): StructureElement {
    const element = this.doc.struct(type, options.title ? { title: options.title } : {});
    parent.add(element);
    return element;
  }

  endSection(element: StructureElement) {
    element.end();
  }

  list(
    items: Run[][],
    ordered: boolean,
    parent: StructureElement = this.root,
    options: { start?: number; indent?: number } = {},
  ) {
    const list = this.doc.struct("L");
    parent.add(list);
    const indent = options.indent ?? 0;
    const labelWidth = 22;
    items.forEach((runs, i) => {
      const label = ordered ? `${(options.start ?? 1) + i}.` : "•";
      const item = this.doc.struct("LI");
      list.add(item);
      this.ensureSpace(BODY_SIZE * 2);
      const y = this.doc.y;
      const x = PAGE.margin.left + indent;
      item.add(
        this.doc.struct("Lbl", {}, () =>
          this.text.setLines(
            this.text.layoutLines([{ text: label, font: "regular", size: BODY_SIZE }], labelWidth, LINE_GAP),
            x,
            this.bottom,
          ),
        ),
      );
      this.doc.y = y;
      this.textBlock("LBody", item, runs, {
        x: x + labelWidth,
        width: this.contentWidth - indent - labelWidth,
        gap: 3,
      });
      item.end();
    });
    list.end();
    this.doc.y += 4;
  }

  private cellRuns(cell: Cell): Run[] {
    return typeof cell === "string" ? [{ text: cell }] : cell;
  }

  /**
   * Column widths for `table` (fractions of the content width) that follow what the columns hold, as a browser
   * lays out a table: a column whose longest line fits in an even share of the room gets just that ("Nog niets"
   * stays on one line, and narrow); the others get at least their longest word (no word is cut) and share the
   * rest by how much more their lines want.
   */
  fittedWidths(header: string[], rows: Cell[][], options: { size?: number; rowHeaders?: boolean } = {}): number[] {
    const size = options.size ?? BODY_SIZE;
    const pad = 2 * TABLE_PAD;
    const word = header.map(() => 0);
    const line = header.map(() => 0);
    const measure = (cell: Cell, i: number, bold: boolean) => {
      let x = 0;
      for (const run of this.styled(this.cellRuns(cell), size, bold)) {
        run.text.split("\n").forEach((part, n) => {
          if (n > 0) x = 0;
          x += this.text.width(part, run.font, run.size);
          line[i] = Math.max(line[i]!, x);
          for (const w of part.match(/[^\s-]*-+|[^\s-]+/g) ?? [])
            word[i] = Math.max(word[i]!, this.text.width(w, run.font, run.size));
        });
      }
    };
    header.forEach((cell, i) => measure(cell, i, true));
    for (const row of rows) row.forEach((cell, i) => measure(cell, i, !!options.rowHeaders && i === 0));
    const total = this.contentWidth;
    const least = word.map((w) => w + pad + 1);
    const wanted = line.map((w, i) => Math.max(w + pad + 1, least[i]!));
    // A column that wants no more than an even share of the room left gets what it wants, until none does.
    const widths: number[] = header.map(() => 0);
    let open = header.map((_, i) => i);
    let room = total;
    for (;;) {
      const share = room / open.length;
      const content = open.filter((i) => wanted[i]! <= share);
      if (!content.length || content.length === open.length) break;
      for (const i of content) widths[i] = wanted[i]!;
      room -= content.reduce((sum, i) => sum + wanted[i]!, 0);
      open = open.filter((i) => !content.includes(i));
    }
    // The others share the rest: each its longest word, and what is left by how much more its lines want.
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const leastSum = sum(open.map((i) => least[i]!));
    const wantedSum = sum(open.map((i) => wanted[i]!));
    for (const i of open)
      widths[i] =
        wantedSum <= room
          ? (wanted[i]! * room) / wantedSum
          : leastSum >= room
            ? (least[i]! * room) / leastSum
            : least[i]! + ((wanted[i]! - least[i]!) * (room - leastSum)) / (wantedSum - leastSum);
    return widths.map((w) => w / total);
  }

  /**
   * A table with one header row (TH, scope Column). Rows move to the next page
   * whole, where the header is drawn again as an artifact. Widths are fractions
   * of the content width.
   */
  table(
    header: string[],
    rows: Cell[][],
    options: { widths?: number[]; caption?: string; rowHeaders?: boolean; size?: number } = {},
    parent: StructureElement = this.root,
  ) {
    const doc = this.doc;
    const size = options.size ?? BODY_SIZE;
    const pad = TABLE_PAD;
    const fractions = options.widths ?? header.map(() => 1 / header.length);
    const widths = fractions.map((f) => f * this.contentWidth);
    const xs = widths.map((_, i) => PAGE.margin.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const table = doc.struct("Table", options.caption ? { title: options.caption } : {});
    parent.add(table);
    const pageHeight = this.bottom - PAGE.margin.top;

    const cellRuns = (cell: Cell, i: number, kind: "header" | "repeat" | "body") =>
      this.styled(this.cellRuns(cell), size, kind !== "body" || (!!options.rowHeaders && i === 0));
    const layoutRow = (cells: Cell[], kind: "header" | "repeat" | "body") =>
      cells.map((cell, i) => this.text.layoutLines(cellRuns(cell, i, kind), widths[i]! - 2 * pad, LINE_GAP));
    const rowHeight = (laidOut: Line[][]) => Math.max(...laidOut.map(heightOf)) + 2 * pad;

    const drawRow = (
      laidOut: Line[][],
      kind: "header" | "repeat" | "body",
      height: number,
      row: StructureElement | null,
    ) => {
      const y = doc.y;
      laidOut.forEach((lines, i) => {
        const draw = () => {
          doc.y = y + pad;
          this.text.setLines(lines, xs[i]! + pad, Number.POSITIVE_INFINITY);
        };
        if (kind === "repeat") {
          doc.markContent("Artifact", { type: "Pagination" });
          draw();
          doc.endMarkedContent();
        } else {
          const isHeader = kind === "header" || (options.rowHeaders && i === 0);
          // pdfkit writes /Scope for header cells; its type definitions lack the option.
          const scope = isHeader
            ? ({ scope: kind === "header" ? "Column" : "Row" } as PDFKit.Mixins.StructureElementOptions)
            : {};
          row!.add(doc.struct(isHeader ? "TH" : "TD", scope, [draw]));
        }
      });
      // Cell borders are decoration.
      doc.markContent("Artifact", { type: "Layout" });
      doc.lineWidth(0.5).strokeColor("#6b6b6b");
      laidOut.forEach((_, i) => doc.rect(xs[i]!, y, widths[i]!, height).stroke());
      if (kind !== "body")
        doc
          .rect(xs[0]!, y, this.contentWidth, height)
          .fillOpacity(0.06)
          .fill("#154273")
          .fillOpacity(1)
          .fillColor("black");
      doc.endMarkedContent();
      doc.x = PAGE.margin.left;
      doc.y = y + height;
    };

    const headerLines = layoutRow(header, "header");
    const headerHeight = rowHeight(headerLines);
    // The header stays with the first row (a row taller than a page flows on from here, at least three lines of it).
    const firstRow = rows[0] ? rowHeight(layoutRow(rows[0], "body")) : 0;
    this.ensureSpace(headerHeight + (firstRow > pageHeight - headerHeight ? size * 3 : Math.max(firstRow, size * 3)));
    const headRow = doc.struct("TR");
    table.add(headRow);
    drawRow(headerLines, "header", headerHeight, headRow);
    headRow.end();

    for (const cells of rows) {
      const laidOut = layoutRow(cells, "body");
      const height = rowHeight(laidOut);
      if (height > pageHeight - headerHeight) {
        // Taller than a page: the row's cells as paragraphs, labelled by their column, flowing over pages.
        const row = doc.struct("TR");
        table.add(row);
        cells.forEach((cell, i) => {
          row.add(
            doc.struct(i === 0 && options.rowHeaders ? "TH" : "TD", {}, () =>
              this.writeRuns([{ text: `${header[i]}: `, bold: true }, ...this.cellRuns(cell)], { gap: 4 }),
            ),
          );
        });
        row.end();
        continue;
      }
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawRow(headerLines, "repeat", headerHeight, null);
      }
      const row = doc.struct("TR");
      table.add(row);
      drawRow(laidOut, "body", height, row);
      row.end();
    }
    table.end();
    doc.font("regular").fontSize(BODY_SIZE);
    doc.y += 8;
  }

  /** The text, shortened with an ellipsis to fit one line of `width` in the current font. */
  private fitted(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let end = text.length;
    while (end > 0 && this.doc.widthOfString(`${text.slice(0, end)}…`) > width) end -= 1;
    return `${text.slice(0, end).trimEnd()}…`;
  }

  /** Stamps header and footer on every page (as artifacts) and returns the PDF. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    this.root.end();
    const range = doc.bufferedPageRange();
    const generated = `${this.options.labels.generatedAt} ${this.options.generatedAt.toLocaleString("nl-NL", { timeZone: "Europe/Amsterdam", dateStyle: "long", timeStyle: "short" })}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Drawing in the margins must not start a new page.
      const margins = { ...doc.page.margins };
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      doc.markContent("Artifact", { type: "Pagination" });
      doc.font("regular").fontSize(8).fillColor("#444444");
      if (i > range.start)
        doc.text(this.fitted(this.options.header, this.contentWidth), PAGE.margin.left, 32, { lineBreak: false });
      doc.text(generated, PAGE.margin.left, PAGE.height - 40, { width: this.contentWidth / 2, lineBreak: false });
      doc.text(
        this.options.labels.page(i - range.start + 1, range.count),
        PAGE.margin.left + this.contentWidth / 2,
        PAGE.height - 40,
        {
          width: this.contentWidth / 2,
          align: "right",
          lineBreak: false,
        },
      );
      doc.fillColor("black");
      doc.endMarkedContent();
      doc.page.margins = margins;
    }
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.on("error", reject);
    });
    doc.end();
    return done;
  }
}
