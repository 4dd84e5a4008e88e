/**
 * What the production build is made from, as one SHA-256: every file under the folders the build reads (the
 * app, its public files, the server, the workflows and the Prisma schema with its generated clients) and the
 * root files that configure it (the package and its lock file, Vite's and TypeScript's settings). `npm run
 * build` writes it beside the build; `npm run build:changed` (npm start and the test command) builds only
 * when the build is missing or was made from other files, so the build made by `npm ci` is not made twice.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const FOLDERS = ["app", "public", "server", "workflows", "prisma"];
const FILES = ["package.json", "package-lock.json", "vite.config.ts", "tsconfig.json", "prisma.config.ts"];
/** Beside the build: the inputs it was made from. */
export const BUILD_INPUTS = path.join(root, "build/inputs.sha256");

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** The hash of the build's inputs under `base` (the project): each file's path and content, in a fixed order. */
export function buildInputsHash(base = root): string {
  const hash = crypto.createHash("sha256");
  const files = [
    ...FOLDERS.flatMap((folder) => (fs.existsSync(path.join(base, folder)) ? filesUnder(path.join(base, folder)) : [])),
    ...FILES.map((file) => path.join(base, file)).filter((file) => fs.existsSync(file)),
  ].sort();
  for (const file of files) {
    hash.update(`${path.relative(base, file)}\0`);
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Whether build/ holds a build of the files as they are now. */
export function buildIsCurrent(): boolean {
  try {
    return (
      fs.existsSync(path.join(root, "build/server.mjs")) &&
      fs.readFileSync(BUILD_INPUTS, "utf8").trim() === buildInputsHash()
    );
  } catch {
    return false;
  }
}
