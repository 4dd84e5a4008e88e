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

export function mailConfigured(): boolean {
  return transport() !== null;
}

export async function sendMail(message: {
  to: string;
  subject: string;
  text: string;
  html?: string;
}): Promise<boolean> {
  const smtp = transport();
  if (!smtp) return false;
  await smtp.sendMail({ from: getEnv().MAIL_FROM, ...message });
  return true;
}
