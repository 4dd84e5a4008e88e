import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { blocksNamedIn, pruneUtrechtCss, UTRECHT_BLOCKS } from "./server/utrecht-css";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * NL Design System's React component library is one module that defines every component and then sets each one's
 * `displayName` (`Logo.displayName = "Logo"`). Rollup keeps an assignment to a property, and with it the component,
 * so every page's JavaScript carried all 94 components, SVG logos included. The names only label components in
 * React's developer tools; in the browser's build they go, and Rollup leaves out the components no page uses.
 */
function utrechtWithoutDisplayNames(): Plugin {
  return {
    name: "h10:utrecht-without-display-names",
    transform(code, id, options) {
      if (options?.ssr || !/\/node_modules\/@utrecht\/[\w-]+-react\/dist\/[^/]+\.mjs$/.test(id)) return null;
      return { code: code.replace(/^\w+\.displayName = '[\w.]+';$/gm, ""), map: null };
    },
  };
}

/**
 * NL Design System's stylesheet with only the rules of the components the app renders (server/utrecht-css.ts), in
 * both builds alike, so the file's name (its content's hash) is the same in the page and in build/client. The build
 * fails when the pages name a component the list leaves out.
 */
function utrechtCssOfUsedComponents(): Plugin {
  let ssr = false;
  return {
    name: "h10:utrecht-css-of-used-components",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
    },
    transform(code, id) {
      if (!/\/@utrecht\/component-library-css\/dist\/index\.css\?transform-only$/.test(id)) return null;
      return { code: pruneUtrechtCss(code, UTRECHT_BLOCKS), map: null };
    },
    generateBundle(_options, bundle) {
      // The browser's bundle holds what the pages render (after the plugin above, only the components in use); the
      // server's build adds what only the server writes, in the app's own code.
      const named = new Set<string>();
      const code = ssr
        ? [...this.getModuleIds()]
            .filter((id) => id.includes("/app/") && !id.includes("/node_modules/"))
            .map((id) => this.getModuleInfo(id)?.code ?? "")
        : Object.values(bundle).flatMap((output) => (output.type === "chunk" ? [output.code] : []));
      for (const text of code) for (const block of blocksNamedIn(text)) named.add(block);
      const missing = [...named].filter((block) => !UTRECHT_BLOCKS.includes(block)).sort();
      if (missing.length)
        this.error(
          `The pages render ${missing.join(", ")}, whose styles the build leaves out: add them to UTRECHT_BLOCKS in server/utrecht-css.ts.`,
        );
    },
  };
}

export default defineConfig({
  plugins: [
    utrechtWithoutDisplayNames(),
    utrechtCssOfUsedComponents(),
    remix({
      // Tests sit next to the routes they test; they are not routes.
      ignoredRouteFiles: ["**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  // Vite's manifest is kept (Remix moves it to build/.vite/client-manifest.json): the server reads the chunk of the
  // English messages from it (app/utils/preload.server.ts).
  build: { target: "es2022", manifest: true },
});
