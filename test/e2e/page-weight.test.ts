import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, hydrated, navigateInApp, newPage, signedIn } from "./helpers";

/*
 * What a page makes the browser download and parse: a Dutch page has the Dutch messages only (English is a chunk of
 * its own, fetched when a page turns English), and only the NL Design System components the app uses (not the
 * library's SVG logos), with only their styles. An alderman on a phone pays for every kilobyte.
 */

const browser = browserForFile();

/** Part of a path of the City of Utrecht's logo in @utrecht/component-library-react, a component no page uses. */
const UTRECHT_LOGO = "M175.183 69.8206";
/** The app's name in English: in the English messages only. */
const ENGLISH_NAME = "H10 Decision-making";

/** The JavaScript the page fetches from here on, decoded, with its encoding and size on the wire. */
function scriptsOf(page: Page) {
  const scripts: Promise<{ url: string; body: string; encoding?: string; sent: number }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    const headers = response.headers();
    scripts.push(
      response.body().then((body) => ({
        url: response.url(),
        body: body.toString("utf8"),
        encoding: headers["content-encoding"],
        sent: Number(headers["content-length"]),
      })),
    );
  });
  return () => Promise.all(scripts);
}

describe("the JavaScript of a page", () => {
  it("is Dutch only and without the components no page uses, and turns English when asked", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "wethouder.delft@h10.example");
    const fetched = scriptsOf(page);
    const document = await page.goto(`${baseUrl()}/overzicht`);
    // The page itself in Brotli too, compressed as it streams (server/compress.ts).
    expect(document?.headers()["content-encoding"]).toBe("br");
    await hydrated(page);
    const dutchPage = await fetched();
    expect(dutchPage.length).toBeGreaterThan(3);
    expect(dutchPage.filter((s) => s.body.includes(ENGLISH_NAME)).map((s) => s.url)).toEqual([]);
    expect(dutchPage.filter((s) => s.body.includes(UTRECHT_LOGO)).map((s) => s.url)).toEqual([]);
    expect(dutchPage.some((s) => s.body.includes("H10 Besluitvorming"))).toBe(true);
    expect(await page.locator('link[rel="modulepreload"][href*="/assets/en-"]').count()).toBe(0);
    // NL Design System's stylesheet with the rules of the components in use (server/utrecht-css.ts): 378 KB whole.
    const stylesheets = await page
      .locator('link[rel="stylesheet"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    const utrecht = await Promise.all(stylesheets.map(async (href) => (await page.request.get(href)).text()));
    const library = utrecht.find((css) => css.includes(".utrecht-button"));
    expect(library).toBeDefined();
    expect(library!.length).toBeLessThan(200_000);
    expect(library).not.toContain(".utrecht-rich-text");
    // The alderman's overview fetched 922 KB (decoded) with both languages and the whole component library, 649 KB
    // without.
    const bytes = dutchPage.reduce((sum, s) => sum + Buffer.byteLength(s.body), 0);
    expect(bytes).toBeLessThan(750_000);
    // Compressed when the app was built (server/precompressed.ts), at Brotli's best; a chunk under 1 KB goes as it is.
    const large = dutchPage.filter((s) => Buffer.byteLength(s.body) >= 1024);
    expect(large.length).toBeGreaterThan(3);
    expect(large.filter((s) => s.encoding !== "br").map((s) => s.url)).toEqual([]);
    expect(dutchPage.reduce((sum, s) => sum + s.sent, 0)).toBeLessThan(bytes / 3);

    // A link to a page in English, followed in the browser: the English messages are fetched and the page, its
    // title included, turns English without a page load.
    await navigateInApp(page, "/regio?lng=en");
    await expect.poll(() => page.locator("h1").textContent()).toBe("The Haaglanden region");
    await expect.poll(() => page.title()).toBe(`Region · ${ENGLISH_NAME}`);
    expect((await fetched()).some((s) => s.body.includes(ENGLISH_NAME))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("of a page loaded in English has the English messages from the start", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "wethouder.delft@h10.example");
    const fetched = scriptsOf(page);
    await page.goto(`${baseUrl()}/regio?lng=en`);
    await hydrated(page);
    expect(await page.title()).toBe(`Region · ${ENGLISH_NAME}`);
    // The English messages were announced in the document's head, so the browser fetched them beside the entry script.
    const preloaded = await page.locator('link[rel="modulepreload"][href*="/assets/en-"]').getAttribute("href");
    const english = (await fetched()).filter((s) => s.body.includes(ENGLISH_NAME));
    expect(english.map((s) => new URL(s.url).pathname)).toEqual([preloaded]);
    // Hydration kept the server's English text (a page hydrated in another language would log a mismatch).
    expect(await page.locator("h1").textContent()).toBe("The Haaglanden region");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
