import { data } from "@remix-run/node";

/** Whether the request reached us over https (directly or through a proxy). */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown";
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
