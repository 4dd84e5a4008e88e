import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, screenshot, signedIn } from "./helpers";

const browser = browserForFile();

async function openTrail(page: Page, reference: string) {
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  await page.goto(`${baseUrl()}/trajecten`);
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link")
    .click();
  await page.getByRole("heading", { level: 2, name: "Financiële gevolgen" }).waitFor();
}

const squeeze = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ");

describe("the arrangement in the browser", () => {
  it("the exit calculator shows Voorschoten's notice dates, exit payment, overview and contracts, and answers what-if dates", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    await openTrail(page, "H10-UIT-VOORSCHOTEN");
    await page.getByRole("link", { name: "Uittredingscalculator" }).click();
    await page.getByRole("heading", { level: 1, name: "Uittreding: termijnen en kosten" }).waitFor();
    // Voorschoten took part until 2024 (seed 003): notice by 31 December 2022 for the exit on 1 January 2024.
    expect(await squeeze(page, "exit-dates")).toContain("31 december 2022");
    expect(await squeeze(page, "exit-payment")).toBe("3 × de jaarbijdrage van € 71.000,00 = € 213.000,00");
    const friction = page.getByRole("table", { name: "Verwachte frictiekosten (eenmalig)" });
    expect((await friction.getByRole("row", { name: /^Totaal/ }).textContent())?.replace(/\s+/g, " ")).toContain(
      "€ 213.000,00 + pm",
    );
    const structural = page.getByRole("table", { name: "Verwachte hogere structurele kosten (per jaar)" });
    expect((await structural.getByRole("row", { name: /^Totaal/ }).textContent())?.replace(/\s+/g, " ")).toContain(
      "€ 150.000,00 + pm",
    );
    const contracts = page.getByRole("table", { name: "Contracten en de uittredingsdatum 1 januari 2024" });
    expect(
      await contracts
        .getByRole("row", { name: /^Jeugdhulpplus/ })
        .getByRole("cell")
        .first()
        .textContent(),
    ).toBe("nee");
    await expectAccessible(page);

    // What if Voorschoten wished to leave on 1 January 2025?
    await page.getByLabel("Gewenste uittredingsdatum").fill("2025-01-01");
    await page.getByRole("button", { name: "Berekenen" }).click();
    await expect.poll(() => squeeze(page, "exit-dates")).toContain("31 december 2023");
    // A date that is not a 1 January is refused in Dutch.
    await page.getByLabel("Gewenste uittredingsdatum").fill("2025-03-01");
    await page.getByRole("button", { name: "Berekenen" }).click();
    await page.getByText("Een uittreding gaat in op 1 januari.").waitFor();
    await expectAccessible(page);

    // The annual contribution changes: the payment follows.
    await page.getByLabel("Jaarbijdrage van de uittredende gemeente").fill("72.500");
    await page.getByRole("button", { name: "Raming opslaan" }).click();
    await page.getByRole("status").getByText("De raming is opgeslagen.").waitFor();
    await expect.poll(() => squeeze(page, "exit-payment")).toBe("3 × de jaarbijdrage van € 72.500,00 = € 217.500,00");
    await page.getByLabel("Jaarbijdrage van de uittredende gemeente").fill("71.000");
    await page.getByRole("button", { name: "Raming opslaan" }).click();
    await expect.poll(() => squeeze(page, "exit-payment")).toBe("3 × de jaarbijdrage van € 71.000,00 = € 213.000,00");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a secretary records a weighted vote of the GR board and sees how it was computed", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    await openTrail(page, "H10-GR-2024");
    await page.getByRole("link", { name: "Stemmingen in het bestuur" }).click();
    await page.getByRole("heading", { level: 1, name: "Stemmingen in het bestuur van de GR" }).waitFor();
    await page.getByLabel("Onderwerp").fill("Ontwerpbegroting 2025 naar de raden");
    await page.getByLabel("Datum").fill("2024-04-10");
    await page.getByLabel("Vereiste meerderheid").selectOption("QUALIFIED");
    const ballot = (cluster: string) => page.getByRole("group", { name: `Bestuurslid ${cluster}` });
    await ballot("H1").getByLabel("Stem").selectOption({ label: "voor" });
    await ballot("H4").getByLabel("Stem").selectOption({ label: "voor" });
    await ballot("H5").getByLabel("Stem").selectOption({ label: "tegen" });
    // Without a year, the inhabitants of 2023 count, and those are missing: the app says so.
    await page.getByRole("button", { name: "Stemming vastleggen" }).click();
    await page
      .getByRole("alert")
      .getByText(/Inwonertallen ontbreken \(2023: Delft/)
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel("Inwoners van het jaar").fill("2022");
    await page.getByRole("button", { name: "Stemming vastleggen" }).click();
    await page.getByRole("status").getByText("De stemming is vastgelegd.").waitFor();
    const result = await squeeze(page, "vote-result");
    // H1 + H4 = 846,290 of 1,131,832 cast (H5 without Voorschoten, which left on 1 January 2023): 74.8 %, at least two thirds.
    expect(result).toContain("Uitslag: Aangenomen.");
    expect(result).toContain("Voor 846.290");
    // The weighted vote as a chart (issue 16): a named image, its weights also as a table.
    const chart = page.locator("figure.h10-chart", { has: page.locator("svg[role='img']") });
    expect(await chart.locator("details table td[data-weight]").first().getAttribute("data-weight")).toBe("846290");
    await expectAccessible(page);
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ]) {
      await page.setViewportSize({ width: width!, height: height! });
      await screenshot(chart, `board-vote-${width}`);
    }
    // The refused vote was answered 400, which the browser logs; nothing else may log an error.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await page.context().close();
  });
});
