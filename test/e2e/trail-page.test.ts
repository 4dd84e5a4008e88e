import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, openStepForm, screenshot, signedIn } from "./helpers";

/*
 * The trail page in sections (issue 16, Readable 4): summary and matrix first, each step's form collapsed until
 * opened, the rest reachable from an in-page navigation, and a page no longer than a budget.
 *
 * Height budgets, from the scrollHeight of the document in this Chromium, on the seeded GR amendment
 * (H10-GR-2024) as the secretary, the page as it loads:
 *   before (every form open, the workflow diagram at the top, all deadlines listed):
 *     4,801 px at 1366×900, 11,099 px at 390×844
 *   after (forms, diagram and the full deadline list collapsed; empty matrix steps take no line on a phone):
 *     3,608 px at 1366×900,  6,926 px at 390×844
 * Without the timeline's list, on a fresh server: 3,280 px at 1366×900, 5,957 px at 390×844.
 * The budgets (measured without the timeline's list, which grows with the trail's events) leave about 12 % for a
 * longer title, and fail long before the page grows back to what it was. Most of what remains is the matrix itself (about 1,400 px tall at 1366 px, more on a
 * phone): nine councils, each with its state, date and deadline.
 * Issue 18 added three sections (council agendas, annexes, shared drafts). The agendas' and documents' lists, which
 * other browser tests lengthen first, are left out like the timeline's: 3,245 px at 1366, 5,329 px at 390.
 */
const BUDGET = { 1366: 3700, 390: 6800 } as const;

const browser = browserForFile();

/** Opens the seeded GR amendment from the trail list. */
async function openAmendment(page: Page) {
  await page.goto(`${baseUrl()}/trajecten`);
  await page
    .getByRole("row", { name: /H10-GR-2024/ })
    .getByRole("link")
    .click();
  await page.getByRole("heading", { level: 1, name: /Wijziging GR Servicebureau/ }).waitFor();
}

