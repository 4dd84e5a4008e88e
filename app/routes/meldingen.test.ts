import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { explain, onPostgres, sqlDate } from "../../test/factories/query-plan";
import { clientFor, get, outcome } from "../../test/factories/request";
import { loader } from "./meldingen";
import { loader as openLoader } from "./meldingen_.$notificationId";

type Page = { notifications: { id: string; kind: string; at: string }[]; next: string | null; invalidCursor: boolean };

describe("the notifications page", () => {
  it("pages a user's notifications newest first by (createdAt, id), fifty at a time, without a gap or a repeat", async () => {
    const reader = await clientFor("wethouder.rijswijk@h10.example");
    const userId = reader.userId!;
    await prisma.notification.deleteMany({ where: { userId } });
    const base = new Date("2026-01-01T00:00:00Z").getTime();
    // 123 rows, many sharing a moment (as one round's reminders do): the id breaks the tie.
    await prisma.notification.createMany({
      data: Array.from({ length: 123 }, (_, i) => ({
        userId,
        kind: "trailStep",
        values: JSON.stringify({ n: String(i) }),
        createdAt: new Date(base + Math.floor(i / 10) * 60_000),
      })),
    });
    // Someone else's notification never shows.
    const other = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    await prisma.notification.create({
      data: { userId: other.id, kind: "trailStep", values: "{}", createdAt: new Date(base + 30 * 60_000) },
    });
    const load = async (query: string) => {
      const result = await outcome(() =>
        loader({ request: get(reader, `/meldingen${query}`), params: {}, context: {} }),
      );
      expect(result.status).toBe(200);
      return result.body as Page;
    };

    const seen: Page["notifications"] = [];
    let page = await load("");
    const sizes = [page.notifications.length];
    seen.push(...page.notifications);
    while (page.next) {
      page = await load(`?ouder=${encodeURIComponent(page.next)}`);
      sizes.push(page.notifications.length);
      seen.push(...page.notifications);
    }
    expect(sizes).toEqual([50, 50, 23]);
    expect(new Set(seen.map((n) => n.id)).size).toBe(123);
    const mine = await prisma.notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen.map((n) => n.id)).toEqual(mine.map((n) => n.id));
    expect(page.invalidCursor).toBe(false);
  });

  it("answers a cursor it cannot read with the first page and a message, not an error", async () => {
    const reader = await clientFor("wethouder.rijswijk@h10.example");
    for (const bad of ["kapot", "2026-13-45T99:99:99.000Z~abc", "2026-01-01T00:00:00.000Z~'; DROP", "~", ""]) {
      const result = await outcome(() =>
        loader({ request: get(reader, `/meldingen?ouder=${encodeURIComponent(bad)}`), params: {}, context: {} }),
      );
      expect(result.status).toBe(200);
      const body = result.body as Page;
      expect(body.invalidCursor).toBe(true);
      const first = await outcome(() => loader({ request: get(reader, "/meldingen"), params: {}, context: {} }));
      expect(body.notifications).toEqual((first.body as Page).notifications);
    }
  });

  it("reads a page along Notification(userId, createdAt, id), on both engines", async () => {
    const date = sqlDate();
    // A table the size of a few months in use: every user's notifications over a year. On a handful of rows
    // PostgreSQL finds walking the retention job's Notification(createdAt, id) as cheap, filtering on the user.
    const users = await prisma.user.findMany({ select: { id: true } });
    const start = Date.UTC(2023, 2, 1);
    const { count } = await prisma.notification.createMany({
      data: Array.from({ length: 3_000 }, (_, i) => ({
        userId: users[i % users.length]!.id,
        kind: "trailStep",
        values: "{}",
        createdAt: new Date(start + i * 3 * 3_600_000),
      })),
    });
    try {
      if (onPostgres()) await prisma.$executeRawUnsafe('ANALYZE "Notification"');
      const plan = await explain(
        `SELECT "id" FROM "Notification" WHERE "userId" = '${users[0]!.id}' AND "createdAt" <= ${date} AND ("createdAt" < ${date} OR ("createdAt" = ${date} AND "id" < 'y')) ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
        { ordered: true },
      );
      expect(count).toBe(3_000);
      expect(plan).toContain("Notification_userId_createdAt_id_idx");
      expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
    } finally {
      await prisma.notification.deleteMany({ where: { values: "{}", kind: "trailStep", trailId: null } });
    }
  });
  it("shows the trail's title read through the trail, and the title an older row stored", async () => {
    const reader = await clientFor("wethouder.rijswijk@h10.example");
    const userId = reader.userId!;
    await prisma.notification.deleteMany({ where: { userId } });
    const trail = await prisma.trail.findFirstOrThrow({ orderBy: { reference: "asc" } });
    await prisma.notification.createMany({
      data: [
        // As written now: no title in the values.
        {
          userId,
          trailId: trail.id,
          kind: "trailStep",
          values: JSON.stringify({ by: "B", step: "DRAFT_SENT" }),
          createdAt: new Date("2026-02-02T00:00:00Z"),
        },
        // As written before: the title stored.
        {
          userId,
          trailId: trail.id,
          kind: "trailStep",
          values: JSON.stringify({ by: "B", step: "DRAFT_SENT", trail: "De titel van toen" }),
          createdAt: new Date("2026-02-01T00:00:00Z"),
        },
      ],
    });
    const result = await outcome(() => loader({ request: get(reader, "/meldingen"), params: {}, context: {} }));
    const { notifications } = result.body as { notifications: { values: Record<string, string> }[] };
    expect(notifications.map((n) => n.values.trail)).toEqual([trail.title, "De titel van toen"]);
  });
});

describe("opening a notification", () => {
  it("marks it read and leads to its trail; another's or none is 404 and changes nothing", async () => {
    const reader = await clientFor("griffier.delft@h10.example");
    const trail = await prisma.trail.findFirstOrThrow({ where: { reference: "H10-GR-2024" }, select: { id: true } });
    const mine = await prisma.notification.create({
      data: { userId: reader.userId!, trailId: trail.id, kind: "trailStep", values: "{}" },
    });
    const other = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.rijswijk@h10.example" } });
    const theirs = await prisma.notification.create({
      data: { userId: other.id, trailId: trail.id, kind: "trailStep", values: "{}" },
    });
    const open = (id: string) =>
      outcome(() =>
        openLoader({ request: get(reader, `/meldingen/${id}`), params: { notificationId: id }, context: {} }),
      );

    const opened = await open(mine.id);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(`/trajecten/${trail.id}`);
    const read = await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } });
    expect(read.readAt).not.toBeNull();
    // Opened again, it stays read from the first time.
    await open(mine.id);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toEqual(read.readAt);

    expect(await open(theirs.id)).toMatchObject({ status: 404, body: { code: "notification_not_found" } });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    expect((await open("bestaat-niet")).status).toBe(404);

    // One without a trail leads back to the list; the list links each notification through here.
    const plain = await prisma.notification.create({
      data: { userId: reader.userId!, kind: "trailStep", values: "{}" },
    });
    expect((await open(plain.id)).headers.get("Location")).toBe("/meldingen");
  });
});
