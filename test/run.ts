/**
 * The README's test command: installs the Debian packages the tests need when
 * missing, then type-checks, lints, and runs each vitest project in its own
 * invocation (so one project's worker time-out cannot swallow another's
 * results). Steps in one phase run side by side (each is mostly one core's
 * work), their output printed when each ends. Every step runs even when an
 * earlier one failed; the summary at the end gives the time and result of
 * each, and the exit code is non-zero when any failed.
 *
 *   npm test                       every step
 *   npm test -- sqlite build e2e   only the steps named (e2e serves the build step's output)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const ARTIFACTS = path.join(ROOT, "test/artifacts");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

interface Step {
  name: string;
  /** Steps of the same phase run at the same time; phases run in order. */
  phase: number;
  command: string[];
  env?: Record<string, string>;
  /** A vitest project: its JSON report gives the test counts. */
  report?: string;
}

const vitest = (project: string, phase: number, env?: Record<string, string>): Step => {
  const report = path.join(ARTIFACTS, `vitest-${project}.json`);
  return {
    name: project,
    phase,
    env,
    report,
    command: [
      bin("vitest"),
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
  };
};

const STEPS: Step[] = [
  { name: "packages", phase: 0, command: [bin("tsx"), "test/setup/ensure-system-packages.ts"] },
  { name: "typecheck", phase: 1, command: [bin("tsc")] },
  { name: "lint", phase: 1, command: ["npm", "run", "--silent", "lint"] },
  vitest("plain", 1),
  // The production build the browser tests serve (npm start's build), unless build/ was made from the files as
  // they are (npm ci builds the app while better-sqlite3 compiles: server/install.ts).
  { name: "build", phase: 1, command: ["npm", "run", "--silent", "build:changed"] },
  // The two database projects side by side: alone each left a core idle for about a sixth of its time
  // (PostgreSQL's start and template, a file's wait on its database), together they keep both busy.
  vitest("sqlite", 2),
  vitest("postgres", 2),
  vitest("e2e", 3),
];

/** Runs a step; alone its output streams, beside others it is printed whole when the step ends. */
function run(step: Step, alone: boolean): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command[0]!, step.command.slice(1), {
      cwd: ROOT,
      env: { ...process.env, ...step.env, ...(alone ? {} : { NO_COLOR: "1" }) },
      stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    const output: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("close", (code, signal) => {
      if (!alone) process.stdout.write(`\n▶ ${step.name}\n${Buffer.concat(output).toString()}`);
      resolve(code ?? (signal ? 128 : 1));
    });
    child.on("error", () => resolve(127));
  });
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface JsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

const readReport = (report: string): JsonReport | null => {
  try {
    return JSON.parse(fs.readFileSync(report, "utf8")) as JsonReport;
  } catch {
    return null;
  }
};

/** The failed tests of a report, one line each, with the first line of the failure: the summary's tail names them. */
function failuresOf(report: string): string[] {
  const json = readReport(report);
  const firstLine = (text = "") =>
    stripVTControlCharacters(text)
      .split("\n")
      .find((line) => line.trim())
      ?.trim()
      .slice(0, 300) ?? "";
  const lines: string[] = [];
  for (const file of json?.testResults ?? []) {
    const where = path.relative(ROOT, file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) lines.push(`${where} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    // A file that failed outside its tests (an import, a hook) has a message and no failed test.
    if (!failed.length && file.message) lines.push(`${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

function countsOf(report: string): Counts | null {
  const json = readReport(report);
  if (!json) return null;
  return {
    passed: json.numPassedTests ?? 0,
    failed: json.numFailedTests ?? 0,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !STEPS.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown step(s): ${unknown.join(", ")}. Steps: ${STEPS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
const results: { name: string; seconds: number; ok: boolean; counts: Counts | null; failures: string[] }[] = [];
const started = Date.now();
const chosen = STEPS.filter((s) => !wanted.length || wanted.includes(s.name));
// The browser tests build the app themselves unless the build step runs before them.
const e2e = chosen.find((s) => s.name === "e2e");
if (e2e && chosen.some((s) => s.name === "build")) e2e.env = { H10_SKIP_BUILD: "1" };
for (const phase of [...new Set(chosen.map((s) => s.phase))]) {
  const steps = chosen.filter((s) => s.phase === phase);
  const phaseResults = await Promise.all(
    steps.map(async (step) => {
      console.log(`\n▶ ${step.name}: ${step.command.map((c) => path.relative(ROOT, c) || c).join(" ")}`);
      if (step.report) fs.rmSync(step.report, { force: true });
      const t0 = Date.now();
      const code = await run(step, steps.length === 1);
      const counts = step.report ? countsOf(step.report) : null;
      // A vitest run that exits 0 without a report, or with failures in it, has not passed.
      const ok = code === 0 && (!step.report || (counts !== null && counts.failed === 0));
      const failures = step.report ? failuresOf(step.report) : [];
      return { name: step.name, seconds: (Date.now() - t0) / 1000, ok, counts, failures };
    }),
  );
  results.push(...phaseResults);
  if (phase === 0 && phaseResults.some((r) => !r.ok)) break;
}

const sum = (key: keyof Counts) => results.reduce((n, r) => n + (r.counts?.[key] ?? 0), 0);
const failedSteps = results.filter((r) => !r.ok);
console.log("\nTest command: time and result per step");
for (const r of results) {
  const detail = r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped` : "";
  console.log(
    `  ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(7)} s  ${(r.ok ? "ok" : "FAILED").padEnd(6)}  ${detail}`,
  );
}
console.log(`  ${"total".padEnd(10)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.map((r) => r.name).join(", ")}`);
for (const r of failedSteps) for (const line of r.failures) console.log(`  ✗ [${r.name}] ${line}`);
// The closing line counts a failed step that counted no failed test (typecheck, lint, a crashed run) as one failure.
const uncounted = failedSteps.filter((r) => !r.counts || r.counts.failed === 0).length;
console.log(`Tests: ${sum("passed")} passed, ${sum("failed") + uncounted} failed, ${sum("skipped")} skipped`);
process.exit(failedSteps.length ? 1 : 0);
