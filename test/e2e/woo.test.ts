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

  it("answers an unknown public trail or document in the reader's language, with a way back to the public list", async () => {
    const { page, errors } = await newPage(browser());
    const cases = [
      [
        "en",
        "/openbaar/H10-BESTAAT-NIET",
        "Not found",
        "This trail does not exist or nothing of it has been published yet.",
        "Public documents (Woo)",
      ],
      [
        "en",
        "/openbaar/documenten/bestaat-niet",
        "Not found",
        "This document has not been published.",
        "Public documents (Woo)",
      ],
      [
        "nl",
        "/openbaar/H10-BESTAAT-NIET",
        "Niet gevonden",
        "Dit traject bestaat niet of er is nog niets van gepubliceerd.",
        "Openbare stukken (Woo)",
      ],
    ] as const;
    for (const [language, path, title, message, back] of cases) {
      const response = await page.goto(`${baseUrl()}${path}?lng=${language}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
      expect(await page.getByRole("alert").textContent()).toBe(message);
      expect(await page.getByRole("link", { name: back }).getAttribute("href")).toBe("/openbaar");
    }
    await expectAccessible(page);
    // Each 404 logs its status; nothing else may log an error.
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await page.context().close();
  });
});
