import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { KEPT_SQLITE_OPTIONS, UNUSED_SQLITE_EXTENSIONS } from "./sqlite-extensions";

/** The compile options of the SQLite in the installed native module (PRAGMA compile_options drops "SQLITE_"). */
function compileOptions(): string[] {
  const db = new Database(":memory:");
  try {
    return (db.prepare("PRAGMA compile_options").all() as { compile_options: string }[]).map((r) => r.compile_options);
  } finally {
    db.close();
  }
}

describe("the native SQLite module the installation builds (server/install.ts)", () => {
  it("leaves out the extensions the app does not use and keeps what it does", () => {
    const options = compileOptions();
    const rebuild = "a module not built by server/install.ts: run `npm run postinstall`";
    for (const name of UNUSED_SQLITE_EXTENSIONS) expect(options, rebuild).not.toContain(name.replace(/^SQLITE_/, ""));
    for (const name of KEPT_SQLITE_OPTIONS) expect(options, rebuild).toContain(name);
    const db = new Database(":memory:");
    try {
      expect(() => db.exec("CREATE VIRTUAL TABLE t USING fts5(x)")).toThrow(/no such module: fts5/);
      // JSON and the math functions, which Prisma's queries and the app may use, answer.
      expect(db.prepare("SELECT json_extract('{\"a\":2}', '$.a') AS a, ceil(1.2) AS c").get()).toEqual({ a: 2, c: 2 });
    } finally {
      db.close();
    }
  });
});
