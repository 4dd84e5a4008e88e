/**
 * Benchmark (not a test): `npm run bench:pdf`.
 *
 * On one brief, in one run: the pdfkit export (loading the brief and
 * rendering it), against printing the app's HTML view of the same brief to PDF
 * with headless Chromium (navigating to the page and page.pdf()), the common
 * alternative. Also the time to produce all ten council letters of a document
 * on a trail of the ten municipalities. Prints medians and the ratio; the
 * machine is shared and noisy, so read the ratio.
 *
 * Targets: pdfkit at least ten times faster than the browser print; ten
 * letters in under one second.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "./server.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const EXTRA_POSITIONS = Number(process.env.BENCH_EXTRA_POSITIONS ?? 40);
const PASSWORD = "bench-wachtwoord-h10";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-bench-pdf-"));
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, SESSION_SECRET: crypto.randomBytes(32).toString("hex") };
delete env.DATABASE_URL;
process.env.DATA_DIR = dataDir;
process.env.DEMO_PASSWORD = PASSWORD;
process.env.SESSION_SECRET = env.SESSION_SECRET;
delete process.env.DATABASE_URL;


const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  // The app's own modules, on the bench's data directory.
  const { applyMigrations } = await import("../prisma/schema-engine.ts");
  const { getEnv } = await import("../app/utils/env.server.ts");
  const { prepareDatabase, prisma } = await import("../app/utils/db.server.ts");
  const { seedIfEmpty } = await import("../prisma/seed-region.ts");
  const { logPosition } = await import("../app/models/position.server.ts");
  const { createDocument } = await import("../app/models/document.server.ts");
  const { loadTrailBrief } = await import("../app/models/brief.server.ts");
  const { councilLetters } = await import("../app/models/letters.server.ts");
  const { renderTrailBriefPdf } = await import("../app/render/pdf/brief.server.ts");
  const { renderLetterPdf } = await import("../app/render/pdf/letter.server.ts");

  await applyMigrations(getEnv().DATABASE_URL);
  await prepareDatabase(prisma);
  await seedIfEmpty({ demoPassword: PASSWORD });
  const users = await prisma.user.findMany({ include: { municipality: true } });
  const actor = (email: string) => {
    const u = users.find((x) => x.email === email)!;
    return { id: u.id, role: u.role, municipalityId: u.municipalityId, name: u.name };
  };
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" }, include: { participants: { include: { municipality: true } } } });
  // A fuller brief: motions of every council.
  for (let i = 0; i < EXTRA_POSITIONS; i++) {
    const m = trail.participants[i % trail.participants.length]!.municipality;
    const current = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    const result = await logPosition(
      { trailId: trail.id, expectedRevision: current.revision, municipalityId: m.id, body: "COUNCIL", kind: "MOTION", text: `Motie ${i + 1} van ${m.name}: de raad verzoekt het college ${"de raden tijdig te informeren over de uitvoering van de regeling. ".repeat(3)}`, meetingDate: "2024-03-07" },
      actor(`griffier.${m.slug}@h10.example`),
    );
    if (!result.ok) throw new Error(result.code);
  }
  const alderman = actor("wethouder.delft@h10.example");

  // (1) pdfkit: load the brief and render it.
  await renderTrailBriefPdf((await loadTrailBrief(trail.id, alderman))!); // warm-up
  const pdfkitTimes: number[] = [];
  let pdfkitBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const bytes = await renderTrailBriefPdf((await loadTrailBrief(trail.id, alderman))!);
    pdfkitTimes.push(performance.now() - start);
    pdfkitBytes = bytes.length;
  }

  // (3) Ten letters: a document on the 2017 vision trail, which all ten municipalities took part in.
  const vision = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-VISIE-2017" } });
  const created = await createDocument({ trailId: vision.id, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief regiovisie" }, actor("secretaris@h10.example"));
  if (!created.ok) throw new Error(created.code);
  const letterTimes: number[] = [];
  let letterCount = 0;
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) {
    const start = performance.now();
    const set = (await councilLetters(created.documentId))!;
    for (const letter of set.letters) await renderLetterPdf(set, letter);
    letterTimes.push(performance.now() - start);
    letterCount = set.letters.length;
  }
  await prisma.$disconnect();

  // (2) Chromium printing the brief's HTML view, from the production server.
  const { base, stop } = await startServer(env);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // playwright gives every launch a fresh, temporary profile of its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel("E-mailadres").fill("wethouder.delft@h10.example");
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
    const url = `${base}/trajecten/${trail.id}/statusbrief`;
    await page.goto(url);
    await page.pdf({ format: "A4" }); // warm-up
    const chromiumTimes: number[] = [];
    let chromiumBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await page.goto(url, { waitUntil: "load" });
      const bytes = await page.pdf({ format: "A4", printBackground: true });
      chromiumTimes.push(performance.now() - start);
      chromiumBytes = bytes.length;
    }

    const pdfkit = median(pdfkitTimes);
    const print = median(chromiumTimes);
    const letters = median(letterTimes);
    console.log(`\n== PDF briefs: H10-GR-2024 with ${EXTRA_POSITIONS + 1} positions, ${RUNS} runs each, medians ==`);
    console.log(`pdfkit export (load + render): ${pdfkit.toFixed(1)} ms (${pdfkitBytes} bytes)`);
    console.log(`Chromium print of the HTML view (load + page.pdf): ${print.toFixed(1)} ms (${chromiumBytes} bytes)`);
    console.log(`ratio browser / pdfkit: ${(print / pdfkit).toFixed(1)}× (target >= 10)`);
    console.log(`${letterCount} council letters (load + render each): ${letters.toFixed(1)} ms (target < 1000 ms)`);
  } finally {
    await browser.close();
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
