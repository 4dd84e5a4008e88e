import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";
import { createOnce } from "./form-key.server";

const PREFIX = "h10_";

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

async function insertToken(tx: Prisma.TransactionClient, userId: string, name: string, actor: Actor) {
  const token = `${PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const row = await tx.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
  });
  await appendEvent(tx, { type: "api_token.created", actor, payload: { tokenId: row.id, name } });
  return { id: row.id, token };
}

/** Creates a token; the plain token is returned once and never stored. */
export async function createApiToken(userId: string, name: string, actor: Actor) {
  return prisma.$transaction((tx) => insertToken(tx, userId, name, actor));
}

/**
 * Creates a token from the settings form. A second post with the form's key
 * creates none: its answer has no token (the first answer showed it, and only
 * its hash is kept), and says so.
 */
export async function createApiTokenOnce(userId: string, name: string, actor: Actor, formKey: string | null) {
  return createOnce<{ ok: true; id: string; token: string | null }>({
    use: { userId, key: formKey },
    scope: "api_token",
    content: { name },
    create: async (tx) => ({ ok: true as const, ...(await insertToken(tx, userId, name, actor)) }),
    idOf: (created) => created.id,
    repeat: (id) => ({ ok: true as const, id, token: null }),
  });
}

export function listApiTokens(userId: string) {
  return prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes one of the user's own tokens. */
export async function revokeApiToken(userId: string, tokenId: string, actor: Actor): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count) await appendEvent(tx, { type: "api_token.revoked", actor, payload: { tokenId } });
    return count === 1;
  });
}

/** The user behind a bearer token, if the token is valid and the account active. */
export async function userForToken(token: string) {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { municipality: true } } },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  // "Last used" to the minute: no extra write on every request of a busy client.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.user;
}
