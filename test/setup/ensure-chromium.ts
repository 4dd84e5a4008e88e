/**
 * The browser tests drive Debian's Chromium (playwright-core cannot download
 * browsers here). Installs it with apt when it is missing and we are root.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (fs.existsSync(CHROMIUM)) {
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error(`${CHROMIUM} is missing. Install Debian's chromium package (apt-get install chromium) and run the tests again.`);
  process.exit(1);
}
console.log(`${CHROMIUM} is missing: installing Debian's chromium package`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync("apt-get update -qq", { stdio: "inherit", env });
execSync("apt-get install -y -qq chromium fonts-dejavu-core", { stdio: "inherit", env });
if (!fs.existsSync(CHROMIUM)) {
  console.error(`apt installed chromium but ${CHROMIUM} is still missing`);
  process.exit(1);
}
