import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  allMigrationsApplied,
  applyMigrations,
  createMigration,
  MIGRATIONS_DIR,
  migrationStatus,
  SCHEMA_PATH,
} from "./schema-engine";

const temps: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-migrate-"));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  db.close();
  return rows.map((row) => row.name);
}

describe("migrations through the WebAssembly schema engine", () => {
  it("applies the committed migrations to an empty database, once", async () => {
    const file = path.join(tempDir(), "fresh.db");
    const first = await applyMigrations(`file:${file}`);
    expect(first.length).toBe(fs.readdirSync(MIGRATIONS_DIR).filter((name) => !name.endsWith(".toml")).length);
    expect(tables(file)).toEqual(expect.arrayContaining(["Municipality", "Trail", "Event", "_prisma_migrations"]));
    expect(await applyMigrations(`file:${file}`)).toEqual([]);
  });

  it("reports that the committed migrations match the schema", async () => {
    const file = path.join(tempDir(), "status.db");
    const before = await migrationStatus(`file:${file}`);
    expect(before.pending.length).toBeGreaterThan(0);
    await applyMigrations(`file:${file}`);
    const after = await migrationStatus(`file:${file}`);
    expect(after.pending).toEqual([]);
    expect(after.failed).toEqual([]);
    expect(after.uncommittedChanges).toBe("");
  });

  it("detects a schema change without a migration and writes one that applies", async () => {
    const dir = tempDir();
    const migrationsDir = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = path.join(dir, "schema.prisma");
    fs.writeFileSync(
      schemaPath,
      fs
        .readFileSync(SCHEMA_PATH, "utf8")
        .replace(
          '  summary        String             @default("")',
          '  summary        String             @default("")\n  theme          String?',
        ),
    );
    const paths = { schemaPath, migrationsDir };
    const url = `file:${path.join(dir, "changed.db")}`;
    await applyMigrations(url, paths);
    const status = await migrationStatus(url, paths);
    expect(status.uncommittedChanges).toMatch(/ALTER TABLE "Trail" ADD COLUMN "theme" TEXT/);

    // Dated after every committed migration, as a new one always is: an earlier date would sort it before
    // migrations that rebuild the Trail table (SQLite's way to change one) and so lose its column.
    const folder = await createMigration(url, "trail_theme", paths, new Date("2099-01-01T12:00:00Z"));
    expect(folder).toBe("20990101120000_trail_theme");
    expect(await applyMigrations(url, paths)).toEqual([folder]);
    expect((await migrationStatus(url, paths)).uncommittedChanges).toBe("");
  });

  it("knows without the engine when every migration is applied, unedited and finished", async () => {
    const dir = tempDir();
    const migrationsDir = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const file = path.join(dir, "applied.db");
    const url = `file:${file}`;
    expect(await allMigrationsApplied(url, migrationsDir)).toBe(false); // no migrations table yet
    await applyMigrations(url, { schemaPath: SCHEMA_PATH, migrationsDir });
    expect(await allMigrationsApplied(url, migrationsDir)).toBe(true);

    // An edited migration: its checksum no longer matches the recorded one, so the engine decides.
    const last = fs
      .readdirSync(migrationsDir)
      .filter((name) => !name.endsWith(".toml"))
      .sort()
      .at(-1)!;
    const sql = path.join(migrationsDir, last, "migration.sql");
    const original = fs.readFileSync(sql, "utf8");
    fs.writeFileSync(sql, `${original}\n-- edited\n`);
    expect(await allMigrationsApplied(url, migrationsDir)).toBe(false);
    fs.writeFileSync(sql, original);

    // A pending migration, and a failed attempt.
    fs.mkdirSync(path.join(migrationsDir, "20990101000000_later"));
    fs.writeFileSync(path.join(migrationsDir, "20990101000000_later", "migration.sql"), "SELECT 1;\n");
    expect(await allMigrationsApplied(url, migrationsDir)).toBe(false);
    fs.rmSync(path.join(migrationsDir, "20990101000000_later"), { recursive: true });
    const db = new Database(file);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?").run(last);
    db.close();
    expect(await allMigrationsApplied(url, migrationsDir)).toBe(false);
  });

  it("refuses a migration name that is not a plain identifier", async () => {
    await expect(createMigration("file::memory:", "drop table; --")).rejects.toThrow(/a-z, 0-9/);
  });
});

describe("the PostgreSQL variant", () => {
  it("is prisma/schema.prisma with the postgresql provider, and committed as such", async () => {
    const { postgresSchemaText, POSTGRES_SCHEMA } = await import("./postgresql-schema.ts");
    const fsModule = await import("node:fs");
    expect(fsModule.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaText());
    expect(postgresSchemaText()).toContain('provider = "postgresql"');
  });
});
