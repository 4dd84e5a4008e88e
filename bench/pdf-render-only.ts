/**
 * Profiling aid (not a test; the benchmark is bench/pdf.ts): loads and
 * renders the benchmark's brief many times without a browser or server and
 * prints the median load and render times. For a CPU profile:
 * `node --cpu-prof --import tsx bench/pdf-render-only.ts`.
 * BENCH_OUT=file.pdf also writes the brief.
 */
import fs from "node:fs";
import { median, prepareBrief, useBenchDataDir } from "./pdf-brief.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const { dataDir } = useBenchDataDir();
const { prisma, trail, alderman } = await prepareBrief(40);
const { loadTrailBrief } = await import("../app/models/brief.server.ts");
const { renderTrailBriefPdf } = await import("../app/render/pdf/brief.server.ts");

const loads: number[] = [];
const renders: number[] = [];
let bytes: Uint8Array = Buffer.alloc(0);
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const brief = (await loadTrailBrief(trail.id, alderman))!;
  const t1 = performance.now();
  bytes = await renderTrailBriefPdf(brief);
  loads.push(t1 - t0);
  renders.push(performance.now() - t1);
}
if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, bytes);
console.log(
  `${RUNS} runs, medians: load ${median(loads).toFixed(1)} ms, render ${median(renders).toFixed(1)} ms (${bytes.length} bytes)`,
);
await prisma.$disconnect();
fs.rmSync(dataDir, { recursive: true, force: true });
