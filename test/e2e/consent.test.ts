/**
 * Issue 16, Legal 2, 3, 4 and 6 in the browser: a refused step says why next
 * to its form; a GR amendment that can no longer be adopted closes, shows the
 * ground of the withheld consent, lets the other councils record their
 * decision for the record and stays findable as recently closed; "Geen
 * reactie" is offered only "Niet van toepassing"; a procurement trail waits
 * until its note is sent, and sending it marks every council received.
 * Screenshots at 1366×900 and 390×844 go to test/artifacts/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  expectAccessible,
  hydrated,
  navigateInApp,
  browserForFile,
  MEMBER_COUNCILS,
  newPage,
  openStepForm,
  screenshot,
  screenshots,
  signedIn,
} from "./helpers";

const browser = browserForFile();

const COUNCILS = MEMBER_COUNCILS;

/** The page at both widths, whole. */

async function revision(page: Page) {
  return Number(await page.locator("dl[data-revision]").getAttribute("data-revision"));
}

/** A regional step from the trail page; waits for the new revision. */
async function step(page: Page, event: string) {
  const before = await revision(page);
  await (await openStepForm(page, event)).getByRole("button").click();
  await expect.poll(() => revision(page).catch(() => before)).toBeGreaterThan(before);
}

async function startTrail(page: Page, kind: string, title: string) {
  await navigateInApp(page, `${baseUrl()}/trajecten/nieuw`);
  await page.getByLabel("Soort").selectOption(kind);
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Kenmerk").fill(`E2E-${kind}-${Date.now()}`);
  await page.getByLabel("Startdatum").fill("2026-11-01");
  await page.getByRole("button", { name: "Traject starten" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return page.url();
}

async function logPosition(
  page: Page,
  trailUrl: string,
  municipality: string,
  option: string,
  text: string,
  ground?: string,
) {
  await navigateInApp(page, `${trailUrl}/standpunt/${await municipalityId(page, trailUrl, municipality)}`);
  await hydrated(page);
  await page.getByLabel("Orgaan en soort standpunt").selectOption({ label: option });
  await page.getByLabel("Tekst van het besluit of advies").fill(text);
  if (ground) {
    await page.getByLabel("Grond voor het onthouden van toestemming").selectOption({ label: ground });
    await page.getByLabel(/Ik bevestig dat de raad toestemming onthoudt/).check();
  }
  await page.getByRole("button", { name: "Standpunt vastleggen" }).click();
  await page.getByTestId("position-facts").waitFor();
  return page.url();
}

const ids = new Map<string, string>();
/** A municipality's id, read once from the trail page's position links. */
async function municipalityId(page: Page, trailUrl: string, name: string) {
  if (!ids.size) {
    await navigateInApp(page, trailUrl);
    for (const link of await page.getByRole("link", { name: /^Standpunt vastleggen: / }).all()) {
      const label = (await link.getAttribute("aria-label"))!.replace("Standpunt vastleggen: ", "");
      ids.set(label, (await link.getAttribute("href"))!.split("/").pop()!);
    }
  }
  return ids.get(name)!;
}

const state = (page: Page) => page.getByTestId("trail-state").textContent();

describe("a refused step says why, next to its form (Legal 4)", () => {
  it("a receipt dated before the draft was sent names the sending date", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "griffier.westland@h10.example");
    await navigateInApp(page, `${baseUrl()}/trajecten`);
    await page.getByRole("link", { name: /Wijziging GR Servicebureau Jeugdhulp Haaglanden \(Wet/ }).click();
    const form = await openStepForm(page, "Ontwerp ontvangen door de raad: Westland");
    await form.getByLabel("Datum").fill("2024-01-05");
    await form.getByRole("button").click();
    const refusal = page.getByRole("form", { name: "Ontwerp ontvangen door de raad: Westland" }).getByTestId("refusal");
    await expect
      .poll(() => refusal.textContent())
      .toBe(
        "De ontvangstdatum ligt vóór de verzending van het ontwerp (12 januari 2024). Kies een datum op of na 12 januari 2024.",
      );
    await expectAccessible(page);
    await refusal.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, "consent-refused-step-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await refusal.scrollIntoViewIfNeeded();
    await screenshot(page, "consent-refused-step-390");
    // The 422 of the refused post is the browser's own console line; nothing else.
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe("withheld consent closes a GR amendment (Legal 2, 6)", () => {
  it("closes, shows the ground, takes the other councils' decisions for the record and stays findable", async () => {
    const { page: secretary, errors } = await newPage(browser());
    await signedIn(secretary, "secretaris@h10.example");
    const title = `Wijziging GR toestemming ${Date.now()}`;
    const trailUrl = await startTrail(secretary, "GR_AMENDMENT", title);
    await step(secretary, "Ontwerp naar de raden gestuurd");
    const noResponse: string[] = [];
    for (const council of COUNCILS)
      noResponse.push(
        await logPosition(secretary, trailUrl, council, "Raad: Geen reactie", "De raad ziet af van een zienswijze."),
      );
    // "Geen reactie" can only be processed as not applicable.
    await navigateInApp(secretary, noResponse[0]!);
    const outcomes = await secretary
      .getByLabel("Verwerking", { exact: true })
      .locator("option")
      .evaluateAll((options) => options.map((o) => o.textContent));
    expect(outcomes).toEqual(["Kies de verwerking", "Niet van toepassing"]);
    await navigateInApp(secretary, trailUrl);
    await step(secretary, "Zienswijzen verwerkt");
    await logPosition(secretary, trailUrl, "Delft", "Raad: Toestemming gegeven", "De raad geeft toestemming.");

    const { page: rijswijk } = await newPage(browser());
    await signedIn(rijswijk, "griffier.rijswijk@h10.example");
    await logPosition(
      rijswijk,
      trailUrl,
      "Rijswijk",
      "Raad: Toestemming onthouden",
      "De wijziging ontneemt de raad zeggenschap over de begroting.",
      "Strijd met het algemeen belang",
    );
    await navigateInApp(rijswijk, trailUrl);
    expect(await state(rijswijk)).toBe("Niet tot stand gekomen");
    const row = rijswijk.locator('tr[data-municipality="Rijswijk"]');
    expect(await row.locator('[data-column="council"]').textContent()).toContain(
      "Grond: Strijd met het algemeen belang",
    );
    expect(await row.locator('[data-column="position"]').textContent()).toContain(
      "Grond: Strijd met het algemeen belang",
    );
    // Rijswijk has decided: its page says so, not "Geen toegang".
    await navigateInApp(rijswijk, `${trailUrl}/standpunt/${ids.get("Rijswijk")}`);
    expect(await rijswijk.getByTestId("unavailable").textContent()).toContain(
      "Het besluit van Rijswijk is al vastgelegd",
    );
    await expectAccessible(rijswijk);
    await screenshots(rijswijk, "consent-closed-decided");

    // Westland had not decided: its clerk records the council's decision for the record.
    const { page: westland } = await newPage(browser());
    await signedIn(westland, "griffier.westland@h10.example");
    await navigateInApp(westland, `${trailUrl}/standpunt/${ids.get("Westland")}`);
    expect(await westland.getByTestId("for-the-record").textContent()).toContain("verandert de uitkomst niet");
    await expectAccessible(westland);
    await screenshots(westland, "consent-for-the-record-form");
    await westland.getByLabel("Orgaan en soort standpunt").selectOption({
      label: "Raad: Toestemming gegeven (ter kennisname, traject gesloten)",
    });
    await westland.getByLabel("Tekst van het besluit of advies").fill("De raad geeft toestemming voor de wijziging.");
    await westland.getByRole("button", { name: "Standpunt vastleggen" }).click();
    await westland.getByTestId("position-facts").waitFor();
    expect(await westland.getByTestId("position-facts").textContent()).toContain("verandert de uitkomst niet");
    await navigateInApp(westland, trailUrl);
    expect(await state(westland)).toBe("Niet tot stand gekomen");
    expect(await westland.locator('tr[data-municipality="Westland"] [data-column="council"]').textContent()).toContain(
      "na sluiting, ter kennisname",
    );
    await expectAccessible(westland);
    await screenshots(westland, "consent-closed-trail");

    // The brief names the ground.
    await navigateInApp(westland, `${trailUrl}/statusbrief`);
    expect(await westland.getByTestId("withheld-ground").textContent()).toContain("Strijd met het algemeen belang");
    await expectAccessible(westland);
    await screenshots(westland, "consent-status-brief");

    // Findable on the overview and in the trail list as recently closed, with its closing date.
    await navigateInApp(westland, `${baseUrl()}/overzicht`);
    await westland.getByLabel("Status", { exact: true }).selectOption({ label: "Gesloten in de laatste 90 dagen" });
    await westland.getByRole("button", { name: "Filteren" }).click();
    await westland.waitForURL(/status=recentlyClosed/);
    const closedRow = westland.getByRole("row").filter({ hasText: title });
    expect(await closedRow.textContent()).toContain("Niet tot stand gekomen");
    // Its closing date: the day of the deciding meeting (today's, in this run).
    expect(await closedRow.textContent()).toMatch(/\d{1,2} [a-z]+ 20\d\d/);
    await expectAccessible(westland);
    await screenshots(westland, "consent-overview-recently-closed");
    await navigateInApp(westland, `${baseUrl()}/trajecten?status=recentlyClosed`);
    expect(await westland.getByRole("row").filter({ hasText: title }).textContent()).toContain("Gesloten op");
    await expectAccessible(westland);
    await screenshots(westland, "consent-trail-list-recently-closed");

    expect(errors).toEqual([]);
    for (const page of [secretary, rijswijk, westland]) await page.context().close();
  }, 400_000);
});

describe("sending the note asks the councils (Legal 3)", () => {
  it("a procurement trail waits in preparation; sending its note marks every council received", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    const title = `Uitgangspuntennotitie inkoop ${Date.now()}`;
    const trailUrl = await startTrail(page, "PROCUREMENT", title);
    expect(await state(page)).toBe("In voorbereiding: nog niet naar de raden");
    expect(await page.locator('tr[data-municipality="Delft"] [data-column="received"]').textContent()).toContain(
      "Nog niet ontvangen",
    );
    await navigateInApp(page, `${trailUrl}/documenten/nieuw`);
    await page.getByLabel("Soort document").selectOption({ label: "Raadsinformatiebrief" });
    await page.getByLabel("Titel").fill("Uitgangspuntennotitie inkoop en bekostiging");
    await page.getByRole("button", { name: "Document maken" }).click();
    // A new document opens in the editor; it is sent from its own page.
    await page.waitForURL(/\/documenten\/[^/]+\/bewerken/);
    const documentUrl = page.url().replace(/\/bewerken.*$/, "");
    await navigateInApp(page, documentUrl);
    // Before the send, the page says that it is the step that asks the councils and starts their terms.
    expect(await page.locator("#send-step").textContent()).toMatch(
      /^Verzenden is ook de stap ‘.+’: het traject gaat naar de volgende fase, en de \d+ deelnemende raden krijgen/,
    );
    await page.getByLabel(/Ik bevestig dat revisie 1 naar de raden gaat/).check();
    await page.getByRole("button", { name: "Revisie 1 naar de raden sturen" }).click();
    await page.getByText(/naar de raden gestuurd en vastgezet/).waitFor();
    await navigateInApp(page, trailUrl);
    expect(await state(page)).toBe("Wensen en bedenkingen van de raden gevraagd");
    for (const council of COUNCILS)
      expect(await page.locator(`tr[data-municipality="${council}"] [data-column="received"]`).textContent()).toContain(
        "Ontvangen",
      );
    await expectAccessible(page);
    await screenshots(page, "consent-procurement-sent");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 200_000);
});
