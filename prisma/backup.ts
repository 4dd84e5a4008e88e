/**
 * `npm run backup -- [target]`: a consistent backup of the embedded database
 * and the attached files while the app runs.
 *
 * The database is copied with SQLite's online backup API (a snapshot of one
 * moment, while the server keeps writing in WAL mode). Attachments are stored
 * under their SHA-256, written before the row that refers to them and never
 * changed or removed, so copying the files the snapshot refers to afterwards
 * gives a backup in which every row has its file. A manifest lists every file
 * with its checksum; `npm run restore` checks them.
 */
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../app/utils/env.server.ts";

export interface Manifest {
  format: 1;
  createdAt: string;
  /** h10.db: the SQLite file; h10.pgdump: pg_dump's custom format of a PostgreSQL database. */
  database: {
    file: "h10.db" | "h10.pgdump";
    sha256: string;
    trails: number;
    events: number;
    lastEventHash: string | null;
  };
  attachments: { sha256: string; size: number }[];
  sessionSecret: boolean;
}

export function sha256File(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export async function backup(dataDir: string, databaseFile: string, target: string): Promise<Manifest> {
  if (fs.existsSync(target) && fs.readdirSync(target).length)
    throw new Error(`The backup directory ${target} is not empty.`);
  fs.mkdirSync(path.join(target, "attachments"), { recursive: true });
  const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const copy = path.join(target, "h10.db");
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
  // What the snapshot holds, read from the snapshot itself.
  const snapshot = new Database(copy, { readonly: true });
  const hashes = (snapshot.prepare("SELECT DISTINCT sha256 FROM Attachment").all() as { sha256: string }[]).map(
    (r) => r.sha256,
  );
  const trails = (snapshot.prepare("SELECT COUNT(*) AS n FROM Trail").get() as { n: number }).n;
  const events = snapshot
    .prepare("SELECT COUNT(*) AS n, (SELECT hash FROM Event ORDER BY sequence DESC LIMIT 1) AS last FROM Event")
    .get() as { n: number; last: string | null };
  snapshot.close();
  const attachments = hashes.map((hash) => {
    const from = path.join(dataDir, "attachments", hash);
    fs.copyFileSync(from, path.join(target, "attachments", hash));
    return { sha256: hash, size: fs.statSync(from).size };
  });
  const secret = path.join(dataDir, "session-secret");
  const sessionSecret = fs.existsSync(secret);
  if (sessionSecret) fs.copyFileSync(secret, path.join(target, "session-secret"));
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: { file: "h10.db", sha256: sha256File(copy), trails, events: events.n, lastEventHash: events.last },
    attachments,
    sessionSecret,
  };
  fs.writeFileSync(path.join(target, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The same for PostgreSQL: pg_dump takes a consistent snapshot of its own (one
 * transaction); the attached files are copied after it, so every row in the
 * dump has its file (files are never changed or removed; a few newer ones may
 * come along).
 */
export async function backupPostgres(dataDir: string, databaseUrl: string, target: string): Promise<Manifest> {
  if (fs.existsSync(target) && fs.readdirSync(target).length)
    throw new Error(`The backup directory ${target} is not empty.`);
  fs.mkdirSync(path.join(target, "attachments"), { recursive: true });
  const { binDir } = await import("./throwaway-postgres.ts");
  const { execFileSync } = await import("node:child_process");
  const dump = path.join(target, "h10.pgdump");
  execFileSync(
    path.join(binDir(), "pg_dump"),
    ["--format=custom", "--no-owner", "--no-privileges", "--file", dump, databaseUrl],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = (
    await client.query<{ trails: string; events: string; last: string | null }>(
      `SELECT (SELECT COUNT(*) FROM "Trail") AS trails, (SELECT COUNT(*) FROM "Event") AS events, (SELECT hash FROM "Event" ORDER BY sequence DESC LIMIT 1) AS last`,
    )
  ).rows[0]!;
  await client.end();
  const folder = path.join(dataDir, "attachments");
  const attachments = (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /^[0-9a-f]{64}$/.test(f)) : []).map(
    (hash) => {
      fs.copyFileSync(path.join(folder, hash), path.join(target, "attachments", hash));
      return { sha256: hash, size: fs.statSync(path.join(folder, hash)).size };
    },
  );
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    // Counted just after the dump: at least what the dump holds.
    database: {
      file: "h10.pgdump",
      sha256: sha256File(dump),
      trails: Number(counts.trails),
      events: Number(counts.events),
      lastEventHash: counts.last,
    },
    attachments,
    sessionSecret: false,
  };
  fs.writeFileSync(path.join(target, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = getEnv();
  const target = path.resolve(
    process.argv[2] ?? path.join("backups", `h10-${new Date().toISOString().replace(/[:.]/g, "-")}`),
  );
  const manifest = env.DATABASE_URL.startsWith("file:")
    ? await backup(env.dataDir, env.DATABASE_URL.slice("file:".length), target)
    : await backupPostgres(env.dataDir, env.DATABASE_URL, target);
  console.log(
    `Backup written to ${target}: ${manifest.database.trails} trails, ${manifest.database.events} audit events, ${manifest.attachments.length} attached files.`,
  );
}
