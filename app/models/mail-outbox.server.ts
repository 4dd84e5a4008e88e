/**
 * The e-mail outbox of notifications (the rows of notification.server.ts).
 *
 * - A notification made while SMTP is configured is due at once (`mailAfter`); one made without SMTP is never
 *   e-mailed, so configuring SMTP later sends no backlog.
 * - A round claims a batch of due rows for this instance (an UPDATE that takes only rows no one holds, so two
 *   instances never send the same e-mail), sends each, and marks it sent.
 * - A failed send ends the round (the server is likely down) and is tried again after 1, 2, 4 … minutes, at most
 *   6 hours apart; after MAX_MAIL_ATTEMPTS it is given up and logged. The rows the round did not reach are released.
 * - Each e-mail is in the reader's language, says what happened on which trail (and for which council), and links
 *   to the page to act on, as plain text and HTML.
 * - Each e-mail has a one-click unsubscribe link (RFC 8058, /e-mail/afmelden): its signed token names the kinds of
 *   notification the e-mail contains (for a digest, every kind in it), which it switches off. Reminders of
 *   deadlines cannot be switched off: an e-mail of reminders only has the link to the settings page alone.
 */
import crypto from "node:crypto";
import { translate } from "~/locales/lookup";
import { escapeHtml } from "~/render/html.server";
import { prisma, type PrismaClient } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { mailConfigured, sendMail } from "~/utils/mail.server";
import { unsubscribeToken } from "~/utils/unsubscribe-token.server";
import { notificationText, notificationValues } from "./notification.server";
import { yieldToEventLoop } from "~/utils/event-loop";

export const MAIL_BATCH = 50;
/** How long a round's claim on its rows holds: an instance that dies mid-round frees them after this. */
export const MAIL_CLAIM_MS = 5 * 60_000;
export const MAX_MAIL_ATTEMPTS = 8;

/** The wait before the next attempt after `attempts` failed ones: 1, 2, 4 … minutes, at most 6 hours. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

/** Where links in e-mail point: PUBLIC_URL, or the server's own address. */
export function publicUrl(): string {
  const env = getEnv();
  const host = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  return (env.PUBLIC_URL ?? `http://${host}:${env.PORT}`).replace(/\/+$/, "");
}

interface MailRow {
  userId: string;
  kind: string;
  values: string;
  trailId: string | null;
  trail: { title: string } | null;
  user: { name: string; email: string; locale: string };
}

/**
 * The e-mail of a reader's notifications: one says what happened in its subject and links to its trail; several
 * (a digest, or a burst due at once) are listed, each with its link. Plain text and HTML, in the reader's language.
 */
export function composeMail(rows: MailRow[]) {
  const reader = rows[0]!.user;
  const language = reader.locale === "en" ? "en" : "nl";
  const t = (key: string, values: Record<string, string> = {}) => translate(language, key, values);
  const items = rows.map((n) => ({
    what: notificationText(n.kind, notificationValues(n), language),
    link: `${publicUrl()}${n.trailId ? `/trajecten/${n.trailId}` : "/meldingen"}`,
  }));
  const single = items.length === 1 ? items[0]! : null;
  const settings = `${publicUrl()}/instellingen#e-mail`;
  const token = unsubscribeToken(
    rows[0]!.userId,
    rows.map((n) => n.kind),
  );
  const oneClick = token ? `${publicUrl()}/e-mail/afmelden?t=${token}` : null;
  const greeting = t("mail.greeting", { name: reader.name });
  const intro = t("mail.digestIntro", { count: String(items.length) });
  const subject = `H10: ${single ? single.what : t("mail.digestSubject", { count: String(items.length) })}`.slice(
    0,
    200,
  );
  const text = [
    greeting,
    "",
    ...(single
      ? [single.what, "", `${t("mail.open")}: ${single.link}`]
      : [intro, "", ...items.flatMap((item) => [`- ${item.what}`, `  ${item.link}`])]),
    "",
    "-- ",
    t("mail.why"),
    `${t("mail.settings")}: ${settings}`,
    ...(oneClick ? [`${t("mail.unsubscribe")}: ${oneClick}`] : []),
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...(single
      ? [
          `<p><strong>${escapeHtml(single.what)}</strong></p>`,
          `<p><a href="${escapeHtml(single.link)}">${escapeHtml(t("mail.open"))}</a></p>`,
        ]
      : [
          `<p>${escapeHtml(intro)}</p>`,
          "<ul>",
          ...items.map((item) => `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.what)}</a></li>`),
          "</ul>",
        ]),
    `<hr><p style="font-size: 0.9em; color: #555">${escapeHtml(t("mail.why"))}<br>`,
    `<a href="${escapeHtml(settings)}">${escapeHtml(t("mail.settings"))}</a>`,
    ...(oneClick ? [`<br><a href="${escapeHtml(oneClick)}">${escapeHtml(t("mail.unsubscribe"))}</a>`] : []),
    "</p>",
    "</body></html>",
  ].join("\n");
  return { to: reader.email, subject, text, html, unsubscribe: { settings, oneClick } };
}

