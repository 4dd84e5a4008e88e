import crypto from "node:crypto";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { httpError, siteCookie } from "./http.server";

/**
 * CSRF protection with a signed double-submit token: the token lives in an
 * HttpOnly cookie and every form posts it back in a hidden field. A page on
 * another site can make the browser send the cookie but cannot read it.
 */
export const CSRF_FIELD = "csrf";

const csrfCookie = (request: Request) => siteCookie(request, "h10-csrf");

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
