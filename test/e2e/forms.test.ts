/**
 * Issue 16, "Forms and feedback", in Chromium: editor tables (rows and
 * columns added and removed from the toolbar, Tab in the last cell adds a row,
 * Shift+Tab moves back), a refused javascript: link that says why, fields that
 * fit the chosen step, the confirmation before sending a revision (checked by
 * the server too), a busy sign-in button and a download's progress. axe on
 * every page touched; screenshots at 1366×900 and 390×844 in test/artifacts/.
 */
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  browserForFile,
  demoPassword,
  expectAccessible,
  newPage,
  screenshot,
  screenshots,
  signedIn,
} from "./helpers";

const browser = browserForFile();

/** Holds a matching request back for a while, so the page's state while it runs can be seen. */
async function slowDown(page: Page, matches: (url: URL, method: string) => boolean, ms = 2000) {
  await page.route(
    (url) => matches(url, ""),
    async (route: Route) => {
      if (!matches(new URL(route.request().url()), route.request().method())) return route.continue();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    },
  );
}

/** The seeded GR amendment's page (H10-GR-2024). */
async function openAmendment(page: Page) {
  await page.goto(`${baseUrl()}/trajecten`);
  await page
    .getByRole("row", { name: /H10-GR-2024/ })
    .getByRole("link")
    .click();
  await page.getByRole("heading", { level: 2, name: "Documenten" }).waitFor();
}

const rows = (page: Page) => page.locator("#document-editor table tr");
const columns = (page: Page) => page.locator("#document-editor table tr").first().locator("th, td");
const focusedCellText = (page: Page) =>
  page.evaluate(() => {
    const node = window.getSelection()?.anchorNode ?? null;
    const cell = (node instanceof Element ? node : node?.parentElement)?.closest("td, th");
    if (!cell) return null;
    const row = cell.parentElement as HTMLTableRowElement;
    return { row: row.rowIndex, column: (cell as HTMLTableCellElement).cellIndex };
  });

