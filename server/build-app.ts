/**
 * `npm run build`: Remix's build of the app (build/client, build/server), Brotli and gzip copies of the
 * browser's files (server/precompressed.ts), the production server's bundle (server/build.ts), then the hash of
 * the files it was made from (server/build-inputs.ts). With `--if-changed` (`npm run build:changed`) it builds
 * only when build/ is missing or was made from other files.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BUILD_INPUTS, buildInputsHash, buildIsCurrent, root } from "./build-inputs";
import { buildServer } from "./build";
import { precompress } from "./precompressed";

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en")} KB`;

if (process.argv.includes("--if-changed") && buildIsCurrent()) {
  console.log("The build is up to date with the sources (build/inputs.sha256): not built again.");
} else {
  // Taken before building, so a file changed during the build makes the next run build again.
  const inputs = buildInputsHash();
  fs.rmSync(BUILD_INPUTS, { force: true });
  const remix = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (remix.status !== 0) {
    console.error("remix vite:build failed");
    process.exit(remix.status ?? 1);
  }
  const started = Date.now();
  const packed = precompress(path.join(root, "build/client"));
  console.log(
    `Compressed ${packed.files} files of build/client (${kb(packed.bytes)}) to ${kb(packed.brotliBytes)} (Brotli) ` +
      `and ${kb(packed.gzipBytes)} (gzip) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  await buildServer();
  fs.writeFileSync(BUILD_INPUTS, `${inputs}\n`);
}
