import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { runHousekeeping } from "./housekeeping.server";
import { createSession, getSessionWithUser, SESSION_TTL_MS } from "./session.server";

describe("the hourly housekeeping round", () => {
  it("purges expired sessions and keeps the valid ones", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const now = new Date("2026-12-02T12:00:00Z");
    const expired = await createSession(user.id, {}, new Date(now.getTime() - SESSION_TTL_MS - 60_000));
    const valid = await createSession(user.id, {}, new Date(now.getTime() - 60_000));

    const done = await runHousekeeping(now);

    expect(done.expiredSessions).toBeGreaterThanOrEqual(1);
    expect(await prisma.session.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await getSessionWithUser(valid.id, now)).not.toBeNull();
    // A second round finds nothing more to purge.
    expect((await runHousekeeping(now)).expiredSessions).toBe(0);
  });

  it("removes sign-in attempts older than the rate limit's window and keeps the recent ones", async () => {
    const now = new Date("2026-12-02T12:00:00Z");
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    const email = "griffier.delft@h10.example";
    await prisma.loginAttempt.createMany({
      data: [
        { email, ip: "192.0.2.1", success: false, createdAt: at(16) },
        { email, ip: "192.0.2.1", success: false, createdAt: at(14) },
      ],
    });
    expect((await runHousekeeping(now)).oldLoginAttempts).toBe(1);
    expect(await prisma.loginAttempt.count({ where: { email, createdAt: { lte: now } } })).toBe(1);
  });
});
