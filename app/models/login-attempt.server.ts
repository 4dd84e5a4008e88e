import { prisma } from "~/utils/db.server";

/** Failed sign-ins allowed per e-mail address and per IP address in the window. */
export const LOGIN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perIp: 30 } as const;

export interface LoginAllowance {
  allowed: boolean;
  retryAfterMinutes: number;
}

/** Counts recent failures in the database, so the limit holds across app instances. */
export async function checkLoginAllowed(email: string, ip: string, now = new Date()): Promise<LoginAllowance> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    prisma.loginAttempt.findMany({
      where: { email, success: false, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    prisma.loginAttempt.count({ where: { ip, success: false, createdAt: { gt: since } } }),
  ]);
  if (byEmail.length < LOGIN_LIMITS.perEmail && byIp < LOGIN_LIMITS.perIp)
    return { allowed: true, retryAfterMinutes: 0 };
  const oldest = byEmail[0]?.createdAt ?? since;
  const retryMs = oldest.getTime() + LOGIN_LIMITS.windowMs - now.getTime();
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil(retryMs / 60_000)) };
}

export async function recordLoginAttempt(email: string, ip: string, success: boolean) {
  await prisma.loginAttempt.create({ data: { email, ip, success } });
  if (success) {
    // A successful sign-in clears the failures counted against the address.
    await prisma.loginAttempt.deleteMany({ where: { email, success: false } });
  }
}
