import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signInHttp, visitor, type HttpSession } from "../ops/http-client";
import { baseUrl, demoPassword, e2eDataDir, serverStderrDuring } from "./helpers";

/** A stack trace line, or the body Remix sends when a route throws something it does not take for an answer. */
const STACK = /^\s+at |Unexpected Server Error|ErrorResponseImpl/m;

describe("security headers of the production server", () => {
  it("sends a CSP with a per-response nonce and no inline scripts, and forbids framing", async () => {
    const first = await fetch(`${baseUrl()}/inloggen`);
    const second = await fetch(`${baseUrl()}/inloggen`);
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonceOf = (value: string | null) => /'nonce-([^']+)'/.exec(value ?? "")?.[1];
    expect(nonceOf(csp)).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    // Every inline script in the page carries the nonce.
    const html = await first.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonceOf(csp)}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    expect(first.headers.get("x-powered-by")).toBeNull();
  });

  it("keeps signed-in pages out of every cache: Cache-Control private, no-store", async () => {
    const clerk = await signInHttp(baseUrl(), "griffier.delft@h10.example", demoPassword());
    for (const path of ["/regio", "/trajecten", "/overzicht"]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: clerk.cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }
  });

  it("serves the open data without an account, public and cacheable, and refuses to write", async () => {
    const index = await fetch(`${baseUrl()}/open`);
    expect(index.status).toBe(200);
    expect(index.headers.get("access-control-allow-origin")).toBe("*");
    const collections = (await index.json()) as Record<string, string>;
    const decisions = await fetch(`${baseUrl()}/open/besluiten?gemeentecode=0518`);
    expect(decisions.status).toBe(200);
    expect(decisions.headers.get("cache-control")).toBe("public, max-age=300");
    expect(decisions.headers.get("set-cookie")).toBeNull();
    const body = (await decisions.json()) as { results: { besluitresultaat: string; url: string }[] };
    expect(body.results.map((r) => r.besluitresultaat)).toContain("Zienswijze ingediend");
    expect(collections.besluiten).toBe(`${baseUrl()}/open/besluiten`);
    const post = await fetch(`${baseUrl()}/open/besluiten`, { method: "POST" });
    expect([403, 405]).toContain(post.status);
  });

  it("answers an unknown API path with a JSON 404, and /favicon.ico with the SVG icon", async () => {
    const api = await fetch(`${baseUrl()}/api/v1/bestaat-niet`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await api.json()).toMatchObject({ code: "not_found" });
    const icon = await fetch(`${baseUrl()}/favicon.ico`, { redirect: "manual" });
    expect(icon.status).toBe(301);
    expect(icon.headers.get("location")).toBe("/favicon.svg");
  });

  it("sets the CSRF cookie HttpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${baseUrl()}/inloggen`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("h10-csrf="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("answers a form post without a CSRF token with 403", async () => {
    const response = await fetch(`${baseUrl()}/inloggen`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "beheer@h10.example", password: "x" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });
});

describe("refusals are clean 4xx answers, with no stack trace on the server's stderr", () => {
  const amendment = () => {
    const db = new Database(path.join(e2eDataDir(), "h10.db"), { readonly: true });
    const { id } = db.prepare("SELECT id FROM Trail WHERE reference = 'H10-GR-2024'").get() as { id: string };
    db.close();
    return id;
  };
  const post = async (session: HttpSession, url: string, fields: Record<string, string>, headers = {}) => {
    const response = await fetch(`${baseUrl()}${url}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie, ...headers },
      body: new URLSearchParams(fields),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type") ?? "", text };
  };
  const json = (answer: { type: string; text: string }) => {
    expect(answer.type).toMatch(/^application\/json/);
    return JSON.parse(answer.text) as unknown;
  };

  it("answers a form post from another site with 403 cross_origin, with or without a valid token", async () => {
    const secretary = await signInHttp(baseUrl(), "secretaris@h10.example", demoPassword());
    const anonymous = await visitor(baseUrl());
    const trail = amendment();
    const stderr = await serverStderrDuring(async () => {
      for (const [session, url] of [
        [secretary, `/trajecten/${trail}/financien`],
        [secretary, `/trajecten/${trail}/stemmingen`],
        [secretary, `/trajecten/${trail}/oplegger`],
        [secretary, "/trajecten/nieuw"],
        [secretary, "/instellingen"],
        [secretary, "/uitloggen"],
        [anonymous, "/inloggen"],
      ] as const) {
        for (const headers of [
          { Origin: "http://evil.example" },
          { "Sec-Fetch-Site": "cross-site" },
          { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" },
          { Origin: "null" },
        ]) {
          for (const fields of [{ intent: "add" }, { csrf: session.csrf, intent: "add" }] as Record<string, string>[]) {
            const answer = await post(session, url, fields, headers);
            expect(answer.status, `${url} ${JSON.stringify(headers)}`).toBe(403);
            expect(json(answer)).toEqual({
              code: "cross_origin",
              message: "Het formulier komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
            });
          }
        }
      }
      // From this site, the same post goes through to the form's own checks (no token: 403 csrf_invalid).
      const own = await post(secretary, "/instellingen", { intent: "create", name: "x" }, { Origin: baseUrl() });
      expect(own.status).toBe(403);
      expect(own.text).toContain("Het formulier is verlopen of komt niet van deze site.");
    });
    expect(stderr).not.toMatch(STACK);
  });

  it("answers a refusal of a route without a page (oplegger, sign-out, downloads) as JSON with its code", async () => {
    const clerk = await signInHttp(baseUrl(), "griffier.den-haag@h10.example", demoPassword());
    const trail = amendment();
    const stderr = await serverStderrDuring(async () => {
      const oplegger = await post(clerk, `/trajecten/${trail}/oplegger`, { csrf: clerk.csrf });
      expect(oplegger.status).toBe(403);
      expect(json(oplegger)).toEqual({
        code: "forbidden_role",
        message: "Alleen een beleidssecretaris stelt de oplegger op.",
      });
      const noToken = await post(clerk, "/uitloggen", {});
      expect(noToken.status).toBe(403);
      expect(json(noToken)).toMatchObject({ code: "csrf_invalid" });
      const language = await post(clerk, "/taal", { csrf: clerk.csrf, lng: "fr" });
      expect(language.status).toBe(400);
      expect(json(language)).toMatchObject({ code: "language_unknown" });
      const brief = await fetch(`${baseUrl()}/trajecten/bestaat-niet/statusbrief.pdf`, {
        headers: { Cookie: clerk.cookie },
      });
      expect(brief.status).toBe(404);
      expect(await brief.json()).toMatchObject({ code: "trail_not_found" });
      // A page that does not exist, and a method a route does not take.
      expect((await fetch(`${baseUrl()}/bestaat-niet`, { headers: { Cookie: clerk.cookie } })).status).toBe(404);
      expect((await post(clerk, `/trajecten/${trail}/diagram.svg`, { csrf: clerk.csrf })).status).toBe(405);
    });
    expect(stderr).not.toMatch(STACK);
  });
});
