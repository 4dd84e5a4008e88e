/** A route module of app/routes as the route tests load it (import.meta.glob). */
export type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};

/**
 * The address of a flat route file (Remix's naming: `trajecten.$trailId_.antwoorden[.pdf].tsx`, `open.$.ts`) with its
 * params filled in by `value` (the splat's key is `*`), and the params.
 */
export function routeAddress(file: string, value: (name: string) => string) {
  const name = file.replace(/^\.\//, "").replace(/\.tsx?$/, "");
  const params: Record<string, string> = {};
  const segments = name
    .replace(/\[\.\]/g, "\u0000")
    .replace(/\[(\.\w+)\]/g, (_, ext: string) => ext.replace(".", "\u0000"))
    .split(".")
    .map((segment) => segment.replaceAll("\u0000", "."))
    .filter((segment) => segment !== "_index")
    .map((segment) => {
      const bare = segment.replace(/_$/, "");
      const param = /^\$(\w*)(.*)$/.exec(bare);
      if (!param) return bare;
      const key = param[1] || "*";
      params[key] = value(key);
      return params[key] + param[2];
    });
  return { path: `/${segments.join("/")}`, params };
}
