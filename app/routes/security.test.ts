import { describe, expect, it } from "vitest";
import { createApiToken, listApiTokens } from "~/models/api-token.server";
import { LOGIN_LIMITS, reserveLoginAttempt } from "~/models/login-attempt.server";
import { getSessionWithUser } from "~/models/session.server";
import { validateCsrf } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { requireApiUser } from "~/utils/api.server";
import { getUser, requireUser } from "~/utils/session.server";
import { TEST_PASSWORD } from "../../test/setup/paths";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { currentCode } from "../../test/factories/second-factor";
import { action as adminAction } from "./beheer.gebruikers";
import { action as loginAction } from "./inloggen";
import { action as codeAction, loader as codeLoader } from "./inloggen_.code";
import { action as passwordAction } from "./instellingen_.wachtwoord";
import { action as secondFactorAction, loader as secondFactorLoader } from "./instellingen_.tweestapsverificatie";

const from = (ip: string) => ({ clientIp: ip });

function cookieValue(headers: Headers, name: string): string | null {
  const cookie = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return cookie ? cookie.split(";")[0]! : null;
}

async function signInForm(email: string, password: string, ip = "192.0.2.10", client?: Client) {
  const c = client ?? (await clientFor());
  return outcome(() =>
    loginAction({ request: formPost(c, "/inloggen", { email, password }), params: {}, context: from(ip) }),
  );
}

/** A client carrying the session cookie a response set (and the token that session's pages carry). */
async function clientWithCookie(cookie: string): Promise<Client> {
  const { getCsrfToken } = await import("~/utils/csrf.server");
  const csrf = (await getCsrfToken(new Request("http://127.0.0.1/", { headers: { Cookie: cookie } }))).token;
  return { cookie, csrf, userId: null };
}

async function securityEvents(type: string) {
  const events = await prisma.event.findMany({ where: { type }, orderBy: { sequence: "asc" } });
  return events.map((e) => ({ ...e, data: JSON.parse(e.payload) as Record<string, unknown> }));
}

describe("the sign-in rate limit holds under concurrency", () => {
  it("lets 5 of 20 concurrent wrong passwords for one account from one address through, and refuses 15 with 429 and Retry-After", async () => {
    const email = "griffier.zoetermeer@h10.example";
    const clients = await Promise.all(Array.from({ length: 20 }, () => clientFor()));
    const results = await Promise.all(
      clients.map((c, i) =>
        outcome(() =>
          loginAction({
            request: formPost(c, "/inloggen", { email, password: `fout-${i}` }),
            params: {},
            context: from("198.51.100.20"),
          }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(LOGIN_LIMITS.perAccountAndSource);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOGIN_LIMITS.perAccountAndSource);
    for (const refused of results.filter((r) => r.status === 429)) {
      const retryAfter = Number(refused.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    }
    // No attempt is left "in progress" and only the five checked ones are counted.
    expect(await prisma.loginAttempt.count({ where: { email, success: null } })).toBe(0);
    expect(await prisma.loginAttempt.count({ where: { email, success: false } })).toBe(5);
  });

  it("never asks to wait longer than the window, even when a request that waited for the lock finds later attempts", async () => {
    const email = "griffier.wassenaar@h10.example";
    const ip = "198.51.100.21";
    const later = new Date(Date.now() + 5_000);
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: LOGIN_LIMITS.perAccountAndSource }, () => ({
        email,
        ip,
        success: false,
        createdAt: later,
      })),
    });
    // This request's clock was read before the others were stamped: the oldest counted attempt is 5 s in its future.
    const reservation = await reserveLoginAttempt(email, ip, new Date(later.getTime() - 5_000));
    expect(reservation).toEqual({
      allowed: false,
      retryAfterSeconds: LOGIN_LIMITS.windowMs / 1000,
      scope: "account_source",
    });
  });

  it("counts failures per account and source: wrong passwords from one address do not lock the owner out elsewhere", async () => {
    const email = "griffier.rijswijk@h10.example";
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndSource; i++) {
      expect((await signInForm(email, `fout-${i}`, "203.0.113.66")).status).toBe(400);
    }
    expect((await signInForm(email, TEST_PASSWORD, "203.0.113.66")).status).toBe(429);
    // The owner, at the office.
    expect((await signInForm(email, TEST_PASSWORD, "192.0.2.44")).status).toBe(302);
  });

  it("logs every sign-in in the audit trail with result and origin, and never the password", async () => {
    const email = "wethouder.voorschoten@h10.example";
    await signInForm(email, "Geheim-fout-wachtwoord-123", "192.0.2.77");
    await signInForm(email, TEST_PASSWORD, "192.0.2.77");
    await signInForm("niemand@h10.example", "Een-getypt-wachtwoord", "192.0.2.77");
    const events = (await securityEvents("security.sign_in")).filter((e) => e.data.origin === "192.0.2.77");
    expect(events.map((e) => e.data.result)).toEqual(["failure", "success", "failure"]);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(events[0]!.data).toMatchObject({ subjectUserId: user.id, subjectEmail: email, method: "password" });
    expect(events[1]!.actorId).toBe(user.id);
    // An address with no account is not logged: it may be a password typed in the wrong field.
    expect(events[2]!.data.subjectEmail).toBeNull();
    const all = JSON.stringify(events);
    expect(all).not.toContain("Geheim-fout-wachtwoord-123");
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain("niemand@h10.example");
  });
});

