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

export function restore(backupDir: string, dataDir: string, databaseFile: string, options: { force?: boolean } = {}): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
  if (manifest.format !== 1) throw new Error(`Unknown backup format ${String(manifest.format)}.`);
  const copy = path.join(backupDir, manifest.database.file);
  if (sha256File(copy) !== manifest.database.sha256) throw new Error("The database in the backup does not match its checksum.");
  for (const file of manifest.attachments) {
    if (sha256File(path.join(backupDir, "attachments", file.sha256)) !== file.sha256) throw new Error(`Attached file ${file.sha256} does not match its checksum.`);
  }
  const check = new Database(copy, { readonly: true });
  const integrity = (check.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
  check.close();
  if (integrity !== "ok") throw new Error(`The database in the backup is damaged: ${integrity}`);
  if (fs.existsSync(databaseFile) && !options.force) throw new Error(`${databaseFile} exists; restore into an empty data directory, or pass --force.`);
  fs.mkdirSync(path.join(dataDir, "attachments"), { recursive: true });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(copy, databaseFile);
  for (const file of manifest.attachments) fs.copyFileSync(path.join(backupDir, "attachments", file.sha256), path.join(dataDir, "attachments", file.sha256));
  if (manifest.sessionSecret) fs.copyFileSync(path.join(backupDir, "session-secret"), path.join(dataDir, "session-secret"));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const backupDir = args.find((a) => !a.startsWith("--"));
  if (!backupDir) throw new Error("Usage: npm run restore -- <backup directory> [--force]");
  const env = getEnv();
  if (!env.DATABASE_URL.startsWith("file:")) throw new Error("npm run restore restores the embedded SQLite database; for PostgreSQL use pg_restore (see the README).");
  const manifest = restore(path.resolve(backupDir), env.dataDir, env.DATABASE_URL.slice("file:".length), { force: args.includes("--force") });
  console.log(`Restored ${manifest.database.trails} trails, ${manifest.database.events} audit events and ${manifest.attachments.length} attached files into ${env.dataDir}.`);
}
