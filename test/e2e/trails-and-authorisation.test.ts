import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  expectAccessible,
  browserForFile,
  newPage,
  openAllDeadlines,
  openStepForm,
  signIn,
  signedIn,
} from "./helpers";

const browser = browserForFile();

async function openAmendment(page: Page) {
  await page.goto(`${baseUrl()}/trajecten`);
  await page.getByRole("link", { name: /\(Wet versterking democratische legitimiteit Wgr\)/ }).click();
  await page.getByRole("heading", { level: 1, name: /Wijziging GR Servicebureau/ }).waitFor();
}

function cell(page: Page, municipality: string, column: "received" | "position") {
  return page.locator(`tr[data-municipality="${municipality}"] td[data-column="${column}"]`);
}

describe("trails and what a clerk may do", () => {
  it("lists the five seeded trails with kind and state", async () => {
    const { page, errors } = await newPage(browser());
    await signIn(page, "wethouder.rijswijk@h10.example");
    await page.waitForURL(`${baseUrl()}/dashboard`);
    await page.getByRole("link", { name: "Trajecten" }).click();
    await page.getByRole("heading", { level: 1, name: "Trajecten" }).waitFor();
    // The five seeded trails (other tests may have started more).
    for (const reference of [
      "H10-VISIE-2017",
      "H10-INKOOP-2018",
      "H10-GR-2024",
      "H10-UIT-VOORSCHOTEN",
      "H10-BEGR-2025",
    ]) {
      expect(await page.getByRole("cell", { name: reference, exact: true }).count()).toBe(1);
    }
    for (const kind of [
      "Regiovisie",
      "Inkoopstrategie",
      "Wijziging gemeenschappelijke regeling",
      "Uittreding",
      "Begrotingscyclus",
    ]) {
      expect(await page.getByRole("cell", { name: kind, exact: true }).count()).toBeGreaterThanOrEqual(1);
    }
    expect(await page.getByText("Bestuur GR in kennis gesteld").count()).toBe(1);
    await page.getByLabel("Soort").selectOption("EXIT");
    await page.getByRole("button", { name: "Filteren" }).click();
    await page.waitForURL(/kind=EXIT/);
    await expect
      .poll(async () =>
        (await page.locator("table tbody tr").allTextContents()).every((row) => row.includes("Uittreding")),
      )
      .toBe(true);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a clerk records receipt for their own council and is offered nothing for others", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "griffier.pijnacker-nootdorp@h10.example");
    await openAmendment(page);
    // One step of its own, collapsed until opened; none for another council.
    const buttons = page.getByRole("button", { name: /^Ontwerp ontvangen door de raad/, includeHidden: true });
    expect(await buttons.count()).toBe(1);
    // Sending the draft on 12 January 2024 marked every council as having received it; the clerk records the real day.
    expect(await cell(page, "Pijnacker-Nootdorp", "received").textContent()).toContain("Ontvangen, 12 januari 2024");
    const form = await openStepForm(page, "Ontwerp ontvangen door de raad: Pijnacker-Nootdorp");
    await form.getByLabel("Datum").fill("2024-01-18");
    await buttons.click();
    await expect
      .poll(() => cell(page, "Pijnacker-Nootdorp", "received").textContent())
      .toContain("Ontvangen, 18 januari 2024");
    expect(await cell(page, "Pijnacker-Nootdorp", "position").textContent()).toContain(
      "Ontwerp ontvangen, 18 januari 2024",
    );
    expect(await page.getByRole("status").textContent()).toContain("Vastgelegd: Ontwerp ontvangen door de raad.");
    // The eight-week term now shows as a deadline for this council.
    await openAllDeadlines(page);
    expect(
      await page
        .getByRole("row")
        .filter({ hasText: "Zienswijze op het ontwerp" })
        .filter({ hasText: "Pijnacker-Nootdorp" })
        .textContent(),
    ).toContain("14 maart 2024");
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a clerk posting for another municipality gets 403 and nothing is written", async () => {
    const { page } = await newPage(browser());
    await signedIn(page, "griffier.delft@h10.example");
    await openAmendment(page);
    const before = await cell(page, "Leidschendam-Voorburg", "received").textContent();
    const trailUrl = page.url();
    // Forge the form post with the clerk's own session, a valid CSRF token and the current revision.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const revision = (await page.locator("dl[data-revision]").getAttribute("data-revision"))!;
    const ids = await municipalityIds();
    const response = await page.request.post(trailUrl, {
      form: {
        csrf,
        intent: "event",
        type: "DRAFT_RECEIVED",
        revision,
        municipalityId: ids["Leidschendam-Voorburg"]!,
        on: "2024-02-01",
      },
    });
    expect(response.status()).toBe(403);
    await page.reload();
    expect(await cell(page, "Leidschendam-Voorburg", "received").textContent()).toBe(before);
    await page.context().close();
  });
});

/** The ids of the municipalities, read from the administrator's user form. */
async function municipalityIds(): Promise<Record<string, string>> {
  const admin = await browser().newContext();
  const adminPage = await admin.newPage();
  await signedIn(adminPage, "beheer@h10.example");
  await adminPage.goto(`${baseUrl()}/beheer/inwoners`);
  const options = await adminPage
    .locator('select[name="municipalityId"] option')
    .evaluateAll((nodes) =>
      nodes.map((node) => [(node as HTMLOptionElement).textContent ?? "", (node as HTMLOptionElement).value]),
    );
  await admin.close();
  return Object.fromEntries(options.filter(([, value]) => value));
}
