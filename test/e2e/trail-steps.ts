/**
 * Steps of a trail in the browser, shared by the journey tests: a workflow step from the trail page, the trail's
 * state, and a position logged through its form.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { hydrated, navigateInApp, openStepForm } from "./helpers";

export async function revision(page: Page) {
  return Number(await page.locator("dl[data-revision]").getAttribute("data-revision"));
}

/** Submits one workflow step from the trail page and waits until the page shows the new revision. */
export async function step(
  page: Page,
  event: string,
  municipality?: string,
  fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>,
) {
  const before = await revision(page);
  const form = await openStepForm(page, municipality ? `${event}: ${municipality}` : event);
  if (fill) await fill(form);
  await form.getByRole("button").click();
  await expect
    .poll(
      async () => {
        const alert = page.locator('[role="alert"]');
        if (await alert.count())
          throw new Error(`${event} ${municipality ?? ""}: ${await alert.first().textContent()}`);
        return revision(page).catch(() => before);
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(before);
}

export const state = (page: Page) => page.getByTestId("trail-state").textContent();

/** Logs a position for a council through the position form, then returns to the trail page (as its link does). */
export async function logPosition(
  page: Page,
  trailUrl: string,
  municipality: string,
  option: string,
  fields: { text: string; votes?: [number, number, number]; reference?: string; meetingDate?: string },
) {
  if (page.url() !== trailUrl) await navigateInApp(page, trailUrl);
  await page.getByRole("link", { name: `Standpunt vastleggen: ${municipality}`, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: `Standpunt vastleggen voor ${municipality}` }).waitFor();
  await hydrated(page);
  await page.getByLabel("Orgaan en soort standpunt").selectOption({ label: option });
  await page.getByLabel("Tekst van het besluit of advies").fill(fields.text);
  if (fields.votes) {
    await page.getByLabel("Voor", { exact: true }).fill(String(fields.votes[0]));
    await page.getByLabel("Tegen", { exact: true }).fill(String(fields.votes[1]));
    await page.getByLabel("Onthouden", { exact: true }).fill(String(fields.votes[2]));
  }
  if (fields.reference) await page.getByLabel("Kenmerk van het besluit").fill(fields.reference);
  if (fields.meetingDate) await page.getByLabel("Datum van de vergadering").fill(fields.meetingDate);
  await page.getByRole("button", { name: "Standpunt vastleggen" }).click();
  await page.getByTestId("position-facts").waitFor();
  const positionUrl = page.url();
  await navigateInApp(page, trailUrl);
  return positionUrl;
}
