import { describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "~/models/login-attempt.server";
import { prisma } from "~/utils/db.server";
import { TEST_PASSWORD } from "../../test/setup/paths";
import { clientFor, formPost, outcome } from "../../test/factories/request";
import { action } from "./inloggen";

async function login(fields: Record<string, string>, csrf?: null) {
  const client = await clientFor();
  return outcome(() => action({ request: formPost(client, "/inloggen", fields, { csrf }), params: {}, context: {} }));
}

describe("signing in", () => {
  it("signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const result = await login({
      email: "wethouder.delft@h10.example",
      password: TEST_PASSWORD,
      redirectTo: "/trajecten",
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/trajecten");
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^h10-session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("accepts the address in another case and with spaces", async () => {
    const result = await login({ email: "  Wethouder.Rijswijk@H10.example ", password: TEST_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/dashboard");
  });

  it("does not follow a redirect to another site", async () => {
    const result = await login({
      email: "wethouder.westland@h10.example",
      password: TEST_PASSWORD,
      redirectTo: "//evil.example/",
    });
    expect(result.headers.get("Location")).toBe("/dashboard");
    // Browsers drop the tab and read the backslash as a slash: both would lead to evil.example.
    for (const redirectTo of ["/\t/evil.example/x", "/\t\\evil.example"]) {
      const tricked = await login({ email: "wethouder.westland@h10.example", password: TEST_PASSWORD, redirectTo });
      expect(tricked.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/dashboard");
    }
  });

  it("redirects to a path with characters outside Latin-1, percent-encoded (was a 500 after the session was made)", async () => {
    const result = await login({
      email: "wethouder.westland@h10.example",
      password: TEST_PASSWORD,
      redirectTo: "/\u3000/x",
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/%E3%80%80/x");
  });

  it("gives a clear error for a wrong password and creates no session", async () => {
    const sessions = await prisma.session.count();
    const result = await login({ email: "griffier.delft@h10.example", password: "niet-het-wachtwoord" });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("auth.invalidCredentials");
    expect(await prisma.session.count()).toBe(sessions);
  });

  it("gives field errors for a malformed form", async () => {
    const result = await login({ email: "geen-adres", password: "" });
    expect(result.status).toBe(400);
    const reply = (result.body as { result: { error: Record<string, string[]> } }).result;
    expect(reply.error.email).toEqual(["validation.emailInvalid"]);
    expect(reply.error.password).toEqual(["validation.passwordRequired"]);
  });

  it("refuses a sign-in form without the CSRF token", async () => {
    const result = await login({ email: "griffier.delft@h10.example", password: TEST_PASSWORD }, null);
    expect(result.status).toBe(403);
  });

  it("blocks an address after repeated failures, even with the right password", async () => {
    const email = "griffier.midden-delfland@h10.example";
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndSource; i++) {
      expect((await login({ email, password: `fout-${i}` })).status).toBe(400);
    }
    const blocked = await login({ email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(JSON.stringify(blocked.body)).toContain("auth.tooManyAttempts");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login({ email: "griffier.leidschendam-voorburg@h10.example", password: TEST_PASSWORD })).status).toBe(
      302,
    );
  });

  it("does not sign in a disabled account", async () => {
    const email = "wethouder.wassenaar@h10.example";
    await prisma.user.update({ where: { email }, data: { disabledAt: new Date() } });
    const result = await login({ email, password: TEST_PASSWORD });
    expect(result.status).toBe(400);
  });
});

describe("cookies over https", () => {
  it("marks the session and CSRF cookies Secure with the __Host- prefix", async () => {
    const { getCsrfToken } = await import("~/utils/csrf.server");
    const { signIn } = await import("~/utils/session.server");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const https = new Request("https://h10.example/inloggen");
    const response = await signIn(https, user, "/regio");
    const session = response.headers.getSetCookie().find((c) => c.includes("session"))!;
    expect(session).toMatch(/^__Host-h10-session=/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; Path=\//);
    const csrf = await getCsrfToken(https);
    expect(csrf.setCookie).toMatch(/^__Host-h10-csrf=.*; Secure/);
  });
});
