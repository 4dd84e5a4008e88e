/**
 * The PostgreSQL variant of the data model, derived from prisma/schema.prisma
 * (the one source of truth): the same models with the postgresql provider and
 * a client of its own (app/generated/prisma-pg). prisma/postgresql/schema.prisma
 * is written by `npm run db:generate` and `npm run db:migrate`, never by hand;
 * a test checks it matches.
 */
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
export const SQLITE_SCHEMA = path.join(here, "schema.prisma");
export const POSTGRES_SCHEMA = path.join(here, "postgresql", "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(here, "postgresql", "migrations");

export function postgresSchemaText(sqlite: string = fs.readFileSync(SQLITE_SCHEMA, "utf8")): string {
  const header =
    "// GENERATED from prisma/schema.prisma by prisma/postgresql-schema.ts: edit that file, not this one.\n";
  const text = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output       = "../../app/generated/prisma-pg"');
  if (!text.includes('"postgresql"') || !text.includes("prisma-pg"))
    throw new Error("prisma/schema.prisma has an unexpected datasource or generator block");
  return header + text;
}

/** Writes prisma/postgresql/schema.prisma; returns the text it had before (null when new). */
export function writePostgresSchema(): { before: string | null; after: string } {
  const before = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  const after = postgresSchemaText();
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  if (before !== after) fs.writeFileSync(POSTGRES_SCHEMA, after);
  return { before, after };
}
