/** The production build and server for a benchmark, on loopback and a free port (the tests' server process). */
import { buildApp, startServerProcess } from "../test/ops/server-process.ts";

/** Builds (unless BENCH_SKIP_BUILD) and starts the server; resolves once it answers. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => void }> {
  if (!process.env.BENCH_SKIP_BUILD) buildApp();
  // Request logs would only slow the server down here.
  const server = await startServerProcess({ ...env, LOG_LEVEL: "warn" });
  return { base: server.base, stop: () => server.child.kill("SIGTERM") };
}
