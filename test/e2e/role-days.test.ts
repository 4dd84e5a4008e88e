/**
 * Issue 16, "Done when": each role's day in the browser, on one trail of its own. The secretary starts a GR
 * amendment and sends the draft; the Delft clerk lands on the council's inbox, finds the trail with the task
 * still to do and logs the council's zienswijze from there; the secretary lands on the pipeline, finds the
 * view among those to process and records how it was processed; the Delft alderman lands on the dashboard,
 * where Delft's cell of the new trail now says done. Every page passes axe, and each is photographed at
 * 1366×900 and 390×844 into test/artifacts/ (role-day-*.png).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  browserForFile,
  expectAccessible,
  newPage,
  openStepForm,
  screenshots,
  signedIn,
  signIn,
  navigateInApp,
} from "./helpers";

const browser = browserForFile();

/** The page at both widths, whole, after axe found nothing at the desktop width. */
async function photograph(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await expectAccessible(page);
  await screenshots(page, `role-day-${name}`);
}

const revision = async (page: Page) => Number(await page.locator("dl[data-revision]").getAttribute("data-revision"));

const stamp = Date.now();
const title = `Wijziging GR werkdag ${stamp}`;
let positionUrl = "";

describe("each role's day, from its home to its work", () => {
  it("the secretary starts a GR amendment and sends the draft to the councils", { timeout: 120_000 }, async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    await page.goto(`${baseUrl()}/trajecten/nieuw`);
    await page.getByLabel("Soort").selectOption("GR_AMENDMENT");
    await page.getByLabel("Titel").fill(title);
    await page.getByLabel("Kenmerk").fill(`E2E-DAG-${stamp}`);
    // Today: the draft is sent today, and the eight weeks for the councils' views run from here.
    await page.getByLabel("Startdatum").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Traject starten" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const before = await revision(page);
    await (await openStepForm(page, "Ontwerp naar de raden gestuurd")).getByRole("button").click();
    await expect.poll(() => revision(page).catch(() => before)).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the Delft clerk goes from the council's inbox to a logged zienswijze", { timeout: 180_000 }, async () => {
    const { page, errors } = await newPage(browser());
    await signIn(page, "griffier.delft@h10.example");
    await page.waitForURL((url) => url.pathname === "/overzicht");
    // The inbox names the task still to do, not the steps already taken.
    const row = page.locator(`tr[data-trail="${title}"]`);
    await row.waitFor();
    expect(await row.locator("td").first().textContent()).toMatch(/^Zienswijze geven/);
    await photograph(page, "clerk-inbox");

    await row.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("link", { name: "Standpunt vastleggen: Delft" }).click();
    await page.getByRole("heading", { level: 1, name: "Standpunt vastleggen voor Delft" }).waitFor();
    await page.getByLabel("Orgaan en soort standpunt").selectOption({ label: "Raad: Zienswijze" });
    // A zienswijze has no legal ground: that field is for withheld consent only.
    expect(await page.getByLabel("Grond voor het onthouden van toestemming").count()).toBe(0);
    await page
      .getByLabel("Tekst van het besluit of advies")
      .fill("De raad van Delft stemt in met de wijziging, mits de begroting eerder aan de raden wordt voorgelegd.");
    await photograph(page, "clerk-position-form");
    await page.getByRole("button", { name: "Standpunt vastleggen" }).click();
    await page.getByTestId("position-facts").waitFor();
    // The page it lands on says that it was logged.
    expect(await page.getByTestId("position-logged").textContent()).toContain("Het standpunt van Delft is vastgelegd.");
    const landed = new URL(page.url());
    expect(landed.searchParams.get("vastgelegd")).toBe("standpunt");
    positionUrl = `${landed.origin}${landed.pathname}`;
    expect(await page.locator("h1").textContent()).toContain("Zienswijze");
    await photograph(page, "clerk-position-logged");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the secretary goes from the pipeline to processing the view", { timeout: 180_000 }, async () => {
    expect(positionUrl).not.toBe("");
    const { page, errors } = await newPage(browser());
    await signIn(page, "secretaris@h10.example");
    await page.waitForURL((url) => url.pathname === "/overzicht");
    await page.getByRole("heading", { name: "Trajecten per fase" }).waitFor();
    // The new view waits among those to process, with its trail named beside it.
    const waiting = page.locator("li", { hasText: title }).getByRole("link", { name: /: Delft$/ });
    expect(await waiting.count()).toBe(1);
    await photograph(page, "secretary-pipeline");

    await waiting.click();
    await page.waitForURL(positionUrl);
    const form = page.getByRole("form", { name: "Verwerking vastleggen" });
    await form.getByLabel("Verwerking", { exact: true }).selectOption({ label: "Deels overgenomen" });
    await form
      .getByLabel("Toelichting")
      .fill("De begroting gaat voortaan eerder naar de raden; de overige wensen passen niet in de regeling.");
    await form.getByLabel("Plaats in het document").fill("Artikel 24 lid 2");
    await photograph(page, "secretary-processing-form");
    await form.getByRole("button", { name: "Verwerking opslaan" }).click();
    const recorded = page.getByTestId("processing");
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain("Deels overgenomen");
    expect(await recorded.textContent()).toContain("Artikel 24 lid 2");
    await photograph(page, "secretary-processed");

    // Back on the pipeline, the view is no longer waiting.
    await navigateInApp(page, `${baseUrl()}/overzicht`);
    expect(
      await page
        .locator("li", { hasText: title })
        .getByRole("link", { name: /: Delft$/ })
        .count(),
    ).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the Delft alderman sees the new trail on the dashboard, Delft's step done", { timeout: 180_000 }, async () => {
    const { page, errors } = await newPage(browser());
    await signIn(page, "wethouder.delft@h10.example");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    const row = page.locator("table.h10-grid tbody tr", { hasText: title });
    await row.waitFor();
    expect(await row.locator("td[data-municipality='Delft']").getAttribute("data-state")).toBe("done");
    // The other councils still have their eight weeks.
    expect(await row.locator("td[data-municipality='Rijswijk']").getAttribute("data-state")).not.toBe("done");
    await photograph(page, "alderman-dashboard");
    // From the grid to the trail: the matrix tells the same.
    await row.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await photograph(page, "alderman-trail");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
