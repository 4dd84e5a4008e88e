/**
 * Notifications: followers of a trail are told what changed on it, in the app
 * and, when SMTP is configured, by e-mail. Rows are written in the same
 * transaction as the change; e-mails go out afterwards from the rows not yet
 * e-mailed (an outbox), so a failing mail server loses nothing.
 */
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { translate } from "~/locales/lookup";
import { canonicalJson } from "~/utils/canonical-json";
import { prisma } from "~/utils/db.server";
import { insertRows } from "~/utils/insert-rows.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { notificationKey, shownNotificationValues } from "~/utils/notification-text";
import { mailTimes } from "./mail-preference.server";
import { MILESTONE_KINDS } from "~workflows/deadlines";
import { addDays } from "~workflows/shared/dates";
import { yieldToEventLoop } from "~/utils/event-loop";

type Tx = Prisma.TransactionClient;

export async function follow(tx: Tx | typeof prisma, userId: string, trailId: string) {
  await tx.trailFollow.upsert({
    where: { userId_trailId: { userId, trailId } },
    create: { userId, trailId },
    update: {},
  });
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
 * Tells every follower except the actor, and the active clerks (the griffie) of the councils the change concerns
 * (`councils`), whether they follow the trail or not; the actor starts following what they act on. Three or four
 * queries whatever the number of people told.
 */
export async function notifyFollowers(
  tx: Tx,
  input: {
    trailId: string;
    actorId: string;
    kind: string;
    values: Record<string, string>;
    councils?: string[];
    /** false: the councils' clerks only (the followers heard of the same change otherwise). */
    followers?: boolean;
  },
) {
  const followers =
    input.followers === false
      ? []
      : await tx.trailFollow.findMany({ where: { trailId: input.trailId }, select: { userId: true } });
  if (input.followers !== false && !followers.some((f) => f.userId === input.actorId))
    await tx.trailFollow.create({ data: { userId: input.actorId, trailId: input.trailId } });
  const clerks = input.councils?.length
    ? await tx.user.findMany({
        where: { role: "CLERK", disabledAt: null, municipalityId: { in: input.councils } },
        select: { id: true },
      })
    : [];
  const told = new Set([...followers.map((f) => f.userId), ...clerks.map((c) => c.id)]);
  told.delete(input.actorId);
  const others = [...told].map((userId) => ({ userId }));
  if (!others.length) return;
  // The trail's title is read with the row (notificationValues), not stored in every follower's copy.
  const { trail: _title, ...stored } = input.values;
  const values = canonicalJson(stored);
  // Made while SMTP is configured, it is e-mailed too (mail-outbox.server.ts), at once or in the reader's digest;
  // without SMTP, it never is.
  const now = new Date();
  const mailAfter = await mailTimes(
    tx,
    others.map((f) => f.userId),
    input.kind,
    now,
  );
  await insertRows(
    tx,
    "Notification",
    others.map((f) => ({
      id: orderedId(now),
      userId: f.userId,
      trailId: input.trailId,
      kind: input.kind,
      values,
      createdAt: now,
      mailAfter: mailAfter.get(f.userId) ?? null,
    })),
  );
}

/**
 * Tells the people a change to a trail concerns: its followers and the clerks of every participating council. The
 * actor's name is read when the caller does not have it.
 */
/** The name a notification gives its actor ("door …"): the actor's own, read when the caller does not have it. */
export async function actorName(tx: Tx, actor: { id: string; name?: string | null }): Promise<string> {
  return actor.name ?? (await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } }))?.name ?? "";
}

export async function notifyCouncils(
  tx: Tx,
  input: { trailId: string; actor: { id: string; name?: string | null }; kind: string; values: Record<string, string> },
) {
  const [participants, by] = await Promise.all([
    tx.trailParticipant.findMany({ where: { trailId: input.trailId }, select: { municipalityId: true } }),
    actorName(tx, input.actor),
  ]);
  await notifyFollowers(tx, {
    trailId: input.trailId,
    actorId: input.actor.id,
    kind: input.kind,
    values: { ...input.values, by },
    councils: participants.map((p) => p.municipalityId),
  });
}

/** Notifications a page of /meldingen. */
export const NOTIFICATION_PAGE = 50;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9_-]{1,64})$/;

/** The position after a notification in the newest-first list: its time and id (it names only the reader's rows). */
function notificationCursor(n: { createdAt: Date; id: string }): string {
  return `${n.createdAt.toISOString()}~${n.id}`;
}

function parseNotificationCursor(text: string): { createdAt: Date; id: string } | null {
  const match = CURSOR.exec(text);
  const createdAt = match ? new Date(match[1]!) : null;
  return match && createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt, id: match[2]! } : null;
}

