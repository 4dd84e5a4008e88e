/**
 * The README's screenshots: builds the app, starts it on a fresh data directory (the demo region and its
 * seeded trails) on a free loopback port, signs in as each role and photographs its main pages at
 * 1366×900 and 390×844 into docs/screenshots/. Run: npm run docs:screenshots
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { signInHttp } from "../test/ops/http-client";
import { buildApp, root, serverEnv, startServerProcess } from "../test/ops/server-process";
import { CHROMIUM_PATH } from "../test/ops/chromium";

const OUT = path.join(root, "docs/screenshots");
const PASSWORD = "schermafdruk-h10-demo";
const WIDTHS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Each shot: who, where, and the file's name; `trail` opens the seeded GR amendment first. */
const SHOTS: { as: string; path: string | ((trail: string) => string); name: string }[] = [
  { as: "wethouder.delft", path: "/", name: "alderman-home" },
  { as: "griffier.delft", path: "/", name: "clerk-home" },
  { as: "secretaris", path: "/", name: "secretary-home" },
  { as: "secretaris", path: "/trajecten", name: "trail-list" },
  { as: "secretaris", path: (trail) => trail, name: "trail" },
  { as: "secretaris", path: (trail) => `${trail}/statusbrief`, name: "status-brief" },
  { as: "griffier.delft", path: (trail) => `${trail.replace(/\/$/, "")}/financien`, name: "finances" },
];

async function main() {
  if (!process.env.H10_SKIP_BUILD) buildApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-screenshots-"));
  const server = await startServerProcess(serverEnv(dataDir, { DEMO_PASSWORD: PASSWORD }));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    fs.mkdirSync(OUT, { recursive: true });
    const cookies = new Map<string, string>();
    const sessionOf = async (local: string) => {
      if (!cookies.has(local))
        cookies.set(local, (await signInHttp(server.base, `${local}@h10.example`, PASSWORD)).cookie);
      return cookies.get(local)!;
    };
    let trail: string | undefined;
    for (const shot of SHOTS) {
      for (const size of WIDTHS) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          locale: "nl-NL",
          timezoneId: "Europe/Amsterdam",
        });
        await context.addCookies(
          (await sessionOf(shot.as)).split("; ").map((pair) => {
            const at = pair.indexOf("=");
            return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.base };
          }),
        );
        const page = await context.newPage();
        trail ??= await seededAmendment(page, server.base);
        const target = typeof shot.path === "string" ? shot.path : shot.path(trail);
        await page.goto(`${server.base}${target}`);
        const file = path.join(OUT, `${shot.name}-${size.name}.png`);
        await page.screenshot({ path: file });
        console.log(`${path.relative(root, file)}  ${target}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.child.kill("SIGTERM");
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The path of the seeded GR amendment's trail page, from the trail list. */
async function seededAmendment(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/trajecten?kind=GR_AMENDMENT`);
  const href = await page.locator("table tbody a").first().getAttribute("href");
  if (!href) throw new Error("No seeded GR amendment in the trail list");
  return href;
}

await main();
