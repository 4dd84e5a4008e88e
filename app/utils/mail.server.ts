import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";

let transporter: Transporter | null | undefined;

/** The SMTP transport, or null when no SMTP server is configured (then mail is simply not sent). */
function transport(): Transporter | null {
  if (transporter === undefined) {
    const url = getEnv().SMTP_URL;
    // A pool of two connections kept open between messages; short time-outs: a mail server that does not answer
    // fails the round, which is tried again later.
    transporter = url
      ? nodemailer.createTransport({
          url,
          pool: true,
          maxConnections: 2,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : null;
  }
  return transporter;
}

let paused = false;

/**
 * Runs `work` as if no SMTP server were configured: what it notifies stays in the app (the demo region's history,
 * seeded before the server listens).
 */
export async function withoutMail<T>(work: () => Promise<T>): Promise<T> {
  paused = true;
  try {
    return await work();
  } finally {
    paused = false;
  }
}

export function mailConfigured(): boolean {
  return !paused && transport() !== null;
}

/**
 * Sends one e-mail. `unsubscribe` becomes its List-Unsubscribe header: the one-click link (RFC 8058, with
 * List-Unsubscribe-Post) when the e-mail has one, then the page to change one's e-mail settings.
 */
export async function sendMail({
  unsubscribe,
  ...message
}: {
  to: string;
  subject: string;
  text: string;
  html?: string;
  unsubscribe?: { settings: string; oneClick?: string | null };
}): Promise<boolean> {
  const smtp = transport();
  if (!smtp) return false;
  const oneClick = unsubscribe?.oneClick;
  await smtp.sendMail({
    from: getEnv().MAIL_FROM,
    ...message,
    // An array in an array: one header with both addresses (a flat array would make two headers).
    ...(unsubscribe
      ? { list: { unsubscribe: oneClick ? [[oneClick, unsubscribe.settings]] : unsubscribe.settings } }
      : {}),
    ...(oneClick ? { headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } } : {}),
  });
  return true;
}
