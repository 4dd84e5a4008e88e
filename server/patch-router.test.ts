import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { describe, expect, it } from "vitest";
import { isPatched, patchRouterSource, ROUTER_CHANGES, routerFile, unpatchRouterSource } from "./patch-router";

type Router = typeof import("@remix-run/router");
type Route = import("@remix-run/router").AgnosticRouteObject;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(import.meta.url);
const installed = fs.readFileSync(routerFile(root), "utf8");

/** The router as Node loads it (patched), and the package's own text beside it, loaded from a file of its own. */
const patched = require("@remix-run/router") as Router;
const original = (() => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "h10-router-")), "router.cjs.js");
  fs.writeFileSync(file, unpatchRouterSource(installed));
  return require(file) as Router;
})();

/** The app's route tree as Remix builds it: the root, and app/routes by its file names. */
function appRoutes(): Route[] {
  const manifest = flatRoutes(path.join(root, "app"), ["**/*.test.{ts,tsx}"]);
  const children = (parentId: string): Route[] =>
    Object.values(manifest)
      .filter((route) => (route.parentId ?? "root") === parentId)
      .map((route): Route =>
        route.index
          ? { id: route.id, path: route.path, index: true, caseSensitive: route.caseSensitive }
          : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: children(route.id) },
      );
  return [{ id: "root", path: "", children: children("root") }];
}

/** Paths to every route with sample values, and paths that are near misses or none. */
function samplePaths(routes: Route[]): string[] {
  const patterns = new Set<string>();
  const walk = (list: Route[], prefix: string) => {
    for (const route of list) {
      const full = [prefix, route.path ?? ""].filter(Boolean).join("/");
      patterns.add(full);
      if (!route.index) walk(route.children ?? [], full);
    }
  };
  walk(routes, "");
  const paths = new Set<string>(["/", "/bestaat-niet", "/trajecten/", "/TRAJECTEN", "//trajecten", "/api/v1/x/y/z"]);
  for (const pattern of patterns) {
    const filled = `/${pattern}`
      .replace(/:(\w+)\?/g, "")
      .replace(/:(\w+)/g, "cmx9ybchc006fpf7ddcdmobk9")
      .replace(/\*$/, "a/b%20c");
    paths.add(filled.replace(/\/+/g, "/"));
    paths.add(`${filled}/`);
    paths.add(`${filled}/onbekend`);
    paths.add(filled.toUpperCase());
  }
  return [...paths];
}

const summary = (matches: ReturnType<Router["matchRoutes"]>) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase }));

describe("@remix-run/router's route matching, patched at install", () => {
  it("is patched in node_modules (npm ci's postinstall)", () => {
    expect(isPatched(installed), "run npm ci: server/install.ts patches the router").toBe(true);
  });

  it("patches the package's text once, and undoing the changes gives it back", () => {
    const text = unpatchRouterSource(installed);
    expect(isPatched(text)).toBe(false);
    for (const [before] of ROUTER_CHANGES) expect(text).toContain(before);
    expect(patchRouterSource(text)).toBe(installed);
    expect(patchRouterSource(installed)).toBe(installed);
    expect(() => patchRouterSource(text.replace("@remix-run/router v1.23.3", "@remix-run/router v1.24.0"))).toThrow(
      /not version 1\.23\.3/,
    );
    expect(() => patchRouterSource(text.replace("rankRouteBranches(branches);\n  let matches", "let matches"))).toThrow(
      /not found once/,
    );
  });

  it("matches every route of the app exactly as the package does, the first time and again", () => {
    const routes = appRoutes();
    const paths = samplePaths(routes);
    expect(paths.length).toBeGreaterThan(300);
    let matched = 0;
    for (const round of [1, 2]) {
      for (const pathname of paths) {
        const expected = summary(original.matchRoutes(routes, pathname));
        expect(summary(patched.matchRoutes(routes, pathname)), `${round}: ${pathname}`).toEqual(expected);
        expect(summary(patched.matchRoutes(routes, { pathname }, "/")), pathname).toEqual(expected);
        if (expected && round === 1) matched += 1;
      }
    }
    // Most sample paths find a route; the near misses find the splat route or none.
    expect(matched).toBeGreaterThan(paths.length / 2);
    // The same pattern, compiled for another end or case: cached apart.
    for (const pattern of [
      { path: "/trajecten/:trailId", end: true },
      { path: "/trajecten/:trailId", end: false },
      { path: "/Trajecten", caseSensitive: true, end: true },
      { path: "/trajecten", caseSensitive: false, end: true },
    ])
      for (const pathname of ["/trajecten/abc", "/trajecten/abc/documenten", "/trajecten", "/TRAJECTEN", "/Trajecten"])
        expect(patched.matchPath(pattern, pathname), `${JSON.stringify(pattern)} ${pathname}`).toEqual(
          original.matchPath(pattern, pathname),
        );
  });

  it("finds a route added to a route array it matched before, through the router's own way of adding routes", () => {
    const routes: Route[] = [{ id: "root", path: "/", children: [{ id: "trajecten", path: "trajecten" }] }];
    const router = patched.createRouter({
      routes,
      history: patched.createMemoryHistory({ initialEntries: ["/"] }),
    });
    const before = router.routes;
    expect(summary(patched.matchRoutes(before, "/vergaderingen"))).toBeUndefined();
    router.patchRoutes("root", [{ id: "vergaderingen", path: "vergaderingen" }]);
    // The router gives its routes a new array; the old one's nested children changed with it.
    expect(summary(patched.matchRoutes(before, "/vergaderingen"))?.map((m) => m.id)).toEqual(["root", "vergaderingen"]);
    expect(summary(patched.matchRoutes(router.routes, "/vergaderingen"))?.map((m) => m.id)).toEqual([
      "root",
      "vergaderingen",
    ]);
    router.dispose();
  });
});