describe("sessions", () => {
  it("rotates the session at sign-in: the browser's previous session ends", async () => {
    const first = await signInForm("griffier.wassenaar@h10.example", TEST_PASSWORD);
    const firstCookie = cookieValue(first.headers, "h10-session")!;
    const firstId = (await prisma.session.findMany({ orderBy: { createdAt: "desc" }, take: 1 }))[0]!.id;
    const client = await clientWithCookie(firstCookie);
    const second = await signInForm("griffier.wassenaar@h10.example", TEST_PASSWORD, "192.0.2.10", client);
    expect(second.status).toBe(302);
    expect(cookieValue(second.headers, "h10-session")).not.toBe(firstCookie);
    expect(await prisma.session.findUnique({ where: { id: firstId } })).toBeNull();
  });

  it("binds the CSRF token to the session: an attacker's own valid token and cookie do not work in a victim's session", async () => {
    const attacker = await clientFor();
    const victim = await clientFor("wethouder.delft@h10.example");
    const victimSession = victim.cookie.split("; ").find((c) => c.startsWith("h10-session="))!;
    const attackerCsrfCookie = attacker.cookie.split("; ").find((c) => c.startsWith("h10-csrf="))!;
    // The attacker planted their CSRF cookie in the victim's browser and posts their own token.
    const planted: Client = { cookie: `${victimSession}; ${attackerCsrfCookie}`, csrf: attacker.csrf, userId: null };
    const request = formPost(planted, "/uitloggen", {});
    const result = await outcome(() => validateCsrf(request, toForm({ csrf: attacker.csrf })));
    expect(result.status).toBe(403);
    // The victim's own pages carry the session's token, which is accepted.
    await expect(validateCsrf(formPost(victim, "/uitloggen", {}), toForm({ csrf: victim.csrf }))).resolves.toBe(
      undefined,
    );
  });
});

function toForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

async function enrol(email: string) {
  const client = await clientFor(email);
  const post = (fields: Record<string, string>) =>
    outcome(() =>
      secondFactorAction({
        request: formPost(client, "/instellingen/tweestapsverificatie", fields),
        params: {},
        context: from("192.0.2.5"),
      }),
    );
  expect((await post({ intent: "begin" })).status).toBe(302);
  const page = await outcome(() =>
    secondFactorLoader({ request: get(client, "/instellingen/tweestapsverificatie"), params: {}, context: {} }),
  );
  const enrolment = (page.body as { enrolment: { qrSvg: string; uri: string } }).enrolment;
  expect(enrolment.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/H10%20Besluitvorming:.*\?.*secret=[A-Z2-7]+/);
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  expect((await post({ intent: "confirm", code: "000000" })).status).toBe(400);
  const confirmed = await post({ intent: "confirm", code: currentCode(user.totpSecret!) });
  expect(confirmed.status).toBe(200);
  return { client, recoveryCodes: (confirmed.body as { recoveryCodes: string[] }).recoveryCodes, user };
}

