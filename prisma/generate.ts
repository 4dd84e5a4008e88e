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
const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exitCode = result.status ?? 1;
