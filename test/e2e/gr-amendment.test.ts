import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  expectAccessible,
  browserForFile,
  hydrated,
  navigateInApp,
  MEMBER_COUNCILS,
  newPage,
  openStepForm,
  signedIn,
} from "./helpers";
import { logPosition, state, step } from "./trail-steps";

const browser = browserForFile();

const COUNCILS = MEMBER_COUNCILS;

async function processPosition(page: Page, positionUrl: string, outcome: string, location: string) {
  await navigateInApp(page, positionUrl);
  await page.getByLabel("Verwerking", { exact: true }).selectOption({ label: outcome });
  await page.getByLabel("Toelichting").fill("Verwerkt in het definitieve wijzigingsvoorstel.");
  await page.getByLabel("Plaats in het document").fill(location);
  await page.getByRole("button", { name: "Verwerking opslaan" }).click();
  await page.getByTestId("processing").waitFor();
}

describe("a GR amendment in the browser, from start to in force", () => {
  it("runs through every council's view and consent, and is in force only after the last consent", async () => {
    const { page: secretary, errors } = await newPage(browser());
    await signedIn(secretary, "secretaris@h10.example");
    await navigateInApp(secretary, `${baseUrl()}/trajecten/nieuw`);
    await expectAccessible(secretary);
    await secretary.getByLabel("Soort").selectOption("GR_AMENDMENT");
    await secretary.getByLabel("Titel").fill("Wijziging GR Servicebureau Jeugdhulp Haaglanden 2027");
    const reference = `E2E-GR-${Date.now()}`;
    await secretary.getByLabel("Kenmerk").fill(reference);
    await secretary.getByLabel("Startdatum").fill("2026-11-01");
    await secretary.getByRole("button", { name: "Traject starten" }).click();
    await secretary.getByRole("heading", { level: 1, name: /2027/ }).waitFor();
    const trailUrl = secretary.url();
    expect(await state(secretary)).toBe("Beslispuntenmemo");
    // The nine members of today: Voorschoten left on 1 January 2024.
    expect(await secretary.locator("tr[data-municipality]").count()).toBe(9);

    await step(secretary, "Ontwerp naar de raden gestuurd");
    expect(await state(secretary)).toBe("Ontwerp bij de raden: termijn voor zienswijzen");
    // Sending the draft marked every council as having received it that day.
    for (const council of COUNCILS)
      expect(
        await secretary.locator(`tr[data-municipality="${council}"] [data-column="received"]`).textContent(),
      ).toContain("Ontvangen");
    // No council has a meeting in its eight weeks (the seed holds none): the pipeline's alarm names the trail.
    await navigateInApp(secretary, `${baseUrl()}/overzicht`);
    expect(await secretary.getByTestId("window-alarm").textContent()).toContain(
      "Wijziging GR Servicebureau Jeugdhulp Haaglanden 2027",
    );
    await expectAccessible(secretary);
    await navigateInApp(secretary, trailUrl);
    // The position form itself, with a validation error, passes the accessibility check.
    await secretary.getByRole("link", { name: "Standpunt vastleggen: Westland", exact: true }).click();
    await secretary.getByRole("button", { name: "Standpunt vastleggen" }).click();
    await expect.poll(() => secretary.getByText("Kies orgaan en soort standpunt.").count()).toBe(1);
    await expectAccessible(secretary);
    for (const council of COUNCILS.filter((c) => c !== "Delft" && c !== "Den Haag")) {
      await logPosition(secretary, trailUrl, council, "Raad: Geen reactie", {
        text: "De raad ziet af van een zienswijze.",
      });
    }

    // The clerk of Delft may log for Delft only, with the vote and an adopted amendment.
    const { page: clerk } = await newPage(browser());
    await signedIn(clerk, "griffier.delft@h10.example");
    await navigateInApp(clerk, trailUrl);
    const logLinks = await clerk
      .getByRole("link", { name: /^Standpunt vastleggen: / })
      .evaluateAll((links) => links.map((l) => l.getAttribute("aria-label")));
    expect(logLinks).toEqual(["Standpunt vastleggen: Delft"]);
    const delftPosition = await logPosition(clerk, trailUrl, "Delft", "Raad: Zienswijze", {
      text: "De raad vraagt de jaarlijkse verantwoording aan de raden in de regeling op te nemen.",
      votes: [30, 5, 2],
      reference: "Raadsbesluit 2026-11-22/7",
    });
    await navigateInApp(clerk, delftPosition);
    expect(await clerk.getByTestId("position-facts").textContent()).toContain("30 voor, 5 tegen, 2 onthouden");
    await clerk.getByLabel("Soort", { exact: true }).selectOption({ label: "Amendement" });
    await clerk.getByLabel("Titel").fill("Amendement A: jaarlijkse verantwoording");
    await clerk
      .getByLabel("Tekst", { exact: true })
      .fill("Voeg aan de zienswijze toe dat het bestuur jaarlijks verantwoording aflegt aan de raden.");
    await clerk.getByLabel("Uitslag").selectOption({ label: "aangenomen" });
    await clerk.getByRole("button", { name: "Amendement of motie toevoegen" }).click();
    await expect.poll(() => clerk.getByText("Amendement: Amendement A: jaarlijkse verantwoording").count()).toBe(1);
    // The council decision as a PDF attachment.
    await clerk.getByLabel("Bestand").setInputFiles({
      name: "Raadsbesluit Delft.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    await clerk.getByRole("button", { name: "Bijlage toevoegen" }).click();
    const attachment = clerk.getByRole("link", { name: "Raadsbesluit Delft.pdf" });
    await attachment.waitFor();
    const download = await clerk.request.get(new URL((await attachment.getAttribute("href"))!, baseUrl()).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect((await download.body()).toString()).toBe("%PDF-1.4\n%%EOF\n");
    await expectAccessible(clerk);

    const denHaagPosition = await logPosition(secretary, trailUrl, "Den Haag", "Raad: Zienswijze", {
      text: "De raad vraagt om een sterkere rol bij de begroting.",
    });
    expect(await state(secretary)).toBe("Zienswijzen worden verwerkt");
    // Not past processing while a zienswijze is unprocessed.
    await (await openStepForm(secretary, "Zienswijzen verwerkt")).getByRole("button").click();
    await expect
      .poll(() => secretary.getByRole("alert").textContent())
      .toContain("Eerst moeten alle standpunten verwerkt zijn: nog 2 te verwerken.");
    await processPosition(secretary, delftPosition, "Overgenomen", "Artikel 31 lid 2");
    await processPosition(secretary, denHaagPosition, "Deels overgenomen", "Artikel 24");
    await expectAccessible(secretary);
    // Processed, but not past the board's step while a zienswijze has no written answer (the answer ledger).
    await navigateInApp(secretary, trailUrl);
    await (await openStepForm(secretary, "Zienswijzen verwerkt")).getByRole("button").click();
    await expect
      .poll(() => secretary.getByRole("alert").textContent())
      .toContain("Eerst moet het dagelijks bestuur elke zienswijze schriftelijk beantwoorden: nog 2 zienswijzen");
    await secretary.getByRole("link", { name: "Alle zienswijzen en antwoorden" }).click();
    await secretary.getByRole("heading", { level: 1, name: "Zienswijzen en antwoorden" }).waitFor();
    expect(await secretary.getByTestId("unanswered").count()).toBe(2);
    await expectAccessible(secretary);
    for (const council of ["Delft", "Den Haag"]) {
      await secretary.getByRole("link", { name: `Zienswijze van ${council} beantwoorden` }).click();
      await secretary.getByRole("heading", { level: 1, name: `Zienswijze van ${council} beantwoorden` }).waitFor();
      await hydrated(secretary);
      if (council === "Delft") {
        // Too short: a Dutch error at the field, nothing saved.
        await secretary.getByLabel("Antwoord, met de redenen").fill("Akkoord.");
        await secretary.getByRole("button", { name: "Antwoord vastleggen" }).click();
        await secretary.getByText("Schrijf een gemotiveerd antwoord: minstens 20 tekens.").waitFor();
        await expectAccessible(secretary);
      }
      await secretary
        .getByLabel("Antwoord, met de redenen")
        .fill(`Het bestuur neemt de zienswijze van ${council} over in het definitieve wijzigingsvoorstel.`);
      await secretary.getByRole("button", { name: "Antwoord vastleggen" }).click();
      await secretary.getByRole("heading", { level: 1, name: "Zienswijzen en antwoorden" }).waitFor();
    }
    expect(await secretary.getByTestId("answer").count()).toBe(2);
    expect(await secretary.getByTestId("unanswered").count()).toBe(0);
    const letterHref = await secretary
      .getByRole("link", { name: "Brief aan de raad van Delft (PDF)" })
      .getAttribute("href");
    const letter = await secretary.request.get(`${baseUrl()}${letterHref}`);
    expect(letter.headers()["content-type"]).toBe("application/pdf");
    await navigateInApp(secretary, trailUrl);
    await step(secretary, "Zienswijzen verwerkt");
    expect(await state(secretary)).toBe("Toestemming van de raden gevraagd");

    for (const council of COUNCILS.filter((c) => c !== "Rijswijk")) {
      await logPosition(secretary, trailUrl, council, "Raad: Toestemming gegeven", {
        text: "De raad geeft toestemming voor de wijziging.",
      });
    }
    // Eight of nine councils consented: not yet adopted.
    expect(await state(secretary)).toBe("Toestemming van de raden gevraagd");
    // The alderman's overview shows the new count.
    const { page: alderman } = await newPage(browser());
    await signedIn(alderman, "wethouder.zoetermeer@h10.example");
    await navigateInApp(alderman, `${baseUrl()}/overzicht?kind=GR_AMENDMENT`);
    expect(await alderman.locator(`tr[data-trail="${reference}"] [data-testid="progress"]`).textContent()).toBe(
      "8 van 9 raden hebben ingestemd",
    );
    await alderman.context().close();

    const { page: rijswijk } = await newPage(browser());
    await signedIn(rijswijk, "griffier.rijswijk@h10.example");
    await logPosition(rijswijk, trailUrl, "Rijswijk", "Raad: Toestemming gegeven", {
      text: "De raad geeft toestemming.",
      votes: [25, 4, 0],
    });
    expect(await state(rijswijk)).toBe("Bekendmaking in de gemeentebladen");

    await navigateInApp(secretary, trailUrl);
    for (const council of COUNCILS) await step(secretary, "Bekendgemaakt in het gemeenteblad", council);
    // Closing the trail cannot be undone: its box is ticked first.
    await step(secretary, "In werking getreden", undefined, (form) => form.getByRole("checkbox").check());
    expect(await state(secretary)).toBe("In werking");
    expect(await secretary.locator('img[alt*="huidige stap: In werking"]').count()).toBe(1);
    // The matrix shows each council's consent, with the position one click away.
    const rijswijkRow = secretary.locator('tr[data-municipality="Rijswijk"]');
    expect(await rijswijkRow.getByRole("link", { name: /Toestemming gegeven/ }).count()).toBe(1);
    await expectAccessible(secretary);
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    for (const page of [secretary, clerk, rijswijk]) await page.context().close();
  }, 300_000);

  it("shows a withheld consent with its ground, and refuses one without reasons", async () => {
    const { page } = await newPage(browser());
    await signedIn(page, "griffier.den-haag@h10.example");
    await navigateInApp(page, `${baseUrl()}/trajecten`);
    await page.getByRole("link", { name: /Wijziging GR Servicebureau Jeugdhulp Haaglanden \(Wet/ }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The seeded amendment is still in its term for views: consent is not possible yet.
    // Not even collapsed: the form is not on the page at all.
    expect(await page.getByRole("form", { name: "Toestemming onthouden: Den Haag", includeHidden: true }).count()).toBe(
      0,
    );
    await page.context().close();
  });
});
