import fs from "node:fs";
import path from "node:path";

/**
 * How the installation builds better-sqlite3's native module (server/install.ts): from source, never its prebuilt
 * binary, at -O2 and without the SQLite extensions the app does not use.
 */

/**
 * The extensions better-sqlite3 compiles into SQLite (its deps/defines.gypi) that this app leaves out: full-text
 * search (the app's search keeps its own index, app/utils/search-text.server.ts), R*Tree and Geopoly. Each is
 * undefined with -U after the package's -D.
 */
export const UNUSED_SQLITE_EXTENSIONS = [
  "SQLITE_ENABLE_FTS3",
  "SQLITE_ENABLE_FTS3_PARENTHESIS",
  "SQLITE_ENABLE_FTS4",
  "SQLITE_ENABLE_FTS5",
  "SQLITE_ENABLE_RTREE",
  "SQLITE_ENABLE_GEOPOLY",
] as const;

/** What the app does use of SQLite's compile options, which the build must keep. */
export const KEPT_SQLITE_OPTIONS = [
  // The planner's statistics on histograms (decision record 016).
  "ENABLE_STAT4",
  // better-sqlite3 needs it for its column metadata.
  "ENABLE_COLUMN_METADATA",
  "ENABLE_MATH_FUNCTIONS",
  "DEFAULT_FOREIGN_KEYS",
] as const;

/** The C flags of the build (CFLAGS comes last on the compiler's command line), after any the caller set. */
export function sqliteCflags(inherited?: string): string {
  return [inherited, "-O2", ...UNUSED_SQLITE_EXTENSIONS.map((name) => `-U${name}`)].filter(Boolean).join(" ");
}

/** Beside the module: the flags it was built with. */
export const BUILD_STAMP = "build/h10-cflags";

/**
 * Whether the package in `dir` needs its module built: there is none, or it was built otherwise (by an npm that
 * ignores allowScripts, or before a change of flags).
 */
export function needsBuild(dir: string, cflags: string): boolean {
  const stamp = path.join(dir, BUILD_STAMP);
  if (!fs.existsSync(path.join(dir, "build/Release/better_sqlite3.node")) || !fs.existsSync(stamp)) return true;
  return fs.readFileSync(stamp, "utf8") !== cflags;
}

/**
 * The package's install script (`prebuild-install || node-gyp rebuild --release`) without its try of a prebuilt
 * binary, which would have the package's -O3 and every extension: a machine that can reach GitHub would run
 * another SQLite than one that cannot. node-gyp is npm's own (npm_config_node_gyp) when npm runs the install.
 */
export function compileCommand(install: string, nodeGyp: string | undefined, node = process.execPath): string {
  const script = install.replace(/^prebuild-install\s*\|\|\s*/, "");
  if (!script.startsWith("node-gyp "))
    throw new Error(`postinstall: better-sqlite3's install script changed: "${install}"`);
  return nodeGyp ? `"${node}" "${nodeGyp}"${script.slice("node-gyp".length)}` : script;
}
