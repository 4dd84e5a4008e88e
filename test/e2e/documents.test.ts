import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, screenshot, signedIn, navigateInApp } from "./helpers";

const browser = browserForFile();

/** Opens the seeded GR amendment (H10-GR-2024; other tests start GR trails of their own) after the sign-in has landed. */
async function openAmendment(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  await page.goto(`${baseUrl()}/trajecten`);
  await page
    .getByRole("row", { name: /H10-GR-2024/ })
    .getByRole("link")
    .click();
  await page.getByRole("heading", { level: 2, name: "Documenten" }).waitFor();
}

/** Whether any script the page loaded contains Lexical (its editor marks the DOM with __lexicalEditor). */
async function loadsEditorCode(page: Page): Promise<boolean> {
  const urls = await page.evaluate(() => [
    ...new Set([
      ...performance.getEntriesByType("resource").map((e) => e.name),
      ...Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]'), (l) => l.href),
      ...Array.from(document.querySelectorAll<HTMLScriptElement>("script[src]"), (s) => s.src),
    ]),
  ]);
  const scripts = urls.filter((url) => url.endsWith(".js"));
  const bodies = await Promise.all(scripts.map(async (url) => (await page.request.get(url)).text()));
  return bodies.some((body) => body.includes("__lexicalEditor"));
}

/**
 * Clicks into the editor and moves the caret to the end of the text, as a person does with Ctrl+End. A person's next
 * key comes later; the test's comes at once, and Lexical takes a caret's move from the browser's selectionchange
 * event, which comes in a task of its own: an Enter pressed before it went in where the click had put the caret
 * (after the first heading). So after each Ctrl+End the test lets that task run, until the caret is in the last block.
 */
async function caretToEnd(page: Page) {
  await page.getByRole("textbox", { name: "Tekst van het document" }).click();
  await expect
    .poll(async () => {
      await page.keyboard.press("Control+End");
      return page.evaluate(
        () =>
          new Promise<boolean>((resolve) =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                const anchor = getSelection()?.anchorNode;
                const last = document.getElementById("document-editor")?.lastElementChild;
                resolve(Boolean(anchor && last?.contains(anchor)));
              }),
            ),
          ),
      );
    })
    .toBe(true);
}

