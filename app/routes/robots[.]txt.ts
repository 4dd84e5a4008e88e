import { publicBaseUrl } from "~/utils/public-url.server";
import { sitemapIndexName, WOO_CATEGORIES, type WooCategory } from "~/utils/woo";
import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * Crawlers may read only the public Woo site (/openbaar); the per-category sitemap indexes are named here, as the
 * Woo index's harvester looks for them (DiWoo handleiding: robots.txt names the sitemap indexes, not the sitemaps).
 */
export function loader({ request }: LoaderFunctionArgs) {
  const base = publicBaseUrl(request);
  const sitemaps = (Object.keys(WOO_CATEGORIES) as WooCategory[])
    .map((c) => `Sitemap: ${base}/openbaar/sitemaps/${sitemapIndexName(c)}`)
    .join("\n");
  return new Response(`User-agent: *\nAllow: /openbaar\nDisallow: /\n\n${sitemaps}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
