/** The production build and server for a benchmark, on loopback and a free port. */
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Builds (unless BENCH_SKIP_BUILD) and starts the server; resolves once it answers. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => void }> {
  if (!process.env.BENCH_SKIP_BUILD) spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: root, stdio: "ignore" });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/index.ts"], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  const stop = () => server.kill("SIGTERM");
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/inloggen`)).ok) return { base, stop };
    } catch {
      if (i > 400) {
        stop();
        throw new Error("server did not start");
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
