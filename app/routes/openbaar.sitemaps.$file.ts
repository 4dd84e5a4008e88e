import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapParts, sitemapPublications, wooPublisher } from "~/models/publication.server";
import { publicBaseUrl } from "~/utils/public-url.server";
import { parseSitemapName, sitemapIndexXml, sitemapName, sitemapXml } from "~/utils/woo";
import { publicPaths } from "~/utils/public-paths";

const xml = (body: string) =>
  new Response(body, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });

/**
 * The Woo index's sitemaps (DiWoo handleiding "Sitemapindex en sitemaps"): per information category an index
 * sitemapindex-diwoo-infocatNNN.xml (named in robots.txt) of monthly sitemaps of at most 50,000 urls, each url
 * a published document's public page with its DiWoo metadata. Withdrawn documents leave the sitemaps.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = parseSitemapName(params.file ?? "");
  if (!name)
    return new Response("Niet gevonden", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const base = publicBaseUrl(request);
  if (name.type === "index") {
    const parts = await sitemapParts(name.category);
    return xml(
      sitemapIndexXml(
        parts.map((p) => ({
          url: `${base}/openbaar/sitemaps/${sitemapName(name.category, p.month, p.part)}`,
          lastmod: null,
        })),
      ),
    );
  }
  const rows = await sitemapPublications(name.category, name.month, name.part);
  const publisher = wooPublisher();
  return xml(
    sitemapXml(
      rows.map((r) => ({
        url: `${base}${publicPaths.publication(r.id)}`,
        title: r.title,
        category: name.category,
        publisher,
        createdOn: r.createdOn,
        adoptedOn: r.adoptedOn,
        signedOn: r.signedOn,
        lastmod: r.publishedAt!,
      })),
    ),
  );
}
