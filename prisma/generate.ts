/**
 * `prisma generate` without the engine download. The CLI fetches the native
 * schema engine before every command even though generating the client never
 * runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a guard that refuses to run
 * skips the download; migrations use the WebAssembly engine instead
 * (prisma/schema-engine.ts). A binary set by the caller is respected.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, "no-native-engine.sh");
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
// Both clients: the embedded SQLite default and PostgreSQL, from the one data model.
const { writePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } = await import("./postgresql-schema.ts");
if (!process.argv.slice(2).length) writePostgresSchema();
let status = 0;
for (const schema of process.argv.slice(2).length ? [null] : [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  const args = schema ? ["generate", "--schema", schema] : ["generate", ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
  status ||= result.status ?? 1;
}
process.exitCode = status;
