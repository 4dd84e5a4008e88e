/** `npm run db:seed`: migrates, then seeds the demo region into an empty database. */
import { prepareDatabase, prisma } from "../app/utils/db.server.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { applyMigrations } from "./schema-engine.ts";
import { seedIfEmpty } from "./seed-region.ts";

const env = getEnv();
await applyMigrations(env.DATABASE_URL);
await prepareDatabase(prisma);
const result = await seedIfEmpty({ demoPassword: env.DEMO_PASSWORD });
if (result) {
  console.log(`Seeded. Password for every demo account: ${result.password}`);
  for (const account of result.accounts) console.log(`  ${account.email}  (${account.label})`);
} else {
  console.log("The database already has a region: nothing seeded.");
}
await prisma.$disconnect();
