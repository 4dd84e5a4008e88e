/**
 * Notifications: followers of a trail are told what changed on it, in the app
 * and, when SMTP is configured, by e-mail. Rows are written in the same
 * transaction as the change; e-mails go out afterwards from the rows not yet
 * e-mailed (an outbox), so a failing mail server loses nothing.
 */
import type { Prisma } from "~/generated/prisma/client";
import nl from "~/locales/nl";
import { canonicalJson } from "~/utils/canonical-json";
import { prisma } from "~/utils/db.server";
import { mailConfigured, sendMail } from "~/utils/mail.server";

type Tx = Prisma.TransactionClient;

export async function follow(tx: Tx | typeof prisma, userId: string, trailId: string) {
  await tx.trailFollow.upsert({ where: { userId_trailId: { userId, trailId } }, create: { userId, trailId }, update: {} });
}

export function followTrail(userId: string, trailId: string) {
  return follow(prisma, userId, trailId);
}

export async function unfollow(userId: string, trailId: string) {
  await prisma.trailFollow.deleteMany({ where: { userId, trailId } });
}

export async function isFollowing(userId: string, trailId: string) {
  return (await prisma.trailFollow.count({ where: { userId, trailId } })) > 0;
}

/**
 * Tells every follower except the actor; the actor starts following what they
 * act on. Two or three queries whatever the number of followers.
 */
export async function notifyFollowers(tx: Tx, input: { trailId: string; actorId: string; kind: string; values: Record<string, string> }) {
  const followers = await tx.trailFollow.findMany({ where: { trailId: input.trailId }, select: { userId: true } });
  if (!followers.some((f) => f.userId === input.actorId)) await tx.trailFollow.create({ data: { userId: input.actorId, trailId: input.trailId } });
  const others = followers.filter((f) => f.userId !== input.actorId);
  if (!others.length) return;
  const values = canonicalJson(input.values);
  await tx.notification.createMany({ data: others.map((f) => ({ userId: f.userId, trailId: input.trailId, kind: input.kind, values })) });
}

export function listNotifications(userId: string) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { trail: { select: { id: true, title: true } } },
  });
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export async function markAllRead(userId: string) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}

/** Dutch text of a notification for e-mail (the app shows it in the reader's language). */
export function notificationText(kind: string, values: Record<string, string>): string {
  const template = (nl.notifications as Record<string, string>)[kind] ?? kind;
  const shown: Record<string, string> = {
    ...values,
    ...(values.step ? { step: (nl.events as Record<string, string>)[values.step] ?? values.step } : {}),
    ...(values.kind ? { kind: (nl.positionKinds as Record<string, string>)[values.kind] ?? values.kind } : {}),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => shown[key] ?? "");
}

/** Sends the notifications not yet e-mailed. Returns how many went out (0 without SMTP). */
export async function deliverPendingEmails(): Promise<number> {
  if (!mailConfigured()) return 0;
  const pending = await prisma.notification.findMany({
    where: { emailedAt: null },
    orderBy: { createdAt: "asc" },
    take: 200,
    include: { user: { select: { email: true, disabledAt: true } }, trail: { select: { title: true } } },
  });
  let sent = 0;
  for (const n of pending) {
    if (!n.user.disabledAt) {
      const text = notificationText(n.kind, JSON.parse(n.values) as Record<string, string>);
      await sendMail({ to: n.user.email, subject: `H10: ${n.trail?.title ?? "melding"}`, text });
      sent += 1;
    }
    await prisma.notification.update({ where: { id: n.id }, data: { emailedAt: new Date() } });
  }
  return sent;
}

/** Fire-and-forget delivery after a change; a failure is logged and retried with the next change. */
export function deliverSoon() {
  if (!mailConfigured()) return;
  deliverPendingEmails().catch((error: unknown) => console.warn("E-mail delivery failed; will retry:", error));
}
