import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DIWOO_NAMESPACE, SITEMAP_NAMESPACE, TOOI_KERN } from "~/utils/woo";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { loader as listLoader } from "./openbaar._index";
import { loader as trailLoader } from "./openbaar.$trail";
import { loader as documentLoader } from "./openbaar.documenten.$publicationId";
import { loader as annexLoader } from "./openbaar.documenten.$publicationId_.bijlagen.$attachmentId";
import { loader as pdfLoader } from "./openbaar.documenten.$publicationId_.document[.pdf]";
import { loader as sitemapLoader } from "./openbaar.sitemaps.$file";
import { loader as robotsLoader } from "./robots[.]txt";
import { loader as overviewLoader } from "./overzicht";
import { action as publishAction, loader as staffLoader } from "./trajecten.$trailId_.publicaties";
import { action as withdrawAction, loader as withdrawLoader } from "./trajecten.$trailId_.publicaties_.$publicationId";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** The seeded GR amendment's sent raadsvoorstel, published when the seed sent it. */
async function seededDocument() {
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
  const publication = await prisma.publication.findFirstOrThrow({ where: { trailId: trail.id, kind: "revision" } });
  return { trail, publication };
}

describe("the public site /openbaar", () => {
  it("lists and shows the trails without sign-in, paged by cursor, with each council's decision and no user", async () => {
    const anonymous = await clientFor();
    const list = await outcome(() => listLoader(args(get(anonymous, "/openbaar?limit=1"))));
    expect(list.status).toBe(200);
    const first = list.body as { trails: { reference: string }[]; next: string | null };
    expect(first.trails).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await outcome(() =>
      listLoader(args(get(anonymous, `/openbaar?limit=200&next=${encodeURIComponent(first.next!)}`))),
    );
    const rest = (second.body as { trails: { reference: string }[] }).trails.map((t) => t.reference);
    expect(rest).not.toContain(first.trails[0]!.reference);
    expect([first.trails[0]!.reference, ...rest]).toContain("H10-GR-2024");
    // A tampered cursor is refused, not run.
    const bad = await outcome(() => listLoader(args(get(anonymous, "/openbaar?next=abc.def"))));
    expect(bad.status).toBe(400);

    const page = await outcome(() =>
      trailLoader(args(get(anonymous, "/openbaar/H10-BEGR-2025"), { trail: "H10-BEGR-2025" })),
    );
    expect(page.status).toBe(200);
    const body = page.body as { decisions: { municipality: string | null }[]; answers: { text: string | null }[] };
    expect(body.decisions.length).toBeGreaterThan(0);
    expect(body.answers.some((a) => a.text)).toBe(true);
    const text = JSON.stringify(body);
    expect(text).not.toContain("@h10.example");
    for (const user of await prisma.user.findMany({ select: { name: true } })) expect(text).not.toContain(user.name);
    const missing = await outcome(() => trailLoader(args(get(anonymous, "/openbaar/NIET-BESTAAND"), { trail: "x" })));
    expect(missing.status).toBe(404);
  });

  it("shows a document's DiWoo metadata and serves its PDF, but never an internal annex", async () => {
    const { publication } = await seededDocument();
    const anonymous = await clientFor();
    const page = await outcome(() =>
      documentLoader(args(get(anonymous, `/openbaar/documenten/${publication.id}`), { publicationId: publication.id })),
    );
    expect(page.status).toBe(200);
    const body = page.body as {
      metadata: { category: { code: string; uri: string }; publisher: { name: string }; actions: { name: string }[] };
    };
    expect(body.metadata.category).toMatchObject({ code: "c_db4862c3", uri: `${TOOI_KERN}c_db4862c3` });
    expect(body.metadata.publisher.name).toContain("Servicebureau Jeugdhulp Haaglanden");
    expect(body.metadata.actions.map((a) => a.name)).toEqual(["vaststelling"]);
    const pdf = await outcome(() =>
      pdfLoader(
        args(get(anonymous, `/openbaar/documenten/${publication.id}/document.pdf`), { publicationId: publication.id }),
      ),
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    // An internal annex of the sent revision is not served, even by its id.
    const internal = await prisma.attachment.create({
      data: {
        documentRevisionId: publication.sourceId,
        title: "Intern",
        internal: true,
        fileName: "intern.pdf",
        mediaType: "application/pdf",
        size: 1,
        sha256: "0".repeat(64),
        uploadedBy: "test",
      },
    });
    const annex = await outcome(() =>
      annexLoader(
        args(get(anonymous, `/openbaar/documenten/${publication.id}/bijlagen/${internal.id}`), {
          publicationId: publication.id,
          attachmentId: internal.id,
        }),
      ),
    );
    expect(annex.status).toBe(404);
  });
});

describe("withdrawing and publishing", () => {
  it("lets only secretaries withdraw, with a Dutch error for a missing reason and CSRF checked; then the PDF is gone (410)", async () => {
    const { trail, publication } = await seededDocument();
    const path = `/trajecten/${trail.id}/publicaties/${publication.id}`;
    const params = { trailId: trail.id, publicationId: publication.id };
    for (const email of ["griffier.delft@h10.example", "wethouder.delft@h10.example", "beheer@h10.example"]) {
      const other = await clientFor(email);
      expect((await outcome(() => withdrawLoader(args(get(other, path), params)))).status).toBe(403);
      const refused = await outcome(() =>
        withdrawAction(args(formPost(other, path, { reason: "Een reden van genoeg tekens." }), params)),
      );
      expect(refused.status).toBe(403);
    }
    const anonymous = await clientFor();
    const signedOut = await outcome(() => withdrawLoader(args(get(anonymous, path), params)));
    expect(signedOut.status).toBe(302);
    const secretary = await clientFor("secretaris@h10.example");
    expect((await outcome(() => withdrawLoader(args(get(secretary, path), params)))).status).toBe(200);
    const empty = await outcome(() => withdrawAction(args(formPost(secretary, path, { reason: "" }), params)));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("woo.validation.reasonRequired");
    const noCsrf = await outcome(() =>
      withdrawAction(args(formPost(secretary, path, { reason: "Bevat een fout adres." }, { csrf: null }), params)),
    );
    expect(noCsrf.status).toBe(403);
    expect((await prisma.publication.findUniqueOrThrow({ where: { id: publication.id } })).withdrawnAt).toBeNull();
    const done = await outcome(() =>
      withdrawAction(args(formPost(secretary, path, { reason: "Bevat persoonsgegevens van een inwoner." }), params)),
    );
    expect(done.status).toBe(302);
    const pdf = await outcome(() =>
      pdfLoader(
        args(get(anonymous, `/openbaar/documenten/${publication.id}/document.pdf`), { publicationId: publication.id }),
      ),
    );
    expect(pdf.status).toBe(410);
    expect(pdf.headers.get("Content-Type")).toContain("text/html");
    const page = await outcome(() =>
      documentLoader(args(get(anonymous, `/openbaar/documenten/${publication.id}`), { publicationId: publication.id })),
    );
    expect(page.body).toMatchObject({
      withdrawn: { reason: "Bevat persoonsgegevens van een inwoner." },
      content: null,
    });
  });

  it("warns the secretary on /overzicht of a late decision and publishes it from the trail's page", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const late = await prisma.publication.create({
      data: {
        kind: "vote",
        sourceId: `late-${Date.now()}`,
        trailId: trail.id,
        title: "Besluit van het bestuur: begrotingswijziging",
        category: "c_3a248e3a",
        createdOn: new Date("2025-01-10T00:00:00Z"),
        adoptedOn: new Date("2025-01-10T00:00:00Z"),
        dueAt: new Date("2025-01-24T00:00:00Z"),
      },
    });
    const secretary = await clientFor("secretaris@h10.example");
    const overview = await outcome(() => overviewLoader(args(get(secretary, "/overzicht"))));
    const alarm = (overview.body as { late: { total: number; rows: { id: string }[] } }).late;
    expect(alarm.rows.map((r) => r.id)).toContain(late.id);
    const clerk = await clientFor("griffier.delft@h10.example");
    expect(
      ((await outcome(() => overviewLoader(args(get(clerk, "/overzicht"))))).body as { late: unknown }).late,
    ).toBeNull();
    const path = `/trajecten/${trail.id}/publicaties`;
    expect((await outcome(() => staffLoader(args(get(clerk, path), { trailId: trail.id })))).status).toBe(403);
    const refused = await outcome(() =>
      publishAction(args(formPost(clerk, path, { intent: "publish", publicationId: late.id }), { trailId: trail.id })),
    );
    expect(refused.status).toBe(403);
    const published = await outcome(() =>
      publishAction(
        args(formPost(secretary, path, { intent: "publish", publicationId: late.id }), { trailId: trail.id }),
      ),
    );
    expect(published.status).toBe(302);
    const after = await outcome(() => overviewLoader(args(get(secretary, "/overzicht"))));
    expect((after.body as { late: { rows: { id: string }[] } }).late.rows.map((r) => r.id)).not.toContain(late.id);
  });
});

