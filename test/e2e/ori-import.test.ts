import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, hydrated, newPage, signedIn } from "./helpers";

const browser = browserForFile();

describe("importing council outcomes in the browser", () => {
  it(
    "the Delft clerk confirms the proposal from Delft's own system and the matrix shows it; axe in nl and en",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "griffier.delft@h10.example");
      // The inbox names the seeded proposal (Delft's zienswijze on the GR amendment).
      await page.goto(`${baseUrl()}/overzicht`);
      await page.getByRole("link", { name: /uit het raadsinformatiesysteem om te beoordelen/ }).click();
      await expect.poll(() => page.url()).toContain("/voorstellen");
      await expectAccessible(page);
      await page.goto(`${baseUrl()}/voorstellen?lng=en`);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await expectAccessible(page);
      await page.goto(`${baseUrl()}/volledigheid?lng=en`);
      await expectAccessible(page);
      await page.goto(`${baseUrl()}/volledigheid?lng=nl`);
      await expectAccessible(page);

      await page.goto(`${baseUrl()}/voorstellen?lng=nl`);
      await page.getByRole("link", { name: "Zienswijze wijziging GR Servicebureau Jeugdhulp Haaglanden" }).click();
      // The link navigates in the page (Remix): on a busy machine the list was still shown when the test read the
      // address, and went on with the list's address as the proposal's (`/voorstellen?lng=nl?lng=nl`, no form).
      await page.waitForURL(/\/voorstellen\/[^/?]+$/);
      await hydrated(page);
      await expectAccessible(page);
      const proposalUrl = page.url();
      await page.goto(`${proposalUrl}?lng=en`);
      await expectAccessible(page);
      await page.goto(`${proposalUrl}?lng=nl`);
      await hydrated(page);
      // Pre-filled from the import; the clerk edits the text and confirms.
      expect(await page.getByLabel("Vergaderdatum").inputValue()).toBe("2024-03-05");
      expect(await page.getByLabel("Voor", { exact: true }).inputValue()).toBe("29");
      await page.getByLabel("Tekst van het besluit of advies").fill("De raad geeft een positieve zienswijze.");
      await page.getByRole("button", { name: "Standpunt bevestigen en vastleggen" }).click();
      await page.waitForURL(/\/standpunten\//);
      const positionUrl = new URL(page.url()).pathname;
      await expect.poll(() => page.getByRole("link", { name: "Bron: raadsinformatiesysteem" }).count()).toBe(1);

      // The trail's matrix links Delft's council cell to the confirmed position.
      const trailUrl = positionUrl.replace(/\/standpunten\/.+$/, "");
      await page.goto(`${baseUrl()}${trailUrl}`);
      await expect
        .poll(() => page.getByRole("row", { name: /Delft/ }).first().locator(`a[href="${positionUrl}"]`).count())
        .toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
