import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  expectAccessible,
  browserForFile,
  newPage,
  openAllDeadlines,
  openStepForm,
  screenshot,
  screenshots,
  signedIn,
  navigateInApp,
} from "./helpers";

const browser = browserForFile();

async function revision(page: Page) {
  return Number(await page.locator("dl[data-revision]").getAttribute("data-revision"));
}

/** One dated workflow step from the trail page; waits for the new revision. */
async function step(page: Page, event: string, on: string, municipality?: string) {
  const before = await revision(page);
  const form = await openStepForm(page, municipality ? `${event}: ${municipality}` : event);
  await form.getByLabel("Datum").fill(on);
  await form.getByRole("button").click();
  await expect.poll(() => revision(page).catch(() => before)).toBeGreaterThan(before);
}

describe("deadlines in the browser (issue 16)", () => {
  it(
    "warns before a late zienswijze is saved, shows it as late, and cites the Atw where a term was extended",
    // A long flow (36 s on an idle machine): room for a busy one.
    { timeout: 150_000 },
    async () => {
      const { page: secretary, errors } = await newPage(browser());
      await signedIn(secretary, "secretaris@h10.example");
      await secretary.goto(`${baseUrl()}/trajecten/nieuw`);
      await secretary.getByLabel("Soort").selectOption("GR_AMENDMENT");
      await secretary.getByLabel("Titel").fill("Wijziging GR termijnen 2024");
      await secretary.getByLabel("Kenmerk").fill(`E2E-TERMIJN-${Date.now()}`);
      await secretary.getByLabel("Startdatum").fill("2024-01-02");
      await secretary.getByRole("button", { name: "Traject starten" }).click();
      await secretary.getByRole("heading", { level: 1, name: "Wijziging GR termijnen 2024" }).waitFor();
      const trailUrl = secretary.url();
      await step(secretary, "Ontwerp naar de raden gestuurd", "2024-01-10");
      await step(secretary, "Ontwerp ontvangen door de raad", "2024-01-15", "Delft");
      // Eight weeks from 5 February 2024 end on Easter Monday: the term runs to Tuesday 2 April.
      await step(secretary, "Ontwerp ontvangen door de raad", "2024-02-05", "Den Haag");

      // The clerk enters a meeting after the deadline: warned in the browser and by the server; saved once confirmed.
      const { page: clerk, errors: clerkErrors } = await newPage(browser());
      await signedIn(clerk, "griffier.delft@h10.example");
      await navigateInApp(clerk, trailUrl);
      await clerk.getByRole("link", { name: "Standpunt vastleggen: Delft", exact: true }).click();
      await clerk.getByRole("heading", { level: 1, name: "Standpunt vastleggen voor Delft" }).waitFor();
      await clerk.getByLabel("Orgaan en soort standpunt").selectOption({ label: "Raad: Zienswijze" });
      await clerk.getByLabel("Datum van de vergadering").fill("2024-03-28");
      await clerk.getByLabel("Tekst van het besluit of advies").fill("De raad vraagt om meer ruimte voor de raden.");
      const warning = clerk.getByRole("alert").filter({ hasText: "Te laat." });
      await warning.waitFor();
      expect((await warning.textContent())?.replace(/\s+/g, " ")).toContain(
        "De vergaderdatum (28 maart 2024) ligt na de termijn, die eindigde op 11 maart 2024.",
      );
      // Without the box ticked the server answers with the same warning and saves nothing.
      await clerk.getByRole("button", { name: "Standpunt vastleggen" }).click();
      await clerk.getByLabel("Ja, leg dit standpunt vast als te laat gegeven").waitFor();
      expect(clerk.url()).toContain("/standpunt/");
      await expectAccessible(clerk);
      await screenshots(clerk, "late-zienswijze-warning");
      await clerk.getByLabel("Ja, leg dit standpunt vast als te laat gegeven").check();
      await clerk.getByRole("button", { name: "Standpunt vastleggen" }).click();
      await clerk.getByTestId("position-late").waitFor();
      expect((await clerk.getByTestId("position-facts").textContent())?.replace(/\s+/g, " ")).toContain(
        "28 maart 2024 te laat (termijn tot en met 11 maart 2024)",
      );
      const positionUrl = clerk.url();

      // The trail page: the matrix and the deadline table say late, never met; Den Haag's term is extended, cited.
      await navigateInApp(secretary, trailUrl);
      const delft = secretary.locator('tr[data-municipality="Delft"]');
      // The matrix writes the state out (with a symbol beside it, hidden from screen readers).
      expect(await delft.locator('[data-column="council"]').getAttribute("data-state")).toBe("late");
      expect((await delft.locator('[data-column="council"]').textContent())?.replace(/\s+/g, " ")).toContain(
        "te laat: Zienswijze, 28 maart 2024",
      );
      expect(await delft.locator('[data-column="council"]').textContent()).toContain("te laat, nog niet beoordeeld");
      await openAllDeadlines(secretary);
      const deadlines = secretary.getByRole("table", { name: "Termijnen van dit traject" });
      const delftDeadline = (await deadlines.getByRole("row", { name: /Delft/ }).textContent())!.replace(/\s+/g, " ");
      expect(delftDeadline).toContain("11 maart 2024 (te laat: pas op 28 maart 2024)");
      expect(delftDeadline).not.toContain("gehaald");
      const haagDeadline = (await deadlines.getByRole("row", { name: /Den Haag/ }).textContent())!.replace(/\s+/g, " ");
      expect(haagDeadline).toContain(
        "De termijn eindigde op 1 april 2024 (tweede Paasdag); verlengd tot 2 april 2024 (Algemene termijnenwet, art. 1).",
      );
      await expectAccessible(secretary);
      await screenshots(secretary, "late-and-extended-trail");
      // Close-ups of the two places that changed, to read the states at a glance.
      await screenshot(secretary.locator(".h10-matrix"), "late-and-extended-matrix-1366");
      await screenshot(deadlines, "late-and-extended-deadlines-1366");
      await secretary.setViewportSize({ width: 390, height: 844 });
      await screenshot(deadlines, "late-and-extended-deadlines-390");
      await secretary.setViewportSize({ width: 1366, height: 900 });

      // The secretary's pipeline marks it as late.
      await navigateInApp(secretary, `${baseUrl()}/overzicht`);
      const listed = secretary.getByRole("listitem").filter({ hasText: "Wijziging GR termijnen 2024" });
      expect(await listed.filter({ hasText: "Zienswijze: Delft" }).textContent()).toContain("te laat");

      // The secretary decides whether the late view counts, when processing it.
      await navigateInApp(secretary, positionUrl);
      await secretary.getByLabel("Verwerking", { exact: true }).selectOption({ label: "Niet overgenomen" });
      await secretary.getByLabel("Toelichting").fill("Na de termijn ontvangen.");
      await secretary.getByLabel("Plaats in het document").fill("Nota van beantwoording, §1");
      await secretary.getByLabel("Telt dit te late standpunt mee?").selectOption({ label: "Telt niet mee" });
      await secretary.getByRole("button", { name: "Verwerking opslaan" }).click();
      await secretary.getByTestId("processing").waitFor();
      expect(await secretary.getByTestId("processing").textContent()).toContain("Telt niet mee");
      await expectAccessible(secretary);

      // The status brief says it too.
      await navigateInApp(secretary, `${trailUrl}/statusbrief`);
      expect(await secretary.getByTestId("brief-position-late").textContent()).toContain("11 maart 2024");
      expect(await secretary.locator('tr[data-municipality="Delft"] [data-column="council"]').textContent()).toContain(
        "te laat, telt niet mee",
      );
      await expectAccessible(secretary);
      await screenshots(secretary, "late-status-brief");
      // The one 422 is the server's answer to the unconfirmed late submit (the warning), which the browser logs.
      expect(errors).toEqual([]);
      expect(clerkErrors).toEqual([
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
      ]);
    },
  );
});
