/**
 * Migrates and seeds the database at DATABASE_URL (a test template), in a
 * process of its own so its Prisma client is not the one of the caller.
 */
import { applyMigrations } from "../../prisma/schema-engine.ts";
import { seedRegion } from "../../prisma/seed-region.ts";
import { prepareDatabase, prisma } from "../../app/utils/db.server.ts";
import { TEST_PASSWORD } from "./paths.ts";
import { cheaperPasswordHashes } from "./cheaper-password-hashes.ts";

await applyMigrations(process.env.DATABASE_URL!);
await prepareDatabase(prisma);
await seedRegion({ demoPassword: TEST_PASSWORD });
await cheaperPasswordHashes(prisma, TEST_PASSWORD);
await prisma.$disconnect();
