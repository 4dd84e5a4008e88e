/**
 * Route matching without redoing its setup on every request: a patch of @remix-run/router's CommonJS build (the
 * one Node loads; the browser's bundle is built from its ES module and stays as it is), applied by npm's
 * postinstall (server/install.ts). Decision record 013 says why.
 *
 * `matchRoutes` flattens the whole route tree, scores and sorts every branch, and compiles a regular expression
 * for each branch it tries, on every call: Remix calls it two to three times per request, and it was 8 % of a
 * page's server CPU (the alderman's overview). The patch keeps:
 * - the ranked branches per route array (a WeakMap: Remix's route arrays live as long as its build). The router's
 *   own way of adding routes later (`patchRoutesImpl`, lazy route discovery in the browser) empties that cache;
 * - the compiled expression per (path, case-sensitive, end): route patterns, so a bounded set (up to 1,000 kept).
 *
 * Each change is a pair of texts: the package's own and the patched. A version of the package whose text differs
 * fails the installation, so an upgrade cannot leave the patch half applied.
 */
import fs from "node:fs";
import path from "node:path";

export const ROUTER_VERSION = "1.23.3";
const MARKER = "/* h10: route matching memoised (server/patch-router.ts) */";

export const ROUTER_CHANGES: ReadonlyArray<readonly [original: string, patched: string]> = [
  [
    "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
    `${MARKER}
let h10RankedBranches = new WeakMap();
function rankedBranches(routes) {
  let branches = h10RankedBranches.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    h10RankedBranches.set(routes, branches);
  }
  return branches;
}
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
  ],
  [
    "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;",
    "  let branches = rankedBranches(routes);\n  let matches = null;",
  ],
  [
    "function compilePath(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {",
    `const h10CompiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive === true ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = h10CompiledPaths.get(key);
  if (!compiled) {
    if (h10CompiledPaths.size >= 1000) h10CompiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    h10CompiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {
  if (caseSensitive === void 0) {`,
  ],
  [
    "function patchRoutesImpl(routeId, children, routesToUse, manifest, mapRouteProperties) {",
    "function patchRoutesImpl(routeId, children, routesToUse, manifest, mapRouteProperties) {\n  h10RankedBranches = new WeakMap();",
  ],
];

export const routerFile = (root: string) => path.join(root, "node_modules/@remix-run/router/dist/router.cjs.js");

export const isPatched = (source: string) => source.includes(MARKER);

/** The package's text with the changes made; the patched text as it is. Throws when a change finds no place. */
export function patchRouterSource(source: string): string {
  if (isPatched(source)) return source;
  if (!source.includes(`@remix-run/router v${ROUTER_VERSION}`))
    throw new Error(`@remix-run/router is not version ${ROUTER_VERSION}: review server/patch-router.ts`);
  return ROUTER_CHANGES.reduce((text, [original, patched]) => {
    if (text.split(original).length !== 2)
      throw new Error(`@remix-run/router: the text to patch was not found once: ${original.split("\n")[0]}`);
    return text.replace(original, patched);
  }, source);
}

/** The package's text from the patched one (for the test that compares the two). */
export function unpatchRouterSource(source: string): string {
  return ROUTER_CHANGES.reduceRight((text, [original, patched]) => text.replace(patched, original), source);
}

/** Patches the installed package (once; a second run finds it patched). */
export function patchInstalledRouter(root: string): void {
  const file = routerFile(root);
  const source = fs.readFileSync(file, "utf8");
  if (!isPatched(source)) fs.writeFileSync(file, patchRouterSource(source));
}
