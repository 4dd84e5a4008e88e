import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { appendEvent } from "./event.server";
import { recordSecurityEvent } from "./security-event.server";
import { roleNeedsMunicipality, type Actor } from "~/utils/permissions";

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

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** A result that is not ok, thrown out of a transaction so that it rolls back. */
class RolledBack<R> {
  constructor(readonly result: R) {}
}

async function transactionOr<R>(run: (tx: Tx) => Promise<R>): Promise<R> {
  try {
    return await prisma.$transaction(run);
  } catch (thrown) {
    if (thrown instanceof RolledBack) return thrown.result as R;
    throw thrown;
  }
}

/**
 * Whether an active administrator other than this user remains. Asked after appending the change's
 * audit event, which takes the audit chain's lock (on PostgreSQL): two administrators who demote or
 * block each other at the same moment are checked one after the other, and the second sees the first.
 */
async function otherActiveAdmin(tx: Tx, userId: string): Promise<boolean> {
  const other = await tx.user.findFirst({
    where: { role: "ADMIN", disabledAt: null, id: { not: userId } },
    select: { id: true },
  });
  return other !== null;
}

/**
 * Disables or re-enables an account; disabling also ends its sessions. Returns false for an
 * unknown user, "last_admin" when disabling would leave no active administrator (nothing written).
 */
export async function setUserDisabled(
  userId: string,
  disabled: boolean,
  actor: Actor,
): Promise<boolean | "last_admin"> {
  return transactionOr<boolean | "last_admin">(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!user) return false;
    await appendEvent(tx, { type: disabled ? "user.disabled" : "user.enabled", actor, payload: { userId } });
    if (disabled && user.role === "ADMIN" && !(await otherActiveAdmin(tx, userId))) throw new RolledBack("last_admin");
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    return true;
  });
}

/** What an administrator edits of a user, or null. */
export function getUserForEdit(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, role: true, municipalityId: true },
  });
}

export interface UserEdit {
  name: string;
  email: string;
  role: Role;
  municipalityId: string | null;
}

const EDITABLE = ["name", "email", "role", "municipalityId"] as const;
type Editable = (typeof EDITABLE)[number];

export type UpdateUserResult =
  { ok: true; changed: Editable[] } | { ok: false; field: "email" | "role" | "municipalityId"; code: string } | null;

/**
 * An administrator edits a user's name, e-mail address, role and municipality. Nothing is written
 * when the address belongs to someone else, the municipality does not fit the role or is unknown,
 * or the change would leave no active administrator. One audit event carries the changed fields
 * before and after. A new role or municipality changes what the user may do: their sessions end.
 * A role change clears the second factor's grace period, so that it starts at the next sign-in, as
 * for a new account (a role that must use a second factor then gets its 48 hours from that day).
 * Returns null for an unknown user.
 */
export async function updateUser(userId: string, input: UserEdit, actor: Actor): Promise<UpdateUserResult> {
  const next = { ...input, name: input.name.trim(), email: normaliseEmail(input.email) };
  if (roleNeedsMunicipality(next.role) !== (next.municipalityId !== null)) {
    const code = next.municipalityId ? "municipality_not_for_role" : "municipality_required_for_role";
    return { ok: false, field: "municipalityId", code };
  }
  return transactionOr<UpdateUserResult>(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, role: true, municipalityId: true, disabledAt: true },
    });
    if (!user) return null;
    const changed = EDITABLE.filter((field) => user[field] !== next[field]);
    if (!changed.length) return { ok: true as const, changed };
    if (changed.includes("email")) {
      const taken = await tx.user.findUnique({ where: { email: next.email }, select: { id: true } });
      if (taken) return { ok: false as const, field: "email" as const, code: "email_taken" };
    }
    if (next.municipalityId && changed.includes("municipalityId")) {
      const found = await tx.municipality.findUnique({ where: { id: next.municipalityId }, select: { id: true } });
      if (!found) return { ok: false as const, field: "municipalityId" as const, code: "municipality_unknown" };
    }
    const permissionsChanged = changed.includes("role") || changed.includes("municipalityId");
    await appendEvent(tx, {
      type: "user.updated",
      actor,
      payload: {
        userId,
        changes: Object.fromEntries(changed.map((field) => [field, { from: user[field], to: next[field] }])),
        sessionsEnded: permissionsChanged,
      },
    });
    if (user.role === "ADMIN" && next.role !== "ADMIN" && !user.disabledAt && !(await otherActiveAdmin(tx, userId)))
      throw new RolledBack({ ok: false, field: "role", code: "last_admin" });
    await tx.user.update({
      where: { id: userId },
      data: {
        name: next.name,
        email: next.email,
        role: next.role,
        municipalityId: next.municipalityId,
        ...(changed.includes("role") ? { secondFactorDueAt: null } : {}),
      },
    });
    if (permissionsChanged) await tx.session.deleteMany({ where: { userId } });
    return { ok: true as const, changed };
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
