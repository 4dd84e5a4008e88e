/**
 * Which test files touch the database: those whose imports, followed through
 * the project's own modules, reach the Prisma client (app/utils/db.server.ts).
 * They run on SQLite and again on PostgreSQL; the others run once, without a
 * database. Read by vitest.config.ts when it starts.
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const DATABASE_CLIENT = path.join(ROOT, "app/utils/db.server.ts");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
const TYPE_ONLY = /\b(?:import|export)\s+type\s+[^;"']*\bfrom\s*["'][^"']+["']/g;

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(ROOT, "app", specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function reachesDatabase(file: string, seen: Set<string>): boolean {
  if (file === DATABASE_CLIENT) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  // A type's import is gone at run time: it loads nothing.
  const source = fs.readFileSync(file, "utf8").replace(TYPE_ONLY, "");
  for (const [, specifier] of source.matchAll(SPECIFIER)) {
    const target = resolve(file, specifier!);
    if (target && reachesDatabase(target, seen)) return true;
  }
  return false;
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.test\.tsx?$/.test(name) && !name.includes("node_modules"))
    .map((name) => path.join(dir, name));
}

/** The unit and integration test files (not e2e), split by whether they touch the database. */
export function splitTestFiles(dirs = ["app", "prisma", "workflows", "server"]) {
  const files = dirs
    .filter((dir) => fs.existsSync(path.join(ROOT, dir)))
    .flatMap(testFiles)
    .sort();
  const database = files.filter((file) => reachesDatabase(path.join(ROOT, file), new Set()));
  return { database, pure: files.filter((file) => !database.includes(file)) };
}
