import type { Prisma } from "~/generated/prisma/client";
import { isPostgres, prisma } from "~/utils/db.server";

/**
 * Failed sign-ins allowed in the window:
 * - per account and source (IP address): a few, so a person who mistypes is slowed down
 *   but nobody else can lock their account from another address;
 * - per source over all accounts: enough for an office behind one address;
 * - per account over all sources: a ceiling against guessing from many addresses.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccountAndSource: 5,
  perSource: 30,
  perAccount: 100,
} as const;

export type LoginReservation =
  | { allowed: true; attemptId: string }
  | { allowed: false; retryAfterSeconds: number; scope: "account_source" | "source" | "account" };

/** Failed, or still being checked (reserved and not yet finished). */
const counted: Prisma.LoginAttemptWhereInput = { OR: [{ success: false }, { success: null }] };

/**
 * Reserves a sign-in attempt before the password is checked. The attempt is written first
 * and counted with every failed or unfinished attempt in the window, in one transaction, so
 * twenty concurrent wrong passwords cannot all pass the check before any failure is recorded.
 * On PostgreSQL, transaction-scoped advisory locks on the account and the source make the
 * insert and the counts one step; SQLite has a single writer.
 */
export async function reserveLoginAttempt(email: string, ip: string, now = new Date()): Promise<LoginReservation> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const inWindow = { ...counted, createdAt: { gt: since } };
  return prisma.$transaction(async (tx) => {
    if (isPostgres()) {
      // Always the account first, then the source: no two transactions wait on each other in a cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(804022, hashtext(${email}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(804023, hashtext(${ip}))`;
    }
    const attempt = await tx.loginAttempt.create({ data: { email, ip, success: null, createdAt: now } });
    const scopes = [
      { scope: "account_source" as const, where: { ...inWindow, email, ip }, limit: LOGIN_LIMITS.perAccountAndSource },
      { scope: "source" as const, where: { ...inWindow, ip }, limit: LOGIN_LIMITS.perSource },
      { scope: "account" as const, where: { ...inWindow, email }, limit: LOGIN_LIMITS.perAccount },
    ];
    for (const { scope, where, limit } of scopes) {
      // The count includes this attempt: the limit's worth of failures, then a refusal.
      if ((await tx.loginAttempt.count({ where })) <= limit) continue;
      // A refused attempt is not counted: it would keep the lock-out going for ever.
      await tx.loginAttempt.delete({ where: { id: attempt.id } });
      return { allowed: false, retryAfterSeconds: await secondsUntilFree(tx, where, now), scope };
    }
    return { allowed: true, attemptId: attempt.id };
  }, RESERVATION_TRANSACTION);
}

/** A burst of sign-ins queues for the account's lock; each waits its turn rather than failing. */
const RESERVATION_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

/**
 * Records the outcome of a reserved attempt. A success clears the failures of this account
 * from this source; failures from other sources stay counted.
 */
export async function finishLoginAttempt(attemptId: string, success: boolean) {
  const attempt = await prisma.loginAttempt.update({ where: { id: attemptId }, data: { success } });
  if (success) {
    await prisma.loginAttempt.deleteMany({
      where: { email: attempt.email, ip: attempt.ip, ...counted, id: { not: attemptId } },
    });
  }
}

/** Counts a failed second-factor code as a failed sign-in of the account from this source. */
export async function recordFailedCode(email: string, ip: string, now = new Date()) {
  await prisma.loginAttempt.create({ data: { email, ip, success: false, createdAt: now } });
}

/** Whether this account may try from this source now (a second-factor code, for instance). */
export async function loginBlocked(email: string, ip: string, now = new Date()): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const where = { ...counted, email, ip, createdAt: { gt: since } };
  if ((await prisma.loginAttempt.count({ where })) < LOGIN_LIMITS.perAccountAndSource) return null;
  return secondsUntilFree(prisma, where, now);
}

/** Seconds until the oldest counted attempt leaves the window (the 429's Retry-After). */
async function secondsUntilFree(
  client: Pick<Prisma.TransactionClient, "loginAttempt">,
  where: Prisma.LoginAttemptWhereInput,
  now: Date,
): Promise<number> {
  const oldest = await client.loginAttempt.findFirst({
    where,
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const retryMs = (oldest?.createdAt ?? now).getTime() + LOGIN_LIMITS.windowMs - now.getTime();
  // A request that waited for the lock can find an attempt stamped after its own `now`: never past the window.
  return Math.min(LOGIN_LIMITS.windowMs / 1000, Math.max(1, Math.ceil(retryMs / 1000)));
}

/** Attempts older than the window count for nothing: the hourly housekeeping removes them. */
export async function deleteOldLoginAttempts(now = new Date()) {
  const { count } = await prisma.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_LIMITS.windowMs) } },
  });
  return count;
}
