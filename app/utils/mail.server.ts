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

/** Sends one e-mail; `unsubscribe` (the page to change one's e-mail settings) becomes its List-Unsubscribe header. */
export async function sendMail({
  unsubscribe,
  ...message
}: {
  to: string;
  subject: string;
  text: string;
  html?: string;
  unsubscribe?: string;
}): Promise<boolean> {
  const smtp = transport();
  if (!smtp) return false;
  await smtp.sendMail({ from: getEnv().MAIL_FROM, ...message, ...(unsubscribe ? { list: { unsubscribe } } : {}) });
  return true;
}
