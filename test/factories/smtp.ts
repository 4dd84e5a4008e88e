import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback that keeps what it receives, parsed. `before(message)` runs before a message is
 * accepted: it may wait (to hold a message) or return an error to refuse it.
 */
export async function startSmtpSink(options: { before?: () => Promise<Error | void> } = {}) {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const refusal = await options.before?.();
        if (refusal) return callback(refusal);
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  // A client's connection cut off (the app's process killed after a test) is no error of the test.
  smtp.on("error", () => {});
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The addresses a parsed e-mail went to. */
export const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a?.text).join(",");
