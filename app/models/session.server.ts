import { prisma } from "~/utils/db.server";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Time to give the second factor after a correct password. */
export const PENDING_SESSION_TTL_MS = 10 * 60 * 1000;
/** Wrong codes allowed in one pending sign-in before it ends. */
export const MAX_FAILED_CODES = 5;

/**
 * A new session. With `secondFactorPending` it only lets its holder give the second factor;
 * `replaces` is the session the browser had, which ends (a session id is never reused across
 * a sign-in, so one planted in a browser beforehand is worthless).
 */
export async function createSession(
  userId: string,
  options: { secondFactorPending?: boolean; replaces?: string | null } = {},
  now = new Date(),
) {
  const ttl = options.secondFactorPending ? PENDING_SESSION_TTL_MS : SESSION_TTL_MS;
  return prisma.$transaction(async (tx) => {
    if (options.replaces) await tx.session.deleteMany({ where: { id: options.replaces } });
    return tx.session.create({
      data: {
        userId,
        expiresAt: new Date(now.getTime() + ttl),
        secondFactorPending: options.secondFactorPending ?? false,
      },
    });
  });
}

/** The session's user, if the session is valid, complete and the user may still sign in. */
export async function getSessionWithUser(sessionId: string, now = new Date()) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { municipality: true } } },
  });
  if (!session || session.secondFactorPending || session.expiresAt <= now || session.user.disabledAt) return null;
  return session;
}

/** A sign-in waiting for its second factor. */
export async function getPendingSession(sessionId: string, now = new Date()) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { id: true, email: true, locale: true, disabledAt: true, totpEnabledAt: true } } },
  });
  if (!session?.secondFactorPending || session.expiresAt <= now || session.user.disabledAt) return null;
  return session;
}

/** Counts a wrong code; after MAX_FAILED_CODES the pending sign-in ends. Returns whether it still stands. */
export async function countFailedCode(sessionId: string): Promise<boolean> {
  const session = await prisma.session.update({
    where: { id: sessionId },
    data: { failedCodes: { increment: 1 } },
    select: { failedCodes: true },
  });
  if (session.failedCodes < MAX_FAILED_CODES) return true;
  await deleteSession(sessionId);
  return false;
}

export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user but one (after a password change). */
export async function deleteOtherSessions(userId: string, keep: string | null) {
  await prisma.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
}

export async function deleteExpiredSessions(now = new Date()) {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
