import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isPostgres, prisma } from "~/utils/db.server";
import { KINDS_OF_CATEGORY, MAIL_KINDS } from "~/utils/mail-categories";

const MIGRATION = "20261203180500_mail_preference_kinds";

/** The modules loaded afresh with an SMTP server configured (none is reached: only mailConfigured() matters). */
async function withSmtp() {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  vi.resetModules();
  return import("./mail-preference.server");
}

beforeAll(() => {
  delete process.env.SMTP_URL;
});

afterAll(() => {
  delete process.env.SMTP_URL;
  vi.resetModules();
});

const user = (local: string) => prisma.user.findUniqueOrThrow({ where: { email: `${local}@h10.example` } });
const actorOf = (u: Awaited<ReturnType<typeof user>>) => ({ id: u.id, role: u.role, municipalityId: u.municipalityId });

class RolledBack extends Error {}

describe("e-mail preferences per kind of notification", () => {
  it("the migration turns each category row into a row per kind of the category, on this engine", async () => {
    const file = path.join("prisma", ...(isPostgres() ? ["postgresql"] : []), "migrations", MIGRATION, "migration.sql");
    const statements = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !line.startsWith("--"))
      .join("\n")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    const [clerk, alderman] = [await user("griffier.delft"), await user("wethouder.delft")];
    let after: { userId: string; kind: string; frequency: string }[] = [];
    // The table as the migration before left it, the migration run on it, and all of it rolled back.
    await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM "MailPreference"`);
        await tx.$executeRawUnsafe(`ALTER TABLE "MailPreference" RENAME COLUMN "kind" TO "category"`);
        for (const [userId, category, frequency] of [
          [clerk.id, "trails", "DAILY"],
          [clerk.id, "reminders", "WEEKLY"],
          [alderman.id, "positions", "OFF"],
          [alderman.id, "documents", "WEEKLY"],
        ])
          await tx.$executeRaw`INSERT INTO "MailPreference" ("userId", "category", "frequency") VALUES (${userId}, ${category}, ${frequency})`;
        for (const statement of statements) await tx.$executeRawUnsafe(statement);
        after = await tx.$queryRawUnsafe(`SELECT "userId", "kind", "frequency" FROM "MailPreference"`);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    const of = (userId: string) =>
      Object.fromEntries(after.filter((r) => r.userId === userId).map((r) => [r.kind, r.frequency]));
    expect(of(clerk.id)).toEqual({
      ...Object.fromEntries(KINDS_OF_CATEGORY.trails.map((k) => [k, "DAILY"])),
      deadlineDueSoon: "WEEKLY",
      deadlineOverdue: "WEEKLY",
    });
    expect(of(alderman.id)).toEqual({
      positionLogged: "OFF",
      documentSent: "WEEKLY",
      targetSet: "WEEKLY",
      deadlineSet: "WEEKLY",
      deadlineMoved: "WEEKLY",
      sharedDraftPublished: "WEEKLY",
    });
    expect(after).toHaveLength(5 + 2 + 1 + 5);
    // Rolled back: the table is as it was.
    expect(await prisma.mailPreference.count()).toBe(0);
  });

  it("decides each notification's e-mail time by the reader's choice for its kind", async () => {
    const { mailAfterFor, mailTimes, setMailPreferences } = await withSmtp();
    const clerk = await user("griffier.delft");
    const other = await user("wethouder.delft");
    const choices = {
      ...Object.fromEntries(MAIL_KINDS.map((k) => [k, "IMMEDIATE"])),
      trailStep: "OFF",
      documentSent: "WEEKLY",
      deadlineOverdue: "DAILY",
    };
    expect(await setMailPreferences(clerk.id, choices, { actor: actorOf(clerk), via: "settings" })).toMatchObject({
      ok: true,
      changed: { trailStep: "OFF", documentSent: "WEEKLY", deadlineOverdue: "DAILY" },
    });
    const now = new Date("2024-03-05T10:00:00Z");
    const at = async (kind: string) => (await mailTimes(prisma, [clerk.id, other.id], kind, now)).get(clerk.id);
    expect(await at("trailStep")).toBeNull();
    expect(await at("trailStarted")).toEqual(now);
    expect(await at("documentSent")).toEqual(mailAfterFor("WEEKLY", now));
    expect(await at("deadlineOverdue")).toEqual(mailAfterFor("DAILY", now));
    expect(await at("deadlineDueSoon")).toEqual(now);
    // The other reader chose nothing: at once.
    expect((await mailTimes(prisma, [other.id], "trailStep", now)).get(other.id)).toEqual(now);
    // The change is in the audit trail, with what changed.
    const event = await prisma.event.findFirstOrThrow({
      where: { type: "mail_preferences.changed", actorId: clerk.id },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(event.payload)).toMatchObject({ via: "settings", changed: { trailStep: "OFF" } });
  });

  it("refuses a reminder switched off, with a stable code, and writes nothing", async () => {
    const { setMailPreferences } = await withSmtp();
    const clerk = await user("griffier.rijswijk");
    const events = await prisma.event.count();
    for (const kind of KINDS_OF_CATEGORY.reminders) {
      expect(
        await setMailPreferences(
          clerk.id,
          { trailStep: "DAILY", [kind]: "OFF" },
          { actor: actorOf(clerk), via: "settings" },
        ),
      ).toEqual({ ok: false, code: "reminders_required" });
    }
    expect(
      await setMailPreferences(clerk.id, { trailStep: "HOURLY" }, { actor: actorOf(clerk), via: "settings" }),
    ).toEqual({ ok: false, code: "mail_frequency_invalid" });
    expect(
      await setMailPreferences(clerk.id, { noSuchKind: "OFF" }, { actor: actorOf(clerk), via: "settings" }),
    ).toEqual({ ok: false, code: "mail_frequency_invalid" });
    expect(await prisma.mailPreference.count({ where: { userId: clerk.id } })).toBe(0);
    expect(await prisma.event.count()).toBe(events);
  });
});