/**
 * The rows after `after` in (createdAt, id) order, ascending or descending, as a Prisma filter; the plain bound
 * on createdAt keeps it a range of an index that starts with createdAt (after the user).
 */
function pastNotification(after: { createdAt: Date; id: string } | null, order: "asc" | "desc") {
  if (!after) return {};
  const [bound, beyond] = order === "asc" ? (["gte", "gt"] as const) : (["lte", "lt"] as const);
  return {
    AND: [
      { createdAt: { [bound]: after.createdAt } },
      {
        OR: [{ createdAt: { [beyond]: after.createdAt } }, { createdAt: after.createdAt, id: { [beyond]: after.id } }],
      },
    ],
  };
}

/**
 * A page of a user's notifications, newest first, by (createdAt, id) along Notification(userId, createdAt, id):
 * one query whatever the number of rows. `older` is the `next` of the page before; one that cannot be read
 * gives the first page, with `invalidCursor` set so the page can say so.
 */
export async function listNotifications(userId: string, older: string | null = null) {
  const after = older === null ? null : parseNotificationCursor(older);
  const rows = await prisma.notification.findMany({
    where: {
      userId,
      ...pastNotification(after, "desc"),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATION_PAGE + 1,
    include: { trail: { select: { id: true, title: true } } },
  });
  const notifications = rows.slice(0, NOTIFICATION_PAGE);
  return {
    notifications,
    next: rows.length > NOTIFICATION_PAGE ? notificationCursor(notifications[notifications.length - 1]!) : null,
    invalidCursor: older !== null && after === null,
  };
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/**
 * Opens one of a user's notifications: it counts as read from now (if it was not yet). Returns where it leads (its
 * trail, or none), or null when the user has no such notification.
 */
export async function openNotification(userId: string, id: string): Promise<{ trailId: string | null } | null> {
  const notification = await prisma.notification.findFirst({ where: { id, userId }, select: { trailId: true } });
  if (!notification) return null;
  await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
  return notification;
}

export async function markAllRead(userId: string) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}

/** A reminder's key: one per user, kind (due soon, overdue) and deadline (its trail, kind, council and day). */
function reminderKey(
  kind: "deadlineDueSoon" | "deadlineOverdue",
  d: { trailId: string; kind: string; label: string; municipalityId: string | null; dueOn: string },
): string {
  return [kind, d.trailId, d.kind, d.kind === "target" ? d.label : "", d.municipalityId ?? "", d.dueOn].join("|");
}

/**
 * In a step's transaction, for the councils' deadlines it met: the reminders sent of them (due soon, overdue) that
 * are still unread count as read, so the list does not go on saying "verlopen" of a term met after all (a
 * zienswijze logged later, dated before its end). Reminders went to the trail's followers and the councils' clerks:
 * one UPDATE finds their rows along Notification(userId, dedupeKey); one already read keeps its time (COALESCE,
 * not a test of readAt, which would tempt PostgreSQL to walk every unread notification along (userId, readAt)).
 */
export async function settleReminders(tx: Tx, trailId: string, met: readonly MetDeadline[]) {
  if (met.length) await tx.$executeRaw(settleRemindersQuery(trailId, met, new Date()));
}

interface MetDeadline {
  kind: string;
  municipalityId: string | null;
  /** The day it was due when its reminders were sent. */
  dueOn: string;
}

/** The UPDATE of settleReminders (exported for its query plan's test). */
export function settleRemindersQuery(trailId: string, met: readonly MetDeadline[], now: Date) {
  const councils = [...new Set(met.map((d) => d.municipalityId).filter((id): id is string => id !== null))];
  const keys = met.flatMap((d) =>
    (["deadlineDueSoon", "deadlineOverdue"] as const).map((kind) =>
      reminderKey(kind, { ...d, trailId, label: d.kind }),
    ),
  );
  const clerks = councils.length
    ? Prisma.sql`UNION ALL SELECT "id" FROM "User" WHERE "role" = 'CLERK' AND "municipalityId" IN (${Prisma.join(councils)})`
    : Prisma.empty;
  return Prisma.sql`
    UPDATE "Notification" SET "readAt" = COALESCE("readAt", ${now})
    WHERE "dedupeKey" IN (${Prisma.join(keys)})
      AND "userId" IN (SELECT "userId" FROM "TrailFollow" WHERE "trailId" = ${trailId} ${clerks})`;
}

/** Reminders go out this many days before a deadline, and once more when it has passed. */
export const REMINDER_DAYS = 7;

/** Deadlines read, and reminders written, per batch of the reminder round. */
export const REMINDER_BATCH = 500;

/** Rows per INSERT (7 bound values a row, far below the engines' limits): each statement a short block. */
const INSERT_ROWS = 100;

let sequence = 0;

/**
 * A new row's id, in the order written like Prisma's cuid() (time, a counter, then random): a batch's rows go
 * to the end of the primary key's index instead of to random pages of it, which at 100,000s of rows made the
 * reminders' INSERTs read and write pages all over the file.
 */
function orderedId(at: Date): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `c${at.getTime().toString(36)}${sequence.toString(36).padStart(4, "0")}${crypto.randomBytes(6).toString("hex")}`;
}

