/**
 * The reliability report: figures of the crash, concurrency and bad-input
 * tests, printed with the test run and gathered in test/artifacts/reliability-report.json.
 */
import fs from "node:fs";
import path from "node:path";
import { root } from "./server-process";

export function writeReport(name: string, figures: Record<string, unknown>) {
  const dir = path.join(root, "test/artifacts");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "reliability-report.json");
  const report = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  report[name] = { ...figures, at: new Date().toISOString() };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n== Reliability report: ${name} ==\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${String(v)}`)
      .join("\n")}\n`,
  );
}
