/**
 * The Woo's words for what /openbaar publishes (pure: no database), and the DiWoo sitemap XML.
 *
 * TOOI codes (https://identifier.overheid.nl/tooi/def/thes/kern/<code>), as the TOOI waardelijsten
 * "scw_woo_informatiecategorieen" and "ccw_plooi_documenthandelingen" list them and the DiWoo metadata XSD
 * (standaarden.overheid.nl/diwoo/metadata, diwoo-metadata-lijsten.xsd) takes them:
 * - c_db4862c3 "vergaderstukken decentrale overheden" (Woo art. 3.3 lid 2 c; sitemap index infocat008): the
 *   board's meeting documents, i.e. every revision sent to the councils;
 * - c_3a248e3a "agenda's en besluitenlijsten bestuurscolleges" (Woo art. 3.3 lid 2 d; infocat009): the board's
 *   decisions (its answers to zienswijzen, its adopted votes);
 * - documenthandelingen: c_641ecd76 "vaststelling", c_e1ec050e "ondertekening".
 * c_db4862c3 is the code the issue names; the other three codes and the infocat numbers were checked against
 * several independent DiWoo implementations that cite those lists (the TOOI pages themselves were not reachable
 * from here), and agree with each other.
 * The sitemap index's name follows the DiWoo handleiding "Sitemapindex en sitemaps": sitemapindex-diwoo-infocatNNN.xml,
 * referenced from robots.txt; each sitemap holds at most 50,000 urls.
 */

import { toDateInputValue } from "./format";

export const TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/";
export const DIWOO_NAMESPACE = "https://standaarden.overheid.nl/diwoo/metadata/";
export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
/** The sitemap protocol's limit of urls per sitemap (and of sitemaps per index). */
export const SITEMAP_MAX_URLS = 50_000;

export const WOO_CATEGORIES = {
  c_db4862c3: { infocat: "008", label: "vergaderstukken decentrale overheden" },
  c_3a248e3a: { infocat: "009", label: "agenda's en besluitenlijsten bestuurscolleges" },
} as const;
export type WooCategory = keyof typeof WOO_CATEGORIES;
export const MEETING_DOCUMENTS: WooCategory = "c_db4862c3";
export const DECISION_LISTS: WooCategory = "c_3a248e3a";

export const DOCUMENT_ACTIONS = {
  vaststelling: "c_641ecd76",
  ondertekening: "c_e1ec050e",
} as const;

