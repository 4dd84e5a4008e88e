/**
 * Benchmark (not a test): `npm run bench:pdf`.
 *
 * On one brief, in one run: the pdfkit export (loading the brief and
 * rendering it), against printing the app's HTML view of the same brief to PDF
 * with headless Chromium (navigating to the page and page.pdf()), the common
 * alternative, both as the app is (the page loads its JavaScript) and with
 * JavaScript off (a print does not need it: the fairer comparison). Also the time to produce all ten council letters of a document
 * on a trail of the ten municipalities. Prints medians and the ratio; the
 * machine is shared and noisy, so read the ratio.
 *
 * The four run in batches, in turns, after the same warm-up, so that the
 * shared machine's noise over time falls on all of them alike.
 *
 * Targets: pdfkit at least ten times faster than the browser print; ten
 * letters in under one second.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import { median, PASSWORD, prepareBrief, useBenchDataDir } from "./pdf-brief.ts";
import { startServer } from "./server.ts";
import { CHROMIUM_PATH } from "../test/ops/chromium.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const EXTRA_POSITIONS = Number(process.env.BENCH_EXTRA_POSITIONS ?? 40);
const { dataDir, env } = useBenchDataDir();

async function main() {
  // The app's own modules, on the bench's data directory.
  const { prisma, trail, actor, alderman } = await prepareBrief(EXTRA_POSITIONS);
  const { createDocument } = await import("../app/models/document.server.ts");
  const { loadTrailBrief } = await import("../app/models/brief.server.ts");
  const { councilLetters } = await import("../app/models/letters.server.ts");
  const { renderTrailBriefPdf } = await import("../app/render/pdf/brief.server.ts");
  const { renderLetterPdf } = await import("../app/render/pdf/letter.server.ts");
  const { fontCacheStats } = await import("../app/render/pdf/fonts.server.ts");

  // (3) Ten letters: a document on the 2017 vision trail, which all ten municipalities took part in.
  const vision = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-VISIE-2017" } });
  const created = await createDocument(
    { trailId: vision.id, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief regiovisie" },
    actor("secretaris@h10.example"),
  );
  if (!created.ok) throw new Error(created.code);

  // (2) Chromium printing the brief's HTML view, from the production server on the same database.
  // The server migrates at start, which wants the database to itself; this process connects again after.
  await prisma.$disconnect();
  const { base, stop } = await startServer(env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // playwright gives every launch a fresh, temporary profile of its own.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel("E-mailadres").fill("wethouder.delft@h10.example");
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
    const url = `${base}/trajecten/${trail.id}/statusbrief`;
    // The same session in a context with JavaScript off: the server-rendered HTML only.
    const noScript = await (
      await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })
    ).newPage();

    const exportPdfkit = async () => (await renderTrailBriefPdf((await loadTrailBrief(trail.id, alderman))!)).length;
    const print = (tab: typeof page) => async () => {
      await tab.goto(url, { waitUntil: "load" });
      return (await tab.pdf({ format: "A4", printBackground: true })).length;
    };
    const printChromium = print(page);
    const printChromiumNoScript = print(noScript);
    const tenLetters = async () => {
      const set = (await councilLetters(created.documentId))!;
      for (const letter of set.letters) await renderLetterPdf(set, letter);
      return set.letters.length;
    };
    const time = async (fn: () => Promise<number>) => {
      const start = performance.now();
      const size = await fn();
      return { ms: performance.now() - start, size };
    };

    // Batches in turns, so that the machine's noise over time falls on both; each batch starts
    // with a run that is not counted and after a pause, so that neither measures the other's
    // leftover work (Chromium's processes keep busy for a moment after a print).
    const pdfkitTimes: number[] = [];
    const chromiumTimes: number[] = [];
    const noScriptTimes: number[] = [];
    const letterTimes: number[] = [];
    let pdfkitBytes = 0;
    let chromiumBytes = 0;
    let noScriptBytes = 0;
    let letterCount = 0;
    const batch = async (fn: () => Promise<number>, runs: number, times: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await fn();
      let size = 0;
      for (let i = 0; i < runs; i++) {
        const run = await time(fn);
        times.push(run.ms);
        size = run.size;
      }
      return size;
    };
    for (let i = 0; i < WARMUP; i++)
      await Promise.all([exportPdfkit(), printChromium(), printChromiumNoScript(), tenLetters()]);
    for (let round = 0; round < ROUNDS; round++) {
      pdfkitBytes = await batch(exportPdfkit, RUNS, pdfkitTimes);
      chromiumBytes = await batch(printChromium, RUNS, chromiumTimes);
      noScriptBytes = await batch(printChromiumNoScript, RUNS, noScriptTimes);
      letterCount = await batch(tenLetters, Math.max(1, Math.floor(RUNS / 2)), letterTimes);
    }

    const pdfkit = median(pdfkitTimes);
    const printed = median(chromiumTimes);
    const printedNoScript = median(noScriptTimes);
    const letters = median(letterTimes);
    console.log(
      `\n== PDF briefs: H10-GR-2024 with ${EXTRA_POSITIONS + 1} positions, ${ROUNDS} rounds of ${RUNS} runs each, in turns; medians ==`,
    );
    console.log(
      `pdfkit export (load + render): ${pdfkit.toFixed(1)} ms (${pdfkitBytes} bytes; fastest ${Math.min(...pdfkitTimes).toFixed(1)} ms)`,
    );
    console.log(
      `Chromium print of the HTML view (load + page.pdf): ${printed.toFixed(1)} ms (${chromiumBytes} bytes; fastest ${Math.min(...chromiumTimes).toFixed(1)} ms)`,
    );
    console.log(
      `Chromium print with JavaScript off (load + page.pdf): ${printedNoScript.toFixed(1)} ms (${noScriptBytes} bytes; fastest ${Math.min(...noScriptTimes).toFixed(1)} ms)`,
    );
    console.log(
      `ratio browser / pdfkit: ${(printed / pdfkit).toFixed(1)}× as the app is, ` +
        `${(printedNoScript / pdfkit).toFixed(1)}× with JavaScript off (target >= 10)`,
    );
    console.log(`${letterCount} council letters (load + render each): ${letters.toFixed(1)} ms (target < 1000 ms)`);
    // The brief and the letters share the fonts' Dutch-repertoire subsets: each is built once.
    console.log(`font files built: ${fontCacheStats.subsetMisses}, taken from the cache: ${fontCacheStats.subsetHits}`);
  } finally {
    await browser.close();
    stop();
    await prisma.$disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
