import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHttp } from "../ops/http-client";
import { serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";
import { recipients as to, startSmtpSink } from "../factories/smtp";
import { browserForFile, expectAccessible, newPage } from "./helpers";

/*
 * E-mail from the production server to a real SMTP server on loopback: the griffie of a participating council is
 * told of a new trail, and the link in the e-mail opens the trail in the browser.
 */
const browser = browserForFile();
const PASSWORD = "mail-wachtwoord-h10";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-mail-"));
let received: ParsedMail[];
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtpSink();
  received = smtp.received;
  server = await startServerProcess(
    serverEnv(dataDir, { DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "warn", SMTP_URL: smtp.url }),
  );
});

afterAll(async () => {
  server?.child.kill("SIGKILL");
  await server?.exited;
  await smtp.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A browser page signed in as the user on this file's own server. */
async function signedInPage(email: string) {
  const { page, errors } = await newPage(browser());
  const { cookie } = await signInHttp(server!.base, email, PASSWORD);
  await page.context().addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server!.base };
    }),
  );
  return { page, errors };
}

describe("e-mail to the griffie", () => {
  it("tells every participating council's clerk of a new trail, and the e-mail's link opens it", async () => {
    // The deadline reminders of the seeded region's trails (the first housekeeping round) go out first; the
    // region's history itself is not e-mailed.
    const due = () => {
      const db = new Database(path.join(dataDir, "h10.db"), { readonly: true });
      const row = db.prepare("SELECT COUNT(*) AS n FROM Notification WHERE mailAfter IS NOT NULL").get() as {
        n: number;
      };
      db.close();
      return row.n;
    };
    await expect.poll(due, { timeout: 30_000 }).toBe(0);
    // Reminders only: "… verloopt op …", "… is verlopen op …", or several in one e-mail.
    expect(received.filter((m) => !/verloopt op|is verlopen op|\d+ meldingen$/.test(m.subject ?? ""))).toEqual([]);
    received.length = 0;
    const title = `Regiovisie Jeugdhulp Haaglanden ${Date.now()}`;
    const { page: secretary } = await signedInPage("secretaris@h10.example");
    await secretary.goto(`${server!.base}/trajecten/nieuw`);
    await secretary.getByLabel("Soort").selectOption("VISION");
    await secretary.getByLabel("Titel").fill(title);
    await secretary.getByLabel("Kenmerk").fill(`E2E-MAIL-${Date.now()}`);
    await secretary.getByLabel("Startdatum").fill("2026-11-01");
    await secretary.getByRole("button", { name: "Traject starten" }).click();
    await secretary.getByRole("heading", { level: 1, name: title }).waitFor();
    const trailPath = new URL(secretary.url()).pathname;

    // The nine member councils' clerks, each one e-mail; Voorschoten left the region and is not told.
    await expect.poll(() => received.filter((m) => m.subject?.includes(title)).length, { timeout: 20_000 }).toBe(9);
    const mails = received.filter((m) => m.subject?.includes(title));
    expect(mails.map(to)).toContain("griffier.delft@h10.example");
    expect(mails.map(to)).not.toContain("griffier.voorschoten@h10.example");
    const delft = mails.find((m) => to(m) === "griffier.delft@h10.example")!;
    expect(delft.subject).toMatch(/^H10: .*: nieuw traject voor uw raad gestart \(door /);
    const link = /Open het traject: (\S+)/.exec(delft.text ?? "")![1]!;
    expect(link).toBe(`${server!.base}${trailPath}`);

    // The clerk follows the link.
    const { page: clerk, errors } = await signedInPage("griffier.delft@h10.example");
    await clerk.goto(link);
    await clerk.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectAccessible(clerk);
    expect(errors).toEqual([]);
  });
});
