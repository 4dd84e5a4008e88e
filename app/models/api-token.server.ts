import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { DEFAULT_TOKEN_LIFETIME_DAYS } from "~/utils/token-lifetime";
import { recordSecurityEvent } from "./security-event.server";

const PREFIX = "h10_";

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A token's expiry; tokens made before expiry dates existed expire a year after they were made. */
export function expiryOf(token: { createdAt: Date; expiresAt: Date | null }): Date {
  return token.expiresAt ?? new Date(token.createdAt.getTime() + DEFAULT_TOKEN_LIFETIME_DAYS * DAY_MS);
}

/** Creates a token; the plain token is returned once and never stored. */
export async function createApiToken(
  userId: string,
  name: string,
  context: { actor: Actor; origin: string; lifetimeDays?: number },
  now = new Date(),
) {
  const token = `${PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + (context.lifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS) * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdAt: now, expiresAt },
    });
    await recordSecurityEvent(
      {
        type: "api_token.created",
        result: "success",
        origin: context.origin,
        actor: context.actor,
        subject: { id: userId, email: (await tx.user.findUniqueOrThrow({ where: { id: userId } })).email },
        details: { tokenId: row.id, name, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return { id: row.id, token, expiresAt };
  });
}

export function listApiTokens(userId: string) {
  return prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
}

/** Revokes one of the user's own tokens. */
export async function revokeApiToken(
  userId: string,
  tokenId: string,
  context: { actor: Actor; origin: string },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count) {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
      await recordSecurityEvent(
        {
          type: "api_token.revoked",
          result: "success",
          origin: context.origin,
          actor: context.actor,
          subject: user,
          details: { tokenId },
        },
        tx,
      );
    }
    return count === 1;
  });
}

/**
 * The user behind a bearer token if the token is valid and the account active; "expired" for
 * a token past its expiry (the client is told so, to renew it), null otherwise.
 */
export async function userForToken(token: string, now = new Date()) {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { municipality: true } } },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  if (expiryOf(row) <= now) return "expired" as const;
  // "Last used" to the minute: no extra write on every request of a busy client.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.user;
}
