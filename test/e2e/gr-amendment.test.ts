import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn } from "./helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const COUNCILS = ["Delft", "Den Haag", "Leidschendam-Voorburg", "Midden-Delfland", "Pijnacker-Nootdorp", "Rijswijk", "Wassenaar", "Westland", "Zoetermeer"];

async function revision(page: Page) {
  return Number(await page.locator("dl[data-revision]").getAttribute("data-revision"));
}

/** Submits one workflow step from the trail page and waits until the page shows the new revision. */
async function step(page: Page, event: string, municipality?: string, fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>) {
  const before = await revision(page);
  const form = page.getByRole("form", { name: municipality ? `${event}: ${municipality}` : event, exact: true });
  if (fill) await fill(form);
  await form.getByRole("button").click();
  await expect
    .poll(async () => {
      const alert = page.locator('[role="alert"]');
      if (await alert.count()) throw new Error(`${event} ${municipality ?? ""}: ${await alert.first().textContent()}`);
      return revision(page).catch(() => before);
    }, { timeout: 10_000 })
    .toBeGreaterThan(before);
}

const state = (page: Page) => page.getByTestId("trail-state").textContent();

describe("a GR amendment in the browser, from start to in force", () => {
  it("runs through every council's view and consent, and is in force only after the last consent", async () => {
    const { page: secretary, errors } = await newPage(browser);
    await signIn(secretary, "secretaris@h10.example");
    await secretary.waitForURL(`${baseUrl()}/regio`);
    await secretary.goto(`${baseUrl()}/trajecten/nieuw`);
    await expectAccessible(secretary);
    await secretary.getByLabel("Soort").selectOption("GR_AMENDMENT");
    await secretary.getByLabel("Titel").fill("Wijziging GR Servicebureau Jeugdhulp Haaglanden 2027");
    await secretary.getByLabel("Kenmerk").fill(`E2E-GR-${Date.now()}`);
    await secretary.getByLabel("Startdatum").fill("2026-11-01");
    await secretary.getByRole("button", { name: "Traject starten" }).click();
    await secretary.getByRole("heading", { level: 1, name: /2027/ }).waitFor();
    const trailUrl = secretary.url();
    expect(await state(secretary)).toBe("Beslispuntenmemo");
    // The nine members of today: Voorschoten left on 1 January 2023.
    expect(await secretary.locator("tr[data-municipality]").count()).toBe(9);

    await step(secretary, "Ontwerp naar de raden gestuurd");
    expect(await state(secretary)).toBe("Ontwerp bij de raden: termijn voor zienswijzen");
    for (const council of COUNCILS) await step(secretary, "Ontwerp ontvangen door de raad", council);
    for (const council of COUNCILS.filter((c) => c !== "Delft" && c !== "Den Haag")) await step(secretary, "Geen zienswijze", council);

    // A clerk sees the steps of their own council only.
    const { page: clerk } = await newPage(browser);
    await signIn(clerk, "griffier.delft@h10.example");
    await clerk.waitForURL(`${baseUrl()}/regio`);
    await clerk.goto(trailUrl);
    const forms = clerk.getByRole("form");
    const names = await forms.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? ""));
    expect(names.filter((n) => n.includes(":")).every((n) => n.endsWith(": Delft"))).toBe(true);
    expect(names).toContain("Zienswijze gegeven: Delft");
    await step(clerk, "Zienswijze gegeven", "Delft");
    await expectAccessible(clerk);

    await secretary.reload();
    await step(secretary, "Zienswijze gegeven", "Den Haag");
    expect(await state(secretary)).toBe("Zienswijzen worden verwerkt");
    await step(secretary, "Zienswijzen verwerkt");
    expect(await state(secretary)).toBe("Toestemming van de raden gevraagd");

    for (const council of COUNCILS.filter((c) => c !== "Rijswijk")) await step(secretary, "Toestemming gegeven", council);
    // Eight of nine councils consented: not yet adopted.
    expect(await state(secretary)).toBe("Toestemming van de raden gevraagd");

    const { page: rijswijk } = await newPage(browser);
    await signIn(rijswijk, "griffier.rijswijk@h10.example");
    await rijswijk.waitForURL(`${baseUrl()}/regio`);
    await rijswijk.goto(trailUrl);
    await step(rijswijk, "Toestemming gegeven", "Rijswijk");
    expect(await state(rijswijk)).toBe("Bekendmaking in de gemeentebladen");

    await secretary.reload();
    for (const council of COUNCILS) await step(secretary, "Bekendgemaakt in het gemeenteblad", council);
    await step(secretary, "In werking getreden");
    expect(await state(secretary)).toBe("In werking");
    expect(await secretary.locator('img[alt*="huidige stap: In werking"]').count()).toBe(1);
    // Started, then 39 steps: every one in the audit trail.
    expect(await secretary.locator(".h10-timeline li").count()).toBe(40);
    await expectAccessible(secretary);
    expect(errors).toEqual([]);
    for (const page of [secretary, clerk, rijswijk]) await page.context().close();
  }, 240_000);

  it("shows a withheld consent with its ground, and refuses one without reasons", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "griffier.den-haag@h10.example");
    await page.waitForURL(`${baseUrl()}/regio`);
    await page.goto(`${baseUrl()}/trajecten`);
    await page.getByRole("link", { name: /Wijziging GR Servicebureau Jeugdhulp Haaglanden \(Wet/ }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The seeded amendment is still in its term for views: consent is not possible yet.
    expect(await page.getByRole("form", { name: "Toestemming onthouden: Den Haag" }).count()).toBe(0);
    await page.context().close();
  });
});
