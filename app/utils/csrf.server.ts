import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";
import { httpError, isHttps } from "./http.server";

/**
 * CSRF protection with a signed double-submit token: the token lives in an
 * HttpOnly cookie and every form posts it back in a hidden field. A page on
 * another site can make the browser send the cookie but cannot read it.
 */
export const CSRF_FIELD = "csrf";

function csrfCookie(request: Request) {
  // The __Host- prefix (locked to this host, Secure, path /) only works over https.
  return createCookie(isHttps(request) ? "__Host-h10-csrf" : "h10-csrf", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isHttps(request),
    secrets: [getEnv().SESSION_SECRET],
  });
}

/** The request's token, and a Set-Cookie header when a new one was made. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const cookie = csrfCookie(request);
  const existing = await cookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, setCookie: await cookie.serialize(token) };
}

/** Throws 403 unless the posted token matches the cookie. */
export async function validateCsrf(request: Request, formData: FormData): Promise<void> {
  const cookieToken = await csrfCookie(request).parse(request.headers.get("Cookie"));
  const formToken = formData.get(CSRF_FIELD);
  const valid =
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
  if (!valid) {
    throw httpError(403, "csrf_invalid", "Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.");
  }
}

/** Reads a posted form and checks its CSRF token: the first step of every action. */
export async function readForm(request: Request): Promise<FormData> {
  const formData = await request.formData();
  await validateCsrf(request, formData);
  return formData;
}
