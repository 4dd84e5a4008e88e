import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, prisma } from "~/utils/db.server";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { recipients as to, startSmtpSink } from "../../test/factories/smtp";
import { outcome } from "../../test/factories/request";
import { createTrail, demoActors } from "../../test/factories/trail";
import { MAIL_KINDS } from "~/utils/mail-categories";

/** `refuse` makes the SMTP server answer every message with a 451; `hold`, when set, keeps the next one waiting. */
let refuse = false;
let hold: Promise<void> | null = null;
let holding: () => void = () => {};
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let received: ParsedMail[];
const smtpUrl = () => smtp.url;

beforeAll(async () => {
  smtp = await startSmtpSink({
    before: async () => {
      // Only the next message is held.
      const held = hold;
      hold = null;
      if (held) {
        holding();
        await held;
      }
      if (refuse) return Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 });
    },
  });
  received = smtp.received;
});

afterAll(async () => {
  // Later test files in this worker load the modules again, without SMTP.
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  vi.resetModules();
  await smtp.close();
});

/** The modules loaded afresh with SMTP configured (or not): the transport and the environment are read once. */
async function withSmtp(configured: boolean) {
  if (configured) process.env.SMTP_URL = smtpUrl();
  else delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = "https://h10.example";
  vi.resetModules();
  return {
    ...(await import("./mail-outbox.server")),
    ...(await import("./trail-workflow.server")),
    ...(await import("./notification.server")),
  };
}

/** A demo account by the part of its address before the @. */
const user = (local: string) => prisma.user.findUniqueOrThrow({ where: { email: `${local}@h10.example` } });

