import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, signedIn, navigateInApp } from "./helpers";

const browser = browserForFile();

describe("Woo publication in the browser", () => {
  it(
    "follows a sent document from the secretary's trail to its public page signed out, downloads its PDF, and passes axe in nl and en",
    { timeout: 120_000 },
    async () => {
      // The secretary finds the published documents of the seeded GR amendment from its trail page.
      const staff = await newPage(browser());
      await signedIn(staff.page, "secretaris@h10.example");
      await staff.page.goto(`${baseUrl()}/trajecten`);
      await staff.page
        .getByRole("row", { name: /H10-GR-2024/ })
        .getByRole("link")
        .click();
      await staff.page.getByRole("link", { name: "Woo-publicaties van dit traject" }).click();
      const entry = staff.page
        .getByTestId("trail-publications")
        .getByRole("listitem")
        .filter({ hasText: "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden (revisie 1)" });
      const publicHref = await entry.getByRole("link", { name: "openbare pagina" }).getAttribute("href");
      expect(publicHref).toMatch(/^\/openbaar\/documenten\/[^/]+$/);
      // The secretary's publications page and the withdraw form pass axe (in Dutch; the public pages below in both).
      const listPath = new URL(staff.page.url()).pathname;
      const withdrawPath = await entry.getByRole("link", { name: "Intrekken" }).getAttribute("href");
      for (const path of [listPath, withdrawPath!]) {
        await navigateInApp(staff.page, `${baseUrl()}${path}`);
        await expectAccessible(staff.page);
      }
      expect(staff.errors).toEqual([]);
      await staff.page.context().close();

      // Signed out: the public document page, its metadata, its PDF, and the trail's public page.
      const { page, errors } = await newPage(browser());
      await page.goto(`${baseUrl()}${publicHref}`);
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toBe("Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden (revisie 1)");
      const metadata = page.getByTestId("diwoo-metadata");
      expect(await metadata.textContent()).toContain("c_db4862c3");
      const pdfHref = await page.getByTestId("public-pdf").getAttribute("href");
      const pdf = await page.request.get(`${baseUrl()}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await expectAccessible(page);

      await page
        .getByRole("link", { name: "Wijziging GR Servicebureau Jeugdhulp Haaglanden", exact: false })
        .first()
        .click();
      await page.waitForURL(/\/openbaar\/H10-GR-2024$/);
      await page.getByTestId("public-documents").getByRole("link").first().waitFor();
      const trailPage = page.url();
      for (const language of ["nl", "en"] as const) {
        for (const path of ["/openbaar", new URL(trailPage).pathname]) {
          await page.goto(`${baseUrl()}${path}?lng=${language}`);
          expect(await page.locator("html").getAttribute("lang")).toBe(language);
          expect(await page.locator("h1").count()).toBe(1);
          await expectAccessible(page);
        }
      }
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
