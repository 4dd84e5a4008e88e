import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { appendEvent } from "./event.server";
import { recordSecurityEvent } from "./security-event.server";
import type { Actor } from "~/utils/permissions";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user for these credentials, or null (also for a disabled account). */
export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) } });
  // Hash even when the user does not exist, so timing does not reveal addresses.
  const hash = user?.passwordHash ?? (await dummyHash());
  const valid = await verifyPassword(password, hash);
  if (!user || !valid || user.disabledAt) return null;
  return user;
}

/** A user by id, whole (to finish a sign-in once the second factor is given). */
export function getUserById(id: string) {
  return prisma.user.findUniqueOrThrow({ where: { id } });
}

/** The account behind an address, for the security log: id and address, or null when there is none. */
export function accountOf(email: string) {
  return prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true } });
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword("no such user");
  return dummy;
}

export function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      totpEnabledAt: true,
      mustChangePassword: true,
      municipality: { select: { id: true, name: true } },
    },
  });
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  municipalityId: string | null;
  password: string;
}

export type CreateUserResult =
  { ok: true; userId: string } | { ok: false; field: "email" | "municipalityId"; code: string };

export async function createUser(input: NewUser, actor: Actor): Promise<CreateUserResult> {
  const email = normaliseEmail(input.email);
  if (input.municipalityId) {
    const municipality = await prisma.municipality.findUnique({
      where: { id: input.municipalityId },
      select: { id: true },
    });
    if (!municipality) return { ok: false, field: "municipalityId", code: "municipality_unknown" };
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { ok: false as const, field: "email" as const, code: "email_taken" };
    const user = await tx.user.create({
      // The administrator chose the password: it is temporary, the user chooses their own at the first sign-in.
      data: {
        email,
        name: input.name,
        role: input.role,
        municipalityId: input.municipalityId,
        passwordHash,
        mustChangePassword: true,
      },
    });
    await appendEvent(tx, {
      type: "user.created",
      actor,
      payload: { userId: user.id, email, role: user.role, municipalityId: user.municipalityId },
    });
    return { ok: true as const, userId: user.id };
  });
}

/** Disables or re-enables an account; disabling also ends its sessions. */
export async function setUserDisabled(userId: string, disabled: boolean, actor: Actor) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) return false;
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await appendEvent(tx, { type: disabled ? "user.disabled" : "user.enabled", actor, payload: { userId } });
    return true;
  });
}

export async function setUserLocale(userId: string, locale: "nl" | "en") {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword"; code: "password_wrong" };

/**
 * The user's own password change, with the current password. The user's other sessions end
 * (someone who knew the old password is signed out); this one stays.
 */
export async function changeOwnPassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  context: { actor: Actor; origin: string; keepSessionId: string | null },
  now = new Date(),
): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordSecurityEvent({
      type: "security.password.changed",
      result: "failure",
      origin: context.origin,
      actor: context.actor,
      subject: { id: user.id, email: user.email },
      details: { reason: "current_password_wrong" },
    });
    return { ok: false, field: "currentPassword", code: "password_wrong" };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
    });
    await tx.session.deleteMany({
      where: { userId, ...(context.keepSessionId ? { id: { not: context.keepSessionId } } : {}) },
    });
    await recordSecurityEvent(
      {
        type: "security.password.changed",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: user.id, email: user.email },
      },
      tx,
    );
  });
  return { ok: true };
}

/**
 * An administrator gives a user a temporary password: the user must choose a new one at the
 * next sign-in, and every session of the user ends.
 */
export async function setTemporaryPassword(
  userId: string,
  temporaryPassword: string,
  context: { actor: Actor; origin: string },
  now = new Date(),
): Promise<boolean> {
  const passwordHash = await hashPassword(temporaryPassword);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) return false;
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: now },
    });
    await tx.session.deleteMany({ where: { userId } });
    await recordSecurityEvent(
      {
        type: "security.password.reset",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: user.id, email: user.email },
      },
      tx,
    );
    return true;
  });
}
