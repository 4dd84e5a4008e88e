/**
 * Line breaking and text setting for the PDF writer, in place of pdfkit's
 * `doc.text()`: the same glyphs (pdfkit's embedded font encodes them, so the
 * subset, widths and ToUnicode map are pdfkit's own), with less work per
 * line. pdfkit's text path runs a Unicode line breaker and re-reads its
 * options for every fragment, and wraps every line in its own text object;
 * a brief spent half of its time there.
 *
 * Lines break after spaces and after a hyphen inside a word ("Leidschendam-
 * Voorburg"); a word wider than the line is broken between characters. A
 * paragraph's runs may change font and size; a line is as high as its
 * largest run, and runs share a baseline (superscripts are raised).
 * Measuring (`layoutLines`) and setting (`setLines`) use the same layout,
 * so a table row is exactly as high as its tallest cell's lines.
 */
import type { FontName } from "./fonts.server";

/** A run of text in one font and size. */
export interface StyledRun {
  text: string;
  font: FontName;
  size: number;
  /** Raised by this many points (superscript). */
  rise?: number;
  link?: string;
}

interface Piece {
  text: string;
  run: StyledRun;
  width: number;
}

export interface Line {
  pieces: Piece[];
  /** Width without the trailing spaces. */
  width: number;
  ascent: number;
  /** The line's height including its gap. */
  height: number;
}

interface LinkBox {
  x: number;
  y: number;
  w: number;
  h: number;
  baseline: number;
  url: string;
  text: string;
}

/** Pieces `from`–`to` of a line, in a stretch of text that shares one link or none. */
interface Span {
  link?: string;
  parts: { line: Line; from: number; to: number }[];
}

/** pdfkit's embedded font, as far as setting text needs it. */
interface PdfFont {
  id: string;
  ascender: number;
  descender: number;
  lineGap: number;
  widthOfString(text: string, size: number): number;
  encode(text: string): [
    string[],
    {
      xAdvance: number;
      yAdvance: number;
      xOffset: number;
      yOffset: number;
      advanceWidth: number;
    }[],
  ];
  ref(): unknown;
}

interface PdfDocumentInternals {
  _fontFamilies: Record<string, PdfFont>;
  page: {
    height: number;
    fonts: Record<string, unknown>;
    margins: { top: number };
  };
  y: number;
  addContent(data: string): void;
  continueOnNewPage(): void;
  link(x: number, y: number, w: number, h: number, url: string, options: object): void;
}

const internals = (doc: PDFKit.PDFDocument) => doc as unknown as PdfDocumentInternals;

/** Numbers as PDF content wants them: no exponents, four decimals at most. */
const num = (n: number) => String(Math.round(n * 10_000) / 10_000);

/**
 * Spaces a line may break at. Not the no-break spaces (U+00A0, U+202F,
 * U+2007) that keep "€ 3.091.150" and "7 maart" together.
 */
const SPACE = "\\t \\u1680\\u2000-\\u2006\\u2008-\\u200a\\u205f\\u3000";
const SPACES = new RegExp(`^[${SPACE}]+$`);
const TRAILING_SPACES = new RegExp(`[${SPACE}]+$`);
const BREAK_CHARACTER = new RegExp(`[\\n${SPACE}]`);
/**
 * Atoms: a line break, a stretch of spaces, or a word up to and including
 * its hyphens. A line may break after spaces and after a hyphen within a word.
 */
const ATOM = new RegExp(`\\n|[${SPACE}]+|[^\\n${SPACE}-]*-+|[^\\n${SPACE}-]+`, "g");

/**
 * Widths of words at 1000 points, by font, for all documents of the process
 * (they do not depend on the document); cleared when large.
 */
const WIDTHS: Record<FontName, Map<string, number>> = {
  regular: new Map(),
  bold: new Map(),
  italic: new Map(),
  boldItalic: new Map(),
};
const MAX_CACHED_WIDTHS = 50_000;

/** A piece's words, each with the spaces after it (pdfkit lays out and caches text by such words). */
const WORDS = /[^ ]* *|[^ ]+$/g;

