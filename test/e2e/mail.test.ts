import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHttp } from "../ops/http-client";
import { serverEnv, startServerProcess, type ServerProcess } from "../ops/server-process";
import { recipients as to, startSmtpSink } from "../factories/smtp";
import { browserForFile, expectAccessible, hydrated, newPage, navigateInApp } from "./helpers";

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
  it("tells every participating council's clerk of a new trail; its link opens it, its one-click link unsubscribes", async () => {
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

    // The one-click unsubscribe (RFC 8058): the signed link first, then the settings page, and the Post header.
    const header = (name: string) => delft.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, " ");
    const unsubscribe = /^List-Unsubscribe: <([^>]+\/e-mail\/afmelden\?t=[^>]+)>, <([^>]+)>$/.exec(
      header("list-unsubscribe") ?? "",
    );
    expect(unsubscribe?.[2]).toBe(`${server!.base}/instellingen#e-mail`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const choice = () => {
      const db = new Database(path.join(dataDir, "h10.db"), { readonly: true });
      const row = db
        .prepare(
          `SELECT p.frequency FROM MailPreference p JOIN User u ON u.id = p.userId
           WHERE u.email = 'griffier.delft@h10.example' AND p.kind = 'trailStarted'`,
        )
        .get() as { frequency: string } | undefined;
      db.close();
      return row?.frequency ?? null;
    };
    // Opened without a session, in English and in Dutch: it explains, and changes nothing until confirmed.
    const { page: reader, errors: readerErrors } = await newPage(browser());
    for (const [lng, heading] of [
      ["en", "Unsubscribe from e-mail"],
      ["nl", "Afmelden voor e-mail"],
    ] as const) {
      await reader.goto(`${unsubscribe![1]}&lng=${lng}`);
      await reader.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expectAccessible(reader);
    }
    expect(choice()).toBeNull();
    await hydrated(reader);
    await reader.getByRole("button", { name: "Afmelden" }).click();
    await reader.getByRole("status").filter({ hasText: "U bent afgemeld" }).waitFor();
    await expectAccessible(reader);
    expect(choice()).toBe("OFF");
    expect(readerErrors).toEqual([]);
    // The mail provider's post, from elsewhere, without cookie or CSRF token: the signed link is enough.
    const posted = await fetch(unsubscribe![1]!, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://mail.example",
        "Sec-Fetch-Site": "cross-site",
      },
      body: "List-Unsubscribe=One-Click",
    });
    expect(posted.status).toBe(200);
    const tampered = await fetch(unsubscribe![1]!.replace("trailStarted", "trailStep"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(tampered.status).toBe(400);
    // The settings page shows the choice per kind, under its category; reminders offer no "off".
    await navigateInApp(clerk, `${server!.base}/instellingen`);
    await expect.poll(() => clerk.getByLabel("Een nieuw traject voor uw raad").inputValue()).toBe("OFF");
    expect(await clerk.getByLabel("Een stap op een traject").inputValue()).toBe("IMMEDIATE");
    const reminderChoices = await clerk.getByLabel("Een termijn is verlopen").locator("option").allTextContents();
    expect(reminderChoices).toEqual(["Meteen", "Dagelijks overzicht", "Wekelijks overzicht"]);
    await expectAccessible(clerk);
  });
});
