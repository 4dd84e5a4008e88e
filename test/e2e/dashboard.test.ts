/**
 * Issue 16, home pages and dashboards: each role lands on its work after signing in (an alderman on the
 * dashboard, a clerk on the council's inbox, a secretary on the pipeline, an administrator on /beheer), and
 * the dashboard's grid, summary and charts are accessible (axe, named SVG images with a table alternative)
 * and reflow at a phone's width. Screenshots at 1366×900 and 390×844 go to test/artifacts/.
 */
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, screenshots, signedIn, signIn } from "./helpers";

const browser = browserForFile();

describe("each role lands on its work", () => {
  const homes: [string, string, string][] = [
    ["wethouder.delft@h10.example", "/dashboard", "Dashboard"],
    ["griffier.delft@h10.example", "/overzicht", "Te behandelen door de raad van Delft"],
    ["secretaris@h10.example", "/overzicht", "Trajecten per fase"],
  ];
  for (const [email, home, heading] of homes) {
    it(`${email} signs in and lands on ${home}`, { timeout: 120_000 }, async () => {
      const { page, errors } = await newPage(browser());
      await signIn(page, email);
      await page.waitForURL((url) => url.pathname === home);
      await expect.poll(() => page.getByRole("heading", { name: heading }).count()).toBeGreaterThan(0);
      // The brand link (/) brings the user home too.
      await page.goto(`${baseUrl()}/`);
      expect(new URL(page.url()).pathname).toBe(home);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("an administrator's home is /beheer", async () => {
    const { page } = await newPage(browser());
    await signedIn(page, "beheer@h10.example");
    await page.goto(`${baseUrl()}/`);
    expect(new URL(page.url()).pathname).toBe("/beheer");
    await page.context().close();
  });
});

describe("the alderman's dashboard", () => {
  it(
    "shows the grid, our council's summary and the charts, accessibly and without sideways scroll",
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "wethouder.delft@h10.example");
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl()}/dashboard`);
      expect(await page.locator("h1").textContent()).toBe("Dashboard");
      // The header's navigation leads here.
      expect(await page.locator(".h10-header__bar--nav nav a[href='/dashboard']").getAttribute("aria-current")).toBe(
        "page",
      );
      await expect
        .poll(() => page.getByRole("heading", { name: "Delft: wat onze raad nog moet doen" }).count())
        .toBe(1);

      // The grid: the seeded GR amendment, with Delft's state as symbol and word.
      const row = page.locator("table.h10-grid tbody tr[data-trail='H10-GR-2024']");
      const delft = row.locator("td[data-municipality='Delft']");
      expect(await delft.getAttribute("data-state")).toBe("overdue");
      expect(await delft.locator(".h10-cell__word").textContent()).toBe("termijn verlopen");
      expect(await delft.locator("svg.h10-symbol").count()).toBe(1);

      await screenshots(page, "dashboard-alderman");

      // Every chart is an image with a name and a description, and its figures as a table.
      const charts = page.locator("figure.h10-chart");
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      for (const chart of await charts.all()) {
        const svg = chart.locator("svg[role='img']");
        const [title, desc] = (await svg.getAttribute("aria-labelledby"))!.split(" ");
        expect(await page.locator(`#${title}`).textContent()).not.toBe("");
        expect(await page.locator(`#${desc}`).textContent()).not.toBe("");
        expect(await chart.locator("details table").count()).toBe(1);
      }
      // The progress chart's table holds the grid's counts for the GR amendment (seeded: one done, eight late;
      // other browser tests may have moved it on since, so the grid row is the reference).
      const progress = page.locator("figure.h10-chart", { hasText: "Voortgang per traject" });
      await progress.locator("details summary").click();
      // Other browser tests start GR amendments of their own: this is the seeded one.
      const counts = progress.locator("details tr", {
        hasText: /Wijziging GR Servicebureau Jeugdhulp Haaglanden \(Wet/,
      });
      const states = await row
        .locator("td[data-municipality]")
        .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-state")));
      const inGroup = (group: string) =>
        states.filter(
          (state) =>
            (state === "overdue" ? "late" : state === "dueSoon" || state === "none" ? "open" : state) === group,
        ).length;
      for (const group of ["done", "open", "late", "refused"])
        expect(await counts.locator(`td[data-group='${group}']`).textContent(), group).toBe(String(inGroup(group)));
      expect(inGroup("done") + inGroup("late")).toBeGreaterThan(0);
      await expectAccessible(page);
      await screenshots(page, "dashboard-alderman");

      for (const width of [390, 320]) {
        await page.setViewportSize({ width, height: 844 });
        // The skip link stays out of sight until focused (a full-page screenshot may still paint it).
        expect((await page.locator(".utrecht-skip-link").boundingBox())?.y ?? -1).toBeLessThan(0);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBeLessThanOrEqual(0);
      }
      // From the dashboard to our own share: the trail's finances page draws every council's share.
      await page.setViewportSize({ width: 1366, height: 900 });
      await page
        .getByRole("link", { name: /^Financiële gevolgen:/ })
        .first()
        .click();
      await page.getByRole("heading", { level: 1, name: "Financiële gevolgen" }).waitFor();
      const shares = page.locator("figure.h10-chart--shares").first();
      expect(await shares.locator("g[data-municipality='Delft'] rect").getAttribute("fill")).toMatch(/^url\(#/);
      await expectAccessible(page);
      await screenshots(page, "finances-shares");
      // The page title follows the language.
      await page.goto(`${baseUrl()}/dashboard?lng=en`);
      expect(await page.title()).toBe("Dashboard · H10 Decision-making");
      expect(await page.locator("h1").textContent()).toBe("Dashboard");
      expect(await page.getByRole("heading", { name: "Delft: what our council still has to do" }).count()).toBe(1);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it("clerk's and secretary's homes: screenshots and axe", { timeout: 120_000 }, async () => {
    for (const [email, name] of [
      ["griffier.delft@h10.example", "home-clerk"],
      ["secretaris@h10.example", "home-secretary"],
    ] as const) {
      const { page, errors } = await newPage(browser());
      await signedIn(page, email);
      await page.goto(`${baseUrl()}/`);
      await expectAccessible(page);
      await screenshots(page, name);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
