import { getEnv } from "./env.server";

/** The site's address for absolute links (sitemaps, robots.txt): PUBLIC_URL, else the address the request came to. */
export function publicBaseUrl(request: Request): string {
  return (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}
