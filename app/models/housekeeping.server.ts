/**
 * The server's hourly round: deadline reminders and the purge of expired
 * sessions and of sign-in attempts older than the rate limit's window. Safe to run from several instances at once: reminders are keyed
 * and a session can only be deleted once.
 */
import { deleteOldLoginAttempts } from "./login-attempt.server";
import { deliverSoon, remindOfDeadlines } from "./notification.server";
import { deleteExpiredSessions } from "./session.server";

export async function runHousekeeping(now = new Date()) {
  const reminders = await remindOfDeadlines(now);
  if (reminders > 0) deliverSoon();
  const expiredSessions = await deleteExpiredSessions(now);
  const oldLoginAttempts = await deleteOldLoginAttempts(now);
  return { reminders, expiredSessions, oldLoginAttempts };
}
