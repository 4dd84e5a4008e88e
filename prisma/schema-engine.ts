/**
 * Migrations through Prisma's WebAssembly schema engine.
 *
 * The Prisma CLI downloads a native schema engine on first use; on machines
 * without internet access (and many government networks) that download fails.
 * `@prisma/schema-engine-wasm` is the official WebAssembly build of the same
 * engine. It talks to the database through the driver adapter the app uses,
 * so it needs no binary and no network. See docs/decisions/002-offline-prisma-migrations.md.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);
const ENGINE_PACKAGE = "@prisma/schema-engine-wasm";
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export const PRISMA_DIR = path.dirname(new URL(import.meta.url).pathname);
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

type Glue = typeof import("@prisma/schema-engine-wasm");
let gluePromise: Promise<Glue> | undefined;

/** Instantiates the wasm-bindgen bundler build by hand (Node cannot import .wasm). */
function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const entry = require.resolve(ENGINE_PACKAGE);
    const dir = path.dirname(entry);
    const glue = (await import(path.join(dir, "schema_engine_bg.js"))) as Glue & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // The engine reports the message of a Rust panic through this global.
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        process.stderr.write(`schema engine panic: ${message}\n`);
      },
    };
    return glue;
  })();
  return gluePromise;
}

/** `file:` URL of a SQLite database, as the adapter expects it. */
export function sqliteUrl(file: string): string {
  return `file:${path.resolve(file)}`;
}

/** Where the schema and migrations live; tests point these at copies. */
export interface ProjectPaths {
  schemaPath: string;
  migrationsDir: string;
}

export const DEFAULT_PATHS: ProjectPaths = { schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR };
export const POSTGRES_PATHS: ProjectPaths = {
  schemaPath: path.join(PRISMA_DIR, "postgresql", "schema.prisma"),
  migrationsDir: path.join(PRISMA_DIR, "postgresql", "migrations"),
};

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The schema and migrations for a database URL: SQLite (file:) or PostgreSQL. */
export function pathsFor(databaseUrl: string): ProjectPaths {
  return isPostgresUrl(databaseUrl) ? POSTGRES_PATHS : DEFAULT_PATHS;
}

function adapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (databaseUrl.startsWith("file:")) return new PrismaBetterSqlite3({ url: databaseUrl });
  if (isPostgresUrl(databaseUrl))
    return new PrismaPg({ connectionString: databaseUrl }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  throw new Error(`Unsupported database URL scheme ${databaseUrl.split(":")[0]}: use file: (SQLite) or postgresql://`);
}

export async function openSchemaEngine(
  databaseUrl: string,
  schemaPath = pathsFor(databaseUrl).schemaPath,
): Promise<EngineSession> {
  const glue = await loadGlue();
  const schema = fs.readFileSync(schemaPath, "utf8");
  const tracked = trackedFactory(adapterFactory(databaseUrl));
  const debug = process.env.DEBUG_SCHEMA_ENGINE ? (line: string) => process.stderr.write(`${line}\n`) : () => {};
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    debug,
    bindMigrationAwareSqlAdapterFactory(tracked.factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await tracked.closeAll();
    },
  };
}

interface EngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

/**
 * Wraps the adapter factory so that (1) every connection the engine opens can
 * be closed afterwards (engine.free() leaves them open, which keeps the file
 * locked), and (2) a multi-statement script replayed into the shadow database
 * goes to `executeScript`: the engine sends it through `executeRaw`, which
 * better-sqlite3 refuses ("contains more than one statement"), and (3) on
 * PostgreSQL a migration script goes to the server whole (`wholeScripts`).
 */
function trackedFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return wholeScripts(adapter);
    },
    connectToShadowDb: async () => {
      const shadow = wholeScripts(await factory.connectToShadowDb());
      opened.push(shadow);
      return new Proxy(shadow, {
        get(target, property) {
          if (property === "executeRaw") {
            return async (query: SqlQuery) => {
              try {
                return await target.executeRaw(query);
              } catch (error) {
                if (
                  query.args.length === 0 &&
                  error instanceof RangeError &&
                  /more than one statement/.test(error.message)
                ) {
                  await target.executeScript(query.sql);
                  return 0;
                }
                throw error;
              }
            };
          }
          const value = Reflect.get(target, property, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
  return { factory: wrapped, closeAll: () => Promise.all(opened.splice(0).map((adapter) => adapter.dispose())) };
}

/**
 * PostgreSQL's adapter splits a script at every ";" and sends the pieces one by one, which cuts a function body
 * (the triggers of migration 20261205101106_tallies) in pieces. The script goes to the server whole instead, as
 * one simple query: PostgreSQL splits it itself and runs it as one transaction, so a migration that fails leaves
 * nothing behind. The adapter's own error conversion is kept.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== "postgres") return adapter;
  const pg = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };
  if (typeof pg.client?.query !== "function" || typeof pg.onError !== "function")
    throw new Error("The PostgreSQL adapter has changed: it no longer has the client and onError this relies on.");
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeScript")
        return async (script: string) => {
          await pg.client.query(script).catch((error: unknown) => pg.onError(error));
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const LOCKFILE = "migration_lock.toml";

/** Reads prisma/migrations the way the Prisma CLI hands it to the engine. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, LOCKFILE);
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * Whether every migration in the directory is recorded as applied, unedited (same checksum), and no attempt
 * failed: then the engine would apply nothing. Any doubt (no migrations table yet, a pending, edited or failed
 * migration, an error) answers false and leaves the decision to the engine.
 */
export async function allMigrationsApplied(databaseUrl: string, migrationsDir: string): Promise<boolean> {
  const wanted = readMigrations(migrationsDir).migrationDirectories;
  let adapter: SqlDriverAdapter | undefined;
  try {
    adapter = await adapterFactory(databaseUrl).connect();
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations"',
      args: [],
      argTypes: [],
    });
    const rows = result.rows.map(([name, checksum, finished, rolledBack]) => ({
      name: String(name),
      checksum: String(checksum),
      finished: Boolean(Number(finished)),
      rolledBack: Boolean(Number(rolledBack)),
    }));
    if (rows.some((row) => !row.finished && !row.rolledBack)) return false;
    return wanted.every((migration) => {
      if (migration.migrationFile.content.tag !== "ok") return false;
      const checksum = crypto.createHash("sha256").update(migration.migrationFile.content.value).digest("hex");
      return rows.some((row) => row.name === migration.path && row.finished && row.checksum === checksum);
    });
  } catch {
    return false;
  } finally {
    await adapter?.dispose();
  }
}

/**
 * Applies every pending migration; returns the names applied now. When nothing is pending the WebAssembly engine
 * is not loaded at all: it holds about 30 MB for the rest of the process's life (the server's every start).
 */
export async function applyMigrations(databaseUrl: string, paths = pathsFor(databaseUrl)): Promise<string[]> {
  if (await allMigrationsApplied(databaseUrl, paths.migrationsDir)) return [];
  const { engine, close } = await openSchemaEngine(databaseUrl, paths.schemaPath);
  try {
    const result = await engine.applyMigrations({
      migrationsList: readMigrations(paths.migrationsDir),
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

export interface MigrationStatus {
  migrations: string[];
  applied: string[];
  pending: string[];
  failed: string[];
  edited: string[];
  /** SQL that the schema needs beyond the committed migrations ("" when in sync). */
  uncommittedChanges: string;
}

const NEVER_MIGRATED = { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: false, history: null };
const EMPTY_DIFF = /^\s*(--\s*This is an empty migration\.\s*)?$/;

export async function migrationStatus(databaseUrl: string, paths = pathsFor(databaseUrl)): Promise<MigrationStatus> {
  const { engine, close } = await openSchemaEngine(databaseUrl, paths.schemaPath);
  try {
    const list = readMigrations(paths.migrationsDir);
    const diagnosis = await engine
      .diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTERS })
      .catch((error: { code?: string }) => {
        // P1014: no migrations table yet, i.e. a database nothing was applied to.
        if (error.code === "P1014") return NEVER_MIGRATED;
        throw error;
      });
    const history = diagnosis.history;
    const pending = history && "unappliedMigrationNames" in history ? history.unappliedMigrationNames : [];
    const migrations = list.migrationDirectories.map((m) => m.path);
    if (isPostgresUrl(databaseUrl)) {
      // PostgreSQL migrations are made from the data model (createPostgresMigration): the committed
      // PostgreSQL schema is what the migrations produce, so it must equal what schema.prisma makes now.
      const { postgresSchemaText } = await import("./postgresql-schema.ts");
      const committed = fs.existsSync(paths.schemaPath) ? fs.readFileSync(paths.schemaPath, "utf8") : "";
      return {
        migrations,
        applied: diagnosis.hasMigrationsTable ? migrations.filter((name) => !pending.includes(name)) : [],
        pending: diagnosis.hasMigrationsTable ? pending : migrations,
        failed: diagnosis.failedMigrationNames,
        edited: diagnosis.editedMigrationNames,
        uncommittedChanges:
          committed === postgresSchemaText()
            ? ""
            : "-- prisma/schema.prisma changed since the last PostgreSQL migration: run npm run db:migrate -- <name>\n",
      };
    }
    const diff = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: {
        tag: "schemaDatamodel",
        files: [{ path: paths.schemaPath, content: fs.readFileSync(paths.schemaPath, "utf8") }],
      },
      script: true,
      exitCode: false,
      filters: NO_FILTERS,
    });
    const uncommitted = EMPTY_DIFF.test(diff.stdout ?? "") ? "" : (diff.stdout ?? "");
    return {
      migrations,
      applied: diagnosis.hasMigrationsTable ? migrations.filter((name) => !pending.includes(name)) : [],
      pending: diagnosis.hasMigrationsTable ? pending : migrations,
      failed: diagnosis.failedMigrationNames,
      edited: diagnosis.editedMigrationNames,
      uncommittedChanges: uncommitted,
    };
  } finally {
    await close();
  }
}

/**
 * Writes a new migration with the SQL that brings the committed migrations to
 * the current schema. Returns null when there is nothing to migrate.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  paths = DEFAULT_PATHS,
  now = new Date(),
): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("A migration name uses only a-z, 0-9 and _");
  const dir = paths.migrationsDir;
  const status = await migrationStatus(databaseUrl, paths);
  if (!status.uncommittedChanges) return null;
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.writeFileSync(path.join(dir, folder, "migration.sql"), status.uncommittedChanges);
  const lockPath = path.join(dir, LOCKFILE);
  if (!fs.existsSync(lockPath)) {
    fs.writeFileSync(lockPath, '# Written by prisma/migrate.ts; keep it in version control.\nprovider = "sqlite"\n');
  }
  return folder;
}

/**
 * The PostgreSQL migration for a change of the data model: the SQL between
 * the PostgreSQL schema as it was (prisma/postgresql/schema.prisma, or nothing)
 * and as prisma/schema.prisma now makes it. A diff of two data models needs no
 * database, so it works offline like the SQLite one. Writes the migration and
 * the new schema; returns the folder, or null when nothing changed.
 */
export async function createPostgresMigration(
  databaseUrl: string,
  name: string,
  now = new Date(),
  paths = POSTGRES_PATHS,
): Promise<string | null> {
  const { postgresSchemaText } = await import("./postgresql-schema.ts");
  const before = fs.existsSync(paths.schemaPath) ? fs.readFileSync(paths.schemaPath, "utf8") : null;
  const after = postgresSchemaText();
  const glue = await loadGlue();
  // The engine connects on start (to any PostgreSQL server); the diff of two data models reads nothing from it.
  const tracked = trackedFactory(
    new PrismaPg({ connectionString: databaseUrl }) as unknown as SqlMigrationAwareDriverAdapterFactory,
  );
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[paths.schemaPath, after]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked.factory),
  );
  let script: string;
  try {
    const fresh =
      !fs.existsSync(paths.migrationsDir) || !fs.readdirSync(paths.migrationsDir).some((f) => !f.endsWith(".toml"));
    const diff = await engine.diff({
      from:
        before && !fresh
          ? { tag: "schemaDatamodel", files: [{ path: paths.schemaPath, content: before }] }
          : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: paths.schemaPath, content: after }] },
      script: true,
      exitCode: false,
      filters: NO_FILTERS,
    });
    script = EMPTY_DIFF.test(diff.stdout ?? "") ? "" : (diff.stdout ?? "");
  } finally {
    engine.free();
    await tracked.closeAll();
  }
  fs.mkdirSync(path.dirname(paths.schemaPath), { recursive: true });
  fs.writeFileSync(paths.schemaPath, after);
  if (!script) return null;
  const folder = `${now.toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
  fs.mkdirSync(path.join(paths.migrationsDir, folder), { recursive: true });
  fs.writeFileSync(path.join(paths.migrationsDir, folder, "migration.sql"), script);
  const lockPath = path.join(paths.migrationsDir, LOCKFILE);
  if (!fs.existsSync(lockPath))
    fs.writeFileSync(
      lockPath,
      '# Written by prisma/migrate.ts; keep it in version control.\nprovider = "postgresql"\n',
    );
  return folder;
}
