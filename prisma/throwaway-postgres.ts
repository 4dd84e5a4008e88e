/**
 * A throwaway PostgreSQL server on loopback for tests and offline migration
 * commands: a fresh cluster in a temporary directory (initdb), started with
 * pg_ctl on a free port, trust authentication for a local user, removed again
 * on stop. Runs the server as the `postgres` user when started by root
 * (PostgreSQL refuses to run as root). Needs Debian's postgresql package;
 * `.ci/run` installs it when it is missing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The directory of PostgreSQL's programs (initdb, pg_ctl, pg_dump, pg_restore). */
export function binDir(): string {
  const candidates = [
    process.env.PG_BINDIR,
    ...(fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  const found = candidates.find((dir) => dir && fs.existsSync(path.join(dir, "initdb")));
  if (!found)
    throw new Error(
      "PostgreSQL is not installed (no initdb). Install Debian's postgresql package: apt-get install -y postgresql",
    );
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface ThrowawayPostgres {
  /** Connection URL of the database `h10` (user h10, no password, loopback). */
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): void;
  stop(): void;
}

/**
 * `durable: false` (the tests, the migration commands' scratch server) turns off what only protects the data
 * against a crash of the machine: flushing to disk at each commit (fsync, synchronous_commit) and full-page images in
 * the log. Nothing on such a server outlives the process that started it. The benchmark keeps the defaults.
 *
 * `autovacuum: false` (the integration tests) keeps the planner's statistics to what the caller makes: with
 * autovacuum on, a table's statistics changed whenever its background ANALYZE happened to run, so a query plan on
 * the tests' tiny tables depended on timing, and two plan tests chose another index on a busy machine.
 */
export async function startThrowawayPostgres({
  durable = true,
  autovacuum = true,
}: { durable?: boolean; autovacuum?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "h10-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", root]);
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : path.join(bin, tool),
      asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args,
      { stdio: ["ignore", "ignore", "pipe"], cwd: root },
    );
  const data = path.join(root, "data");
  run("initdb", ["-D", data, "-U", "h10", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  const port = await freePort();
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(root, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200` +
      (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off") +
      (autovacuum ? "" : " -c autovacuum=off"),
    "start",
  ]);
  const urlFor = (database: string) => `postgresql://h10@127.0.0.1:${port}/${database}`;
  const psql = (sql: string) =>
    run("psql", [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "h10",
      "-d",
      "postgres",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      sql,
    ]);
  psql("CREATE DATABASE h10");
  let stopped = false;
  return {
    url: urlFor("h10"),
    urlFor,
    createDatabase: (name, template) => psql(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
