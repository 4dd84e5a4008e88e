import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parseSitemapName, sitemapIndexName, sitemapName, sitemapXml } from "./woo";

describe("the DiWoo sitemap names and XML", () => {
  it("names the index per category as the Woo harvester expects, and reads back only names it makes", () => {
    expect(sitemapIndexName("c_db4862c3")).toBe("sitemapindex-diwoo-infocat008.xml");
    expect(sitemapIndexName("c_3a248e3a")).toBe("sitemapindex-diwoo-infocat009.xml");
    expect(parseSitemapName("sitemapindex-diwoo-infocat009.xml")).toEqual({ type: "index", category: "c_3a248e3a" });
    const name = sitemapName("c_db4862c3", "2024-03", 2);
    expect(name).toBe("sitemap-diwoo-infocat008-2024-03-2.xml");
    expect(parseSitemapName(name)).toEqual({ type: "sitemap", category: "c_db4862c3", month: "2024-03", part: 2 });
    for (const bad of [
      "sitemapindex-diwoo-infocat001.xml",
      "sitemap-diwoo-infocat008-2024-13-1.xml",
      "sitemap-diwoo-infocat008-2024-03-0.xml",
      "../robots.txt",
    ])
      expect(parseSitemapName(bad), bad).toBeNull();
  });

  it("escapes titles and parses as XML", () => {
    const xml = sitemapXml([
      {
        url: "https://h10.example/openbaar/documenten/a?x=1&y=2",
        title: `Brief <"Rijswijk"> & 'Delft'`,
        category: "c_db4862c3",
        publisher: { uri: null, name: "GR & co" },
        createdOn: new Date("2024-03-01T10:00:00Z"),
        adoptedOn: new Date("2024-03-02T10:00:00Z"),
        signedOn: null,
        lastmod: new Date("2024-03-02T10:00:00Z"),
      },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      urlset: { url: { loc: string; "diwoo:Document": { "diwoo:DiWoo": Record<string, unknown> } } };
    };
    expect(parsed.urlset.url.loc).toBe("https://h10.example/openbaar/documenten/a?x=1&y=2");
    const diwoo = parsed.urlset.url["diwoo:Document"]["diwoo:DiWoo"];
    expect((diwoo["diwoo:titelcollectie"] as Record<string, string>)["diwoo:officieleTitel"]).toBe(
      `Brief <"Rijswijk"> & 'Delft'`,
    );
    expect(diwoo["diwoo:creatiedatum"]).toBe("2024-03-01");
  });
});
