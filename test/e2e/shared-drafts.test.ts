/**
 * Issue 18, shared drafts, in the browser: the clerk of Delft shares a model zienswijze (with a model amendment) with
 * the councils of a GR amendment; the clerk of Rijswijk starts from it with "Gebruik als basis" and changes a
 * sentence; the clerk of Westland adopts it unchanged. The matrix marks who joined and who changed it, the
 * differences show as <ins>/<del>, and axe checks the trail page with the new section in Dutch and English.
 */
import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInHttp, type HttpSession } from "../ops/http-client";
import {
  baseUrl,
  browserForFile,
  demoPassword,
  e2eDataDir,
  expectAccessible,
  hydrated,
  newPage,
  screenshots,
  signedIn,
  navigateInApp,
} from "./helpers";

const browser = browserForFile();

/** The model zienswijze of the Platform H10 Jeugd, in the words of seeds 001 and 003. */
const MODEL =
  "De raad vraagt het bestuur van de GR Servicebureau Jeugdhulp Haaglanden de democratische legitimiteit te versterken. " +
  "De raden ontvangen jaarlijks verslag over de uitvoering van de taken van het Servicebureau.";

/** A form post over HTTP, as the browser sends it; the answer's redirect target. */
async function post(session: HttpSession, path: string, fields: Record<string, string>) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie },
    body: new URLSearchParams({ csrf: session.csrf, ...fields }),
  });
  if (response.status >= 400) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.headers.get("Location");
}

/** A GR amendment of this test whose draft went to the councils, made over HTTP (its pages are tested elsewhere). */
async function amendmentSent(): Promise<string> {
  const secretary = await signInHttp(baseUrl(), "secretaris@h10.example", demoPassword());
  const location = await post(secretary, "/trajecten/nieuw", {
    kind: "GR_AMENDMENT",
    title: "Wijziging GR Servicebureau Jeugdhulp Haaglanden (gedeelde zienswijze)",
    reference: `E2E-GEDEELD-${Date.now()}`,
    startedOn: "2026-11-01",
  });
  const trailId = /\/trajecten\/([^/?#]+)/.exec(location ?? "")![1]!;
  await post(secretary, `/trajecten/${trailId}`, {
    intent: "event",
    type: "DRAFT_SENT",
    revision: "0",
    on: "2026-11-02",
  });
  return `${baseUrl()}/trajecten/${trailId}`;
}

function municipalityId(slug: string): string {
  const db = new Database(path.join(e2eDataDir(), "h10.db"), { readonly: true });
  const { id } = db.prepare("SELECT id FROM Municipality WHERE slug = ?").get(slug) as { id: string };
  db.close();
  return id;
}

async function clerk(slug: string): Promise<Page> {
  const { page } = await newPage(browser());
  await signedIn(page, `griffier.${slug}@h10.example`);
  return page;
}

describe("shared drafts across councils", () => {
  it("Delft shares a model zienswijze, Rijswijk changes a sentence, Westland adopts it; the matrix shows who did what", async () => {
    const trailUrl = await amendmentSent();

    // Delft's clerk shares the draft from the trail page.
    const delft = await clerk("delft");
    await navigateInApp(delft, trailUrl);
    await hydrated(delft);
    await delft.locator("summary", { hasText: "Een concept delen met de raden" }).click();
    const form = delft.getByRole("form", { name: "Een concept delen met de raden" });
    await form.getByLabel("Titel", { exact: true }).fill("Model-zienswijze Platform H10 Jeugd");
    await form.getByLabel("Voor welk standpunt").selectOption({ label: "Zienswijze" });
    await form.getByLabel("Concepttekst").fill(MODEL);
    await form.getByLabel("Model-amendement of motie (optioneel)").selectOption({ label: "Amendement" });
    await form.getByLabel("Titel van het amendement of de motie").fill("Amendement op beslispunt 3");
    await form
      .getByLabel("Tekst van het amendement of de motie")
      .fill("Beslispunt 3 aanvullen met: de raden worden twee keer per jaar geïnformeerd.");
    await form.getByRole("button", { name: "Concept delen" }).click();
    await delft.getByRole("heading", { level: 3, name: "Model-zienswijze Platform H10 Jeugd" }).waitFor();
    // The trail page opens at the new draft.
    const draftId = new URL(delft.url()).hash.replace("#draft-", "");

    // Rijswijk's clerk starts from it and changes a sentence; the council adopted the model amendment.
    const rijswijk = await clerk("rijswijk");
    await navigateInApp(rijswijk, trailUrl);
    await hydrated(rijswijk);
    await rijswijk.getByRole("link", { name: "Gebruik als basis voor het standpunt van Rijswijk" }).click();
    await rijswijk.getByTestId("started-from-draft").waitFor();
    await hydrated(rijswijk);
    const text = rijswijk.getByLabel("Tekst van het besluit of advies");
    expect(await text.inputValue()).toBe(MODEL);
    await text.fill(MODEL.replace("jaarlijks", "elk halfjaar"));
    await rijswijk.getByLabel("Amendement: Amendement op beslispunt 3").selectOption({ label: "Aangenomen" });
    // The form with the draft's model amendment (a control of its own) is checked once too.
    await expectAccessible(rijswijk);
    await rijswijk.getByRole("button", { name: "Standpunt vastleggen" }).click();
    await rijswijk.getByTestId("position-facts").waitFor();
    expect(await rijswijk.getByText("Amendement op beslispunt 3").count()).toBeGreaterThan(0);

    // Westland's clerk adopts it unchanged (the same link as Rijswijk's, for Westland).
    const westland = await clerk("westland");
    await navigateInApp(westland, `${trailUrl}/standpunt/${municipalityId("westland")}?concept=${draftId}`);
    await westland.getByTestId("started-from-draft").waitFor();
    await hydrated(westland);
    await westland.getByRole("button", { name: "Standpunt vastleggen" }).click();
    await westland.getByTestId("position-facts").waitFor();

    // The matrix marks who joined and who changed it; the differences are words added and removed.
    await navigateInApp(delft, trailUrl);
    await hydrated(delft);
    const row = (name: string) => delft.locator(`tr[data-municipality="${name}"]`);
    expect(await row("Westland").locator("[data-draft-mark]").textContent()).toBe(
      "Gedeeld concept overgenomen: Model-zienswijze Platform H10 Jeugd",
    );
    await row("Rijswijk").getByRole("link", { name: "bekijk de verschillen" }).click();
    const differences = delft.locator('details[data-changed-by="Rijswijk"]');
    if (!(await differences.evaluate((d: HTMLDetailsElement) => d.open))) await differences.locator("summary").click();
    expect(await differences.locator("del").textContent()).toBe("weggelaten: jaarlijks (einde wijziging)");
    expect(await differences.locator("ins").textContent()).toBe("toegevoegd: elk halfjaar (einde wijziging)");
    expect(await delft.getByText("Overgenomen zonder wijziging: Westland").count()).toBe(1);
    // Readable at 1366 and 390 px, nothing spilling sideways on the phone.
    await screenshots(delft, "shared-drafts");
    // With the publishing form open, so that axe checks its fields as well.
    await delft.locator("summary", { hasText: "Een concept delen met de raden" }).click();
    await expectAccessible(delft);

    await delft.goto(`${trailUrl}?lng=en`);
    await delft.getByRole("heading", { level: 2, name: "Shared drafts" }).waitFor();
    expect(await row("Rijswijk").locator("[data-draft-mark]").textContent()).toContain("Shared draft changed");
    await expectAccessible(delft);
  });
});
