import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

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

export default defineConfig({
  plugins: [
    utrechtWithoutDisplayNames(),
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
