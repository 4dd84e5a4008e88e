import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { signInHttp } from "../ops/http-client";
import { CHROMIUM_PATH } from "../ops/chromium";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * This worker's server (global-server.ts starts one per worker). Vitest numbers a project's workers from 1
 * (VITEST_POOL_ID); the files of one worker run one after another against the same server.
 */
export function e2eServer() {
  const servers = inject("e2eServers");
  const pool = Number(process.env.VITEST_POOL_ID ?? "1");
  return servers[(Math.max(1, pool) - 1) % servers.length]!;
}

export const baseUrl = () => e2eServer().baseUrl;
/** The data directory of this worker's server (its SQLite database is h10.db in it). */
export const e2eDataDir = () => e2eServer().dataDir;
export const serverPid = () => e2eServer().pid;

/** The nine members of the region today (Voorschoten left on 1 January 2023), as the trail pages list them. */
export const MEMBER_COUNCILS = [
  "Delft",
  "Den Haag",
  "Leidschendam-Voorburg",
  "Midden-Delfland",
  "Pijnacker-Nootdorp",
  "Rijswijk",
  "Wassenaar",
  "Westland",
  "Zoetermeer",
];
export const demoPassword = () => inject("demoPassword");

/** Where the server's stderr stands now (the e2e server's stderr goes to a file). */
export function serverStderrMark(): number {
  return fs.statSync(e2eServer().stderr).size;
}

/** What the server has written to stderr since the mark. */
export async function serverStderrSince(mark: number): Promise<string> {
  // The server writes its errors as it answers; give a last line a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return fs.readFileSync(e2eServer().stderr).subarray(mark).toString("utf8");
}

/** What the server writes to stderr while `run` runs. */
export async function serverStderrDuring(run: () => Promise<void>): Promise<string> {
  const mark = serverStderrMark();
  await run();
  return serverStderrSince(mark);
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // No back/forward cache: a navigation then reuses the renderer process instead of starting
      // another (about 15 % less CPU per page, measured on this suite's pages).
      "--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument",
    ],
  });
}

let workerBrowser: Promise<Browser> | undefined;

/**
 * The browser of this worker. A worker runs its files one after another in one process (the projects do not
 * isolate files), so they share one Chromium rather than each launching its own (a launch costs about 2 s of
 * CPU). Playwright stops it when the worker exits; a browser that went away is launched again.
 */
function workerBrowserInstance(): Promise<Browser> {
  workerBrowser ??= launchBrowser().then((browser) => {
    browser.on("disconnected", () => (workerBrowser = undefined));
    return browser;
  });
  return workerBrowser;
}

/** The browser for the test file's tests; what the file leaves open is closed after it. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await workerBrowserInstance();
  });
  afterAll(async () => {
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
  });
  return () => {
    if (!browser) throw new Error("The browser is not running yet");
    return browser;
  };
}

const ABORTED_ROUTE_LOOKUP = /^Failed to fetch manifest patches TypeError: Failed to fetch\b/;
// Remix logs the abort of a page's data request that the router cancelled before the answer's first line came
// (single fetch's fetchAndDecode). One cancelled later leaves rejections that app/entry.client.tsx handles.
// The abort made by a navigation carries that navigation's stack on the lines after.
const CANCELLED_DATA_REQUEST = /^AbortError: BodyStreamBuffer was aborted(\n|$)/;

/** A page that fails the test on any browser console error (CSP violations included). */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // Remix looks up the routes of links on the page in the background; a navigation that leaves the page
    // cuts that request off, and Remix logs the network abort. Any other failure of it is still an error.
    const text = message.text();
    if (message.type() === "error" && !ABORTED_ROUTE_LOOKUP.test(text) && !CANCELLED_DATA_REQUEST.test(text))
      errors.push(text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/** Signs in through the sign-in page, as a person does (the sign-in tests, and journeys that start there). */
export async function signIn(page: Page, email: string, password = demoPassword()) {
  await page.goto(`${baseUrl()}/inloggen`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

const sessions = new Map<string, string>();

/**
 * Gives the page's browser context a signed-in session of the user, for tests about what comes after
 * signing in. One sign-in per user for the whole run (the sign-in form is tested on its own), so the
 * server hashes each password once.
 */
export async function signedIn(page: Page, email: string) {
  let cookie = sessions.get(email);
  if (!cookie) {
    cookie = (await signInHttp(baseUrl(), email, demoPassword())).cookie;
    sessions.set(email, cookie);
  }
  const url = baseUrl();
  await page.context().addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
    }),
  );
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe-core in the page; fails on any WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  // evaluate() runs outside the page's CSP, so axe needs no inline script. A page that has not been
  // reloaded since the last check (a client-side navigation, a form's answer) still has it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Only the violations are reported, so axe skips collecting the details of what passed (a third of its time).
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, WCAG_TAGS);
  expect(violations, `axe violations on ${page.url()}: ${JSON.stringify(violations)}`).toEqual([]);
}

