import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { DEFAULT_TOKEN_LIFETIME_DAYS } from "~/utils/token-lifetime";
import { createOnce } from "./form-key.server";
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

export interface TokenContext {
  actor: Actor;
  origin: string;
  lifetimeDays?: number;
}

async function insertToken(
  tx: Prisma.TransactionClient,
  userId: string,
  name: string,
  context: TokenContext,
  now: Date,
) {
  const token = `${PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + (context.lifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS) * DAY_MS);
  const row = await tx.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdAt: now, expiresAt },
  });
  const owner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
  await recordSecurityEvent(
    {
      type: "api_token.created",
      result: "success",
      origin: context.origin,
      actor: context.actor,
      subject: owner,
      details: { tokenId: row.id, name, expiresAt: expiresAt.toISOString() },
    },
    tx,
  );
  return { id: row.id, token, expiresAt };
}

/** Creates a token; the plain token is returned once and never stored. */
export async function createApiToken(userId: string, name: string, context: TokenContext, now = new Date()) {
  return prisma.$transaction((tx) => insertToken(tx, userId, name, context, now));
}

/**
 * Creates a token from the settings form. A second post with the form's key
 * creates none: its answer has no token (the first answer showed it, and only
 * its hash is kept), and says so.
 */
export async function createApiTokenOnce(userId: string, name: string, context: TokenContext, formKey: string | null) {
  return createOnce<{ ok: true; id: string; token: string | null }>({
    use: { userId, key: formKey },
    scope: "api_token",
    content: { name, lifetimeDays: context.lifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS },
    create: async (tx) => ({ ok: true as const, ...(await insertToken(tx, userId, name, context, new Date())) }),
    idOf: (created) => created.id,
    repeat: (id) => ({ ok: true as const, id, token: null }),
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
