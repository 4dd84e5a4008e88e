import { parseCbsCsv, type CbsLineError } from "~/utils/cbs-csv";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

/**
 * Importing a year's inhabitant figures from a CBS StatLine CSV (app/utils/cbs-csv.ts reads the file).
 * A region is matched by its CBS code (Municipality.cbsCode), or when the file names it without a code,
 * by its name (CBS writes Den Haag as "'s-Gravenhage"). Regions outside the H10 (another municipality,
 * the country, a province) are skipped and listed, so an export of the whole country can be imported;
 * the preview lists the region's municipalities the file has no figure for. Any bad line is an error and
 * nothing is written; so is a municipality named twice for the same year.
 */

/** CBS's names that differ from ours. */
const CBS_NAMES: Record<string, string> = { "'s-gravenhage": "den-haag" };

const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/\s*\((gemeente|gm)\)\s*$/, "")
    .trim();

export type ImportProblem = CbsLineError["problem"] | "no_rows" | "duplicate_municipality";

export interface ImportError {
  line: number;
  problem: ImportProblem;
  value?: string;
}

export interface ImportRow {
  line: number;
  municipalityId: string;
  municipality: string;
  year: number;
  oldCount: number | null;
  newCount: number;
}

export interface ImportPreview {
  rows: ImportRow[];
  errors: ImportError[];
  /**
   * Lines of regions outside the H10, skipped: the region as written (its code or name), or, when the file has both,
   * its name with the code beside it ("Leiden", GM0546).
   */
  skipped: { line: number; region: string; code?: string }[];
  /** Municipalities of the region without a figure in the file, for a year the file has. */
  missing: { year: number; municipalities: string[] }[];
}

export async function previewInhabitantImport(text: string): Promise<ImportPreview> {
  const parsed = parseCbsCsv(text);
  const municipalities = await prisma.municipality.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true, cbsCode: true },
  });
  const byCode = new Map(municipalities.filter((m) => m.cbsCode).map((m) => [m.cbsCode!, m]));
  const byName = new Map(municipalities.map((m) => [m.name.toLowerCase(), m]));
  const bySlug = new Map(municipalities.map((m) => [m.slug, m]));
  const errors: ImportError[] = [...parsed.errors];
  const skipped: ImportPreview["skipped"] = [];
  const matched: { line: number; municipality: (typeof municipalities)[number]; year: number; count: number }[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const key = nameKey(row.name);
    const municipality = row.code
      ? byCode.get(row.code)
      : (byName.get(key) ?? (CBS_NAMES[key] ? bySlug.get(CBS_NAMES[key]) : undefined));
    if (!municipality) {
      skipped.push(
        row.regionName
          ? { line: row.line, region: row.regionName, code: row.code ?? row.name }
          : { line: row.line, region: row.name },
      );
      continue;
    }
    const earlier = seen.get(`${municipality.id} ${row.year}`);
    if (earlier !== undefined) {
      errors.push({ line: row.line, problem: "duplicate_municipality", value: String(earlier) });
      continue;
    }
    seen.set(`${municipality.id} ${row.year}`, row.line);
    matched.push({ line: row.line, municipality, year: row.year, count: row.count });
  }
  if (!matched.length && !errors.length) errors.push({ line: 1, problem: "no_rows" });
  errors.sort((a, b) => a.line - b.line);

  const years = [...new Set(matched.map((m) => m.year))].sort();
  const current = years.length
    ? await prisma.inhabitantCount.findMany({
        where: { year: { in: years }, municipalityId: { in: municipalities.map((m) => m.id) } },
        select: { municipalityId: true, year: true, count: true },
      })
    : [];
  const old = new Map(current.map((c) => [`${c.municipalityId} ${c.year}`, c.count]));
  return {
    rows: matched.map((m) => ({
      line: m.line,
      municipalityId: m.municipality.id,
      municipality: m.municipality.name,
      year: m.year,
      oldCount: old.get(`${m.municipality.id} ${m.year}`) ?? null,
      newCount: m.count,
    })),
    errors,
    skipped,
    missing: years
      .map((year) => ({
        year,
        municipalities: municipalities.filter((m) => !seen.has(`${m.id} ${year}`)).map((m) => m.name),
      }))
      .filter((m) => m.municipalities.length),
  };
}

export type ImportResult =
  { ok: true; written: number; preview: ImportPreview } | { ok: false; preview: ImportPreview };

/**
 * Writes every figure of the file in one transaction with one audit event, or nothing when any line
 * is wrong. The file is read again here: what the preview showed is never taken from the form.
 */
export async function importInhabitants(text: string, source: string | null, actor: Actor): Promise<ImportResult> {
  const preview = await previewInhabitantImport(text);
  if (preview.errors.length || !preview.rows.length) return { ok: false, preview };
  await prisma.$transaction(async (tx) => {
    const changes: { municipalityId: string; year: number; count: number; previousCount: number | null }[] = [];
    for (const row of preview.rows) {
      const where = { municipalityId_year: { municipalityId: row.municipalityId, year: row.year } };
      const previous = await tx.inhabitantCount.findUnique({ where, select: { count: true } });
      await tx.inhabitantCount.upsert({
        where,
        create: { municipalityId: row.municipalityId, year: row.year, count: row.newCount, source },
        update: { count: row.newCount, source },
      });
      changes.push({
        municipalityId: row.municipalityId,
        year: row.year,
        count: row.newCount,
        previousCount: previous?.count ?? null,
      });
    }
    await appendEvent(tx, { type: "inhabitants.imported", actor, payload: { source, figures: changes } });
  });
  return { ok: true, written: preview.rows.length, preview };
}