/** Where an element starts on the page, in CSS px from the top of the document. */
async function top(locator: Locator) {
  return locator.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

/**
 * The page's height without its timeline's list: other browser tests add events to the seeded trail (a sent
 * revision, a refused step), and the list grows with them whatever the page's layout.
 */
/**
 * The page's height without the lists that grow with what other test files add to the seeded trail on the shared
 * server before this one runs (its timeline, its council agendas, its documents): the budget is the page's own.
 */
async function pageHeight(page: Page) {
  return page.evaluate(() => {
    const growing = ["ol.h10-timeline", "section:has(#agenda) .h10-table-scroll", "section:has(#documents) > ul"];
    const lists = growing.flatMap((selector) => [...document.querySelectorAll(selector)]);
    return lists.reduce(
      (height, list) => height - list.getBoundingClientRect().height,
      document.documentElement.scrollHeight,
    );
  });
}

describe("the trail page in sections (issue 16, Readable 4)", () => {
  it("puts summary and matrix first, keeps the forms collapsed, passes axe and stays within its height budget", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    await page.setViewportSize({ width: 1366, height: 900 });
    await openAmendment(page);

    // The summary says the state and what is late: eight councils missed the term for a view.
    const summary = page.locator("section.h10-trail-summary");
    expect(await page.getByTestId("trail-state").textContent()).toBe("Ontwerp bij de raden: termijn voor zienswijzen");
    const late = (await page.getByTestId("late-summary").textContent())!.replace(/\s+/g, " ");
    expect(late).toContain("Zienswijze op het ontwerp (verlopen)");
    // Councils late on the same day share a line. Leidschendam-Voorburg: no browser test logs its council's view on
    // this trail (the import test confirms Delft's and the documents test logs Zoetermeer's, and the files of one
    // worker share a server in an order vitest chooses).
    expect(late).toMatch(/Leidschendam-Voorburg(, [A-Z][\w-]+)*: 8 maart 2024/);
    expect(late).not.toContain("Den Haag");

    // The order: summary, matrix, then the regional actions, deadlines, documents, money and history.
    const order = [
      summary,
      page.locator(".h10-matrix"),
      page.getByRole("heading", { level: 2, name: "Regionale stappen" }),
      page.getByRole("heading", { level: 2, name: "Termijnen" }),
      page.getByRole("heading", { level: 2, name: "Documenten" }),
      page.getByRole("heading", { level: 2, name: "Tijdlijn" }),
    ];
    const tops = [];
    for (const locator of order) tops.push(await top(locator));
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    // The matrix's section starts within the first screen (its heading and the count of states per council; the
    // table follows right below, at about 900 px when the second-factor notice stands above the title).
    expect(await top(page.getByRole("heading", { level: 2, name: "Goedkeuring per gemeente" }))).toBeLessThan(900);

    // Every form of a step and the target date are on the page but collapsed until opened.
    const stepForms = page.locator("form.h10-event-form");
    // One regional step, and the councils that may still correct their day of receipt: eight in the seed, fewer
    // when another file on this server has logged a council's view first (the import and documents tests do).
    const forms = await stepForms.count();
    expect(forms).toBeGreaterThanOrEqual(2);
    expect(forms).toBeLessThanOrEqual(9);
    expect(await page.locator("form.h10-event-form:visible").count()).toBe(0);
    expect(await page.getByRole("form", { name: "Streefdatum toevoegen", includeHidden: true }).count()).toBe(1);
    expect(await page.getByRole("form", { name: "Streefdatum toevoegen" }).count()).toBe(0);
    // The diagram is collapsed too; the timeline is not.
    expect(await page.locator(".h10-diagram img").isVisible()).toBe(false);
    expect(await page.locator("ol.h10-timeline").isVisible()).toBe(true);

    // The in-page navigation reaches every section it names.
    const nav = page.getByRole("navigation", { name: "Op deze pagina" });
    const targets = await nav.getByRole("link").evaluateAll((links) => links.map((l) => l.getAttribute("href")!));
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) expect(await page.locator(target).count(), target).toBe(1);

    await expectAccessible(page);

    // Heights at both widths, with the page as it loads; screenshots to look at.
    const heights: Record<number, number> = {};
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      heights[width] = await pageHeight(page);
      await screenshot(page, `trail-page-${width}`, { fullPage: true });
      await screenshot(page, `trail-page-top-${width}`);
    }
    console.log(`trail page height: ${heights[1366]} px at 1366×900, ${heights[390]} px at 390×844`);
    expect(heights[1366]).toBeLessThanOrEqual(BUDGET[1366]);
    expect(heights[390]).toBeLessThanOrEqual(BUDGET[390]);
    await page.setViewportSize({ width: 1366, height: 900 });

    // Opening a step shows its form in place, in its council's row; a refused step stays open with the reason
    // beside it. The first council that may still correct its day of receipt (Delft in the seed; another when a
    // file that ran first on this server logged Delft's view).
    const receipt = "Ontwerp ontvangen door de raad: ";
    const council = (await stepForms.evaluateAll((all) => all.map((f) => f.getAttribute("aria-label") ?? "")))
      .find((name) => name.startsWith(receipt))
      ?.slice(receipt.length);
    expect(council).toBeTruthy();
    const form = await openStepForm(page, `${receipt}${council}`);
    expect(await page.locator(`tr[data-municipality="${council}"]`).locator("form:visible").count()).toBe(1);
    await form.getByLabel("Datum").fill("2024-01-05");
    await form.getByRole("button").click();
    const refusal = page.getByRole("form", { name: `${receipt}${council}` }).getByTestId("refusal");
    await refusal.waitFor({ state: "visible" });
    expect(await refusal.textContent()).toContain("De ontvangstdatum ligt vóór de verzending van het ontwerp");
    await expectAccessible(page);
    await screenshot(page, "trail-page-refused-step-1366");
    // The refused post's 422 is the browser's own console line; nothing else.
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("opens a step's form without JavaScript", async () => {
    const context = await browser().newContext({ locale: "nl-NL", javaScriptEnabled: false });
    const page = await context.newPage();
    await signedIn(page, "secretaris@h10.example");
    await openAmendment(page);
    const name = "Termijn voor zienswijzen gesloten";
    expect(await page.getByRole("form", { name, exact: true }).count()).toBe(0);
    await page.locator("summary", { hasText: name }).click();
    await page.getByRole("form", { name, exact: true }).waitFor({ state: "visible" });
    // The in-page navigation is plain links to the sections' headings.
    await page.getByRole("navigation", { name: "Op deze pagina" }).getByRole("link", { name: "Tijdlijn" }).click();
    expect(new URL(page.url()).hash).toBe("#history");
    await context.close();
  });
});
