import { describe, expect, it } from "vitest";
import {
  baseUrl,
  browserForFile,
  expectAccessible,
  hydrated,
  newPage,
  openStepForm,
  signedIn,
  navigateInApp,
} from "./helpers";
import { logPosition, state, step } from "./trail-steps";

const browser = browserForFile();

const ZIENSWIJZEN = [
  [
    "Delft",
    "De raad stemt in met de ontwerpbegroting 2027 en vraagt om een halfjaarlijkse rapportage over wachttijden.",
  ],
  ["Den Haag", "De raad vraagt de stijging van de bijdrage te beperken tot de loon- en prijsindexatie."],
  ["Zoetermeer", "De raad vraagt het bestuur de raden vóór 15 april de kaderbrief te sturen."],
] as const;

describe("the budget cycle of a year in the browser", () => {
  it("kaderbrief, draft, three councils' zienswijzen, the board's answers, adoption and the budget to GS with its letter", async () => {
    const { page: secretary, errors } = await newPage(browser());
    await signedIn(secretary, "secretaris@h10.example");
    await secretary.goto(`${baseUrl()}/trajecten/nieuw`);
    await secretary.getByLabel("Soort").selectOption("BUDGET_CYCLE");
    await secretary.getByLabel("Titel").fill("Begroting 2027 GR Servicebureau Jeugdhulp Haaglanden");
    await secretary.getByLabel("Kenmerk").fill(`E2E-BEGR-${Date.now()}`);
    await secretary.getByLabel("Startdatum").fill("2026-01-05");
    await secretary.getByRole("button", { name: "Traject starten" }).click();
    await secretary.getByRole("heading", { level: 1, name: /Begroting 2027/ }).waitFor();
    const trailUrl = secretary.url();

    // The AB adopts the budget 2027 on 2 July 2026; the terms follow from that meeting.
    await step(secretary, "Begrotingscyclus plannen", undefined, (form) =>
      form.getByLabel("Datum van de AB-vergadering die vaststelt").fill("2026-07-02"),
    );
    await step(secretary, "Kaderbrief en voorlopige jaarrekening naar de raden gestuurd", undefined, (form) =>
      form.getByLabel("Datum").fill("2026-03-26"),
    );
    // Twelve weeks before 2 July is 9 April: the draft goes the day before.
    await step(secretary, "Ontwerp naar de raden gestuurd", undefined, (form) =>
      form.getByLabel("Datum").fill("2026-04-08"),
    );
    for (const [council, text] of ZIENSWIJZEN)
      await logPosition(secretary, trailUrl, council, "Raad: Zienswijze", { text, meetingDate: "2026-06-11" });
    // The councils' date (two weeks before the meeting, 18 June) passed: the others gave none.
    await step(secretary, "Termijn voor zienswijzen gesloten", undefined, (form) =>
      form.getByLabel("Datum").fill("2026-06-19"),
    );

    // Not before the board answered each zienswijze in writing.
    await secretary.getByTestId("ledger-count").waitFor();
    expect(await secretary.getByTestId("ledger-count").textContent()).toBe(
      "3 zienswijzen van raden, waarvan 3 nog zonder antwoord.",
    );
    const answered = (form: ReturnType<typeof secretary.getByRole>) => form.getByLabel("Datum").fill("2026-06-19");
    const early = await openStepForm(secretary, "Zienswijzen beantwoord en bij het ontwerp gevoegd");
    await answered(early);
    await early.getByRole("button").click();
    await expect
      .poll(() => secretary.getByRole("alert").textContent())
      .toContain(
        "Eerst moet het dagelijks bestuur elke zienswijze schriftelijk beantwoorden: nog 3 zienswijzen zonder antwoord.",
      );
    await navigateInApp(secretary, `${trailUrl}/antwoorden`);
    for (const [council] of ZIENSWIJZEN) {
      await secretary.getByRole("link", { name: `Zienswijze van ${council} beantwoorden` }).click();
      await hydrated(secretary);
      await secretary
        .getByLabel("Antwoord, met de redenen")
        .fill(`Het dagelijks bestuur neemt de zienswijze van ${council} over in de begroting 2027.`);
      await secretary.getByLabel("Datum van het antwoord").fill("2026-06-19");
      await secretary.getByRole("button", { name: "Antwoord vastleggen" }).click();
      await secretary.getByRole("heading", { level: 1, name: "Zienswijzen en antwoorden" }).waitFor();
    }
    expect(await secretary.getByTestId("answer").count()).toBe(3);
    await expectAccessible(secretary);

    await navigateInApp(secretary, trailUrl);
    await step(secretary, "Zienswijzen beantwoord en bij het ontwerp gevoegd", undefined, answered);
    // Adoption cannot be undone: confirmed on the form.
    await step(secretary, "Algemeen bestuur stelt de begroting vast", undefined, async (form) => {
      await form.getByLabel("Datum").fill("2026-07-02");
      await form.getByLabel(/Ik bevestig/).check();
    });
    // The letter to Gedeputeerde Staten goes with the adopted budget.
    const href = await secretary.getByRole("link", { name: /Brief aan Gedeputeerde Staten/ }).getAttribute("href");
    const letter = await secretary.request.get(`${baseUrl()}${href}`);
    expect(letter.status()).toBe(200);
    expect(letter.headers()["content-type"]).toBe("application/pdf");
    await step(secretary, "Begroting naar Gedeputeerde Staten gestuurd", undefined, async (form) => {
      await form.getByLabel("Datum").fill("2026-07-09");
      await form.getByLabel(/Ik bevestig/).check();
    });
    expect(await state(secretary)).toMatch(/Jaarstukken/);
    await expectAccessible(secretary);

    // Delft's clerk finds the board's answer in the council's inbox, with its letter.
    const { page: clerk } = await newPage(browser());
    await signedIn(clerk, "griffier.delft@h10.example");
    await navigateInApp(clerk, `${baseUrl()}/overzicht`);
    const answers = clerk.getByTestId("answers");
    expect(await answers.textContent()).toContain("Het dagelijks bestuur neemt de zienswijze van Delft over");
    const delftLetter = await clerk.request.get(
      `${baseUrl()}${await answers.getByRole("link", { name: "Brief (PDF)" }).first().getAttribute("href")}`,
    );
    expect(delftLetter.headers()["content-type"]).toBe("application/pdf");
    await clerk.context().close();
    // The one 422 is the server's refusal of the step before the answers, which the browser logs.
    expect(errors).toEqual([
      "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
    ]);
    await secretary.context().close();
  }, 300_000);
});
