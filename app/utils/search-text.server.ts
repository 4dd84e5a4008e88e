/**
 * The words of the search (app/models/search.server.ts): folded (lower case, diacritics and ligatures undone:
 * "Reële" and "reele" are one word) and then reduced to their stem by the Dutch Snowball stemmer ("zienswijzen"
 * and "zienswijze" are "zienswijz"). The indexed text and the query go through the same functions, so both
 * database engines compare the same stems. Also the snippet of a result, its matching words marked.
 */
import { newStemmer } from "snowball-stemmers";
import type { Segment } from "~/schemas/search";

const stemmer = newStemmer("dutch");

/** A word: letters and digits (a reference like "H10-GR-2024" is three words). */
const WORD = /[\p{L}\p{N}]+/gu;

/** At most this many words of a query count; a longer query is cut. */
export const MAX_QUERY_WORDS = 8;

/** Lower case without diacritics; NFKD also splits ligatures (ĳ is ij). */
export function fold(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The stems of the words met, by the word as written (up to STEMS_KEPT of them, the oldest going first; a word
 * longer than KEPT_WORD_LENGTH is stemmed every time). The stemmer is deterministic and a region's texts repeat
 * their words: without this, stemming the words of the results to mark them was a sixth of the search page's CPU.
 */
const stemsKept = new Map<string, string>();
export const STEMS_KEPT = 20_000;
const KEPT_WORD_LENGTH = 64;

/** How many words' stems are kept now (for tests). */
export const keptStems = () => stemsKept.size;

/** The stem of one word as the index holds it (at most 100 characters). */
export function stemOf(word: string): string {
  const kept = stemsKept.get(word);
  if (kept !== undefined) return kept;
  const stem = stemmer.stem(fold(word)).slice(0, 100);
  if (word.length <= KEPT_WORD_LENGTH) {
    if (stemsKept.size >= STEMS_KEPT) stemsKept.delete(stemsKept.keys().next().value!);
    stemsKept.set(word, stem);
  }
  return stem;
}

/** The distinct stems of a text, in order of first appearance. */
export function stems(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const stem = stemOf(match[0]);
    if (stem) seen.add(stem);
  }
  return [...seen];
}

/** The distinct stems of a query, at most MAX_QUERY_WORDS of them. */
export function queryStems(query: string): string[] {
  return stems(query.slice(0, 500)).slice(0, MAX_QUERY_WORDS);
}

/** `text` cut in segments, every word whose stem is one of `wanted` marked. */
export function markWords(text: string, wanted: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (!wanted.has(stemOf(match[0]))) continue;
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ text: match[0], mark: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/**
 * A short passage of `text` around the first word that matches, with the matching words marked; "…" where it was
 * cut. Without a match, the text's beginning.
 */
export function snippet(text: string, wanted: ReadonlySet<string>, length = 240): Segment[] {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return [];
  let first = -1;
  for (const match of flat.matchAll(WORD)) {
    if (wanted.has(stemOf(match[0]))) {
      first = match.index;
      break;
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(length / 4));
  // Start and end on a word boundary.
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space >= 0 && space < (first < 0 ? flat.length : first) ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start && (first < 0 || space > first)) end = space;
  }
  const segments = markWords(flat.slice(start, end), wanted);
  if (start > 0) segments.unshift({ text: "… " });
  if (end < flat.length) segments.push({ text: " …" });
  return segments;
}
