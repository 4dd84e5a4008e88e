import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { appendEvent } from "./event.server";
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
      data: { email, name: input.name, role: input.role, municipalityId: input.municipalityId, passwordHash },
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
