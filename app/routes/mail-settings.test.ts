import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import nl from "~/locales/nl";
import { prisma } from "~/utils/db.server";
import { KINDS_OF_CATEGORY, MAIL_KINDS } from "~/utils/mail-categories";
import { unsubscribeToken } from "~/utils/unsubscribe-token.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "./e-mail.afmelden";
import { action as settingsAction, loader as settingsLoader } from "./instellingen";

const post = (clerk: Awaited<ReturnType<typeof clientFor>>, fields: Record<string, string>) =>
  outcome(() =>
    settingsAction({
      request: formPost(clerk, "/instellingen", { intent: "mail", ...fields }),
      params: {},
      context: {},
    }),
  );

/** Every kind at `frequency`, some otherwise. */
const every = (frequency: string, others: Record<string, string> = {}) => ({
  ...Object.fromEntries(MAIL_KINDS.map((kind) => [kind, frequency])),
  ...others,
});

/** The one-click post as a mail provider sends it: no cookie, no CSRF token, a body of one field. */
const oneClick = (token: string, body = "List-Unsubscribe=One-Click") =>
  outcome(() =>
    unsubscribeAction({
      request: new Request(`https://h10.example/e-mail/afmelden?t=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }),
      params: {},
      context: {},
    }),
  );

const preferencesOf = async (userId: string) =>
  Object.fromEntries((await prisma.mailPreference.findMany({ where: { userId } })).map((p) => [p.kind, p.frequency]));

describe("e-mail settings on /instellingen", () => {
  it("names the council's kinds for any council to a user without a council of their own", async () => {
    const load = async (email: string) =>
      settingsLoader({ request: get(await clientFor(email), "/instellingen"), params: {}, context: {} });
    expect((await load("griffier.delft@h10.example")).ownCouncil).toBe(true);
    expect((await load("secretaris@h10.example")).ownCouncil).toBe(false);
    // Each kind whose label says "your council" has a label without it, in both languages.
    for (const messages of [nl, en]) {
      const own = Object.entries(messages.mailSettings.kinds).filter(([, label]) => /uw raad|your council/.test(label));
      expect(own.map(([kind]) => kind).sort()).toEqual(Object.keys(messages.mailSettings.regionalKinds).sort());
      for (const label of Object.values(messages.mailSettings.regionalKinds))
        expect(label).not.toMatch(/uw raad|your council/);
    }
  });

  it("shows each kind at once by default, and stores a choice per kind", async () => {
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const before = await settingsLoader({ request: get(clerk, "/instellingen"), params: {}, context: {} });
    expect(before.mail).toEqual(every("IMMEDIATE"));
    const choices = every("DAILY", { positionLogged: "OFF", agendaMoved: "OFF", documentSent: "WEEKLY" });
    const saved = await post(clerk, choices);
    expect(saved).toMatchObject({ status: 200, body: { mailSaved: true } });
    const after = await settingsLoader({ request: get(clerk, "/instellingen"), params: {}, context: {} });
    expect(after.mail).toEqual(choices);
    expect(await preferencesOf(clerk.userId!)).toEqual(choices);
  });

  it("refuses reminders switched off, or an unknown choice, with a clear error and a stable code, and writes nothing", async () => {
    const clerk = await clientFor("griffier.voorschoten@h10.example");
    const userId = clerk.userId!;
    const withoutOverdue = Object.fromEntries(Object.entries(every("OFF")).filter(([k]) => k !== "deadlineOverdue"));
    for (const [fields, error, code] of [
      [every("OFF"), "validation.remindersRequired", "reminders_required"],
      [every("DAILY", { deadlineOverdue: "OFF" }), "validation.remindersRequired", "reminders_required"],
      [every("DAILY", { trailStep: "HOURLY" }), "validation.mailFrequencyInvalid", "mail_frequency_invalid"],
      [{ ...withoutOverdue, deadlineDueSoon: "DAILY" }, "validation.remindersRequired", "reminders_required"],
    ] as const) {
      const refused = await post(clerk, fields);
      expect(refused).toMatchObject({ status: 400, body: { mailError: error, code } });
    }
    expect(await prisma.mailPreference.count({ where: { userId } })).toBe(0);
  });
});

describe("the one-click unsubscribe of an e-mail (RFC 8058)", () => {
  it("shows what it switches off on a GET, changing nothing, and switches it off on the provider's POST", async () => {
    const alderman = await prisma.user.findUniqueOrThrow({ where: { email: "wethouder.zoetermeer@h10.example" } });
    // A digest of a step, a position and a reminder: the reminder is not named.
    const token = unsubscribeToken(alderman.id, ["trailStep", "positionLogged", "deadlineDueSoon", "trailStep"])!;
    const anonymous = await clientFor();
    const page = await outcome(() =>
      unsubscribeLoader({
        request: get(anonymous, `/e-mail/afmelden?t=${encodeURIComponent(token)}`),
        params: {},
        context: {},
      }),
    );
    expect(page).toMatchObject({ status: 200, body: { valid: true, kinds: ["positionLogged", "trailStep"] } });
    expect(await prisma.mailPreference.count({ where: { userId: alderman.id } })).toBe(0);

    const events = await prisma.event.count({ where: { type: "mail_preferences.changed" } });
    expect(await oneClick(token)).toMatchObject({
      status: 200,
      body: { done: true, kinds: ["positionLogged", "trailStep"] },
    });
    expect(await preferencesOf(alderman.id)).toEqual({ positionLogged: "OFF", trailStep: "OFF" });
    // Audited, with the user the token names as actor.
    const event = await prisma.event.findFirstOrThrow({
      where: { type: "mail_preferences.changed" },
      orderBy: { sequence: "desc" },
    });
    expect(await prisma.event.count({ where: { type: "mail_preferences.changed" } })).toBe(events + 1);
    expect(event.actorId).toBe(alderman.id);
    expect(JSON.parse(event.payload)).toMatchObject({ via: "unsubscribe_link", subjectUserId: alderman.id });
    // Again: still 200, nothing more to change.
    expect(await oneClick(token)).toMatchObject({ status: 200, body: { done: true } });
    expect(await prisma.event.count({ where: { type: "mail_preferences.changed" } })).toBe(events + 1);
  });

  it("answers a tampered or missing token, or a post without One-Click, with 400, and writes nothing", async () => {
    const clerk = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.wassenaar@h10.example" } });
    const other = await prisma.user.findUniqueOrThrow({ where: { email: "wethouder.wassenaar@h10.example" } });
    const token = unsubscribeToken(clerk.id, ["trailStep"])!;
    const [, , signature] = token.split(".");
    const tampered = [
      // Another kind, another user, a reminder, the signature changed or cut, no token at all.
      `${clerk.id}.trailStarted.${signature}`,
      `${other.id}.trailStep.${signature}`,
      `${clerk.id}.deadlineDueSoon.${signature}`,
      `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`,
      token.slice(0, -1),
      "",
      "a.b",
    ];
    const events = await prisma.event.count();
    for (const bad of tampered) {
      expect(await oneClick(bad), bad).toMatchObject({ status: 400, body: { code: "unsubscribe_token_invalid" } });
      const page = await outcome(() =>
        unsubscribeLoader({
          request: new Request(`https://h10.example/e-mail/afmelden?t=${bad}`),
          params: {},
          context: {},
        }),
      );
      expect(page).toMatchObject({ status: 400, body: { valid: false } });
    }
    // A good token without the One-Click body (a link opened, a scanner's post) changes nothing either.
    for (const body of ["", "List-Unsubscribe=Yes"])
      expect(await oneClick(token, body)).toMatchObject({ status: 400, body: { code: "one_click_required" } });
    // A reminder-only e-mail has no token at all.
    expect(unsubscribeToken(clerk.id, [...KINDS_OF_CATEGORY.reminders])).toBeNull();
    expect(await prisma.mailPreference.count({ where: { userId: { in: [clerk.id, other.id] } } })).toBe(0);
    expect(await prisma.event.count()).toBe(events);
  });
});
