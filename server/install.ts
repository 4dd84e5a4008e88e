/**
 * npm's postinstall for this project (`npm ci`, `npm install`): the two things an installation still has to
 * make, side by side.
 *
 * - better-sqlite3's native module. Its own install script (a prebuilt binary from GitHub, else node-gyp) is
 *   not run by npm (`allowScripts` in package.json), but here, and always compiling (server/native-sqlite.ts):
 *   compiling SQLite is one C file, and npm would run it alone before this script. It is compiled at -O2 instead
 *   of the package's -O3 (CFLAGS comes last on the compiler's command line): on this 2-core machine the compile
 *   alone took 50 s instead of 66 s, and a read and write benchmark of the two modules ran within 1 % of each
 *   other (SQLite's own advice is -O2 or -Os). SQLite's extensions that the app does not use (full-text search,
 *   R*Tree, Geopoly) are left out with -U after the package's -D: the compile of sqlite3.c alone went from
 *   34–38 s to 23 s, idle. What the app does use (STAT4 for the planner's statistics, decision record 016; the
 *   column metadata better-sqlite3 needs; JSON; math functions) stays: server/install.test.ts checks the built
 *   module's compile options.
 * - Beside it, the Prisma clients (prisma/generate.ts), the production build (server/build-app.ts) and the
 *   type checker's incremental state (tsconfig.json's tsBuildInfoFile), none of which needs the native module.
 *   `npm start` and the test command then find the build up to date (build/inputs.sha256) and do not make it
 *   again, and the test command's `tsc` checks against that state: only files changed since are checked anew.
 *   A type error is the test command's to report, not the installation's: this run's outcome is not used.
 *   Nothing more runs beside the compile: a third process slowed it (ESLint's and Prettier's caches, tried,
 *   made it 111 s instead of 85 s, more than they saved the test command).
 *
 * Either failing fails the installation, with its output.
 *
 * Before both, @remix-run/router's route matching is patched (server/patch-router.ts, decision record 013): a
 * string replacement of a few milliseconds, which fails the installation when the package's text is not the one
 * the patch was written for.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./build-inputs";
import { patchInstalledRouter } from "./patch-router";
import { BUILD_STAMP, compileCommand, needsBuild, sqliteCflags } from "./native-sqlite";

/** Runs a command; one that need not pass (`mustPass: false`) runs silently and never fails the installation. */
function run(
  what: string,
  command: string,
  args: string[],
  { cwd = root, mustPass = true, env = {} }: { cwd?: string; mustPass?: boolean; env?: Record<string, string> } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd,
      stdio: mustPass ? "inherit" : "ignore",
      env: { ...process.env, ...env },
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 || !mustPass) {
        console.log(`postinstall: ${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        resolve();
      } else reject(new Error(`postinstall: ${what} failed (exit ${code})`));
    });
  });
}

/** better-sqlite3's own install script, as npm would run it, the way server/native-sqlite.ts says. */
async function nativeSqlite(): Promise<void> {
  const dir = path.join(root, "node_modules/better-sqlite3");
  if (!fs.existsSync(dir)) return;
  const CFLAGS = sqliteCflags(process.env.CFLAGS);
  if (!needsBuild(dir, CFLAGS)) return;
  const install =
    (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { scripts?: { install?: string } }).scripts
      ?.install ?? "";
  const command = compileCommand(install, process.env.npm_config_node_gyp);
  fs.rmSync(path.join(dir, "build"), { recursive: true, force: true });
  await run("better-sqlite3's native module", "sh", ["-c", command], { cwd: dir, env: { CFLAGS } });
  fs.writeFileSync(path.join(dir, BUILD_STAMP), CFLAGS);
}

async function clientsAndBuild(): Promise<void> {
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  await run("the Prisma clients", process.execPath, [tsx, "prisma/generate.ts"]);
  await run("the production build", process.execPath, [tsx, "server/build-app.ts", "--if-changed"]);
  await run("the type checker's state", process.execPath, [path.join(root, "node_modules/typescript/bin/tsc")], {
    mustPass: false,
  });
}

patchInstalledRouter(root);
const results = await Promise.allSettled([nativeSqlite(), clientsAndBuild()]);
const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
for (const failure of failed)
  console.error(String(failure.reason instanceof Error ? failure.reason.message : failure.reason));
process.exitCode = failed.length ? 1 : 0;
