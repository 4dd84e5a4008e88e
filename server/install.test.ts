import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUILD_STAMP,
  KEPT_SQLITE_OPTIONS,
  UNUSED_SQLITE_EXTENSIONS,
  compileCommand,
  needsBuild,
  sqliteCflags,
} from "./native-sqlite";

describe("the native SQLite module the installation builds (server/install.ts)", () => {
  it("leaves out the extensions the app does not use and keeps what it does", () => {
    const db = new Database(":memory:");
    try {
      // PRAGMA compile_options drops the "SQLITE_" of each option.
      const options = (db.prepare("PRAGMA compile_options").all() as { compile_options: string }[]).map(
        (r) => r.compile_options,
      );
      const rebuild = "a module not built by server/install.ts: run `npm run postinstall`";
      for (const name of UNUSED_SQLITE_EXTENSIONS) expect(options, rebuild).not.toContain(name.replace(/^SQLITE_/, ""));
      for (const name of KEPT_SQLITE_OPTIONS) expect(options, rebuild).toContain(name);
      expect(() => db.exec("CREATE VIRTUAL TABLE t USING fts5(x)")).toThrow(/no such module: fts5/);
      // JSON and the math functions, which Prisma's queries and the app may use, answer.
      expect(db.prepare("SELECT json_extract('{\"a\":2}', '$.a') AS a, ceil(1.2) AS c").get()).toEqual({ a: 2, c: 2 });
    } finally {
      db.close();
    }
  });

  it("builds again a module built otherwise, and compiles with npm's node-gyp, never a prebuilt binary", () => {
    const cflags = sqliteCflags("-g");
    expect(cflags).toBe(`-g -O2 ${UNUSED_SQLITE_EXTENSIONS.map((name) => `-U${name}`).join(" ")}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-native-"));
    try {
      expect(needsBuild(dir, cflags)).toBe(true);
      fs.mkdirSync(path.join(dir, "build/Release"), { recursive: true });
      fs.writeFileSync(path.join(dir, "build/Release/better_sqlite3.node"), "");
      // Built by npm's own run of the package's script: no stamp.
      expect(needsBuild(dir, cflags)).toBe(true);
      fs.writeFileSync(path.join(dir, BUILD_STAMP), sqliteCflags());
      expect(needsBuild(dir, cflags)).toBe(true);
      fs.writeFileSync(path.join(dir, BUILD_STAMP), cflags);
      expect(needsBuild(dir, cflags)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const script = "prebuild-install || node-gyp rebuild --release";
    expect(compileCommand(script, "/npm/node-gyp-bin/node-gyp.js", "/usr/bin/node")).toBe(
      `"/usr/bin/node" "/npm/node-gyp-bin/node-gyp.js" rebuild --release`,
    );
    expect(compileCommand(script, undefined)).toBe("node-gyp rebuild --release");
    expect(() => compileCommand("node-gyp-build", undefined)).toThrow(/install script changed/);
  });
});
