import os from "node:os";
import path from "node:path";

/** Where the test run keeps its databases: one folder per run, under the OS temp dir. */
export const TEST_ROOT = path.join(os.tmpdir(), `h10-test-${process.env.H10_TEST_RUN ?? "local"}`);
export const TEMPLATE_DB = path.join(TEST_ROOT, "template.db");

/** The password of every seeded demo account in tests. */
export const TEST_PASSWORD = "test-wachtwoord-h10";
