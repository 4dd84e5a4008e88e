import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { restrictionOf } from "~/utils/session.server";
import { createSession, getSessionWithUser } from "./session.server";
import { setTemporaryPassword, setUserDisabled, updateUser, verifyLogin } from "./user.server";

async function userOf(email: string) {
  return prisma.user.findUniqueOrThrow({ where: { email } });
}

async function adminActor(): Promise<Actor> {
  const admin = await userOf("beheer@h10.example");
  return { id: admin.id, role: admin.role, municipalityId: null, name: admin.name };
}

const lastEvent = () => prisma.event.findFirstOrThrow({ orderBy: { sequence: "desc" } });

describe("an administrator edits a user", () => {
  it("changes name and e-mail (normalised), audits before and after, and keeps the sessions", async () => {
    const user = await userOf("wethouder.wassenaar@h10.example");
    const session = await createSession(user.id, {});
    const result = await updateUser(
      user.id,
      {
        name: "  J. de Wethouder ",
        email: " J.de.Wethouder@Wassenaar.EXAMPLE",
        role: "ALDERMAN",
        municipalityId: user.municipalityId,
      },
      await adminActor(),
    );
    expect(result).toEqual({ ok: true, changed: ["name", "email"] });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.name).toBe("J. de Wethouder");
    expect(row.email).toBe("j.de.wethouder@wassenaar.example");
    const event = await lastEvent();
    expect(event.type).toBe("user.updated");
    expect(JSON.parse(event.payload)).toEqual({
      userId: user.id,
      changes: {
        name: { from: user.name, to: "J. de Wethouder" },
        email: { from: "wethouder.wassenaar@h10.example", to: "j.de.wethouder@wassenaar.example" },
      },
      sessionsEnded: false,
    });
    expect(event.payload).not.toContain(user.passwordHash);
    expect(await getSessionWithUser(session.id)).not.toBeNull();
  });

  it("refuses an address another account has, and writes nothing", async () => {
    const user = await userOf("griffier.voorschoten@h10.example");
    const before = await lastEvent();
    const result = await updateUser(
      user.id,
      { name: "Nieuwe naam", email: "Griffier.Delft@h10.example", role: "CLERK", municipalityId: user.municipalityId },
      await adminActor(),
    );
    expect(result).toEqual({ ok: false, field: "email", code: "email_taken" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect((await lastEvent()).sequence).toBe(before.sequence);
  });

  it("refuses a municipality that does not fit the role, or does not exist", async () => {
    const user = await userOf("griffier.westland@h10.example");
    const actor = await adminActor();
    const base = { name: user.name, email: user.email };
    expect(
      await updateUser(user.id, { ...base, role: "SECRETARY", municipalityId: user.municipalityId }, actor),
    ).toEqual({
      ok: false,
      field: "municipalityId",
      code: "municipality_not_for_role",
    });
    expect(await updateUser(user.id, { ...base, role: "ALDERMAN", municipalityId: null }, actor)).toEqual({
      ok: false,
      field: "municipalityId",
      code: "municipality_required_for_role",
    });
    expect(await updateUser(user.id, { ...base, role: "CLERK", municipalityId: "bestaat-niet" }, actor)).toEqual({
      ok: false,
      field: "municipalityId",
      code: "municipality_unknown",
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
  });

  it("ends the sessions of a user whose role or municipality changes, and starts the second factor's grace anew", async () => {
    const user = await userOf("griffier.midden-delfland@h10.example");
    const zoetermeer = await prisma.municipality.findUniqueOrThrow({ where: { slug: "zoetermeer" } });
    const actor = await adminActor();
    const first = await createSession(user.id, {});
    expect(
      await updateUser(
        user.id,
        { name: user.name, email: user.email, role: "CLERK", municipalityId: zoetermeer.id },
        actor,
      ),
    ).toEqual({ ok: true, changed: ["municipalityId"] });
    expect(await getSessionWithUser(first.id)).toBeNull();
    expect(JSON.parse((await lastEvent()).payload)).toMatchObject({
      changes: { municipalityId: { from: user.municipalityId, to: zoetermeer.id } },
      sessionsEnded: true,
    });

    // A grace period that ran out long ago (an earlier spell as secretary) does not lock the new secretary out.
    await prisma.user.update({ where: { id: user.id }, data: { secondFactorDueAt: new Date("2025-01-01T00:00:00Z") } });
    const second = await createSession(user.id, {});
    await updateUser(user.id, { name: user.name, email: user.email, role: "SECRETARY", municipalityId: null }, actor);
    expect(await getSessionWithUser(second.id)).toBeNull();
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ role: "SECRETARY", municipalityId: null, secondFactorDueAt: null });
    expect(restrictionOf(row)).toBeNull();
  });

  it("never leaves the region without an active administrator", async () => {
    const admin = await userOf("beheer@h10.example");
    const actor = await adminActor();
    const demote = () =>
      updateUser(admin.id, { name: admin.name, email: admin.email, role: "SECRETARY", municipalityId: null }, actor);
    const before = await lastEvent();
    expect(await demote()).toEqual({ ok: false, field: "role", code: "last_admin" });
    expect(await setUserDisabled(admin.id, true, actor)).toBe("last_admin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect((await lastEvent()).sequence).toBe(before.sequence);

    // A blocked administrator does not count; an active second one does.
    const other = await userOf("secretaris@h10.example");
    await updateUser(other.id, { name: other.name, email: other.email, role: "ADMIN", municipalityId: null }, actor);
    await setUserDisabled(other.id, true, actor);
    expect(await demote()).toEqual({ ok: false, field: "role", code: "last_admin" });
    await setUserDisabled(other.id, false, actor);
    expect(await demote()).toEqual({ ok: true, changed: ["role"] });
  });
});

describe("two administrators who demote each other at the same moment", () => {
  it("leave one administrator: the second change sees the first", async () => {
    const [a, b] = await Promise.all([userOf("beheer@h10.example"), userOf("wethouder.zoetermeer@h10.example")]);
    const actor = await adminActor();
    await prisma.user.updateMany({
      where: { role: "ADMIN", id: { notIn: [a.id, b.id] } },
      data: { role: "SECRETARY" },
    });
    await updateUser(b.id, { name: b.name, email: b.email, role: "ADMIN", municipalityId: null }, actor);
    await updateUser(a.id, { name: a.name, email: a.email, role: "ADMIN", municipalityId: null }, actor);
    const demote = (u: typeof a) =>
      updateUser(u.id, { name: u.name, email: u.email, role: "SECRETARY", municipalityId: null }, actor);
    const results = await Promise.all([demote(a), demote(b)]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.filter((r) => r && !r.ok)).toEqual([{ ok: false, field: "role", code: "last_admin" }]);
    expect(await prisma.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
  });
});

describe("a temporary password", () => {
  it("replaces the password, ends every session and must be changed at the next sign-in", async () => {
    const user = await userOf("griffier.rijswijk@h10.example");
    const session = await createSession(user.id, {});
    expect(
      await setTemporaryPassword(user.id, "Tijdelijk-wachtwoord-123", {
        actor: await adminActor(),
        origin: "192.0.2.1",
      }),
    ).toBe(true);
    expect(await getSessionWithUser(session.id)).toBeNull();
    const signedIn = await verifyLogin(user.email, "Tijdelijk-wachtwoord-123");
    expect(signedIn?.mustChangePassword).toBe(true);
    expect(restrictionOf(signedIn!)).toBe("password_change");
    const event = await lastEvent();
    expect(event.type).toBe("security.password.reset");
    expect(event.payload).not.toContain("Tijdelijk-wachtwoord-123");
  });
});