/** What a publication is: a sent revision, the board's answer to a zienswijze, an adopted board vote. */
export const PUBLICATION_KINDS = ["revision", "answer", "vote"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export const CATEGORY_OF: Record<PublicationKind, WooCategory> = {
  revision: MEETING_DOCUMENTS,
  answer: DECISION_LISTS,
  vote: DECISION_LISTS,
};

/** Decision lists are published within two weeks of adoption (Woo art. 3.3; the issue's term). */
export const DECISION_TERM_DAYS = 14;

export function categoryByInfocat(infocat: string): WooCategory | null {
  const found = Object.entries(WOO_CATEGORIES).find(([, c]) => c.infocat === infocat);
  return found ? (found[0] as WooCategory) : null;
}

export const sitemapIndexName = (category: WooCategory) =>
  `sitemapindex-diwoo-infocat${WOO_CATEGORIES[category].infocat}.xml`;

/** One sitemap of a category: the publications of a month (YYYY-MM), part 1, 2 … of at most 50,000 urls. */
export const sitemapName = (category: WooCategory, month: string, part: number) =>
  `sitemap-diwoo-infocat${WOO_CATEGORIES[category].infocat}-${month}-${part}.xml`;

export function parseSitemapName(
  name: string,
):
  | { type: "index"; category: WooCategory }
  | { type: "sitemap"; category: WooCategory; month: string; part: number }
  | null {
  const index = /^sitemapindex-diwoo-infocat(\d{3})\.xml$/.exec(name);
  if (index) {
    const category = categoryByInfocat(index[1]!);
    return category ? { type: "index", category } : null;
  }
  const page = /^sitemap-diwoo-infocat(\d{3})-(\d{4})-(0[1-9]|1[0-2])-([1-9]\d{0,5})\.xml$/.exec(name);
  if (!page) return null;
  const category = categoryByInfocat(page[1]!);
  return category ? { type: "sitemap", category, month: `${page[2]}-${page[3]}`, part: Number(page[4]) } : null;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** A day as the app shows it: in the Netherlands (a decision adopted on 1 June is stored as its Amsterdam midnight). */
const day = (date: Date) => toDateInputValue(date);

/** The DiWoo metadata of one published document. */
export interface DiwooDocument {
  url: string;
  title: string;
  category: WooCategory;
  publisher: { uri: string | null; name: string };
  createdOn: Date;
  adoptedOn: Date | null;
  signedOn: Date | null;
  lastmod: Date;
}

export function sitemapIndexXml(locations: readonly { url: string; lastmod: Date | null }[]): string {
  const entries = locations
    .map(
      (l) =>
        `  <sitemap>\n    <loc>${escapeXml(l.url)}</loc>\n${l.lastmod ? `    <lastmod>${l.lastmod.toISOString()}</lastmod>\n` : ""}  </sitemap>\n`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n${entries}</sitemapindex>\n`;
}

function documentXml(d: DiwooDocument): string {
  const category = WOO_CATEGORIES[d.category];
  const actions = [
    d.adoptedOn ? (["vaststelling", d.adoptedOn] as const) : null,
    d.signedOn ? (["ondertekening", d.signedOn] as const) : null,
  ]
    .filter((a) => a !== null)
    .map(
      ([name, at]) =>
        `          <diwoo:documenthandeling>\n            <diwoo:soortHandeling resource="${TOOI_KERN}${DOCUMENT_ACTIONS[name]}">${name}</diwoo:soortHandeling>\n            <diwoo:atTime>${at.toISOString()}</diwoo:atTime>\n          </diwoo:documenthandeling>\n`,
    )
    .join("");
  const publisher = d.publisher.uri ? ` resource="${escapeXml(d.publisher.uri)}"` : "";
  return [
    `    <diwoo:Document>`,
    `      <diwoo:DiWoo>`,
    `        <diwoo:creatiedatum>${day(d.createdOn)}</diwoo:creatiedatum>`,
    `        <diwoo:publisher${publisher}>${escapeXml(d.publisher.name)}</diwoo:publisher>`,
    `        <diwoo:titelcollectie>`,
    `          <diwoo:officieleTitel>${escapeXml(d.title)}</diwoo:officieleTitel>`,
    `        </diwoo:titelcollectie>`,
    `        <diwoo:classificatiecollectie>`,
    `          <diwoo:informatiecategorieen>`,
    `            <diwoo:informatiecategorie resource="${TOOI_KERN}${d.category}">${escapeXml(category.label)}</diwoo:informatiecategorie>`,
    `          </diwoo:informatiecategorieen>`,
    `        </diwoo:classificatiecollectie>`,
    ...(actions ? [`        <diwoo:documenthandelingen>\n${actions}        </diwoo:documenthandelingen>`] : []),
    `      </diwoo:DiWoo>`,
    `    </diwoo:Document>`,
  ].join("\n");
}

/** A sitemap of published documents with their DiWoo metadata (the sitemap extension of the DiWoo XSD). */
export function sitemapXml(documents: readonly DiwooDocument[]): string {
  const urls = documents
    .map(
      (d) =>
        `  <url>\n    <loc>${escapeXml(d.url)}</loc>\n    <lastmod>${d.lastmod.toISOString()}</lastmod>\n${documentXml(d)}\n  </url>\n`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:diwoo="${DIWOO_NAMESPACE}">\n${urls}</urlset>\n`;
}
