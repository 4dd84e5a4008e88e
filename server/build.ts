/**
 * Compiles the production server (server/index.ts and the app modules it imports) to one JavaScript file,
 * build/server.mjs, which `npm start` runs with plain Node. Run by `npm run build` after Remix's build.
 *
 * Running the TypeScript through tsx at run time cost about 190 MB of RSS after the first page: tsx's module
 * hooks run in a loader thread of their own that handles every module the Remix build loads. Packages stay
 * external (node_modules, as at run time before); the app's own modules are bundled. `import.meta.url` in a
 * bundled module is rewritten to its source file's URL, relative to the bundle, so the paths derived from it
 * (the project root, prisma/migrations) stay what they were.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const SERVER_BUNDLE = path.join(root, "build/server.mjs");

/** Bare specifiers (packages, node: builtins) are imported at run time; `~/…` and relative paths are bundled. */
const packagesExternal: Plugin = {
  name: "packages-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Each bundled module keeps its own `import.meta.url`: the URL of its source file, resolved against the bundle's. */
const sourceImportMetaUrl: Plugin = {
  name: "source-import-meta-url",
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const source = await fs.readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const relative = path.relative(path.dirname(SERVER_BUNDLE), args.path).split(path.sep).join("/");
      const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
  },
};

export async function buildServer(): Promise<void> {
  await build({
    entryPoints: [path.join(root, "server/index.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [packagesExternal, sourceImportMetaUrl],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
