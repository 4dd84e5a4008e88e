import { prisma } from "~/utils/db.server";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function createSession(userId: string, now = new Date()) {
  return prisma.session.create({ data: { userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
}

/** The session's user, if the session is valid and the user may still sign in. */
export async function getSessionWithUser(sessionId: string, now = new Date()) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { municipality: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.disabledAt) return null;
  return session;
}

export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function deleteExpiredSessions(now = new Date()) {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
