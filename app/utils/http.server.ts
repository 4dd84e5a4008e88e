import { data } from "@remix-run/node";

import type { AppLoadContext, CookieOptions } from "@remix-run/node";
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";

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

/** An error a route throws: the status, a stable code and a message for people. */
export function httpError(status: number, code: string, message: string) {
  // Thrown from loaders and actions; the ErrorBoundary shows the message.
  return data({ code, message }, { status });
}

/** Only same-site paths are allowed as a redirect target after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
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