interface EncodedWord {
  operands: string;
  /** In thousandths of the font size. */
  advance: number;
  /** Whether a glyph is placed off its advance; then `hex` and `positions` set it glyph by glyph. */
  marks: boolean;
  hex: string[];
  positions: ReturnType<PdfFont["encode"]>[1];
}

/** The height of laid-out lines. */
export const heightOf = (lines: Line[]) => lines.reduce((sum, line) => sum + line.height, 0);

export class TextSetter {
  private readonly doc: PDFKit.PDFDocument;
  /** Encoded words by font id, for this document. */
  private readonly encoded = new Map<string, Map<string, EncodedWord>>();
  private readonly fonts: Record<string, PdfFont>;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    this.fonts = internals(doc)._fontFamilies;
  }

  private font(name: FontName): PdfFont {
    const font = this.fonts[name];
    if (!font) throw new Error(`PDF font ${name} is not open`);
    return font;
  }

  width(text: string, font: FontName, size: number): number {
    const widths = WIDTHS[font];
    let width = widths.get(text);
    if (width === undefined) {
      width = this.font(font).widthOfString(text, 1000);
      if (widths.size >= MAX_CACHED_WIDTHS) widths.clear();
      widths.set(text, width);
    }
    return (width * size) / 1000;
  }

  /** The height of one line of `size` in `font`, with pdfkit's line gap of the font. */
  lineHeight(font: FontName, size: number): number {
    const f = this.font(font);
    return ((f.ascender + f.lineGap - f.descender) / 1000) * size;
  }

  /** Breaks the runs into lines of at most `width` points. */
  layoutLines(runs: StyledRun[], width: number, lineGap: number): Line[] {
    const lines: Line[] = [];
    let pieces: Piece[] = [];
    let x = 0;
    const newLine = () => {
      lines.push(this.finishLine(pieces, runs, lineGap));
      pieces = [];
      x = 0;
    };
    const append = (text: string, run: StyledRun, w: number) => {
      const last = pieces[pieces.length - 1];
      if (last && last.run === run) {
        last.text += text;
        last.width += w;
      } else pieces.push({ text, run, width: w });
      x += w;
    };
    // Words (atoms between break opportunities) may span runs: collect a word's parts before placing it.
    let word: Piece[] = [];
    let wordWidth = 0;
    const placeWord = () => {
      if (!word.length) return;
      // The line's trailing spaces stay on it (they take no room at its end).
      if (x > 0 && x + wordWidth > width + 0.01) newLine();
      if (wordWidth > width + 0.01) this.placeLongWord(word, width, append, newLine, () => x);
      else for (const part of word) append(part.text, part.run, part.width);
      word = [];
      wordWidth = 0;
    };
    for (const run of runs) {
      const text = run.text.replace(/\u00ad/g, "").replace(/\t/g, " ");
      ATOM.lastIndex = 0;
      for (let match = ATOM.exec(text); match; match = ATOM.exec(text)) {
        const atom = match[0];
        if (atom === "\n") {
          placeWord();
          newLine();
          continue;
        }
        if (SPACES.test(atom)) {
          // Spaces end a word; at the start of a wrapped line they are dropped.
          placeWord();
          if (x > 0 || !lines.length) append(atom, run, this.width(atom, run.font, run.size));
          continue;
        }
        const w = this.width(atom, run.font, run.size);
        const last = word[word.length - 1];
        if (last && last.run === run) {
          last.text += atom;
          last.width += w;
        } else word.push({ text: atom, run, width: w });
        wordWidth += w;
        // A hyphen ends a word too, when the word goes on.
        if (
          atom.endsWith("-") &&
          match.index + atom.length < text.length &&
          !BREAK_CHARACTER.test(text[match.index + atom.length]!)
        )
          placeWord();
      }
    }
    placeWord();
    if (pieces.length || !lines.length) newLine();
    return lines;
  }

  /** A word wider than the line, in as many pieces as it takes, cut between characters. */
  private placeLongWord(
    word: Piece[],
    width: number,
    append: (text: string, run: StyledRun, w: number) => void,
    newLine: () => void,
    x: () => number,
  ) {
    for (const part of word) {
      let rest = part.text;
      while (rest.length) {
        const { font, size } = part.run;
        const room = width - x();
        const fits = (n: number) => this.width(rest.slice(0, n), font, size) <= room;
        // Start from the average character's width, then shrink or grow by one.
        let n = Math.max(1, Math.min(rest.length, Math.floor(room / (this.width(rest, font, size) / rest.length))));
        while (n > 1 && !fits(n)) n -= 1;
        while (n < rest.length && fits(n + 1)) n += 1;
        if (!fits(n) && x() > 0) {
          newLine();
          continue;
        }
        const head = rest.slice(0, n);
        append(head, part.run, this.width(head, font, size));
        rest = rest.slice(n);
        if (rest.length) newLine();
      }
    }
  }

  private finishLine(pieces: Piece[], runs: StyledRun[], lineGap: number): Line {
    // An empty line is as high as the paragraph's first run.
    const measured = pieces.length ? pieces.map((p) => p.run) : runs.slice(0, 1);
    let ascent = 0;
    let height = 0;
    for (const run of measured) {
      const f = this.font(run.font);
      ascent = Math.max(ascent, (f.ascender / 1000) * run.size + (run.rise ?? 0));
      height = Math.max(height, this.lineHeight(run.font, run.size) + (run.rise ?? 0));
    }
    let width = pieces.reduce((sum, p) => sum + p.width, 0);
    const last = pieces[pieces.length - 1];
    if (last) {
      const trailing = TRAILING_SPACES.exec(last.text)?.[0].length ?? 0;
      if (trailing) width -= this.width(last.text.slice(-trailing), last.run.font, last.run.size);
    }
    return { pieces, width, ascent, height: height + lineGap };
  }

  /** The height of the runs set in `width`. */
  height(runs: StyledRun[], width: number, lineGap: number): number {
    return heightOf(this.layoutLines(runs, width, lineGap));
  }

  /**
   * Sets the lines from the document's current y at `x`, moving y down;
   * a line that would pass `bottom` goes to a new page (where open marked
   * content continues, as pdfkit does).
   *
   * Without `element`, the text is content of whatever the caller has marked.
   * With it, the text becomes the element's content here, and each link a
   * Link element in it, holding the link's text and its annotation (PDF/UA
   * wants links tagged so, with a description).
   */
  setLines(lines: Line[], x: number, bottom: number, element?: PDFKit.PDFStructureElement) {
    const spans = this.spans(lines);
    const cursor = { x, baseline: 0 };
    if (!element) {
      for (const span of spans) this.setSpan(span, x, bottom, cursor);
      return;
    }
    for (const span of spans) {
      if (!span.link) {
        element.add(() => this.setSpan(span, x, bottom, cursor));
        continue;
      }
      const link = this.doc.struct("Link");
      element.add(link);
      link.add(() => this.setSpan(span, x, bottom, cursor, link));
      link.end();
    }
  }

  /** The lines' pieces in stretches that share a link (or have none); an empty line joins the stretch before it. */
  private spans(lines: Line[]): Span[] {
    const spans: Span[] = [];
    for (const line of lines) {
      if (!line.pieces.length) {
        let last = spans[spans.length - 1];
        if (!last) spans.push((last = { parts: [] }));
        last.parts.push({ line, from: 0, to: 0 });
        continue;
      }
      for (let from = 0; from < line.pieces.length;) {
        const link = line.pieces[from]!.run.link;
        let to = from;
        while (to < line.pieces.length && line.pieces[to]!.run.link === link) to++;
        let span = spans[spans.length - 1];
        if (!span || span.link !== link) spans.push((span = { link, parts: [] }));
        span.parts.push({ line, from, to });
        from = to;
      }
    }
    return spans;
  }

  /** Sets one stretch; a line's first piece starts it (and may start a page), its last piece ends it. */
  private setSpan(
    span: Span,
    x: number,
    bottom: number,
    cursor: { x: number; baseline: number },
    tag?: PDFKit.PDFStructureElement,
  ) {
    const doc = internals(this.doc);
    let out: string[] = [];
    let current = "";
    const links: LinkBox[] = [];
    const flush = () => {
      if (out.length) doc.addContent(`q\n1 0 0 -1 0 ${num(doc.page.height)} cm\nBT\n${out.join("\n")}\nET\nQ`);
      out = [];
      current = "";
      this.drawLinks(links, tag);
    };
    for (const { line, from, to } of span.parts) {
      if (from === 0) {
        if (doc.y + line.height > bottom && doc.y > doc.page.margins.top) {
          flush();
          doc.continueOnNewPage();
        }
        cursor.x = x;
        cursor.baseline = doc.y + line.ascent;
      }
      for (const piece of line.pieces.slice(from, to)) {
        const font = this.font(piece.run.font);
        if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
        const selector = `/${font.id} ${num(piece.run.size)} Tf`;
        if (selector !== current) {
          out.push(selector);
          current = selector;
        }
        const y = doc.page.height - (cursor.baseline - (piece.run.rise ?? 0));
        const advance = this.showText(out, font, piece, cursor.x, y);
        if (piece.run.link)
          links.push({
            x: cursor.x,
            y: doc.y,
            w: advance,
            h: line.height,
            baseline: cursor.baseline,
            url: piece.run.link,
            text: piece.text,
          });
        cursor.x += advance;
      }
      if (to === line.pieces.length) doc.y += line.height;
    }
    flush();
  }

  /**
   * A word's glyphs as TJ operands (hex strings with kerning between them, in
   * thousandths of the font size, so for every size) and its advance, once
   * per document: the glyph ids are those of this document's font subset.
   */
  private encode(font: PdfFont, word: string): EncodedWord {
    let words = this.encoded.get(font.id);
    if (!words) {
      words = new Map();
      this.encoded.set(font.id, words);
    }
    let encoded = words.get(word);
    if (encoded) return encoded;
    const [hex, positions] = font.encode(word);
    const parts: string[] = [];
    let segment = "";
    let advance = 0;
    let marks = false;
    for (let i = 0; i < positions.length; i++) {
      const pos = positions[i]!;
      if (pos.xOffset || pos.yOffset) marks = true;
      segment += hex[i];
      const kern = pos.xAdvance - pos.advanceWidth;
      if (kern !== 0) {
        parts.push(`<${segment}> ${num(-kern)}`);
        segment = "";
      }
      advance += pos.xAdvance;
    }
    if (segment) parts.push(`<${segment}>`);
    encoded = { operands: parts.join(" "), advance, marks, hex, positions };
    words.set(word, encoded);
    return encoded;
  }

  /** Text-showing operators for one piece at (x, y) in PDF space; returns its advance. */
  private showText(out: string[], font: PdfFont, piece: Piece, x: number, y: number): number {
    const scale = piece.run.size / 1000;
    out.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
    const operands: string[] = [];
    let advance = 0;
    const flush = () => {
      if (operands.length) out.push(`[${operands.join(" ")}] TJ`);
      operands.length = 0;
    };
    for (const word of piece.text.match(WORDS) ?? []) {
      if (!word) continue;
      const encoded = this.encode(font, word);
      if (!encoded.marks) {
        operands.push(encoded.operands);
        advance += encoded.advance * scale;
        continue;
      }
      // A word with marks placed off their advance (combining accents): glyph by glyph, each its own matrix.
      flush();
      encoded.positions.forEach((pos, i) => {
        out.push(
          `1 0 0 1 ${num(x + advance + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`,
          `<${encoded.hex[i]}> Tj`,
        );
        advance += pos.xAdvance * scale;
      });
      out.push(`1 0 0 1 ${num(x + advance)} ${num(y)} Tm`);
    }
    flush();
    return advance;
  }

  /**
   * Links as annotations (in the Link element `tag`, described by their
   * text), underlined; on the page their text is on.
   */
  private drawLinks(links: LinkBox[], tag?: PDFKit.PDFStructureElement) {
    for (const link of links) {
      const description = link.text.trim() || link.url;
      internals(this.doc).link(
        link.x,
        link.y,
        link.w,
        link.h,
        link.url,
        tag ? { structParent: tag, Contents: new String(description) } : {},
      );
      const lineY = link.baseline + 1.5;
      this.doc
        .save()
        .lineWidth(0.5)
        .strokeColor("black")
        .moveTo(link.x, lineY)
        .lineTo(link.x + link.w, lineY)
        .stroke()
        .restore();
    }
    links.length = 0;
  }
}
