import crypto from "node:crypto";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { getEnv } from "./env.server";
import { httpError, readLimited, siteCookie } from "./http.server";
import { sessionIdOf } from "./session.server";

/**
 * CSRF protection. Every form posts a token back in a hidden field; a page on another site
 * can make the browser send cookies but cannot read the token.
 * - With a session, the token is an HMAC of the session id under the server's secret: it is
 *   bound to that session, so a token obtained in one session (an attacker's own) is
 *   worthless in another, and it changes when the session does (at every sign-in).
 * - Without one (the sign-in page), a signed double-submit token in an HttpOnly cookie.
 */
export const CSRF_FIELD = "csrf";

const csrfCookie = (request: Request) => siteCookie(request, "h10-csrf");

function sessionToken(sessionId: string) {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`csrf\0${sessionId}`).digest("base64url");
}

/** The request's token, and a Set-Cookie header when a new one was made. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const sessionId = await sessionIdOf(request);
  if (sessionId) return { token: sessionToken(sessionId), setCookie: null };
  const cookie = csrfCookie(request);
  const existing = await cookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, setCookie: await cookie.serialize(token) };
}

/** Throws 403 unless the posted token matches the cookie. */
export async function validateCsrf(request: Request, formData: FormData): Promise<void> {
  const sessionId = await sessionIdOf(request);
  const cookieToken = sessionId
    ? sessionToken(sessionId)
    : await csrfCookie(request).parse(request.headers.get("Cookie"));
  const formToken = formData.get(CSRF_FIELD);
  const valid =
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
  if (!valid) {
    throw httpError(
      403,
      "csrf_invalid",
      "Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
    );
  }
}

/** The largest form body accepted: a document of 1 MB (the editor's limit) with room for its encoding. */
export const MAX_FORM_BYTES = 4 * 1024 * 1024;
/** The most fields a form may have, and the highest list index a field name may carry. */
export const MAX_FORM_FIELDS = 1000;

/**
 * Reads a posted form (application/x-www-form-urlencoded, at most
 * MAX_FORM_BYTES, valid UTF-8) and checks its CSRF token: the first step of
 * every action. Anything else is a clear 4xx before any work is done.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded"))
    throw httpError(415, "unsupported_media_type", "Verstuur het formulier vanuit de app.");
  const bytes = await readLimited(request, MAX_FORM_BYTES, () =>
    httpError(413, "body_too_large", "Het formulier is te groot."),
  );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw httpError(400, "invalid_encoding", "Het formulier bevat tekens die geen geldige UTF-8 zijn.");
  }
  const formData = new FormData();
  const pairs = text.split("&");
  const tooComplex = () => httpError(400, "form_too_complex", "Het formulier heeft te veel velden.");
  if (pairs.length > MAX_FORM_FIELDS) throw tooComplex();
  for (const pair of pairs) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    let name: string;
    let value: string;
    try {
      name = decode(at === -1 ? pair : pair.slice(0, at));
      value = at === -1 ? "" : decode(pair.slice(at + 1));
    } catch {
      throw httpError(400, "invalid_encoding", "Het formulier bevat tekens die geen geldige UTF-8 zijn.");
    }
    // "entries[999999999].value" would make the form parser build an array of a billion items.
    if (name.length > 200 || [...name.matchAll(/\[(\d+)\]/g)].some((m) => Number(m[1]) >= MAX_FORM_FIELDS))
      throw tooComplex();
    formData.append(name, value);
  }
  await validateCsrf(request, formData);
  return formData;
}

/** Reads a multipart form with files up to `maxPartSize` bytes each, then checks its CSRF token. */
export async function readUploadForm(request: Request, maxPartSize: number): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw httpError(413, "attachment_too_large", "Het bestand is te groot (hoogstens 10 MB).");
    }
    throw httpError(400, "invalid_upload", "Het bestand kon niet worden gelezen.");
  }
  await validateCsrf(request, formData);
  return formData;
}
