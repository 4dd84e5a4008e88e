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

/** The most a server reads of any body before it stops answering politely (server/index.ts refuses larger ones outright). */
export const HARD_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The body's bytes, at most `max`. A larger body is read to its end (up to
 * HARD_BODY_LIMIT) and discarded before the refusal, so the client, which is
 * still sending, receives the 413 instead of a reset connection.
 */
export async function readLimited(request: Request, max: number, refuse: () => unknown): Promise<Uint8Array> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > HARD_BODY_LIMIT) {
      await reader.cancel();
      break;
    }
    if (size <= max) chunks.push(value);
  }
  if (size > max) throw refuse();
  return Buffer.concat(chunks);
}
