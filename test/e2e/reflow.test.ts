import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, screenshot, signedIn, navigateInApp } from "./helpers";

/*
 * Reflow (WCAG 1.4.10): at 320 CSS px nothing scrolls sideways but a wide table inside an explicitly
 * scrollable region (role="region", tabindex="0", its own label). Names and words in tables stay whole at
 * every width: a word broken across lines ("Lei dsc hen da m-Voo rbu rg") fails. At 390 px a table of up to
 * three columns (a name and its amounts or dates) fits without scrolling.
 */

const browser = browserForFile();

/** What sticks out of the page sideways, outside the scrollable regions (empty when the page reflows). */
function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const width = root.clientWidth;
    const inRegion = (el: Element) => el.closest('[role="region"][tabindex="0"]') !== null;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (right ${Math.round(el.getBoundingClientRect().right)} > ${width})`;
    const offenders = [...document.body.querySelectorAll("*")].filter(
      (el) => el.getBoundingClientRect().right > width + 0.5 && !inRegion(el),
    );
    // The outermost offenders name the culprit; their children stick out with them.
    const outermost = offenders.filter((el) => !offenders.includes(el.parentElement!));
    return [`scrollWidth ${root.scrollWidth} > clientWidth ${width}`, ...outermost.slice(0, 8).map(describe)];
  });
}

/** Words in table cells that the browser broke across lines, with the rows they were in. */
function brokenWords(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll("table th, table td")) {
      if (!(cell as HTMLElement).offsetParent) continue; // not rendered
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(".h10-visually-hidden, [aria-hidden='true'] *, select, button")) continue;
        // A hyphen or a slash is a fair place to break a name ("Leidschendam-|Voorburg"); inside a word is not.
        for (const match of node.textContent!.matchAll(/[^\s\-/–·,;:()]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return [...new Set(broken)];
  });
}

/**
 * The captions of the tables of at most three columns that do not fit their width, so scroll inside their region:
 * on a phone a table of a name and one or two amounts or dates shows whole (its text a size smaller there, the
 * cells' padding narrower; app/styles/theme.css).
 */
function crampedNarrowTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".h10-table-scroll")]
      .filter((region) => region.querySelectorAll("thead th").length <= 3 && region.scrollWidth > region.clientWidth)
      .map(
        (region) => `${region.querySelector("caption")?.textContent} (+${region.scrollWidth - region.clientWidth} px)`,
      ),
  );
}

async function pagesToCheck(page: Page) {
  await page.goto(`${baseUrl()}/trajecten`);
  const trails = await page.locator("table tbody tr").evaluateAll((rows) =>
    rows.map((row) => ({
      href: row.querySelector("a")!.getAttribute("href")!,
      kind: row.querySelectorAll("td")[0]?.textContent ?? "",
    })),
  );
  // One trail page of each seeded kind (other test files may have started more trails of a kind).
  const byKind = new Map<string, string>();
  for (const trail of trails) if (!byKind.has(trail.kind)) byKind.set(trail.kind, trail.href);
  expect(byKind.size).toBeGreaterThanOrEqual(4);
  const trailPages = [...byKind.values()];
  return {
    trailPages,
    paths: [
      "/regio",
      "/dashboard",
      "/overzicht",
      "/trajecten",
      ...trailPages,
      `${trailPages[0]}/stemmingen`,
      "/verdeelsleutels",
      "/vergaderingen",
      "/instellingen",
      "/openbaar",
      "/openbaar/H10-BEGR-2025",
    ],
  };
}

describe("reflow at 320 CSS px and whole names in tables", () => {
  it("the check itself sees a page that scrolls sideways and a word broken in a cell", async () => {
    const { page } = await newPage(browser());
    await page.setViewportSize({ width: 320, height: 640 });
    await page.setContent(
      '<!doctype html><html lang="nl"><body style="margin:0"><div style="width:400px">breed</div>' +
        '<table><tr><th style="width:2ch;word-break:break-all">Leidschendam</th></tr></table></body></html>',
    );
    expect(await horizontalOverflow(page)).not.toEqual([]);
    expect(await brokenWords(page)).toEqual(["Leidschendam"]);
    // A wide table inside a labelled, focusable scroll region is allowed.
    await page.setContent(
      '<!doctype html><html lang="nl"><body style="margin:0"><div role="region" tabindex="0" aria-label="t" ' +
        'style="overflow-x:auto"><div style="width:900px">breed</div></div></body></html>',
    );
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.context().close();
  });

  for (const who of ["secretaris@h10.example", "griffier.delft@h10.example"]) {
    it(`no page scrolls sideways at 320 px and no name breaks, for ${who}`, { timeout: 240_000 }, async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, who);
      await page.setViewportSize({ width: 1366, height: 900 });
      const { paths } = await pagesToCheck(page);
      const problems: Record<string, unknown> = {};
      for (const pagePath of paths) {
        await page.setViewportSize({ width: 1366, height: 900 });
        await navigateInApp(page, `${baseUrl()}${pagePath}`);
        expect(await page.locator("h1").count(), pagePath).toBe(1);
        // The page loaded once, then narrowed: the layout follows the width as it does on a turned phone.
        for (const width of [1366, 390, 320]) {
          await page.setViewportSize({ width, height: width === 1366 ? 900 : 844 });
          const overflow = width === 320 ? await horizontalOverflow(page) : [];
          const words = await brokenWords(page);
          const cramped = width === 390 ? await crampedNarrowTables(page) : [];
          if (overflow.length || words.length || cramped.length)
            problems[`${width} ${pagePath}`] = { overflow, words, cramped };
        }
      }
      expect(problems).toEqual({});
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("the approval matrix reflows into one block per municipality on a phone", { timeout: 120_000 }, async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    const { trailPages } = await pagesToCheck(page);
    for (const trail of trailPages) {
      await navigateInApp(page, `${baseUrl()}${trail}`);
      for (const width of [390, 320]) {
        await page.setViewportSize({ width, height: 844 });
        const region = page.locator(".h10-matrix-region");
        // The matrix itself does not scroll sideways either: it reflows.
        expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth), `${width} ${trail}`).toBeLessThanOrEqual(
          0,
        );
        // Each municipality's name stays on one line, and its block is as wide as the screen allows.
        const names = await page.locator(".h10-matrix tbody th[scope=row]").evaluateAll((cells) =>
          cells.map((cell) => ({
            name: cell.textContent,
            lines: Math.round(cell.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight)),
          })),
        );
        expect(names.length).toBeGreaterThan(0);
        for (const { name, lines } of names) expect(lines, `${width} ${trail} ${name}`).toBeLessThanOrEqual(2);
        // Nothing in a block spills out of its cell over the next one. A step with nothing yet is only for screen
        // readers in a block (a clipped 1 px cell, issue 16 Readable 4): it shows nothing that could spill.
        const spilling = await page.locator(".h10-matrix tbody th, .h10-matrix tbody td").evaluateAll((cells) =>
          cells
            .filter((cell) => cell.getBoundingClientRect().width > 1)
            .filter((cell) => cell.scrollHeight > cell.clientHeight + 1)
            .map((cell) => cell.textContent),
        );
        expect(spilling, `${width} ${trail}`).toEqual([]);
      }
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(
    "screenshots of the matrix, the trail list and the region at 1366 and 390 px; the phone layout passes axe",
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      const { trailPages } = await pagesToCheck(page);
      const gr = await page
        .getByRole("link", { name: /\(Wet versterking democratische legitimiteit Wgr\)/ })
        .getAttribute("href");
      const targets = [
        { name: "traject-matrix", path: gr ?? trailPages[0]! },
        { name: "trajecten", path: "/trajecten" },
        { name: "regio", path: "/regio" },
      ];
      // Each page loaded once at the desktop width, then narrowed to the phone's. axe checks the phone layout: the
      // desktop one is in the every-page check (accessibility.test.ts).
      for (const target of targets) {
        await page.setViewportSize({ width: 1366, height: 900 });
        await navigateInApp(page, `${baseUrl()}${target.path}`);
        for (const [width, height] of [
          [1366, 900],
          [390, 844],
        ] as const) {
          await page.setViewportSize({ width, height });
          await screenshot(page, `reflow-${target.name}-${width}`, { fullPage: true });
          if (target.name === "traject-matrix")
            await screenshot(page.locator(".h10-matrix-region"), `reflow-matrix-only-${width}`);
        }
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});

describe("on a phone", () => {
  it("the header is compact; its Menu opens without JavaScript and holds the menu, the unread count and sign-out", async () => {
    const context = await browser().newContext({ locale: "nl-NL", javaScriptEnabled: false });
    const page = await context.newPage();
    await signedIn(page, "griffier.delft@h10.example");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl()}/trajecten`);
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(80);
    // The skip link is still the first thing to tab to.
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Direct naar de inhoud");
    const menu = page.locator("summary", { hasText: "Menu" });
    expect(await menu.textContent()).toMatch(/Menu\s*\d+ ongelezen melding/);
    expect(await page.getByRole("button", { name: "English" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Uitloggen" }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press("Enter");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    for (const name of ["Overzicht", "Regio", "Trajecten", "Vergaderingen", "Instellingen"])
      expect(await page.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    expect(await nav.count()).toBe(1);
    expect(await page.getByRole("link", { name: /^Meldingen \(\d+\)$/ }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Uitloggen" }).isVisible()).toBe(true);
    await context.close();
    // The open menu passes axe (with scripts, which axe needs).
    const { page: withScripts, errors } = await newPage(browser());
    await signedIn(withScripts, "griffier.delft@h10.example");
    await withScripts.setViewportSize({ width: 390, height: 844 });
    await withScripts.goto(`${baseUrl()}/trajecten`);
    await withScripts.locator("summary", { hasText: "Menu" }).click();
    await withScripts.getByRole("button", { name: "Uitloggen" }).waitFor();
    await screenshot(withScripts, "reflow-menu-390");
    await expectAccessible(withScripts);
    expect(errors).toEqual([]);
    await withScripts.context().close();
  });

  it("selects show an arrow", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "secretaris@h10.example");
    await page.goto(`${baseUrl()}/trajecten`);
    const select = page.getByLabel("Soort");
    const style = await select.evaluate((el) => {
      const css = getComputedStyle(el);
      return { appearance: css.appearance, image: css.backgroundImage };
    });
    // Either the browser's own arrow or one drawn by the theme.
    expect(style.appearance !== "none" || style.image.includes("svg"), JSON.stringify(style)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(
    "the editor's toolbar is one row that scrolls, and the keyboard reaches its last button",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      await page.goto(`${baseUrl()}/trajecten`);
      await page.getByRole("link", { name: /\(Wet versterking democratische legitimiteit Wgr\)/ }).click();
      // A new document opens in the editor.
      await page.getByRole("link", { name: "Nieuw document" }).click();
      await page.getByLabel("Soort document").selectOption({ label: "Raadsinformatiebrief" });
      await page.getByLabel("Titel").fill("Brief voor de telefoon");
      await page.getByRole("button", { name: "Document maken" }).click();
      await page.getByRole("heading", { level: 1, name: "Brief voor de telefoon bewerken" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      const toolbar = page.getByRole("toolbar", { name: "Opmaak" });
      await toolbar.waitFor();
      const rows = await toolbar
        .getByRole("button")
        .evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);
      expect(rows).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await toolbar.getByRole("button", { name: "Ongedaan maken" }).focus();
      await page.keyboard.press("End");
      const last = await page.evaluate(() => {
        const el = document.activeElement!;
        const box = el.getBoundingClientRect();
        const bar = el.closest('[role="toolbar"]')!.getBoundingClientRect();
        return {
          label: el.getAttribute("aria-label"),
          visible: box.left >= bar.left - 1 && box.right <= bar.right + 1,
        };
      });
      expect(last).toEqual({ label: "Beslispunt", visible: true });
      await screenshot(page, "reflow-editor-390");
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
