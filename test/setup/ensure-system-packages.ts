/**
 * The browser tests drive Debian's Chromium (playwright-core cannot download
 * browsers here); the PDF tests render pages to PNG with poppler's pdftoppm;
 * the integration tests run a second time on a throwaway PostgreSQL server.
 * Installs what is missing with apt when we are root.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PDFTOPPM = "/usr/bin/pdftoppm";
const hasPostgres = () =>
  fs.existsSync("/usr/lib/postgresql") &&
  fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const missing = [
  ...(fs.existsSync(CHROMIUM) ? [] : ["chromium", "fonts-dejavu-core"]),
  ...(fs.existsSync(PDFTOPPM) ? [] : ["poppler-utils"]),
  ...(hasPostgres() ? [] : ["postgresql"]),
];
if (!missing.length) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(
    `Missing Debian packages: ${missing.join(", ")}. Install them (apt-get install ${missing.join(" ")}) and run the tests again.`,
  );
  process.exit(1);
}
console.log(`Installing Debian packages: ${missing.join(", ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync("apt-get update -qq", { stdio: "inherit", env });
execSync(`apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit", env });
for (const file of [CHROMIUM, PDFTOPPM]) {
  if (!fs.existsSync(file)) {
    console.error(`apt finished but ${file} is still missing`);
    process.exit(1);
  }
}
if (!hasPostgres()) {
  console.error("apt finished but PostgreSQL's initdb is still missing");
  process.exit(1);
}
