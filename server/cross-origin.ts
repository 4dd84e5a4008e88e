/**
 * Form posts from another site are refused before Remix sees them. Remix
 * itself refuses an action whose Origin does not match the Host (or the first
 * X-Forwarded-Host) by throwing an Error: a 500 without a body and a stack
 * trace on stderr. This answers those requests, and those the browser marks
 * Sec-Fetch-Site: cross-site, with a clean 403 instead. The JSON API is left
 * out: it authenticates with a bearer token, which a browser never sends on
 * its own. So is the one-click unsubscribe of e-mails (RFC 8058,
 * /e-mail/afmelden): the mail provider posts it on the reader's behalf, and the
 * signed token in its address is its authentication, not a session.
 */
import type { IncomingHttpHeaders } from "node:http";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const CROSS_ORIGIN_ANSWER = {
  code: "cross_origin",
  message: "Het formulier komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
} as const;

function first(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether a request must be refused as coming from another site: an unsafe
 * method outside /api/ whose Origin header is not this host (every case in
 * which Remix would throw, and an Origin that is not a URL), or that the
 * browser marks cross-site.
 */
/** The form posts authenticated by a signed token in their address, which any site may send. */
export const isTokenAuthenticatedForm = (path: string) => path === "/e-mail/afmelden";

export function isCrossOrigin(method: string, path: string, headers: IncomingHttpHeaders): boolean {
  if (!UNSAFE_METHODS.has(method.toUpperCase()) || path.startsWith("/api/") || isTokenAuthenticatedForm(path))
    return false;
  if (first(headers, "sec-fetch-site") === "cross-site") return true;
  const origin = first(headers, "origin");
  if (origin === undefined) return false;
  // The host Remix compares the Origin with.
  const host = first(headers, "x-forwarded-host")?.split(",")[0]?.trim() || first(headers, "host");
  let originHost: string | null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  return !host || originHost !== host;
}
