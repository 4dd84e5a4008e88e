/**
 * Reads inhabitant figures from a CSV as CBS StatLine exports it ("Bevolking op 1 januari" by
 * gemeente): fields separated by semicolons (or commas), optionally in double quotes, a header line,
 * a byte-order mark and CRLF line ends allowed, Dutch thousands separators ("103.581").
 *
 * The header is the first line with columns for the figure (its name holds "bevolking op 1 januari",
 * or "BevolkingOp1Januari" as in the open-data table), the region and the year; lines above it (a
 * title) are skipped. The region
 * is the column whose name holds "code", else the one that starts with "regio" (StatLine's "Regio's" /
 * "RegioS"); its value is a CBS region code (GM0503), or else a name ("Delft", "'s-Gravenhage"). The year is the "Perioden" (or "Jaar")
 * column: "2024", "2024JJ00", or "2024*" for provisional figures. Other columns are ignored. Empty
 * lines and a closing "Bron: CBS" line are skipped. Line numbers count every line of the file from 1.
 * What is not a municipality of the region is for the caller to decide (see inhabitant-import.server).
 */

/** Largest file accepted, and most lines: the whole country for a few years fits easily. */
export const MAX_CBS_CSV_BYTES = 256 * 1024;
export const MAX_CBS_CSV_LINES = 5000;
export const MIN_YEAR = 1990;
export const MAX_COUNT = 2_000_000;

export type CbsProblem =
  | "no_header"
  | "too_many_lines"
  | "unclosed_quote"
  | "missing_fields"
  | "region_missing"
  | "year_missing"
  | "year_invalid"
  | "count_missing"
  | "count_invalid"
  | "count_out_of_range"
  | "duplicate";

export interface CbsLineError {
  line: number;
  problem: CbsProblem;
  /** What was found (the code, year or figure as written), or the other line of a duplicate. */
  value?: string;
}

export interface CbsRow {
  line: number;
  /** A CBS region code, upper case: GM0503, or NL01, PV28 for a country or province; null when named. */
  code: string | null;
  /** The region as written (a name when there is no code: "'s-Gravenhage"). */
  name: string;
  /** The region's name from the file's name column ("Regio's") when the region is read from a code column. */
  regionName?: string;
  year: number;
  count: number;
}

export interface CbsParse {
  rows: CbsRow[];
  errors: CbsLineError[];
}

/** One line's fields; null when a quote is not closed. */
export function splitCsvLine(line: string, separator: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = "";
    } else field += c;
    i++;
  }
  if (quoted) return null;
  fields.push(field);
  return fields.map((f) => f.trim());
}

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

function columnsOf(header: string[]) {
  const names = header.map(squash);
  const count = names.findIndex((n) => n.includes("bevolkingop1januari"));
  const code = names.findIndex((n) => n.includes("code"));
  const named = names.findIndex((n) => n.startsWith("regio") && !n.includes("code"));
  const region = code >= 0 ? code : named;
  const year = names.findIndex((n) => n.startsWith("perioden") || n === "periode" || n === "jaar");
  // Beside a code column, StatLine's "Regio's" names the region ("Leiden"): said with a region that is skipped.
  const regionName = code >= 0 && named >= 0 && named !== code ? named : -1;
  return { count, region, year, regionName };
}

/** A region's code (GM0503, also padded "GM0503    " as in the open data), or its name; null when empty. */
export function regionOf(value: string): { code: string | null; name: string } | null {
  const name = value.trim();
  if (!name) return null;
  const code = name.toUpperCase();
  return { code: /^[A-Z]{2}\d{2,8}$/.test(code) ? code : null, name };
}

/** "2024", "2024JJ00", "2024*" → 2024; anything else null. */
export function yearOf(value: string, maxYear: number): number | null {
  const match = /^(\d{4})(?:JJ00)?\*?$/i.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  return year >= MIN_YEAR && year <= maxYear ? year : null;
}

/** "103581", "103.581", "103 581" → 103581; anything else (decimals, signs, CBS's "." for no value) null. */
export function countOf(value: string): number | null {
  const text = value.trim().replace(/[\u00a0\u202f ]/g, ".");
  if (!/^(\d+|\d{1,3}(\.\d{3})+)$/.test(text)) return null;
  return Number(text.replace(/\./g, ""));
}

export function parseCbsCsv(input: string, maxYear = new Date().getFullYear() + 1): CbsParse {
  const lines = input.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  if (lines.length > MAX_CBS_CSV_LINES)
    return { rows: [], errors: [{ line: MAX_CBS_CSV_LINES + 1, problem: "too_many_lines" }] };
  let headerAt = -1;
  let separator = ";";
  let columns = { count: -1, region: -1, year: -1, regionName: -1 };
  for (let i = 0; i < lines.length && headerAt < 0; i++) {
    separator = lines[i]!.includes(";") ? ";" : ",";
    const fields = splitCsvLine(lines[i]!, separator);
    if (!fields) continue;
    const found = columnsOf(fields);
    if (found.count >= 0 && found.region >= 0 && found.year >= 0) {
      headerAt = i;
      columns = found;
    }
  }
  if (headerAt < 0) return { rows: [], errors: [{ line: 1, problem: "no_header" }] };

  const rows: CbsRow[] = [];
  const errors: CbsLineError[] = [];
  const seen = new Map<string, number>();
  const needed = Math.max(columns.count, columns.region, columns.year) + 1;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = i + 1;
    const text = lines[i]!;
    if (!text.trim() || /^"?(bron|source)\b/i.test(text.trim())) continue;
    const fields = splitCsvLine(text, separator);
    if (!fields) {
      errors.push({ line, problem: "unclosed_quote" });
      continue;
    }
    if (fields.every((f) => !f)) continue;
    if (fields.length < needed) {
      errors.push({ line, problem: "missing_fields" });
      continue;
    }
    const region = regionOf(fields[columns.region]!);
    if (!region) {
      errors.push({ line, problem: "region_missing" });
      continue;
    }
    if (!fields[columns.year]) {
      errors.push({ line, problem: "year_missing" });
      continue;
    }
    if (!fields[columns.count]) {
      errors.push({ line, problem: "count_missing" });
      continue;
    }
    const year = yearOf(fields[columns.year]!, maxYear);
    if (year === null) {
      errors.push({ line, problem: "year_invalid", value: fields[columns.year] });
      continue;
    }
    const count = countOf(fields[columns.count]!);
    if (count === null) {
      errors.push({ line, problem: "count_invalid", value: fields[columns.count] });
      continue;
    }
    if (count < 1 || count > MAX_COUNT) {
      errors.push({ line, problem: "count_out_of_range", value: fields[columns.count] });
      continue;
    }
    const key = `${region.code ?? region.name.toLowerCase()} ${year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line, problem: "duplicate", value: String(earlier) });
      continue;
    }
    seen.set(key, line);
    const regionName = columns.regionName >= 0 ? fields[columns.regionName] : undefined;
    rows.push({ line, ...region, ...(regionName ? { regionName } : {}), year, count });
  }
  return { rows, errors };
}
