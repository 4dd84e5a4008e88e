/**
 * How many browser-test files run at once, each worker with its own server and browser (global-server.ts).
 * Two keep both cores of the test machine busy: a browser test spends much of its time waiting on the
 * server or the page, so one file at a time left a core idle.
 */
export const E2E_WORKERS = 2; // as many as vitest.config.ts's maxWorkers