describe("two-factor sign-in (TOTP)", () => {
  it("enrols with a QR code, stores the secret encrypted and ten recovery codes hashed", async () => {
    const { recoveryCodes, user } = await enrol("secretaris@h10.example");
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecret).toMatch(/^v1\./);
    expect((await securityEvents("security.second_factor.enabled")).at(-1)!.data.subjectUserId).toBe(user.id);
  });

  it("asks for the code after the password; the pending session opens no page; a code works once", async () => {
    const { user } = await enrol("beheer@h10.example");
    // Let the enrolment's code go by: each code is accepted once.
    await prisma.user.update({ where: { id: user.id }, data: { totpLastStep: null } });
    const afterPassword = await signInForm(user.email, TEST_PASSWORD);
    expect(afterPassword.status).toBe(302);
    expect(afterPassword.headers.get("Location")).toBe("/inloggen/code?redirectTo=%2Fbeheer");
    const pendingCookie = cookieValue(afterPassword.headers, "h10-session")!;
    const pending = await clientWithCookie(pendingCookie);
    // Holding only the password's session, nothing is open.
    expect(await getUser(get(pending, "/regio"))).toBeNull();
    expect(
      (await outcome(() => codeLoader({ request: get(pending, "/inloggen/code"), params: {}, context: {} }))).status,
    ).toBe(200);

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const code = currentCode(row.totpSecret!);
    const post = (c: Client, value: string) =>
      outcome(() =>
        codeAction({
          request: formPost(c, "/inloggen/code", { code: value, redirectTo: "/regio" }),
          params: {},
          context: from("192.0.2.10"),
        }),
      );
    expect((await post(pending, "123456" === code ? "654321" : "123456")).status).toBe(400);
    const done = await post(pending, code);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/regio");
    const full = await clientWithCookie(cookieValue(done.headers, "h10-session")!);
    expect((await getUser(get(full, "/regio")))?.email).toBe(user.email);

    // The same code, seen over a shoulder, does not open a second sign-in.
    const again = await clientWithCookie(
      cookieValue((await signInForm(user.email, TEST_PASSWORD)).headers, "h10-session")!,
    );
    expect((await post(again, code)).status).toBe(400);
    const events = (await securityEvents("security.sign_in")).filter((e) => e.data.subjectUserId === user.id);
    expect(events.map((e) => [e.data.result, e.data.method])).toContainEqual(["success", "password+totp"]);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it("accepts each recovery code once, and ends a pending sign-in after five wrong codes", async () => {
    const { user, recoveryCodes } = await enrol("wethouder.westland@h10.example");
    const pendingFor = async () =>
      clientWithCookie(
        cookieValue((await signInForm(user.email, TEST_PASSWORD, "192.0.2.90")).headers, "h10-session")!,
      );
    const post = (c: Client, value: string) =>
      outcome(() =>
        codeAction({
          request: formPost(c, "/inloggen/code", { code: value }),
          params: {},
          context: from("192.0.2.91"),
        }),
      );
    const first = await pendingFor();
    expect((await post(first, recoveryCodes[0]!.toUpperCase())).status).toBe(302);
    const second = await pendingFor();
    expect((await post(second, recoveryCodes[0]!)).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await post(second, "zzzzz-zzzzz")).status).toBe(400);
    const ended = await post(second, "yyyyy-yyyyy");
    expect(ended.status).toBe(302);
    expect(ended.headers.get("Location")).toBe("/inloggen?ended=1");
    expect(await prisma.session.count({ where: { userId: user.id, secondFactorPending: true } })).toBe(0);
  });

  it("lets an alderman turn the second factor off with a code, but not a secretary, for whom it is required", async () => {
    const { client, recoveryCodes, user } = await enrol("wethouder.den-haag@h10.example");
    const post = (c: Client, fields: Record<string, string>) =>
      outcome(() =>
        secondFactorAction({
          request: formPost(c, "/instellingen/tweestapsverificatie", fields),
          params: {},
          context: from("192.0.2.6"),
        }),
      );
    expect((await post(client, { intent: "disable", code: "zzzzz-zzzzz" })).status).toBe(400);
    expect((await post(client, { intent: "disable", code: recoveryCodes[1]! })).status).toBe(302);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).toBeNull();
    expect((await securityEvents("security.second_factor.disabled")).at(-1)!.data.subjectUserId).toBe(user.id);

    // An earlier test enrolled the secretary; start again from no second factor.
    await prisma.recoveryCode.deleteMany({ where: { user: { email: "secretaris@h10.example" } } });
    await prisma.user.update({
      where: { email: "secretaris@h10.example" },
      data: { totpEnabledAt: null, totpSecret: null, totpLastStep: null },
    });
    const secretary = await enrol("secretaris@h10.example");
    const refused = await post(secretary.client, { intent: "disable", code: secretary.recoveryCodes[0]! });
    expect(refused.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: secretary.user.id } })).totpEnabledAt).not.toBeNull();
  });

  it("lets an administrator reset a user's second factor, which is audited and ends the user's sessions", async () => {
    const { user } = await enrol("wethouder.zoetermeer@h10.example");
    const admin = await clientFor("beheer@h10.example");
    const reset = (fields: Record<string, string> = {}) =>
      outcome(() =>
        adminAction({
          request: formPost(admin, "/beheer/gebruikers", { intent: "reset-second-factor", userId: user.id, ...fields }),
          params: {},
          context: from("192.0.2.200"),
        }),
      );
    // The first post only asks, naming the user; nothing changes.
    const asked = await reset();
    expect(asked).toMatchObject({
      status: 200,
      body: { confirm: { intent: "reset-second-factor", userId: user.id }, secondFactorReset: false },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();
    const result = await reset({ confirm: "on" });
    expect(result).toMatchObject({ status: 200, body: { secondFactorReset: true } });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecret).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const event = (await securityEvents("security.second_factor.reset")).at(-1)!;
    expect(event.data).toMatchObject({ subjectUserId: user.id, origin: "192.0.2.200", result: "success" });
    expect(event.actorId).toBe(admin.userId);
  });

  it("sends a secretary past the grace period to set up the second factor first; forms get 403", async () => {
    const client = await clientFor("secretaris@h10.example");
    await prisma.user.update({
      where: { email: "secretaris@h10.example" },
      data: { totpEnabledAt: null, totpSecret: null, secondFactorDueAt: new Date(Date.now() - 1000) },
    });
    const page = await outcome(() => requireUser(get(client, "/trajecten")));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/instellingen/tweestapsverificatie");
    const form = await outcome(() => requireUser(formPost(client, "/trajecten/nieuw", {})));
    expect(form.status).toBe(403);
    expect(JSON.stringify(form.body)).toContain("second_factor_required");
    // The set-up page itself opens.
    const settings = await outcome(() =>
      secondFactorLoader({ request: get(client, "/instellingen/tweestapsverificatie"), params: {}, context: {} }),
    );
    expect(settings.status).toBe(200);
  });

  it("starts the grace period at the first sign-in of a role that must use a second factor", async () => {
    await prisma.user.update({ where: { email: "secretaris@h10.example" }, data: { secondFactorDueAt: null } });
    expect((await signInForm("secretaris@h10.example", TEST_PASSWORD)).status).toBe(302);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "secretaris@h10.example" } });
    expect(row.secondFactorDueAt!.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
  });
});

