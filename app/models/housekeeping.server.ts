/**
 * The server's hourly round: deadline reminders and the purge of expired
 * sessions, of sign-in attempts older than the rate limit's window, of old form keys and of
 * notifications past retention (read: a year; unread: two years; notification.server.ts), and the
 * running counts' rows folded into one per key (tally.server.ts).
 * Safe to run from several instances at once: reminders are keyed and a row can only be
 * deleted once.
 */
import { deleteExpiredFormKeys } from "./form-key.server";
import { deleteOldLoginAttempts } from "./login-attempt.server";
import { deliverSoon } from "./mail-outbox.server";
import { deleteOldNotifications, remindOfDeadlines } from "./notification.server";
import { deleteExpiredSessions } from "./session.server";
import { compactTallies } from "./tally.server";

export async function runHousekeeping(now = new Date()) {
  const reminders = await remindOfDeadlines(now);
  if (reminders > 0) deliverSoon();
  const expiredSessions = await deleteExpiredSessions(now);
  const oldLoginAttempts = await deleteOldLoginAttempts(now);
  const expiredFormKeys = await deleteExpiredFormKeys(now);
  const oldNotifications = await deleteOldNotifications(now);
  const foldedTallies = await compactTallies();
  return { reminders, expiredSessions, oldLoginAttempts, expiredFormKeys, oldNotifications, foldedTallies };
}
