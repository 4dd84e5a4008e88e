import fs from "node:fs";
import path from "node:path";

/** The embedded default: data/h10.db under DATA_DIR, unless DATABASE_URL says otherwise. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(env.DATA_DIR ?? "data");
  return `file:${path.join(dataDir, "h10.db")}`;
}

/** Creates the folder of a SQLite database file. */
export function ensureDataDir(databaseUrl: string): void {
  if (!databaseUrl.startsWith("file:")) return;
  fs.mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
}
