import type { AppLoadContext, CookieOptions } from "@remix-run/node";
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";
import { sameSitePath } from "./same-site";

/**
 * Whether the request reached us over https. The server builds the URL from
 * Express's req.protocol, which honours X-Forwarded-Proto only from a proxy
 * trusted through TRUST_PROXY.
 */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** The client's address as Express resolved it (proxies per TRUST_PROXY), never a raw header. */
export function clientIp(context: AppLoadContext): string {
  return typeof context.clientIp === "string" && context.clientIp ? context.clientIp : "unknown";
}

/**
 * An error a route throws: the status, a stable code and a message for people.
 * A Response, not Remix's data(): a page route's ErrorBoundary gets it as a
 * route error response with the JSON body as its data, and a resource route
 * (no component: the oplegger, downloads, sign-out) sends it as it is. Remix
 * turns a thrown data() of a resource route into "Unexpected Server Error"
 * with a stack trace on stderr.
 */
export function httpError(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Only a path on this site is a redirect target (after sign-in, after a language switch). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  return sameSitePath(to) ?? fallback;
}

/**
 * A signed, HttpOnly, SameSite=Lax cookie for the whole site. Over https it is
 * Secure and takes the __Host- prefix, which locks it to this host.
 */
export function siteCookie(request: Request, name: string, options: CookieOptions = {}) {
  const https = isHttps(request);
  return createCookie(https ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: https,
    secrets: [getEnv().SESSION_SECRET],
    ...options,
  });
}

/** The most a server reads of any body (server/body-limit.ts counts every body, chunked ones too, against it). */
export const HARD_BODY_LIMIT = 16 * 1024 * 1024;

/** A body that passed a limit. Its `code` marks it across module copies (server/ and the app's build). */
export class BodyTooLargeError extends Error {
  readonly code = "body_too_large";
  constructor(limit: number) {
    super(`The body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

export function isBodyTooLarge(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === "body_too_large";
}

/**
 * The request's body, counted: once more than `max` bytes have come it fails
 * with a BodyTooLargeError and reads no further. It never cancels the request's
 * own body, which would reset the connection before the client has the
 * refusal; the server sends the answer with Connection: close and throws the
 * rest away (server/body-limit.ts).
 */
export function limitedBody(request: Request, max: number): ReadableStream<Uint8Array> {
  const reader = request.body?.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!reader) return controller.close();
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > max) {
          reader.releaseLock();
          return controller.error(new BodyTooLargeError(max));
        }
        controller.enqueue(value);
      },
      cancel() {
        reader?.releaseLock();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The body's bytes, at most `max`; past that, reading stops and `refuse()` is thrown. */
export async function readLimited(request: Request, max: number, refuse: () => unknown): Promise<Uint8Array> {
  const reader = limitedBody(request, max).getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (error) {
    if (isBodyTooLarge(error)) throw refuse();
    throw error;
  }
  return Buffer.concat(chunks);
}