async function typeAtEnd(page: Page, text: string) {
  await caretToEnd(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

describe("drafting a document in the browser", () => {
  it(
    "a secretary drafts a raadsinformatiebrief from its template, saves, edits, compares two revisions and sends it",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      await openAmendment(page);
      await page.getByRole("link", { name: "Nieuw document" }).click();
      await page.getByLabel("Soort document").selectOption({ label: "Raadsinformatiebrief" });
      await page.getByLabel("Titel").fill("Raadsinformatiebrief wijziging GR 2024");
      await page.getByRole("button", { name: "Document maken" }).click();

      // The editor page, with the template's text and a keyboard-reachable toolbar.
      await page.getByRole("heading", { level: 1, name: "Raadsinformatiebrief wijziging GR 2024 bewerken" }).waitFor();
      const editor = page.getByRole("textbox", { name: "Tekst van het document" });
      await expect.poll(() => editor.textContent()).toContain("zodat alle raden over dezelfde informatie beschikken");
      await expectAccessible(page);
      const toolbar = page.getByRole("toolbar", { name: "Opmaak" });
      await toolbar.getByRole("button", { name: "Ongedaan maken" }).focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Opnieuw");

      await typeAtEnd(page, "De regio verwacht de wijziging in 2024 af te ronden.");
      await page.getByLabel("Notitie bij deze revisie (optioneel)").fill("Eerste versie");
      await page.getByRole("button", { name: "Revisie opslaan" }).click();
      await page.getByRole("link", { name: "Revisie 2", exact: true }).waitFor();
      const article = page.locator("article.h10-document");
      await expect.poll(() => article.textContent()).toContain("De regio verwacht de wijziging in 2024 af te ronden.");
      // The read-only page sends no editor code; the editing page does.
      await page.reload();
      expect(await loadsEditorCode(page)).toBe(false);
      // Per-municipality fields show as placeholders until the letter is addressed.
      expect(await article.locator('[data-field="name"]').first().textContent()).toBe("[gemeente]");

      // Edit again: a decision point and more text.
      await page.getByRole("link", { name: "Bewerken" }).click();
      await editor.waitFor();
      expect(await loadsEditorCode(page)).toBe(true);
      await typeAtEnd(page, "De raden worden gevraagd hun wensen en bedenkingen te geven.");
      // Left at once by a link, before the autosave's quiet moment: the text is kept as the author's draft.
      const flushed = page.waitForResponse(
        (r) => r.url().endsWith("/bewerken.data") && r.request().method() === "POST",
      );
      await page.getByRole("link", { name: "laatste revisie 2" }).click();
      expect((await flushed).status()).toBe(200);
      await page.getByRole("link", { name: "Bewerken" }).click();
      await page.getByText("Uw eerder bewaarde concept (gebaseerd op revisie 2) is teruggezet.").waitFor();
      await expect.poll(() => editor.textContent()).toContain("De raden worden gevraagd hun wensen en bedenkingen");
      await caretToEnd(page);
      await toolbar.getByRole("button", { name: "Beslispunt" }).click();
      await page.getByRole("button", { name: "Revisie opslaan" }).click();
      await page.getByRole("link", { name: "Revisie 3", exact: true }).waitFor();
      await expect.poll(() => article.locator(".h10-decision-point").first().textContent()).toContain("Beslispunt 1.");

      // Compare revisions 2 and 3 side by side (the history table links each revision; the compare form lists them).
      await page.getByLabel("Van revisie").selectOption({ label: "Revisie 2" });
      await page.getByLabel("Met revisie").selectOption({ label: "Revisie 3" });
      await page.getByRole("button", { name: "Vergelijken" }).click();
      const comparison = page.getByRole("heading", { name: "Revisie 2 en revisie 3 naast elkaar" });
      await comparison.waitFor();
      // The comparison stands above the text it compares, where a reader finds it (issue 16, Readable 4).
      const top = (selector: string) =>
        page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(await top("#comparison")).toBeLessThan(await top("article.h10-document"));
      await screenshot(page, "document-compare-1366");
      const added = page.locator('tr[data-change="added"], tr[data-change="changed"]');
      await expect.poll(() => added.count()).toBeGreaterThan(0);
      expect(await page.locator("tr[data-change] ins").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("wensen en bedenkingen")]),
      );
      await expectAccessible(page);

      // Send revision 3: it is frozen.
      await navigateInApp(page, page.url().split("?")[0]!);
      await page.getByLabel(/Ik bevestig dat revisie 3 naar de raden gaat/).check();
      await page.getByRole("button", { name: "Revisie 3 naar de raden sturen" }).click();
      await page.getByText(/Revisie 3 is op .* naar de raden gestuurd en vastgezet/).waitFor();
      expect(await page.getByRole("button", { name: /naar de raden sturen/ }).count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();

      // Zoetermeer's clerk records the council's motion on the text sent, with an amendment on decision point 1.
      const { page: clerk, errors: clerkErrors } = await newPage(browser());
      await signedIn(clerk, "griffier.zoetermeer@h10.example");
      await openAmendment(clerk);
      const trailUrl = clerk.url();
      await clerk.getByRole("link", { name: "Standpunt vastleggen: Zoetermeer", exact: true }).click();
      await clerk.getByRole("heading", { level: 1, name: "Standpunt vastleggen voor Zoetermeer" }).waitFor();
      await clerk.getByLabel("Orgaan en soort standpunt").selectOption({ label: "Raad: Motie" });
      await clerk
        .getByLabel("Tekst van het besluit of advies")
        .fill("De raad stemt in met de brief, met een amendement op beslispunt 1.");
      // The text most recently sent is preselected as the text decided on.
      expect(await clerk.getByLabel("Tekst waarover besloten is").locator("option:checked").textContent()).toBe(
        "Raadsinformatiebrief wijziging GR 2024, revisie 3",
      );
      await clerk.getByRole("button", { name: "Standpunt vastleggen" }).click();
      await clerk.getByTestId("position-facts").waitFor();
      expect(await clerk.getByTestId("position-facts").textContent()).toContain(
        "Raadsinformatiebrief wijziging GR 2024, Revisie 3",
      );
      await clerk.getByLabel("Soort", { exact: true }).selectOption({ label: "Amendement" });
      await clerk.getByLabel("Titel").fill("Amendement Zoetermeer: termijn");
      await clerk
        .getByLabel("Tekst", { exact: true })
        .fill("De raden worden gevraagd binnen acht weken hun wensen en bedenkingen te geven.");
      await clerk.getByLabel("Uitslag").selectOption({ label: "aangenomen" });
      await clerk.getByLabel("Beslispunt", { exact: true }).selectOption({ index: 1 });
      await clerk.getByRole("button", { name: "Amendement of motie toevoegen" }).click();
      await expect.poll(() => clerk.getByText(/Beslispunt 1: De raden worden gevraagd/).count()).toBeGreaterThan(0);
      await expectAccessible(clerk);

      // The trail shows, per decision point, who amended it, with the texts side by side.
      await navigateInApp(clerk, trailUrl);
      const points = clerk.getByRole("heading", {
        name: "Beslispunten van Raadsinformatiebrief wijziging GR 2024 (revisie 3)",
      });
      await points.waitFor();
      expect(await clerk.locator('tr[data-point="1"] [data-testid="amended"]').textContent()).toBe("Zoetermeer");
      const sideBySide = clerk.locator("table", {
        hasText: "Beslispunt 1: voorgestelde en geamendeerde tekst naast elkaar",
      });
      expect(await sideBySide.textContent()).toContain("binnen acht weken");
      expect(await sideBySide.textContent()).toContain("De raden worden gevraagd hun wensen en bedenkingen te geven.");
      await expectAccessible(clerk);
      expect(clerkErrors).toEqual([]);
      await clerk.close();
    },
  );

  it("keeps the author's text when someone else saved first, and shows theirs beside it", async () => {
    const first = await newPage(browser());
    const second = await newPage(browser());
    await signedIn(first.page, "secretaris@h10.example");
    await signedIn(second.page, "secretaris@h10.example");
    await openAmendment(first.page);
    await first.page.getByRole("link", { name: "Nieuw document" }).click();
    await first.page.getByLabel("Soort document").selectOption({ label: "Besluit" });
    await first.page.getByLabel("Titel").fill("Besluit wijziging GR");
    await first.page.getByRole("button", { name: "Document maken" }).click();
    await first.page.getByRole("textbox", { name: "Tekst van het document" }).waitFor();
    // The second tab opens the same revision.
    await second.page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
    await second.page.goto(first.page.url());
    await second.page.getByRole("textbox", { name: "Tekst van het document" }).waitFor();

    await typeAtEnd(first.page, "Tekst van de eerste.");
    await first.page.getByRole("button", { name: "Revisie opslaan" }).click();
    await first.page.getByRole("link", { name: "Revisie 2", exact: true }).waitFor();

    await typeAtEnd(second.page, "Tekst van de tweede.");
    await second.page.getByRole("button", { name: "Revisie opslaan" }).click();
    await second.page.getByText(/Iemand anders heeft intussen revisie 2 opgeslagen/).waitFor();
    await expect
      .poll(() => second.page.getByRole("textbox", { name: "Tekst van het document" }).textContent())
      .toContain("Tekst van de tweede.");
    expect(await second.page.locator("#theirs + article").textContent()).toContain("Tekst van de eerste.");
    await expectAccessible(second.page);
    // Saving again after merging succeeds on top of revision 2.
    await second.page.getByRole("button", { name: "Revisie opslaan" }).click();
    await second.page.getByRole("link", { name: "Revisie 3", exact: true }).waitFor();
    // The refused save is answered 409 on purpose; the browser logs that response, nothing else is expected.
    expect([...first.errors, ...second.errors].filter((e) => !e.includes("status of 409"))).toEqual([]);
    await first.page.close();
    await second.page.close();
  });
});
