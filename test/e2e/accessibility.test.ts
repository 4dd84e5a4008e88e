import { describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, browserForFile, navigateInApp, newPage, signIn, signedIn } from "./helpers";

const browser = browserForFile();

describe("accessibility (axe-core, WCAG 2.1 A and AA) on every page", () => {
  it("the check itself catches a violation", async () => {
    const { page } = await newPage(browser());
    await page.setContent(
      '<!doctype html><html lang="nl"><title>t</title><main><h1>Kop</h1><img src="data:,"></main></html>',
    );
    await expect(expectAccessible(page)).rejects.toThrow(/image-alt/);
    await page.context().close();
  });

  for (const language of ["nl", "en"] as const) {
    it(`every page passes in ${language === "nl" ? "Dutch" : "English"}`, { timeout: 180_000 }, async () => {
      const { page, errors } = await newPage(browser());
      await page.goto(`${baseUrl()}/inloggen?lng=${language}`);
      expect(await page.locator("html").getAttribute("lang")).toBe(language);
      await expectAccessible(page);
      await page.goto(`${baseUrl()}/inloggen`);
      await page.getByLabel(language === "nl" ? "E-mailadres" : "E-mail address").fill("beheer@h10.example");
      await page
        .getByLabel(language === "nl" ? "Wachtwoord" : "Password")
        .fill((await import("./helpers")).demoPassword());
      await page.getByRole("button", { name: language === "nl" ? "Inloggen" : "Sign in" }).click();
      await page.waitForURL(`${baseUrl()}/beheer`);

      const paths = [
        "/dashboard",
        "/overzicht",
        "/overzicht?kind=GR_AMENDMENT&deadline=overdue",
        "/regio",
        "/trajecten",
        "/trajecten?kind=VISION",
        "/vergaderingen",
        "/instellingen",
        "/instellingen/wachtwoord",
        "/instellingen/tweestapsverificatie",
        "/meldingen",
        "/beheer",
        "/beheer/gebruikers",
        "/beheer/inwoners",
        "/beheer/raadsinformatie",
        "/volledigheid",
        "/verdeelsleutels",
        "/contracten",
        "/openbaar",
        "/openbaar/H10-GR-2024",
        "/openbaar/H10-BEGR-2025",
      ];
      await page.goto(`${baseUrl()}/trajecten`);
      // The seeded trails (H10-...), not those other test files add meanwhile: each of those files checks the
      // pages it makes, and this sweep stays the same whichever files ran before it.
      const trailLinks = await page
        .locator("table tbody tr", { hasText: /H10-/ })
        .locator("a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(trailLinks).toHaveLength(5);
      // In Dutch every seeded trail (each kind and stage shows other parts of the page); in English, where only
      // the words differ, the pages of the seeded GR amendment (the one with a document, amounts and a board vote).
      const amendment = await page
        .getByRole("row", { name: /H10-GR-2024/ })
        .getByRole("link")
        .getAttribute("href");
      const trails = language === "nl" ? trailLinks : [amendment!];
      const documentLinks: string[] = [];
      // Every trail page, its status brief as a web page and its amounts. Opened as their links open them (a
      // client-side navigation: axe stays loaded); the sign-in page, the first page after it and the 404 page load
      // whole.
      for (const path of [
        ...paths,
        ...trails,
        ...trails.map((link) => `${link}/statusbrief`),
        ...trails.map((link) => `${link}/financien`),
        ...trails.map((link) => `${link}/stemmingen`),
      ]) {
        await navigateInApp(page, path);
        expect(await page.locator("h1").count(), path).toBe(1);
        await expectAccessible(page);
        // Documents, and the exit calculator of an exit trail.
        documentLinks.push(
          ...(await page
            .locator('a[href^="/documenten/"], a[href$="/uittreding"]')
            .evaluateAll((links) => links.map((a) => a.getAttribute("href")!))),
        );
      }
      // The seeded raadsvoorstel of the GR amendment, as every signed-in user reads it.
      expect(documentLinks.length).toBeGreaterThanOrEqual(1);
      for (const path of new Set(documentLinks)) {
        await navigateInApp(page, path);
        expect(await page.locator("h1").count(), path).toBe(1);
        await expectAccessible(page);
      }
      await page.goto(`${baseUrl()}/bestaat-niet`);
      expect(await page.locator("h1").count()).toBe(1);
      // The signed-in user's header stays: the menu and the notifications lead on from a wrong address.
      expect(await page.locator('a[href="/meldingen"]').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      // The 404 page logs its status; nothing else may log an error.
      expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
      await page.context().close();
    });
  }

  it("form errors on the admin pages pass too", async () => {
    const { page } = await newPage(browser());
    await signedIn(page, "beheer@h10.example");
    await navigateInApp(page, `${baseUrl()}/beheer/gebruikers`);
    await page.getByRole("button", { name: "Gebruiker aanmaken" }).click();
    await expect.poll(() => page.getByText("Vul een naam in.").count()).toBe(1);
    await expectAccessible(page);
    await navigateInApp(page, `${baseUrl()}/beheer/inwoners`);
    await page.getByLabel("Aantal inwoners").fill("-3");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.getByText("Vul een geheel aantal inwoners in, groter dan 0.").count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it("a clerk's overview with the inbox and a meeting warning, and the meeting calendar", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "griffier.wassenaar@h10.example");
    await navigateInApp(page, `${baseUrl()}/vergaderingen`);
    await page.getByLabel("Orgaan").selectOption({ label: "Raad" });
    // A meeting next year (a calendar date at most ten years ahead is accepted).
    const year = new Date().getFullYear() + 1;
    await page.getByLabel("Datum").fill(`${year}-03-05`);
    await page.getByRole("button", { name: "Vergadering toevoegen" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("De vergaderkalender is bijgewerkt.");
    await expect
      .poll(() =>
        page
          .getByRole("row")
          .filter({ hasText: `5 maart ${year}` })
          .count(),
      )
      .toBe(1);
    await expectAccessible(page);
    await navigateInApp(page, `${baseUrl()}/overzicht`);
    await page.getByRole("heading", { name: "Te behandelen door de raad van Wassenaar" }).waitFor();
    // The seeded amendment: sent on 12 January 2024, so Wassenaar's council is asked for its view: the task to do.
    // (By its whole title: the shared-drafts test, when it ran earlier on this server, added another amendment.)
    const seeded = "Wijziging GR Servicebureau Jeugdhulp Haaglanden (Wet versterking democratische legitimiteit Wgr)";
    expect(await page.locator(`tr[data-trail="${seeded}"]`).textContent()).toContain(
      "Zienswijze geven of geen reactie melden",
    );
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("switches the interface to English and back", async () => {
    const { page } = await newPage(browser());
    await signIn(page, "griffier.westland@h10.example");
    await page.waitForURL(`${baseUrl()}/overzicht`);
    await navigateInApp(page, `${baseUrl()}/regio`);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("The Haaglanden region");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByText("553,417 (1 January 2022)").count()).toBe(1);
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("De regio Haaglanden");
    await page.context().close();
  });

  for (const language of ["nl", "en"] as const) {
    it(
      `the secretary's editing pages pass in ${language === "nl" ? "Dutch" : "English"}`,
      { timeout: 90_000 },
      async () => {
        const { page, errors } = await newPage(browser());
        await signedIn(page, "secretaris@h10.example");
        await page.goto(`${baseUrl()}/trajecten?lng=${language}`);
        await page
          .getByRole("row", { name: /H10-GR-2024/ })
          .getByRole("link")
          .click();
        await page.locator('a[href^="/documenten/"]').first().waitFor();
        const trailPath = new URL(page.url()).pathname;
        const documentPath = await page.locator('a[href^="/documenten/"]').first().getAttribute("href");
        // The seeded budget cycle 2025 with the secretary's "Begrotingscyclus 2026 starten", and its page.
        await navigateInApp(page, `${baseUrl()}/trajecten`);
        const budgetPath = await page
          .getByRole("row", { name: /H10-BEGR-2025/ })
          .getByRole("link")
          .getAttribute("href")
          .then((href) => href!);
        // (The amounts, votes, allocation keys and contracts pages are in the every-page check above.)
        for (const path of [
          `${trailPath}/documenten/nieuw`,
          budgetPath,
          `${budgetPath}/volgend-jaar`,
          // The answer ledger of the seeded cycle: its zienswijzen, one answered, one not.
          `${budgetPath}/antwoorden`,
          `${documentPath}/bewerken`,
        ]) {
          await navigateInApp(page, `${baseUrl()}${path}`);
          expect(await page.locator("html").getAttribute("lang")).toBe(language);
          // One page heading; the document being edited may have headings of its own.
          expect(await page.locator("h1:not(.h10-editor h1)").count(), path).toBe(1);
          await expectAccessible(page);
        }
        // The editor itself, once loaded in the browser.
        await page.getByRole("toolbar").waitFor();
        await expectAccessible(page);
        expect(errors).toEqual([]);
        await page.context().close();
      },
    );
  }
});