describe("harvesting: robots.txt and the DiWoo sitemaps", () => {
  it("robots.txt allows only /openbaar and names the per-category sitemap indexes, which parse as XML with their DiWoo metadata", async () => {
    const anonymous = await clientFor();
    const robots = (await robotsLoader(args(get(anonymous, "/robots.txt")))) as Response;
    const text = await robots.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Allow: \/openbaar$/m);
    expect(text).toMatch(/^Disallow: \/$/m);
    const indexes = [...text.matchAll(/^Sitemap: (\S+)$/gm)].map((m) => m[1]!);
    expect(indexes.map((u) => u.split("/").pop())).toEqual([
      "sitemapindex-diwoo-infocat008.xml",
      "sitemapindex-diwoo-infocat009.xml",
    ]);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      isArray: (name) => ["sitemap", "url", "diwoo:documenthandeling"].includes(name),
    });
    const fetchXml = async (url: string) => {
      const file = new URL(url).pathname.split("/").pop()!;
      const response = (await sitemapLoader(args(get(anonymous, new URL(url).pathname), { file }))) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toContain("application/xml");
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      return parser.parse(xml) as Record<string, unknown>;
    };
    const published = await prisma.publication.findMany({
      where: { publishedAt: { not: null }, withdrawnAt: null },
      select: { id: true, category: true },
    });
    const seen = new Map<string, string>();
    for (const indexUrl of indexes) {
      const index = (await fetchXml(indexUrl)).sitemapindex as { "@xmlns": string; sitemap?: { loc: string }[] };
      expect(index["@xmlns"]).toBe(SITEMAP_NAMESPACE);
      const infocat = /infocat(\d{3})/.exec(indexUrl)![1]!;
      for (const { loc } of index.sitemap ?? []) {
        expect(loc).toMatch(new RegExp(`/openbaar/sitemaps/sitemap-diwoo-infocat${infocat}-\\d{4}-\\d{2}-\\d+\\.xml$`));
        const urlset = (await fetchXml(loc)).urlset as {
          "@xmlns": string;
          "@xmlns:diwoo": string;
          url: Record<string, unknown>[];
        };
        expect(urlset["@xmlns:diwoo"]).toBe(DIWOO_NAMESPACE);
        expect(urlset.url.length).toBeLessThanOrEqual(50_000);
        for (const url of urlset.url) {
          const id = /\/openbaar\/documenten\/([^/]+)$/.exec(url.loc as string)![1]!;
          const diwoo = (url["diwoo:Document"] as Record<string, Record<string, unknown>>)["diwoo:DiWoo"]!;
          const category = (
            diwoo["diwoo:classificatiecollectie"] as Record<string, Record<string, Record<string, string>>>
          )["diwoo:informatiecategorieen"]!["diwoo:informatiecategorie"]!["@resource"]!;
          seen.set(id, category.replace(TOOI_KERN, ""));
          expect(diwoo["diwoo:creatiedatum"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const publisher = diwoo["diwoo:publisher"] as string | Record<string, string>;
          // A name, with the TOOI URI as its resource when WOO_PUBLISHER_URI is set.
          expect(typeof publisher === "string" ? publisher : publisher["#text"]).toContain("Jeugdhulp Haaglanden");
          const actions = (
            diwoo["diwoo:documenthandelingen"] as { "diwoo:documenthandeling": Record<string, unknown>[] }
          )["diwoo:documenthandeling"];
          expect((actions[0]!["diwoo:soortHandeling"] as Record<string, string>)["@resource"]).toBe(
            `${TOOI_KERN}c_641ecd76`,
          );
        }
      }
    }
    // Every published document, in the sitemap of its own category, and nothing else.
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(published.map((p) => [p.id, p.category])));
    const unknown = await outcome(() =>
      sitemapLoader(args(get(anonymous, "/openbaar/sitemaps/x.xml"), { file: "sitemapindex-diwoo-infocat001.xml" })),
    );
    expect(unknown.status).toBe(404);
  });
});
