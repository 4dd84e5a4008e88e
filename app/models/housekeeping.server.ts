/**
 * The server's hourly round: deadline reminders and the purge of expired
 * sessions. Safe to run from several instances at once: reminders are keyed
 * and a session can only be deleted once.
 */
import { deliverSoon, remindOfDeadlines } from "./notification.server";
import { deleteExpiredSessions } from "./session.server";

export async function runHousekeeping(now = new Date()) {
  const reminders = await remindOfDeadlines(now);
  if (reminders > 0) deliverSoon();
  const expiredSessions = await deleteExpiredSessions(now);
  return { reminders, expiredSessions };
}
