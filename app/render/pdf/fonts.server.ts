/**
 * The PDF fonts and the work on them that every document would otherwise
 * repeat: DejaVu from the `dejavu-fonts-ttf` package, parsed once per process
 * (nothing is read from the system or downloaded).
 *
 * Three caches, all process-wide and bounded:
 * - fontkit's per-word layouts (glyph ids and advances), which do not depend
 *   on the document;
 * - the embedded font subsets. Each document's subset of a font starts with
 *   the same Dutch repertoire in the same order (ASCII, the accented letters,
 *   €, ĳ, quotes and dashes, the approval matrix's marks), so the subset, and so the font file pdfkit
 *   embeds, is the same for every document whose text stays within it, which
 *   is nearly all of them. The file is built and compressed once and reused.
 *   A document with other characters adds their glyphs after the repertoire
 *   and gets a subset of its own, built as before;
 * - the compressed font files, by subset.
 *
 * The subset holds a glyph for every repertoire character even when a
 * document does not use it: about 30 KB more per PDF, for a font file that is
 * no longer built per document (subsetting and compressing the fonts was a
 * quarter of a brief's time).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import * as fontkit from "fontkit";

const require = createRequire(import.meta.url);
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);
const parse = (name: string) =>
  fontkit.create(fs.readFileSync(fontFile(name))) as unknown as PDFKit.Mixins.PDFFontSource;

/** The four faces, parsed once per process; fontkit keeps its glyph caches on them. */
export const FONTS = {
  regular: parse("DejaVuSans.ttf"),
  bold: parse("DejaVuSans-Bold.ttf"),
  italic: parse("DejaVuSans-Oblique.ttf"),
  boldItalic: parse("DejaVuSans-BoldOblique.ttf"),
};
export type FontName = keyof typeof FONTS;
const FONT_NAMES = Object.keys(FONTS) as FontName[];

/** Characters of Dutch government text: every document's subset starts with their glyphs, in this order. */
export const REPERTOIRE = (() => {
  let text = "";
  for (let c = 0x20; c <= 0x7e; c++) text += String.fromCharCode(c);
  // Then Dutch and West-European letters, typography, the no-break spaces of formatted numbers
  // and dates, and the approval matrix's state marks (app/locales).
  text += "äëïöüÄËÏÖÜáéíóúÁÉÍÓÚàèìòùÀÈÌÒÙâêîôûçÇñßøåæ€ĳĲ‘’“”„«»–—…•·§°²³½¼¾×÷±µ©®™‰›\u00a0\u202f✔✖⚠◔○";
  // DejaVu joins these letters into ligatures (as in "officieel", "financiën"); as words of their
  // own they are laid out the same way, so the ligature glyphs join the repertoire with the
  // letters they stand for (the text extracts as "ffi", not as one character).
  return `${text} ff fi fl ffi ffl`;
})();

/** pdfkit's embedded font, as far as this module touches it. */
interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
  subset: { glyphs: number[]; encode(): Uint8Array };
  document: { ref(data?: object): PdfReference };
  encode(text: string): unknown;
  embed(): void;
}
interface PdfReference {
  data: Record<string, unknown>;
  compress: boolean;
  end(chunk?: Uint8Array): void;
}

const MAX_CACHED_WORDS = 50_000;
const MAX_CACHED_SUBSETS = 64;
// Without a prototype, like pdfkit's own: a word such as "constructor" must not find Object's.
const emptyCache = () => Object.create(null) as Record<string, unknown>;
const layoutCaches: Record<FontName, Record<string, unknown>> = {
  regular: emptyCache(),
  bold: emptyCache(),
  italic: emptyCache(),
  boldItalic: emptyCache(),
};
/** Subset font files by font and glyph list; a Map keeps insertion order, so the oldest goes first. */
const subsets = new Map<string, Uint8Array>();
/** The subset files this module built, and the compressed form of each. */
const built = new WeakSet<Uint8Array>();
const compressed = new WeakMap<Uint8Array, Buffer>();
let documentsSinceSizeCheck = 0;

/** How often a document's font file came from the cache: for tests and the benchmark. */
export const fontCacheStats = { subsetHits: 0, subsetMisses: 0 };

function remember(key: string, bytes: Uint8Array) {
  if (subsets.size >= MAX_CACHED_SUBSETS) subsets.delete(subsets.keys().next().value!);
  subsets.set(key, bytes);
}

/** Builds the subset once per glyph list. */
function cacheSubset(name: FontName, font: EmbeddedFont) {
  const subset = font.subset;
  const build = subset.encode.bind(subset);
  subset.encode = () => {
    const key = `${name}|${subset.glyphs.join(",")}`;
    const cached = subsets.get(key);
    if (cached) {
      fontCacheStats.subsetHits += 1;
      return cached;
    }
    fontCacheStats.subsetMisses += 1;
    const bytes = build();
    built.add(bytes);
    remember(key, bytes);
    return bytes;
  };
}

/**
 * Embeds a cached subset's font file already compressed. pdfkit creates the
 * font file stream first in embed() and ends it with the subset's bytes; when
 * those are a cached subset, the stream gets the compressed bytes and is not
 * compressed again. Anything else goes through pdfkit unchanged.
 */
function embedCompressed(font: EmbeddedFont) {
  const embed = font.embed.bind(font);
  font.embed = () => {
    const document = font.document;
    const ref = document.ref;
    document.ref = (data?: object) => {
      document.ref = ref;
      const fontFile = ref.call(document, data);
      const end = fontFile.end.bind(fontFile);
      fontFile.end = (chunk?: Uint8Array) => {
        const deflated =
          chunk && fontFile.compress && Object.keys(fontFile.data).length === 0 ? deflatedSubset(chunk) : undefined;
        if (!deflated) return end(chunk);
        fontFile.compress = false;
        fontFile.data.Filter = "FlateDecode";
        end(deflated);
      };
      return fontFile;
    };
    try {
      embed();
    } finally {
      document.ref = ref;
    }
  };
}

function deflatedSubset(bytes: Uint8Array): Buffer | undefined {
  if (!built.has(bytes)) return undefined;
  let deflated = compressed.get(bytes);
  if (!deflated) {
    deflated = zlib.deflateSync(bytes);
    compressed.set(bytes, deflated);
  }
  return deflated;
}

/**
 * Prepares a new document's fonts (after they are registered and opened):
 * shared layouts, the repertoire first in every subset, cached font files.
 */
export function prepareFonts(doc: PDFKit.PDFDocument) {
  if (++documentsSinceSizeCheck >= 100) {
    documentsSinceSizeCheck = 0;
    for (const name of FONT_NAMES)
      if (Object.keys(layoutCaches[name]).length > MAX_CACHED_WORDS) layoutCaches[name] = emptyCache();
  }
  // pdfkit keeps the fonts a document opened in _fontFamilies, by registered name.
  const families = (doc as unknown as { _fontFamilies: Record<string, EmbeddedFont | undefined> })._fontFamilies;
  for (const name of FONT_NAMES) {
    const font = families[name];
    if (!font) continue;
    if (font.layoutCache) font.layoutCache = layoutCaches[name];
    font.encode(REPERTOIRE);
    cacheSubset(name, font);
    embedCompressed(font);
  }
}
