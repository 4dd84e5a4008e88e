import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { splitTestFiles } from "./test/setup/database-tests";

// Files whose imports reach the Prisma client run on SQLite and again on PostgreSQL; the rest once.
const { database, pure } = splitTestFiles();

const databaseProject = {
  include: database,
  environment: "node",
  globalSetup: ["test/setup/global-database.ts"],
  setupFiles: ["test/setup/worker-database.ts", "test/setup/fail-on-console-error.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Vitest's default on two cores is one worker; the database projects keep both busy.
    maxWorkers: 2,
    minWorkers: 1,
    // Modules stay loaded from one test file to the next in a worker (this halves the time of the database
    // projects); each file still starts from the seeded template database (test/setup/worker-database.ts).
    poolOptions: { forks: { isolate: false } },
    // expect.poll waits up to 1 s by default: too short for a form post and its page on a busy machine (CI failed
    // on it once). Playwright's own waits give 30 s; a poll gets 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    projects: [
      {
        extends: true,
        test: {
          name: "plain",
          include: pure,
          environment: "node",
          setupFiles: ["test/setup/fail-on-console-error.ts"],
          testTimeout: 30_000,
        },
      },
      { extends: true, test: { name: "sqlite", ...databaseProject } },
      {
        // The same files on a throwaway PostgreSQL server (H10_TEST_DATABASE=postgres).
        extends: true,
        test: { name: "postgres", ...databaseProject, env: { H10_TEST_DATABASE: "postgres" } },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-server.ts"],
          setupFiles: ["test/setup/fail-on-console-error.ts"],
          // Two files at once (maxWorkers above), each worker with its own server (global-server.ts starts
          // E2E_WORKERS of them); one browser per file.
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
