import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/** Reads the environment in a fresh process (getEnv caches it), in `cwd`; returns what it made there. */
function readEnvIn(cwd: string, env: Record<string, string>): string[] {
  const script = `import(${JSON.stringify(path.join(root, "app/utils/env.server.ts"))}).then((m) => m.getEnv())`;
  execFileSync(
    process.execPath,
    ["--import", path.join(root, "node_modules/tsx/dist/esm/index.mjs"), "--input-type=module", "-e", script],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: "pipe",
    },
  );
  return fs.readdirSync(cwd, { recursive: true }).map(String).sort();
}

describe("the environment", () => {
  it("makes the folder of a SQLite file, and no folder for a PostgreSQL URL", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "h10-env-"));
    try {
      const secret = "s".repeat(40);
      // Before the fix, the URL's tail became a folder: "resql:/h10@127.0.0.1:5432".
      expect(
        readEnvIn(cwd, {
          DATA_DIR: "data",
          DATABASE_URL: "postgresql://h10@127.0.0.1:5432/h10",
          SESSION_SECRET: secret,
        }),
      ).toEqual(["data"]);
      expect(
        readEnvIn(cwd, { DATA_DIR: "data", DATABASE_URL: "file:./elders/h10.db", SESSION_SECRET: secret }),
      ).toEqual(["data", "elders"]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("turns the council import on only with ORI_IMPORT=true, and refuses another value at start-up", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "h10-env-"));
    try {
      const base = { DATA_DIR: "data", SESSION_SECRET: "s".repeat(40) };
      expect(() => readEnvIn(cwd, { ...base, ORI_IMPORT: "true" })).not.toThrow();
      expect(() => readEnvIn(cwd, { ...base, ORI_IMPORT: "yes" })).toThrow(/ORI_IMPORT must be true or false/);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
