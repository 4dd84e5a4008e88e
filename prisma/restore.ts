/**
 * `npm run restore -- <backup> [--force]`: restores a backup made by
 * `npm run backup` into the data directory (DATA_DIR), after checking every
 * file against the manifest and the database's integrity. Refuses to
 * overwrite an existing database unless --force is given; the server must
 * not be running on that data directory.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../app/utils/env.server.ts";
import { sha256File, type Manifest } from "./backup.ts";

/** Every file of the backup against the manifest's checksums; returns the database file's path. */
function checkBackup(backupDir: string, manifest: Manifest): string {
  if (manifest.format !== 1) throw new Error(`Unknown backup format ${String(manifest.format)}.`);
  const copy = path.join(backupDir, manifest.database.file);
  if (sha256File(copy) !== manifest.database.sha256)
    throw new Error("The database in the backup does not match its checksum.");
  for (const file of manifest.attachments) {
    if (sha256File(path.join(backupDir, "attachments", file.sha256)) !== file.sha256)
      throw new Error(`Attached file ${file.sha256} does not match its checksum.`);
  }
  return copy;
}

function copyAttachments(backupDir: string, dataDir: string, manifest: Manifest) {
  fs.mkdirSync(path.join(dataDir, "attachments"), { recursive: true });
  for (const file of manifest.attachments)
    fs.copyFileSync(path.join(backupDir, "attachments", file.sha256), path.join(dataDir, "attachments", file.sha256));
}

/** Restores a PostgreSQL backup (pg_restore) into an empty database, or over one with --force. */
export async function restorePostgres(
  backupDir: string,
  dataDir: string,
  databaseUrl: string,
  options: { force?: boolean } = {},
): Promise<Manifest> {
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
  if (manifest.database.file !== "h10.pgdump")
    throw new Error("This backup is of the embedded SQLite database; restore it without a postgresql:// DATABASE_URL.");
  const dump = checkBackup(backupDir, manifest);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const existing = (
    await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Trail'`)
  ).rowCount;
  await client.end();
  if (existing && !options.force)
    throw new Error("The database already has the app's tables; restore into an empty database, or pass --force.");
  const { binDir } = await import("./throwaway-postgres.ts");
  const { execFileSync } = await import("node:child_process");
  execFileSync(
    path.join(binDir(), "pg_restore"),
    [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      ...(existing ? ["--clean", "--if-exists"] : []),
      "--dbname",
      databaseUrl,
      dump,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  copyAttachments(backupDir, dataDir, manifest);
  return manifest;
}

export function restore(
  backupDir: string,
  dataDir: string,
  databaseFile: string,
  options: { force?: boolean } = {},
): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
  if (manifest.database.file !== "h10.db")
    throw new Error("This backup is of a PostgreSQL database; restore it with a postgresql:// DATABASE_URL.");
  const copy = checkBackup(backupDir, manifest);
  const check = new Database(copy, { readonly: true });
  const integrity = (check.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
  check.close();
  if (integrity !== "ok") throw new Error(`The database in the backup is damaged: ${integrity}`);
  if (fs.existsSync(databaseFile) && !options.force)
    throw new Error(`${databaseFile} exists; restore into an empty data directory, or pass --force.`);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(copy, databaseFile);
  copyAttachments(backupDir, dataDir, manifest);
  if (manifest.sessionSecret)
    fs.copyFileSync(path.join(backupDir, "session-secret"), path.join(dataDir, "session-secret"));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const backupDir = args.find((a) => !a.startsWith("--"));
  if (!backupDir) throw new Error("Usage: npm run restore -- <backup directory> [--force]");
  const env = getEnv();
  const options = { force: args.includes("--force") };
  const manifest = env.DATABASE_URL.startsWith("file:")
    ? restore(path.resolve(backupDir), env.dataDir, env.DATABASE_URL.slice("file:".length), options)
    : await restorePostgres(path.resolve(backupDir), env.dataDir, env.DATABASE_URL, options);
  console.log(
    `Restored ${manifest.database.trails} trails, ${manifest.database.events} audit events and ${manifest.attachments.length} attached files into ${env.dataDir}.`,
  );
}
