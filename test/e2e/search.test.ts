/**
 * Issue 18, search: the box in the header of every page (on a phone too), the results grouped by kind with the
 * matching words marked, a result followed to its trail; the results page passes axe in Dutch and in English.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, hydrated, newPage, screenshots, signedIn } from "./helpers";

const browser = browserForFile();

/** How far the page sticks out sideways (0 when it reflows). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("search", () => {
  it(
    "a clerk searches from the header on a phone, sees grouped results with the words marked and opens the trail",
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "griffier.delft@h10.example");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl()}/overzicht`);
      await hydrated(page);

      // On a phone the header keeps its one line (brand, Menu, language); the search box is first in the Menu.
      expect((await page.locator("header").boundingBox())!.height).toBeLessThanOrEqual(80);
      await page.locator("summary", { hasText: "Menu" }).click();
      const box = page.locator(".h10-menu__panel").getByRole("search").getByRole("searchbox");
      expect(await page.getByRole("search").count()).toBe(1);

      // "zienswijze" finds the seeded GR amendment, whose summary speaks of "zienswijzen".
      await box.fill("zienswijze");
      await box.press("Enter");
      await page.waitForURL((url) => url.pathname === "/zoeken" && url.searchParams.get("q") === "zienswijze");
      const trails = page.locator("section", { has: page.getByRole("heading", { name: /^Trajecten \(\d+\)$/ }) });
      await trails.waitFor();
      expect(await page.getByRole("heading", { name: /^Standpunten \(\d+\)$/ }).count()).toBe(1);
      const marked = await page.locator(".h10-search-results mark").allTextContents();
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((word) => /^zienswijzen?$/i.test(word))).toBe(true);
      expect(await sideways(page)).toBe(0);
      await screenshots(page, "search-results");
      await expectAccessible(page);

      // Following a trail's result opens that trail.
      const result = trails.getByRole("listitem").filter({ hasText: "H10-GR-2024" }).first();
      await result.getByRole("link").click();
      await page.waitForURL((url) => /^\/trajecten\/[^/]+$/.test(url.pathname));
      await expect
        .poll(() => page.locator("h1").textContent())
        .toContain("Wijziging GR Servicebureau Jeugdhulp Haaglanden");

      // The results page in English, filtered to positions, on a wide screen.
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl()}/zoeken?q=zienswijzen&kind=position&lng=en`);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe("Search");
      expect(await page.getByRole("heading", { name: /^Positions \(\d+\)$/ }).count()).toBe(1);
      expect(await page.getByRole("heading", { name: /^Trails/ }).count()).toBe(0);
      // On a wide screen the box sits in the header's bar, holding the query.
      expect(await page.getByRole("search").getByRole("searchbox").inputValue()).toBe("zienswijzen");
      await expectAccessible(page);

      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