describe("forms and feedback in the browser (issue 16)", () => {
  it(
    "editor tables: add and remove rows and columns, Tab in the last cell adds a row; a javascript: link says why; sending asks for confirmation",
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      await openAmendment(page);
      await page.getByRole("link", { name: "Nieuw document" }).click();
      await page.getByLabel("Soort document").selectOption({ label: "Raadsinformatiebrief" });
      await page.getByLabel("Titel").fill("E2E formulieren: tabellen");
      await page.getByRole("button", { name: "Document maken" }).click();
      await page.getByRole("heading", { level: 1, name: "E2E formulieren: tabellen bewerken" }).waitFor();
      const editor = page.getByRole("textbox", { name: "Tekst van het document" });
      await expect.poll(() => editor.textContent()).toContain("zodat alle raden");
      const toolbar = page.getByRole("toolbar", { name: "Opmaak" });

      // A 3×3 table; the cursor lands in it and the table's buttons appear, in a named group.
      await editor.click();
      await page.keyboard.press("Control+End");
      await toolbar.getByRole("button", { name: "Tabel invoegen" }).click();
      await expect.poll(() => rows(page).count()).toBe(3);
      await rows(page).first().locator("th, td").first().click();
      const tableGroup = toolbar.getByRole("group", { name: "Tabel" });
      await tableGroup.waitFor();
      await expectAccessible(page);
      // The toolbar with the table's buttons, above the table (the toolbar stays in view as the page scrolls).
      for (const [width, height] of [
        [1366, 900],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        // Out of the table and back in: on a phone the toolbar scrolls its table buttons into view.
        await editor.getByText("Hoogachtend").click();
        await expect.poll(() => toolbar.getByRole("group", { name: "Tabel" }).count()).toBe(0);
        await rows(page).last().locator("th, td").first().click();
        await tableGroup.waitFor();
        await screenshot(page, `forms-editor-toolbar-${width}`);
      }
      await page.setViewportSize({ width: 1366, height: 900 });

      await tableGroup.getByRole("button", { name: "Rij eronder invoegen" }).click();
      await expect.poll(() => rows(page).count()).toBe(4);
      await tableGroup.getByRole("button", { name: "Kolom rechts invoegen" }).click();
      await expect.poll(() => columns(page).count()).toBe(4);
      await tableGroup.getByRole("button", { name: "Kolom verwijderen" }).click();
      await expect.poll(() => columns(page).count()).toBe(3);
      await tableGroup.getByRole("button", { name: "Rij verwijderen" }).click();
      await expect.poll(() => rows(page).count()).toBe(3);

      // The table's buttons are reachable by keyboard: Alt+F10 to the toolbar, arrows along it, Enter.
      await rows(page).first().locator("th, td").first().click();
      await page.keyboard.press("Alt+F10");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null))
        .toBe(true);
      for (let i = 0; i < 20; i++) {
        if ((await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))) === "Rij erboven invoegen")
          break;
        await page.keyboard.press("ArrowRight");
      }
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        "Rij erboven invoegen",
      );
      await page.keyboard.press("Enter");
      await expect.poll(() => rows(page).count()).toBe(4);

      // Tab in the last cell adds a row and stays in the table; Shift+Tab moves back.
      await rows(page).last().locator("th, td").last().click();
      await page.keyboard.type("laatste");
      await page.keyboard.press("Tab");
      await expect.poll(() => rows(page).count()).toBe(5);
      expect(await focusedCellText(page)).toEqual({ row: 4, column: 0 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("document-editor");
      await page.keyboard.type("nieuw");
      await page.keyboard.press("Shift+Tab");
      expect(await focusedCellText(page)).toEqual({ row: 3, column: 2 });
      await page.keyboard.press("Tab");
      expect(await focusedCellText(page)).toEqual({ row: 4, column: 0 });
      expect(await rows(page).count()).toBe(5);
      expect(await rows(page).last().textContent()).toContain("nieuw");

      // A javascript: link is not inserted, and the field says why (announced: role=alert).
      await toolbar.getByRole("button", { name: "Link", exact: true }).click();
      const url = page.getByLabel("Adres van de link");
      await url.fill("javascript:alert(1)");
      await url.press("Enter");
      const message = page.getByRole("alert").filter({ hasText: "javascript:" });
      await message.waitFor();
      expect(await message.textContent()).toContain("alleen adressen die beginnen met https://");
      expect(await url.getAttribute("aria-invalid")).toBe("true");
      expect(await url.getAttribute("aria-describedby")).toBe(await message.getAttribute("id"));
      expect(await page.locator('#document-editor a[href^="javascript"]').count()).toBe(0);
      await expectAccessible(page);

      // Save, then sending asks for confirmation: the browser requires the box, and the server too.
      await page.getByRole("button", { name: "Annuleren" }).click();
      await page.getByRole("button", { name: "Revisie opslaan" }).click();
      await page.getByRole("link", { name: "Revisie 2", exact: true }).waitFor();
      const send = page.getByRole("button", { name: "Revisie 2 naar de raden sturen" });
      const confirm = page.getByLabel(/Ik bevestig dat revisie 2 naar de raden gaat/);
      expect(await confirm.evaluate((box: HTMLInputElement) => box.required)).toBe(true);
      await send.click();
      expect(await confirm.evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
      // Past the browser's check (as a script or an old browser would be), the server refuses and writes nothing.
      await confirm.evaluate((box: HTMLInputElement) => (box.required = false));
      await send.click();
      await page.getByRole("alert").filter({ hasText: "Bevestig eerst" }).waitFor();
      expect(await page.getByText(/naar de raden gestuurd en vastgezet/).count()).toBe(0);
      await expectAccessible(page);
      await screenshots(page, "forms-send-confirmation");
      // The browser logs the refusal's 422 as a failed resource; nothing else may go wrong.
      expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
      await page.close();
    },
  );

  it(
    "the position form and the new-trail form show only the fields that fit the chosen step",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "griffier.westland@h10.example");
      await openAmendment(page);
      await page.getByRole("link", { name: "Standpunt vastleggen: Westland", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Standpunt vastleggen voor Westland" }).waitFor();
      // No step on offer withholds consent: no legal ground and no confirmation, even before a step is chosen.
      expect(await page.getByLabel("Grond voor het onthouden van toestemming").count()).toBe(0);
      await page.getByLabel("Orgaan en soort standpunt").selectOption({ label: "Raad: Zienswijze" });
      await page.getByRole("group", { name: "Stemming" }).waitFor();
      expect(await page.getByLabel("Kenmerk van het besluit").count()).toBe(1);
      await page.getByLabel("Orgaan en soort standpunt").selectOption({ label: "Raad: Geen reactie" });
      await expect.poll(() => page.getByRole("group", { name: "Stemming" }).count()).toBe(0);
      expect(await page.getByLabel("Kenmerk van het besluit").count()).toBe(0);
      expect(await page.getByText("Bij geen reactie is geen tekst nodig").count()).toBe(1);
      await expectAccessible(page);
      await screenshots(page, "forms-position-form");

      const { page: secretary } = await newPage(browser());
      await signedIn(secretary, "secretaris@h10.example");
      await secretary.goto(`${baseUrl()}/trajecten/nieuw`);
      const exiting = secretary.getByLabel("Uittredende gemeente");
      expect(await exiting.count()).toBe(1);
      await secretary.getByLabel("Soort").selectOption({ label: "Inkoopstrategie" });
      await expect.poll(() => exiting.count()).toBe(0);
      await secretary.getByLabel("Soort").selectOption({ label: "Uittreding" });
      await expect.poll(() => exiting.count()).toBe(1);
      await expectAccessible(secretary);
      expect(errors).toEqual([]);
      await page.close();
      await secretary.close();
    },
  );

  it(
    "a slow sign-in shows its busy button; a slow letters download shows its progress",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await page.goto(`${baseUrl()}/inloggen`);
      await page.getByLabel("E-mailadres").fill("wethouder.delft@h10.example");
      await page.getByLabel("Wachtwoord").fill(demoPassword());
      await slowDown(page, (url, method) => url.pathname.startsWith("/inloggen") && method !== "GET");
      await page.getByRole("button", { name: "Inloggen" }).click();
      const busy = page.locator('button[aria-busy="true"]');
      await busy.waitFor();
      expect(await busy.isDisabled()).toBe(true);
      expect(await busy.textContent()).toContain("Bezig…");
      await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"), { timeout: 30_000 });
      await page.unroute("**");

      // The seeded letters lack every signatory's name: the page lists them and asks for confirmation.
      await openAmendment(page);
      await page.getByRole("link", { name: "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden" }).click();
      expect(await page.getByTestId("missing-signatories").textContent()).toContain("Delft: burgemeester");
      await expectAccessible(page);
      await page.getByLabel(/Ik maak de brieven toch/).check();
      await slowDown(page, (url) => url.pathname.endsWith("/brieven.zip"));
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        (async () => {
          await page.getByRole("button", { name: "Brief aan elke raad, een PDF per raad (zip)" }).click();
          // From the click until the download starts, the status region says the file is being made.
          await page.getByRole("status").filter({ hasText: "Het bestand wordt" }).waitFor();
          expect(await page.locator('button[aria-busy="true"]').count()).toBeGreaterThan(0);
        })(),
      ]);
      expect(download.suggestedFilename()).toMatch(/brieven per raad\.zip$/);
      await page.getByRole("status").filter({ hasText: "De download is gestart." }).waitFor();
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
