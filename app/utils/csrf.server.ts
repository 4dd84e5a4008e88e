import crypto from "node:crypto";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { getEnv } from "./env.server";
import { httpError, isBodyTooLarge, limitedBody, readLimited, siteCookie } from "./http.server";
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

/** The most fields an upload form may have besides its one file, and the most bytes of each. */
export const MAX_UPLOAD_FIELDS = 5;
export const MAX_UPLOAD_FIELD_BYTES = 8 * 1024;
/** Room in an upload's body beyond its file: the fields, the parts' headers and boundaries. */
export const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

/** A refusal thrown from inside the multipart parser, carried out of it unchanged. */
class Refusal {
  constructor(readonly response: unknown) {}
}

const refusal = (status: number, code: string, message: string) => new Refusal(httpError(status, code, message));
const tooManyParts = () =>
  refusal(413, "too_many_parts", "Het formulier heeft te veel onderdelen: hoogstens één bestand en een paar velden.");

/**
 * Reads a multipart form of one file of at most `maxFileBytes` and a few
 * small fields, and checks its CSRF token before a byte of the file is read:
 * the token's field must come before the file (the app's forms put it first).
 * Reading stops at the first limit passed (the number of parts, a part's
 * size, the whole body's size: a chunked body has no Content-Length to check
 * beforehand) with a 4xx. Authorise the user before calling this.
 */
export async function readUploadForm(request: Request, maxFileBytes: number): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    throw httpError(415, "unsupported_media_type", "Verstuur het formulier vanuit de app.");
  const fields = new FormData();
  let fieldCount = 0;
  let files = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    if (isFile ? ++files > 1 : ++fieldCount > MAX_UPLOAD_FIELDS) throw tooManyParts();
    if (isFile) {
      try {
        await validateCsrf(request, fields);
      } catch (response) {
        throw new Refusal(response);
      }
    }
    const max = isFile ? maxFileBytes : MAX_UPLOAD_FIELD_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > max)
        throw isFile
          ? refusal(413, "attachment_too_large", "Het bestand is te groot (hoogstens 10 MB).")
          : refusal(413, "body_too_large", "Het formulier is te groot.");
      chunks.push(chunk);
    }
    if (isFile) return new File(chunks as BlobPart[], filename, { type: contentType });
    let value: string;
    try {
      value = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw refusal(400, "invalid_encoding", "Het formulier bevat tekens die geen geldige UTF-8 zijn.");
    }
    fields.append(name, value);
    return value;
  };
  // The parser reads the body only through this count of the whole.
  const counted = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitedBody(request, maxFileBytes + UPLOAD_OVERHEAD_BYTES),
    duplex: "half",
  } as RequestInit);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(counted, handler);
  } catch (error) {
    if (error instanceof Refusal) throw error.response;
    if (isBodyTooLarge(error)) throw httpError(413, "body_too_large", "Het formulier is te groot.");
    throw httpError(400, "invalid_upload", "Het bestand kon niet worden gelezen.");
  }
  // A form without a file: its token is checked now.
  if (!files) await validateCsrf(request, formData);
  return formData;
}