/** Rows due now that no instance holds. */
const dueAndFree = (at: Date) => ({
  mailAfter: { lte: at },
  OR: [{ mailClaimedUntil: null }, { mailClaimedUntil: { lt: at } }],
});

/**
 * Claims those of the rows that are still due and free for this round, and reads them. The condition is checked
 * again as each row is updated, so a row another instance claimed since it was found is not taken.
 */
export async function claimRows(db: PrismaClient, ids: string[], at: Date) {
  const claim = crypto.randomUUID();
  await db.notification.updateMany({
    where: { id: { in: ids }, ...dueAndFree(at) },
    data: { mailClaim: claim, mailClaimedUntil: new Date(at.getTime() + MAIL_CLAIM_MS) },
  });
  const rows = await db.notification.findMany({
    where: { id: { in: ids }, mailClaim: claim },
    orderBy: [{ mailAfter: "asc" }, { createdAt: "asc" }],
    include: {
      user: { select: { name: true, email: true, locale: true, disabledAt: true } },
      trail: { select: { title: true } },
    },
  });
  return { claim, rows };
}

/**
 * Sends the e-mails that are due, a claimed batch at a time. Returns how many went out (0 without SMTP). Rows made
 * while SMTP was not configured have no `mailAfter` and are never sent. `db`: another instance's connection
 * (the tests of two instances); `batch`: rows claimed at a time.
 */
export async function deliverPendingEmails(db: PrismaClient = prisma, batch = MAIL_BATCH): Promise<number> {
  if (!mailConfigured()) return 0;
  let sent = 0;
  for (;;) {
    const at = new Date();
    const due = await db.notification.findMany({
      where: dueAndFree(at),
      // A reader's rows next to each other, so a digest goes out whole.
      orderBy: [{ mailAfter: "asc" }, { userId: "asc" }],
      take: batch,
      select: { id: true },
    });
    if (!due.length) return sent;
    const { claim, rows: claimed } = await claimRows(
      db,
      due.map((d) => d.id),
      at,
    );
    // What is due for one reader goes out as one e-mail (a digest when there are several).
    const byReader = new Map<string, typeof claimed>();
    for (const n of claimed) byReader.set(n.userId, [...(byReader.get(n.userId) ?? []), n]);
    const readers = [...byReader.values()];
    for (const [i, rows] of readers.entries()) {
      const ids = rows.map((n) => n.id);
      const reader = rows[0]!.user;
      if (reader.disabledAt) {
        await db.notification.updateMany({ where: { id: { in: ids } }, data: { mailAfter: null, mailClaim: null } });
        continue;
      }
      try {
        await sendMail(composeMail(rows));
      } catch (error) {
        const attempts = Math.max(...rows.map((n) => n.mailAttempts)) + 1;
        const givenUp = attempts >= MAX_MAIL_ATTEMPTS;
        await db.notification.updateMany({
          where: { id: { in: ids } },
          data: {
            mailAttempts: attempts,
            mailAfter: givenUp ? null : new Date(Date.now() + mailRetryDelayMs(attempts)),
            mailClaim: null,
            mailClaimedUntil: null,
          },
        });
        console.warn(
          givenUp
            ? `E-mail of notifications ${ids.join(", ")} given up after ${attempts} attempts:`
            : `E-mail of notifications ${ids.join(", ")} failed (attempt ${attempts}); trying again later:`,
          error instanceof Error ? error.message : error,
        );
        // The rest of the batch waits for the next round, untried.
        const rest = readers.slice(i + 1).flatMap((r) => r.map((n) => n.id));
        if (rest.length)
          await db.notification.updateMany({
            where: { id: { in: rest }, mailClaim: claim },
            data: { mailClaim: null, mailClaimedUntil: null },
          });
        return sent;
      }
      await db.notification.updateMany({
        where: { id: { in: ids } },
        data: { emailedAt: new Date(), mailAfter: null, mailClaim: null, mailClaimedUntil: null },
      });
      sent += rows.length;
    }
    await yieldToEventLoop();
  }
}

let round: Promise<unknown> | null = null;
let again = false;

/**
 * A delivery round soon, after a change or on the server's minute timer; one at a time in this process (a call
 * during a round runs another after it). A failure is logged and retried by a later round.
 */
export function deliverSoon(): void {
  if (!mailConfigured()) return;
  if (round) {
    again = true;
    return;
  }
  again = false;
  round = deliverPendingEmails()
    .catch((error: unknown) => console.warn("E-mail delivery failed; will retry:", error))
    .finally(() => {
      round = null;
      if (again) deliverSoon();
    });
}

/** The round in progress, if any (tests wait for it). */
export const deliveryRound = () => round;