/**
 * Waits until React has taken over the page (app/root.tsx marks <html data-hydrated>). A form filled before that
 * can lose its values to hydration on a busy machine, and a click can miss its handler.
 */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Opens a page of the app as its links do: a client-side navigation of Remix's router in the page that is
 * already open (and hydrated), which fetches the route's data and code but does not load and hydrate a whole
 * new document. A page that checks many pages with axe so keeps axe loaded and skips a page load per page
 * (about two thirds of a check's browser time, measured on the accessibility sweep). A page that shows no page
 * of the app yet loads it.
 */
export async function navigateInApp(page: Page, to: string) {
  const target = new URL(to, page.url());
  // A page that shows no page of the app yet (a new tab) loads it.
  if (target.origin !== new URL(page.url()).origin) return void (await page.goto(target.href));
  const path = target.pathname + target.search + target.hash;
  await hydrated(page);
  await page.evaluate((to) => {
    void (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
      to,
    );
  }, path);
  // React renders the router's new state in a transition, a few milliseconds at a time: the page shows where the
  // router went once React has committed it.
  await page.waitForFunction(
    (to) => {
      interface Fiber {
        memoizedProps?: { value?: unknown } | null;
        child: Fiber | null;
        sibling: Fiber | null;
        stateNode?: { current?: Fiber };
      }
      const state = (
        window as unknown as {
          __remixRouter: {
            state: { navigation: { state: string }; location: { pathname: string; search: string; hash: string } };
          };
        }
      ).__remixRouter.state;
      const { pathname, search, hash } = state.location;
      if (state.navigation.state !== "idle" || pathname + search + hash !== to) return false;
      // React Router hands its state to the page through a context provider near the top of the tree, and
      // hydrateRoot(document) keeps the root fiber on the document: the page shows the router's current state once
      // the committed provider holds that state object.
      const container = Object.keys(document).find((key) => key.startsWith("__reactContainer$"));
      const queue: (Fiber | null | undefined)[] = [
        container ? (document as unknown as Record<string, Fiber>)[container]!.stateNode?.current : null,
      ];
      for (let seen = 0; queue.length && seen < 500; seen++) {
        const fiber = queue.shift();
        if (!fiber) continue;
        if (fiber.memoizedProps?.value === state) return true;
        queue.push(fiber.child, fiber.sibling);
      }
      return false;
    },
    path,
    { polling: 20, timeout: 30_000 },
  );
  const url = new URL(page.url());
  expect(url.pathname + url.search + url.hash, "the client-side navigation ended elsewhere").toBe(path);
}

/** Opens a <details> disclosure by its summary, as a person does, unless it is open already. */
async function openDisclosure(disclosure: Locator) {
  if (!(await disclosure.evaluate((details: HTMLDetailsElement) => details.open)))
    await disclosure.locator(":scope > summary").click();
}

/**
 * The form of a step on the trail page, opened: each step's form sits collapsed in a <details> disclosure until
 * the user opens it (issue 16, Readable 4).
 */
export async function openStepForm(page: Page, name: string) {
  await hydrated(page);
  await openDisclosure(
    page.locator("details").filter({ has: page.getByRole("form", { name, exact: true, includeHidden: true }) }),
  );
  return page.getByRole("form", { name, exact: true });
}

/** Opens the trail page's full list of deadlines, collapsed below the summary and the matrix (issue 16, Readable 4). */
export async function openAllDeadlines(page: Page) {
  await openDisclosure(page.getByTestId("all-deadlines"));
}

/** Where the browser tests leave their screenshots (test/artifacts, not committed). */
export const SCREENSHOTS = path.resolve("test/artifacts");

/**
 * Whether the browser tests save screenshots: by default yes, for people to look at the pages; in CI
 * (CI=true, where no one looks) no, unless H10_SCREENSHOTS=1, since a whole-page PNG costs the browser
 * a second of CPU. H10_SCREENSHOTS=0 turns them off anywhere.
 */
export const takingScreenshots = () =>
  process.env.H10_SCREENSHOTS ? process.env.H10_SCREENSHOTS !== "0" : process.env.CI !== "true";

/** Saves a screenshot (of the page or an element) as test/artifacts/<name>.png when screenshots are on. */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  if (!takingScreenshots()) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), ...options });
}

/**
 * The page at the desktop (1366) and phone (390) widths, whole, as <name>-1366.png and <name>-390.png; on
 * the phone nothing may spill sideways. The viewport is back at the desktop width afterwards.
 */
export async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, `${name}-1366`, { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `${name} spills sideways at 390 px`,
  ).toBeLessThanOrEqual(0);
  await screenshot(page, `${name}-390`, { fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
}
