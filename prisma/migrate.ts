/**
 * Offline migration commands (no engine download):
 *   tsx prisma/migrate.ts create <name>   write the migrations for schema changes (SQLite, and PostgreSQL
 *                                        on a throwaway server), then apply the SQLite one
 *   tsx prisma/migrate.ts deploy          apply pending migrations
 *   tsx prisma/migrate.ts status          report applied, pending and uncommitted changes
 * The database is DATABASE_URL, or data/h10.db under DATA_DIR.
 */
import {
  applyMigrations,
  createMigration,
  createPostgresMigration,
  isPostgresUrl,
  migrationStatus,
} from "./schema-engine.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";
import { getEnv } from "../app/utils/env.server.ts";

const [command, name] = process.argv.slice(2);
const url = getEnv().DATABASE_URL;

async function main(): Promise<number> {
  switch (command) {
    case "create": {
      if (!name) {
        console.error("Usage: npm run db:migrate -- <name>");
        return 2;
      }
      if (isPostgresUrl(url)) {
        console.error("Create migrations against the embedded SQLite database (unset DATABASE_URL); both are written.");
        return 2;
      }
      const now = new Date();
      const folder = await createMigration(url, name, undefined, now);
      console.log(
        folder
          ? `Created prisma/migrations/${folder}/migration.sql`
          : "The schema matches the migrations: nothing to create.",
      );
      const pg = await startThrowawayPostgres({ durable: false });
      try {
        const pgFolder = await createPostgresMigration(pg.url, name, now);
        if (pgFolder) console.log(`Created prisma/postgresql/migrations/${pgFolder}/migration.sql`);
      } finally {
        pg.stop();
      }
      const applied = await applyMigrations(url);
      if (applied.length) console.log(`Applied: ${applied.join(", ")}`);
      return 0;
    }
    case "deploy": {
      const applied = await applyMigrations(url);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const status = await migrationStatus(url);
      console.log(`Migrations: ${status.migrations.length}, applied: ${status.applied.length}`);
      for (const pending of status.pending) console.log(`pending: ${pending}`);
      for (const failed of status.failed) console.log(`FAILED: ${failed}`);
      for (const edited of status.edited) console.log(`EDITED after applying: ${edited}`);
      if (status.uncommittedChanges) {
        console.log("The schema has changes without a migration (run npm run db:migrate -- <name>):");
        console.log(status.uncommittedChanges);
      }
      const ok = !status.failed.length && !status.edited.length && !status.uncommittedChanges;
      return ok ? 0 : 1;
    }
    default:
      console.error("Usage: tsx prisma/migrate.ts create <name> | deploy | status");
      return 2;
  }
}

process.exitCode = await main();
