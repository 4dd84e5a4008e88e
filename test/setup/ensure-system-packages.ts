/**
 * The browser tests drive Debian's headless Chromium shell (playwright-core cannot download
 * browsers here; test/ops/chromium.ts); the PDF tests render pages to PNG with poppler's pdftoppm;
 * the integration tests run a second time on a throwaway PostgreSQL server.
 * Installs what is missing with apt when we are root: from the package lists the machine has,
 * and only when that fails after refreshing them (apt-get update takes a while). Without the
 * packages Debian merely recommends: on a fresh machine Chromium's recommendations (a printer
 * dialog, avahi, Samba's client, Perl's web libraries, a terminal) are 80 more packages and
 * made the install take 43 s instead of 12 s.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import { CHROMIUM_PATH as CHROMIUM } from "../ops/chromium";
const PDFTOPPM = "/usr/bin/pdftoppm";
const hasPostgres = () =>
  fs.existsSync("/usr/lib/postgresql") &&
  fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const missing = [
  ...(fs.existsSync(CHROMIUM) ? [] : ["chromium-headless-shell", "fonts-dejavu-core"]),
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
const install = `apt-get install -y -qq --no-install-recommends ${missing.join(" ")}`;
try {
  execSync(install, { stdio: "inherit", env });
} catch {
  execSync("apt-get update -qq", { stdio: "inherit", env });
  execSync(install, { stdio: "inherit", env });
}
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