interface Reminder {
  userId: string;
  trailId: string;
  kind: string;
  values: string;
  dedupeKey: string;
}

/**
 * Writes the reminders in one statement per INSERT_ROWS rows, the event loop served after each; a row whose
 * (userId, dedupeKey) exists already, also one another instance wrote a moment ago, is skipped by the
 * database. Returns how many were written.
 */
async function insertReminders(rows: Reminder[], createdAt: Date): Promise<number> {
  let created = 0;
  // Each reader's time per kind of reminder (due soon, overdue), at once or in their digest (never off).
  const readers = [...new Set(rows.map((r) => r.userId))];
  const times = new Map<string, Map<string, Date | null>>();
  for (const kind of new Set(rows.map((r) => r.kind)))
    times.set(kind, await mailTimes(prisma, readers, kind, createdAt));
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const values = rows
      .slice(i, i + INSERT_ROWS)
      .map(
        (r) =>
          Prisma.sql`(${orderedId(createdAt)}, ${r.userId}, ${r.trailId}, ${r.kind}, ${r.values}, ${createdAt}, ${r.dedupeKey}, ${times.get(r.kind)!.get(r.userId) ?? null})`,
      );
    created += await prisma.$executeRaw`
      INSERT INTO "Notification" ("id", "userId", "trailId", "kind", "values", "createdAt", "dedupeKey", "mailAfter")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
    await yieldToEventLoop();
  }
  return created;
}

interface ReminderCursor {
  dueAt: Date;
  id: string;
}

interface ReminderDeadline {
  id: string;
  trailId: string;
  municipalityId: string | null;
  kind: string;
  label: string;
  dueAt: Date | string;
}

/**
 * One batch of the open deadlines due by `until` of open trails, by (dueAt, id) after `after`; not milestones
 * (an effective date is no task: nobody is reminded of it). The plan walks
 * the (dueAt, id) index in order and looks each trail up by its key, on both engines: no sort and no list of
 * every open trail, so a batch costs the same at 10,000 trails as at 100. "metAt" is tested through CASE so
 * that the (metAt, dueAt, id) index is not chosen: PostgreSQL does not take "metAt IS NULL" as fixing metAt, so
 * it does not see that index in (dueAt, id) order and would sort every batch's deadlines (when the index was
 * (metAt, dueAt), both engines did, with many deadlines on one day: a draft sent to ten councils).
 */
export function reminderBatchQuery(until: Date, after: ReminderCursor | null) {
  return Prisma.sql`
    SELECT d."id", d."trailId", d."municipalityId", d."kind", d."label", d."dueAt"
    FROM "Deadline" d
    WHERE (CASE WHEN d."metAt" IS NULL THEN 1 ELSE 0 END) = 1
      AND d."kind" NOT IN (${Prisma.join([...MILESTONE_KINDS])})
      AND d."dueAt" <= ${until}
      AND EXISTS (SELECT 1 FROM "Trail" t WHERE t."id" = d."trailId" AND t."closedAt" IS NULL)
      ${
        after
          ? Prisma.sql`AND d."dueAt" >= ${after.dueAt}
              AND (d."dueAt" > ${after.dueAt} OR (d."dueAt" = ${after.dueAt} AND d."id" > ${after.id}))`
          : Prisma.empty
      }
    ORDER BY d."dueAt", d."id"
    LIMIT ${REMINDER_BATCH}`;
}

/**
 * Reminds of open deadlines of open trails: once when a deadline falls within
 * the next week ("due soon"), once when it has passed ("overdue"). Followers
 * of the trail are told, and for a council's own deadline that council's
 * clerks too. A reminder is keyed by what it is about (trail, kind, council,
 * date), so running the check again, from any instance, adds nothing; a
 * deadline that moves is reminded of again. Returns how many were created.
 *
 * The deadlines are read in batches of REMINDER_BATCH by (dueAt, id) (an index), each batch's reminders
 * written set-based, and the event loop is given back between batches: with 10,000 trails the round
 * takes a while but never holds up a request for long.
 */
export async function remindOfDeadlines(now = new Date()): Promise<number> {
  const today = toDateInputValue(now);
  const createdAt = new Date();
  // The ten councils' names and active clerks, read once for the whole round.
  const councils = new Map(
    (
      await prisma.municipality.findMany({
        select: { id: true, name: true, users: { where: { role: "CLERK", disabledAt: null }, select: { id: true } } },
      })
    ).map((m) => [m.id, { name: m.name, clerks: m.users.map((u) => u.id) }]),
  );
  const until = fromDateInputValue(addDays(today, REMINDER_DAYS));
  let after: ReminderCursor | null = null;
  let created = 0;
  for (;;) {
    const batch: ReminderDeadline[] = await prisma.$queryRaw<ReminderDeadline[]>(reminderBatchQuery(until, after));
    const trails = new Map(
      (
        await prisma.trail.findMany({
          where: { id: { in: [...new Set(batch.map((d) => d.trailId))] } },
          select: { id: true, followers: { select: { userId: true } } },
        })
      ).map((t) => [t.id, t]),
    );
    const deadlines = batch.map((d) => ({ ...d, dueAt: new Date(d.dueAt), trail: trails.get(d.trailId)! }));
    const wanted = deadlines.flatMap((d) => {
      const dueOn = toDateInputValue(d.dueAt);
      const kind = dueOn < today ? "deadlineOverdue" : "deadlineDueSoon";
      const dedupeKey = reminderKey(kind, { ...d, dueOn });
      const council = d.municipalityId ? councils.get(d.municipalityId) : undefined;
      const users = new Set([...d.trail.followers.map((f) => f.userId), ...(council?.clerks ?? [])]);
      // Without the trail's title: notificationValues reads it through trailId.
      const values = canonicalJson({
        deadline: d.kind,
        label: d.label,
        municipality: council?.name ?? "",
        dueOn,
      });
      return [...users].map((userId) => ({ userId, trailId: d.trailId, kind, values, dedupeKey }));
    });
    await yieldToEventLoop();
    created += await insertReminders(wanted, createdAt);
    if (batch.length < REMINDER_BATCH) return created;
    const last = deadlines[deadlines.length - 1]!;
    after = { dueAt: last.dueAt, id: last.id };
  }
}

/**
 * Retention: a notification that was read is kept a year from when it was made, one never read two years (long
 * past any use: its deadline or step is history, and the trail page keeps the history itself), so the table,
 * most of the database, stops growing with time. The rows go oldest first along Notification(createdAt, id), 500
 * ids a DELETE (within the parameters Prisma sends SQLite in one statement), the event loop served between batches.
 */
export const READ_NOTIFICATION_DAYS = 365;
export const UNREAD_NOTIFICATION_DAYS = 730;
export const PURGE_BATCH = 500;
const DAY_MS = 86_400_000;

/** Deletes the notifications past retention. Returns how many. */
export async function deleteOldNotifications(now = new Date()): Promise<number> {
  const readBefore = new Date(now.getTime() - READ_NOTIFICATION_DAYS * DAY_MS);
  const anyBefore = new Date(now.getTime() - UNREAD_NOTIFICATION_DAYS * DAY_MS);
  let after: { createdAt: Date; id: string } | undefined;
  let deleted = 0;
  for (;;) {
    const batch: { createdAt: Date; id: string }[] = await prisma.notification.findMany({
      where: {
        createdAt: { lt: readBefore },
        OR: [{ readAt: { not: null } }, { createdAt: { lt: anyBefore } }],
        // Past the unread ones kept of the previous batches.
        ...pastNotification(after ?? null, "asc"),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PURGE_BATCH,
      select: { createdAt: true, id: true },
    });
    if (batch.length) {
      await yieldToEventLoop();
      deleted += (await prisma.notification.deleteMany({ where: { id: { in: batch.map((n) => n.id) } } })).count;
    }
    if (batch.length < PURGE_BATCH) return deleted;
    after = batch[batch.length - 1];
    await yieldToEventLoop();
  }
}

/**
 * What a notification says, as the values of its text: those stored with it, and the trail's title through
 * the relation. Rows written before the title was left out (it made up a third of a row) keep theirs.
 */
export function notificationValues(n: { values: string; trail: { title: string } | null }): Record<string, string> {
  return { ...(n.trail ? { trail: n.trail.title } : {}), ...(JSON.parse(n.values) as Record<string, string>) };
}

/** The text of a notification in a language (Dutch unless "en"), for e-mail; the app shows it through i18n. */
export function notificationText(kind: string, values: Record<string, string>, language = "nl"): string {
  const t = (key: string, filled: Record<string, string> = {}) => translate(language, key, filled);
  return t(
    notificationKey(kind, values),
    shownNotificationValues(values, (key) => t(key), language),
  );
}