describe("the e-mail outbox", () => {
  it("sends no backlog: what was made before SMTP was configured stays in the app only", async () => {
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const before = await withSmtp(false);
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    await before.followTrail(actors("wethouder.delft").id, trail.id);
    await before.sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    // The alderman who follows it, and Delft's clerk (the draft went to their council).
    expect(await prisma.notification.count({ where: { trailId: trail.id } })).toBe(2);
    expect(await prisma.notification.count({ where: { trailId: trail.id, mailAfter: { not: null } } })).toBe(0);

    const after = await withSmtp(true);
    received.length = 0;
    expect(await after.deliverPendingEmails()).toBe(0);
    expect(received).toEqual([]);
    expect(await prisma.notification.count({ where: { trailId: trail.id, emailedAt: { not: null } } })).toBe(0);
  });

  it("says what happened, in the reader's language, as text and HTML, with a link to the trail", async () => {
    const actors = await demoActors();
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const mail = await withSmtp(true);
    const trail = await createTrail("GR_AMENDMENT", [rijswijk.id]);
    const clerk = await user("griffier.rijswijk");
    const alderman = await user("wethouder.rijswijk");
    const secretary = await user("secretaris");
    await mail.followTrail(clerk.id, trail.id);
    await mail.followTrail(alderman.id, trail.id);
    await prisma.user.update({ where: { id: alderman.id }, data: { locale: "en" } });
    try {
      received.length = 0;
      await mail.sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
        actors("secretaris"),
      );
      await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000 });
      const dutch = received.find((m) => to(m).includes(clerk.email))!;
      const english = received.find((m) => to(m).includes(alderman.email))!;
      const title = (await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).title;
      // What happened, for which council, by when.
      expect(dutch.subject).toBe(
        `H10: ${title}: Ontwerp naar de raden gestuurd (door ${secretary.name}); ` +
          "Zienswijze op het ontwerp (Rijswijk) loopt tot 6 maart 2024",
      );
      expect(dutch.text).toContain(`Beste ${clerk.name},`);
      expect(dutch.text).toContain(`Open het traject: https://h10.example/trajecten/${trail.id}`);
      expect(dutch.html).toContain(`<a href="https://h10.example/trajecten/${trail.id}">Open het traject</a>`);
      expect(dutch.html).toContain('<html lang="nl">');
      expect(english.subject).toMatch(/^H10: .*: Draft sent to the councils \(by /);
      expect(english.text).toContain(`Open the trail: https://h10.example/trajecten/${trail.id}`);
      expect(english.html).toContain('<html lang="en">');
      // Sent once: nothing is due any more.
      await vi.waitFor(async () => expect(mail.deliveryRound()).toBeNull());
      expect(await mail.deliverPendingEmails()).toBe(0);
      expect(await prisma.notification.count({ where: { trailId: trail.id, emailedAt: null } })).toBe(0);
    } finally {
      await prisma.user.update({ where: { id: alderman.id }, data: { locale: "nl" } });
    }
  });

  it("tries a refused e-mail again later, waiting longer each time, and sends it once the server takes it", async () => {
    const actors = await demoActors();
    const westland = await prisma.municipality.findUniqueOrThrow({ where: { slug: "westland" } });
    const mail = await withSmtp(true);
    const trail = await createTrail("GR_AMENDMENT", [westland.id]);
    await mail.followTrail(actors("griffier.westland").id, trail.id);
    refuse = true;
    try {
      await mail.sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
        actors("secretaris"),
      );
      await vi.waitFor(async () => expect(mail.deliveryRound()).toBeNull());
      expect(await mail.deliverPendingEmails()).toBe(0);
      const failed = await prisma.notification.findFirstOrThrow({ where: { trailId: trail.id } });
      expect(failed).toMatchObject({ emailedAt: null, mailClaim: null });
      expect(failed.mailAttempts).toBeGreaterThanOrEqual(1);
      // Not due again before its wait is over: 1 minute after the first failure, 2 after the second.
      expect(failed.mailAfter!.getTime()).toBeGreaterThan(Date.now() + 30_000);
      expect(mail.mailRetryDelayMs(1)).toBe(60_000);
      expect(mail.mailRetryDelayMs(2)).toBe(120_000);
      expect(mail.mailRetryDelayMs(20)).toBe(6 * 60 * 60_000);
      expect(await mail.deliverPendingEmails()).toBe(0);

      // The wait is over and the server takes mail again.
      refuse = false;
      received.length = 0;
      await prisma.notification.update({ where: { id: failed.id }, data: { mailAfter: new Date(Date.now() - 1) } });
      expect(await mail.deliverPendingEmails()).toBe(1);
      expect(received.map(to)).toEqual(["griffier.westland@h10.example"]);
      expect(await mail.deliverPendingEmails()).toBe(0);
    } finally {
      refuse = false;
    }
  });

  it("gives an e-mail up after the last attempt, and leaves it in the app", async () => {
    const mail = await withSmtp(true);
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const row = await prisma.notification.create({
      data: {
        userId: actors("griffier.delft").id,
        trailId: trail.id,
        kind: "trailStep",
        values: JSON.stringify({ step: "DRAFT_SENT", by: "x" }),
        mailAfter: new Date(Date.now() - 1),
        mailAttempts: mail.MAX_MAIL_ATTEMPTS - 1,
      },
    });
    refuse = true;
    try {
      expect(await mail.deliverPendingEmails()).toBe(0);
    } finally {
      refuse = false;
    }
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      mailAttempts: mail.MAX_MAIL_ATTEMPTS,
      mailAfter: null,
      emailedAt: null,
      readAt: null,
    });
  });

  it("claims a row for one instance only: another that found it due too does not take it", async () => {
    const mail = await withSmtp(true);
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const due = await prisma.notification.createManyAndReturn({
      data: Array.from({ length: 3 }, (_, i) => ({
        userId: actors("griffier.delft").id,
        trailId: trail.id,
        kind: "trailStep",
        values: JSON.stringify({ step: "DRAFT_SENT", by: `ronde ${i}` }),
        mailAfter: new Date(Date.now() - 1000),
      })),
    });
    const ids = due.map((n) => n.id);
    const other = createPrismaClient(process.env.DATABASE_URL!);
    try {
      // Both found the rows due; the first to claim them has them, the second gets none.
      const at = new Date();
      expect((await mail.claimRows(prisma, ids, at)).rows).toHaveLength(3);
      expect((await mail.claimRows(other, ids, at)).rows).toEqual([]);
    } finally {
      await other.$disconnect();
      await prisma.notification.deleteMany({ where: { id: { in: ids } } });
    }
  });

  it("sends each e-mail once when two instances deliver at the same time", async () => {
    const mail = await withSmtp(true);
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const users = ["griffier.delft", "wethouder.delft", "secretaris", "beheer"].map((name) => actors(name).id);
    // Batches of 5 here (50 in the app), so the test sends few messages.
    const batch = 5;
    const count = 8;
    await prisma.notification.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        userId: users[i % users.length]!,
        trailId: trail.id,
        kind: "trailStep",
        values: JSON.stringify({ step: "DRAFT_SENT", by: `ronde ${i}` }),
        mailAfter: new Date(Date.now() - 1000 + i),
      })),
    });
    // The other instance: a connection of its own to the same database. The first round's first message is held
    // at the server, so the second round runs while the first holds its batch.
    const other = createPrismaClient(process.env.DATABASE_URL!);
    received.length = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    hold = new Promise<void>((resolve) => (release = resolve));
    try {
      const first = mail.deliverPendingEmails(prisma, batch);
      await held;
      const second = await mail.deliverPendingEmails(other, batch);
      // The second took only what the first had not claimed: the rows past the first batch.
      expect(second).toBe(count - batch);
      release();
      expect(await first).toBe(batch);
    } finally {
      hold = null;
      release();
      await other.$disconnect();
    }
    // A reader's rows due together go out as one e-mail: count the notifications in them.
    const rounds = received.flatMap((m) => [...(m.text ?? "").matchAll(/ronde (\d+)/g)].map((match) => match[1]));
    expect(rounds).toHaveLength(count);
    expect(new Set(rounds).size).toBe(count);
    expect(await prisma.notification.count({ where: { trailId: trail.id, emailedAt: null } })).toBe(0);
  });

  it("puts a daily or weekly choice in one digest at 07:00 in Amsterdam, and none by e-mail when off", async () => {
    const mail = await withSmtp(true);
    const { mailAfterFor, setMailPreferences } = await import("./mail-preference.server");
    // 07:00 in Amsterdam is 06:00 UTC in winter and 05:00 UTC in summer; the weekly digest on Mondays.
    expect(mailAfterFor("DAILY", new Date("2024-03-05T10:00:00Z"))).toEqual(new Date("2024-03-06T06:00:00Z"));
    expect(mailAfterFor("DAILY", new Date("2024-03-05T05:00:00Z"))).toEqual(new Date("2024-03-05T06:00:00Z"));
    expect(mailAfterFor("DAILY", new Date("2024-07-02T12:00:00Z"))).toEqual(new Date("2024-07-03T05:00:00Z"));
    expect(mailAfterFor("WEEKLY", new Date("2024-03-05T10:00:00Z"))).toEqual(new Date("2024-03-11T06:00:00Z"));
    expect(mailAfterFor("WEEKLY", new Date("2024-03-11T08:00:00Z"))).toEqual(new Date("2024-03-18T06:00:00Z"));
    expect(mailAfterFor("OFF", new Date())).toBeNull();

    const actors = await demoActors();
    const wassenaar = await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } });
    const clerk = await user("griffier.wassenaar");
    const alderman = await user("wethouder.wassenaar");
    const every = (frequency: string, others: Record<string, string> = {}) => ({
      ...Object.fromEntries(MAIL_KINDS.map((kind) => [kind, frequency])),
      ...others,
    });
    const settings = {
      actor: { id: clerk.id, role: clerk.role, municipalityId: clerk.municipalityId },
      via: "settings",
    } as const;
    expect(await setMailPreferences(clerk.id, every("DAILY"), settings)).toMatchObject({ ok: true });
    // Per kind: the step and the target date off, the document sent at once; reminders weekly (never off).
    expect(
      await setMailPreferences(
        alderman.id,
        every("IMMEDIATE", {
          trailStep: "OFF",
          targetSet: "OFF",
          deadlineDueSoon: "WEEKLY",
          deadlineOverdue: "WEEKLY",
        }),
        settings,
      ),
    ).toMatchObject({ ok: true });
    const trail = await createTrail("GR_AMENDMENT", [wassenaar.id]);
    await mail.followTrail(alderman.id, trail.id);
    await mail.sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    await mail.setTargetDate(
      { trailId: trail.id, label: "Besluit BO Jeugd", dueOn: "2024-07-01" },
      actors("secretaris"),
    );
    await vi.waitFor(async () => expect(mail.deliveryRound()).toBeNull());
    const rows = await prisma.notification.findMany({ where: { trailId: trail.id }, orderBy: { createdAt: "asc" } });
    const clerkRows = rows.filter((r) => r.userId === clerk.id);
    expect(clerkRows.map((r) => r.kind)).toEqual(["trailStep", "targetSet"]);
    const tomorrowAtSeven = mailAfterFor("DAILY", clerkRows[0]!.createdAt)!;
    expect(clerkRows.every((r) => r.mailAfter?.getTime() === tomorrowAtSeven.getTime())).toBe(true);
    // The alderman switched these off: in the app, not by e-mail.
    expect(rows.filter((r) => r.userId === alderman.id).map((r) => r.mailAfter)).toEqual([null, null]);
    received.length = 0;
    expect(await mail.deliverPendingEmails()).toBe(0);

    // 07:00 has come: one e-mail with both, each with its link, and where to change the settings.
    await prisma.notification.updateMany({
      where: { userId: clerk.id, trailId: trail.id },
      data: { mailAfter: new Date(Date.now() - 1) },
    });
    expect(await mail.deliverPendingEmails()).toBe(2);
    expect(received).toHaveLength(1);
    const digest = received[0]!;
    expect(to(digest)).toBe(clerk.email);
    expect(digest.subject).toBe("H10: 2 meldingen");
    expect(digest.text).toContain("Ontwerp naar de raden gestuurd");
    expect(digest.text).toContain("streefdatum Besluit BO Jeugd op 1 juli 2024");
    expect(digest.html).toContain(`<a href="https://h10.example/trajecten/${trail.id}">`);
    // RFC 8058: the one-click link first (a token naming the digest's two kinds), then the settings page.
    const header = digest.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    const link =
      /^List-Unsubscribe: <(https:\/\/h10\.example\/e-mail\/afmelden\?t=[^>]+)>, <https:\/\/h10\.example\/instellingen#e-mail>$/.exec(
        header.replace(/\r?\n\s+/g, " "),
      )?.[1];
    expect(link, header).toBeDefined();
    expect(digest.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
    expect(digest.text).toContain(`Geen e-mail meer over dit soort meldingen: ${link}`);
    // The provider posts to it, without session or CSRF token: the two kinds are off, the reminders not touched.
    const { action } = await import("../routes/e-mail.afmelden");
    const posted = await outcome(() =>
      action({
        request: new Request(link!, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        params: {},
        context: {},
      }),
    );
    expect(posted).toMatchObject({ status: 200, body: { done: true, kinds: ["targetSet", "trailStep"] } });
    const { mailPreferences } = await import("./mail-preference.server");
    expect(await mailPreferences(clerk.id)).toMatchObject({
      trailStep: "OFF",
      targetSet: "OFF",
      documentSent: "DAILY",
      deadlineDueSoon: "DAILY",
    });
  });

  it("gives an e-mail of reminders only no one-click unsubscribe: reminders cannot be switched off", async () => {
    const mail = await withSmtp(true);
    const clerk = await user("griffier.delft");
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    await prisma.notification.createMany({
      data: ["deadlineDueSoon", "deadlineOverdue"].map((kind) => ({
        userId: clerk.id,
        trailId: trail.id,
        kind,
        values: JSON.stringify({ deadline: "zienswijze", label: "", municipality: "Delft", dueOn: "2024-03-11" }),
        mailAfter: new Date(Date.now() - 1000),
      })),
    });
    received.length = 0;
    expect(await mail.deliverPendingEmails()).toBe(2);
    const [reminders] = received;
    const header = (key: string) => reminders!.headerLines.find((h) => h.key === key)?.line;
    expect(header("list-unsubscribe")).toBe("List-Unsubscribe: <https://h10.example/instellingen#e-mail>");
    expect(header("list-unsubscribe-post")).toBeUndefined();
    expect(reminders!.text).not.toContain("/e-mail/afmelden");
  });

  it("finds the due e-mail along Notification(mailAfter), however many notifications were sent before, on both engines", async () => {
    const users = await prisma.user.findMany({ select: { id: true } });
    // History: notifications e-mailed long ago (no mailAfter any more), and a few due now.
    await prisma.notification.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        userId: users[i % users.length]!.id,
        kind: "trailStep",
        values: "{}",
        emailedAt: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000),
        mailAfter: i % 400 === 0 ? new Date(Date.now() - 1000) : null,
      })),
    });
    try {
      if (onPostgres()) await prisma.$executeRawUnsafe('ANALYZE "Notification"');
      const at = onPostgres() ? "TIMESTAMP '2026-12-03 12:00:00'" : String(Date.UTC(2026, 11, 3, 12));
      const plan = await explain(
        `SELECT "id" FROM "Notification" WHERE "mailAfter" <= ${at} AND ("mailClaimedUntil" IS NULL OR "mailClaimedUntil" < ${at}) ORDER BY "mailAfter", "userId" LIMIT 50`,
      );
      expect(plan).toContain("Notification_mailAfter_idx");
      expect(plan).not.toMatch(/SCAN Notification$|Seq Scan/m);
    } finally {
      await prisma.notification.deleteMany({ where: { values: "{}", kind: "trailStep", trailId: null } });
    }
  });
});
