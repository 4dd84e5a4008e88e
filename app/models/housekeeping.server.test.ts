import { describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { explain, sqlDate } from "../../test/factories/query-plan";
import { runHousekeeping } from "./housekeeping.server";
import { PURGE_BATCH } from "./notification.server";
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
  it("deletes read notifications after a year and unread ones after two, in batches, and keeps the rest", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "wethouder.delft@h10.example" } });
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const row = (kind: string, createdAt: Date, readAt: Date | null) => ({
      userId: user.id,
      kind,
      values: "{}",
      createdAt,
      readAt,
    });
    // More old read rows than a batch, all made at the same moment: the batches page by (createdAt, id).
    const oldRead = PURGE_BATCH + 205;
    await prisma.notification.createMany({
      data: [
        ...Array.from({ length: oldRead }, () => row("oldRead", daysAgo(400), daysAgo(399))),
        row("recentRead", daysAgo(300), daysAgo(299)),
        // Unread: kept past a year (interleaved with the old read ones), deleted after two.
        row("unreadYearAndAHalf", daysAgo(500), null),
        row("unreadYearAndAHalf", daysAgo(400), null),
        row("unreadThreeYears", daysAgo(1100), null),
      ],
    });
    const kinds = async () =>
      (await prisma.notification.groupBy({ by: ["kind"], where: { userId: user.id }, _count: { _all: true } })).reduce<
        Record<string, number>
      >((all, g) => ({ ...all, [g.kind]: g._count._all }), {});

    const { result, statements } = await countQueries(() => runHousekeeping(now));
    expect(result.oldNotifications).toBe(oldRead + 1);
    expect(await kinds()).toEqual({ recentRead: 1, unreadYearAndAHalf: 2 });
    // A DELETE a batch, by id.
    expect(statements.filter((s) => /^DELETE\b.*Notification/.test(s)).length).toBe(
      Math.ceil((oldRead + 1) / PURGE_BATCH),
    );
    // Nothing more the next hour.
    expect((await runHousekeeping(now)).oldNotifications).toBe(0);
  });

  it("finds the notifications past retention along Notification(createdAt, id), on both engines", async () => {
    const date = sqlDate();
    expect(
      await explain(
        `SELECT "id" FROM "Notification" WHERE "createdAt" < ${date} AND ("readAt" IS NOT NULL OR "createdAt" < ${date}) ORDER BY "createdAt", "id" LIMIT 500`,
      ),
    ).toContain("Notification_createdAt_id_idx");
  });
});