describe("passwords", () => {
  const change = (client: Client, fields: Record<string, string>) =>
    outcome(() =>
      passwordAction({
        request: formPost(client, "/instellingen/wachtwoord", fields),
        params: {},
        context: from("192.0.2.8"),
      }),
    );

  it("changes one's own password with the current one; the other sessions end, this one stays", async () => {
    const email = "griffier.pijnacker-nootdorp@h10.example";
    const elsewhere = await clientFor(email);
    const here = await clientFor(email);
    const wrong = await change(here, {
      currentPassword: "niet-het-wachtwoord",
      newPassword: "Zienswijze op de regiovisie 2026",
      confirmPassword: "Zienswijze op de regiovisie 2026",
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("errorCodes.password_wrong");
    const short = await change(here, { currentPassword: TEST_PASSWORD, newPassword: "kort", confirmPassword: "kort" });
    expect(JSON.stringify(short.body)).toContain("validation.passwordTooShort");
    const ok = await change(here, {
      currentPassword: TEST_PASSWORD,
      newPassword: "Zienswijze op de regiovisie 2026",
      confirmPassword: "Zienswijze op de regiovisie 2026",
    });
    expect(ok.status).toBe(302);
    expect(await getUser(get(elsewhere, "/regio"))).toBeNull();
    expect((await getUser(get(here, "/regio")))?.email).toBe(email);
    expect((await signInForm(email, "Zienswijze op de regiovisie 2026")).status).toBe(302);
    const event = (await securityEvents("security.password.changed")).at(-1)!;
    expect(event.data.result).toBe("success");
    expect(event.payload).not.toContain("Zienswijze");
  });

  it("lets an administrator set a temporary password that must be changed at the next sign-in", async () => {
    const email = "griffier.leidschendam-voorburg@h10.example";
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const old = await clientFor(email);
    const admin = await clientFor("beheer@h10.example");
    const result = await outcome(() =>
      adminAction({
        request: formPost(admin, "/beheer/gebruikers", {
          intent: "temporary-password",
          userId: user.id,
          confirm: "on",
        }),
        params: {},
        context: from("192.0.2.200"),
      }),
    );
    const temporary = (result.body as { temporary: string }).temporary;
    expect(temporary.length).toBeGreaterThanOrEqual(15);
    expect(await getUser(get(old, "/regio"))).toBeNull();
    const signedIn = await signInForm(email, temporary);
    expect(signedIn.status).toBe(302);
    const client = await clientWithCookie(cookieValue(signedIn.headers, "h10-session")!);
    const page = await outcome(() => requireUser(get(client, "/regio")));
    expect(page.headers.get("Location")).toBe("/instellingen/wachtwoord");
    expect((await outcome(() => requireUser(formPost(client, "/trajecten/x/standpunt/y", {})))).status).toBe(403);
    expect(
      (
        await change(client, {
          currentPassword: temporary,
          newPassword: "Een eigen wachtwoord voor de griffie",
          confirmPassword: "Een eigen wachtwoord voor de griffie",
        })
      ).status,
    ).toBe(302);
    expect((await requireUser(get(client, "/regio"))).email).toBe(email);
    const reset = (await securityEvents("security.password.reset")).at(-1)!;
    expect(reset.payload).not.toContain(temporary);
    expect(reset.actorId).toBe(admin.userId);
  });
});

describe("API tokens expire", () => {
  it("gives 401 token_expired after the expiry date, and shows expiry and last use", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const actor = { id: user.id, role: user.role, municipalityId: user.municipalityId };
    const longAgo = new Date(Date.now() - 400 * 24 * 3600_000);
    const old = await createApiToken(user.id, "oud RIS-token", { actor, origin: "192.0.2.1" }, longAgo);
    const fresh = await createApiToken(user.id, "nieuw RIS-token", { actor, origin: "192.0.2.1", lifetimeDays: 30 });
    expect(fresh.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    const call = (token: string) =>
      outcome(() =>
        requireApiUser(
          new Request("http://127.0.0.1/api/v1/trails", { headers: { Authorization: `Bearer ${token}` } }),
        ),
      );
    const expired = await call(old.token);
    expect(expired.status).toBe(401);
    const thrown = await requireApiUser(
      new Request("http://127.0.0.1/api/v1/trails", { headers: { Authorization: `Bearer ${old.token}` } }),
    ).catch((response: unknown) => response);
    expect(((await (thrown as Response).json()) as { code: string }).code).toBe("token_expired");
    expect((await call(fresh.token)).status).toBe(200);
    const listed = await listApiTokens(user.id);
    expect(listed.find((t) => t.id === fresh.id)!.lastUsedAt).not.toBeNull();
    expect(listed.find((t) => t.id === old.id)!.lastUsedAt).toBeNull();
    const created = (await securityEvents("api_token.created")).filter((e) => e.data.tokenId === fresh.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.payload).not.toContain(fresh.token);
  });
});

describe("sessions of a disabled second factor", () => {
  it("a pending session is not a session", async () => {
    const session = await prisma.session.create({
      data: {
        userId: (await prisma.user.findFirstOrThrow()).id,
        expiresAt: new Date(Date.now() + 60_000),
        secondFactorPending: true,
      },
    });
    expect(await getSessionWithUser(session.id)).toBeNull();
  });
});
