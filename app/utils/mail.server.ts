import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";

let transporter: Transporter | null | undefined;

/** The SMTP transport, or null when no SMTP server is configured (then mail is simply not sent). */
function transport(): Transporter | null {
  if (transporter === undefined) {
    const url = getEnv().SMTP_URL;
    transporter = url ? nodemailer.createTransport(url) : null;
  }
  return transporter;
}

export function mailConfigured(): boolean {
  return transport() !== null;
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const smtp = transport();
  if (!smtp) return false;
  await smtp.sendMail({ from: getEnv().MAIL_FROM, ...message });
  return true;
}
