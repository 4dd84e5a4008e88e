import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { open, seal } from "~/utils/secret-box.server";
import { recordSecurityEvent } from "./security-event.server";

/**
 * Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 seconds, as every
 * authenticator app reads it), and ten one-time recovery codes stored as SHA-256 hashes.
 */
const ISSUER = "H10 Besluitvorming";
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

/** Roles that must use a second factor (BIO2: administrators and those who steer trails). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["ADMIN", "SECRETARY"];
/** How long someone in such a role may still work without one, from the first sign-in that asks. */
export const SECOND_FACTOR_GRACE_MS = 48 * 60 * 60 * 1000;

export function secondFactorRequired(role: Role) {
  return SECOND_FACTOR_ROLES.includes(role);
}

/** The grace period to enrol starts at the first sign-in that asks for a second factor. */
export async function startSecondFactorGrace(
  user: { id: string; role: Role; totpEnabledAt: Date | null; secondFactorDueAt: Date | null },
  now = new Date(),
) {
  if (!secondFactorRequired(user.role) || user.totpEnabledAt || user.secondFactorDueAt) return;
  await prisma.user.update({
    where: { id: user.id },
    data: { secondFactorDueAt: new Date(now.getTime() + SECOND_FACTOR_GRACE_MS) },
  });
}

function totp(secret: Secret, email: string) {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: PERIOD, secret });
}

export interface Enrolment {
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: string;
  uri: string;
  /** The otpauth:// address as a QR code, an SVG document. */
  qrSvg: string;
}

/** Starts (or restarts) enrolment: a new secret, kept until the first code confirms it. */
export async function beginEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
  if (!user || user.totpEnabledAt) return null;
  const secret = new Secret({ size: 20 });
  await prisma.user.update({ where: { id: userId }, data: { totpSecret: seal(secret.base32) } });
  return enrolmentOf(secret, user.email);
}

/** The enrolment in progress (the page shown again after a wrong code), or null. */
export async function pendingEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, totpSecret: true, totpEnabledAt: true },
  });
  const base32 = user?.totpSecret && !user.totpEnabledAt ? open(user.totpSecret) : null;
  return base32 ? enrolmentOf(Secret.fromBase32(base32), user!.email) : null;
}

function enrolmentOf(secret: Secret, email: string): Enrolment {
  const uri = totp(secret, email).toString();
  return { secret: secret.base32.replace(/(.{4})/g, "$1 ").trim(), uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

function normaliseCode(input: string) {
  return input.replace(/[\s-]/g, "").toLowerCase();
}

function hashRecoveryCode(code: string) {
  return crypto.createHash("sha256").update(normaliseCode(code)).digest("hex");
}

/** Ten codes like "k7m2q-x9d4t": 50 random bits each, easy to read aloud and type. */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The time step a TOTP code belongs to (one step either side allowed for clock drift), or null. */
function matchingStep(secretBox: string, email: string, code: string, now: Date): number | null {
  const base32 = open(secretBox);
  if (!base32 || !/^\d{6}$/.test(code)) return null;
  const delta = totp(Secret.fromBase32(base32), email).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; code: "code_invalid" };

/** Confirms enrolment with a first code; turns the second factor on and gives the recovery codes once. */
export async function confirmEnrolment(
  userId: string,
  code: string,
  context: { actor: Actor; origin: string },
  now = new Date(),
): Promise<ConfirmResult> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user?.totpSecret || user.totpEnabledAt) return { ok: false, code: "code_invalid" };
  const step = matchingStep(user.totpSecret, user.email, normaliseCode(code), now);
  if (step === null) return { ok: false, code: "code_invalid" };
  const recoveryCodes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpEnabledAt: now, totpLastStep: step, secondFactorDueAt: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), createdAt: now })),
    });
    await recordSecurityEvent(
      {
        type: "security.second_factor.enabled",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: userId, email: user.email },
        details: { method: "totp" },
      },
      tx,
    );
  });
  return { ok: true, recoveryCodes };
}

/**
 * Checks a second-factor code at sign-in: a TOTP code of a step after the last one accepted
 * (so a code seen over someone's shoulder cannot be used again), or an unused recovery code.
 * Either is used up in one conditional update, so two concurrent sign-ins cannot both use it.
 */
export async function verifySecondFactor(
  userId: string,
  input: string,
  now = new Date(),
): Promise<"totp" | "recovery_code" | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, totpSecret: true, totpEnabledAt: true },
  });
  if (!user?.totpSecret || !user.totpEnabledAt) return null;
  const code = normaliseCode(input);
  if (code.length > 40) return null;
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(user.totpSecret, user.email, code, now);
    if (step === null) return null;
    const { count } = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const { count } = await prisma.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1 ? "recovery_code" : null;
}

export async function remainingRecoveryCodes(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** New recovery codes (the old ones stop working), after the user confirms with a current code. */
export async function renewRecoveryCodes(userId: string, context: { actor: Actor; origin: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const recoveryCodes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
    await recordSecurityEvent(
      {
        type: "security.recovery_codes.renewed",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: userId, email: user.email },
      },
      tx,
    );
  });
  return recoveryCodes;
}

/**
 * Turns the second factor off: by the user (only where their role does not require one) or
 * by an administrator who resets it (a lost phone). A reset also ends the user's sessions.
 */
export async function removeSecondFactor(
  userId: string,
  context: { actor: Actor; origin: string; reset: boolean },
  now = new Date(),
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!user) return false;
    await tx.user.update({
      where: { id: userId },
      data: {
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        // After a reset, someone who must use a second factor enrols at the next sign-in.
        secondFactorDueAt: secondFactorRequired(user.role) ? now : null,
      },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    if (context.reset) await tx.session.deleteMany({ where: { userId } });
    await recordSecurityEvent(
      {
        type: context.reset ? "security.second_factor.reset" : "security.second_factor.disabled",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: userId, email: user.email },
      },
      tx,
    );
    return true;
  });
}
