import crypto from "node:crypto";
import type { PrismaClient } from "../../app/utils/db.server.ts";

/**
 * Gives the seeded accounts of a test template a cheaper stored hash of the same password (scrypt N=2^12, p=1
 * instead of N=2^15, p=3). verifyPassword reads the cost from the stored hash, as it does for a hash stored before
 * the cost was raised, so the many sign-ins of the tests take milliseconds instead of a third of a second each.
 * Passwords set in a test are hashed at the full cost, and password.server.test.ts tests that cost.
 */
export async function cheaperPasswordHashes(prisma: PrismaClient, password: string) {
  const N = 4096;
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  const passwordHash = ["scrypt", N, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
  await prisma.user.updateMany({ data: { passwordHash } });
}
