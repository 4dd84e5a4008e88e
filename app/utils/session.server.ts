import { redirect } from "@remix-run/node";
import { secondFactorRequired, startSecondFactorGrace } from "~/models/second-factor.server";
import { createSession, deleteSession, getSessionWithUser, SESSION_TTL_MS } from "~/models/session.server";
import { recordSecurityEvent } from "~/models/security-event.server";
import { httpError, siteCookie } from "./http.server";
import { isLanguage } from "./i18n";
import { languageCookie } from "./i18next.server";
import type { Actor } from "./permissions";
import type { Role } from "~/generated/prisma/enums";

/** The cookie holds only the id of a server-side session, signed. */
const sessionCookie = (request: Request) => siteCookie(request, "h10-session", { maxAge: SESSION_TTL_MS / 1000 });

/** The session id in the request's cookie (signed; not yet checked against the database). */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const value = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionWithUser>>>["user"];

/** The root loader and the page's loader both ask; one lookup per request serves both. */
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = sessionIdOf(request).then(async (sessionId) =>
      sessionId ? ((await getSessionWithUser(sessionId))?.user ?? null) : null,
    );
    usersByRequest.set(request, user);
  }
  return user;
}

/** What a user must do before anything else: choose a new password, or set up a second factor. */
export type Restriction = "password_change" | "second_factor_enrolment";

export const RESTRICTION_PAGES: Record<Restriction, string> = {
  password_change: "/instellingen/wachtwoord",
  second_factor_enrolment: "/instellingen/tweestapsverificatie",
};

export function restrictionOf(
  user: Pick<SessionUser, "mustChangePassword" | "role" | "totpEnabledAt" | "secondFactorDueAt">,
  now = new Date(),
): Restriction | null {
  if (user.mustChangePassword) return "password_change";
  if (secondFactorRequired(user.role) && !user.totpEnabledAt && user.secondFactorDueAt && user.secondFactorDueAt <= now)
    return "second_factor_enrolment";
  return null;
}

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here. A user with
 * a temporary password, or past the grace period to set up a second factor, is sent to
 * that page first (pages that resolve it pass `allowRestricted`); forms get 403.
 */
export async function requireUser(request: Request, options: { allowRestricted?: boolean } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) {
    const restriction = options.allowRestricted ? null : restrictionOf(user);
    if (!restriction) return user;
    if (request.method === "GET" || request.method === "HEAD") throw redirect(RESTRICTION_PAGES[restriction]);
    throw restriction === "password_change"
      ? httpError(403, "password_change_required", "Kies eerst een nieuw wachtwoord.")
      : httpError(403, "second_factor_required", "Stel eerst tweestapsverificatie in.");
  }
  // A form posted with an expired (or no) session: a clear 401, nothing done; pages redirect to sign in.
  if (request.method !== "GET" && request.method !== "HEAD")
    throw httpError(
      401,
      "session_expired",
      "Uw sessie is verlopen. Log opnieuw in en verstuur het formulier nog eens.",
    );
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/inloggen?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user if they have one of the roles; 403 otherwise. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw httpError(403, "forbidden_role", "U heeft geen toegang tot deze pagina met uw rol.");
  }
  return user;
}

export function actorOf(user: Pick<SessionUser, "id" | "role" | "municipalityId" | "name">): Actor {
  return { id: user.id, role: user.role, municipalityId: user.municipalityId, name: user.name };
}

/**
 * Starts a session after a correct password (and second factor, when the user has one: then
 * a pending session that only the code page accepts). The browser's previous session ends.
 */
export async function signIn(
  request: Request,
  user: { id: string; locale: string; role: Role; totpEnabledAt: Date | null; secondFactorDueAt: Date | null },
  redirectTo: string,
  options: { secondFactorDone?: boolean } = {},
) {
  const replaces = await sessionIdOf(request);
  if (user.totpEnabledAt && !options.secondFactorDone) {
    const pending = await createSession(user.id, { secondFactorPending: true, replaces });
    return redirect(`/inloggen/code?redirectTo=${encodeURIComponent(redirectTo)}`, {
      headers: { "Set-Cookie": await sessionCookie(request).serialize(pending.id) },
    });
  }
  await startSecondFactorGrace(user);
  const session = await createSession(user.id, { replaces });
  const headers = new Headers({ "Set-Cookie": await sessionCookie(request).serialize(session.id) });
  // The user's saved language applies unless this browser already chose one.
  if ((await languageCookie.parse(request.headers.get("Cookie"))) === null && isLanguage(user.locale)) {
    headers.append("Set-Cookie", await languageCookie.serialize(user.locale));
  }
  return redirect(redirectTo, { headers });
}

export async function signOut(request: Request, origin: string) {
  const sessionId = await sessionIdOf(request);
  const user = await getUser(request);
  if (sessionId) await deleteSession(sessionId);
  if (user) {
    await recordSecurityEvent({
      type: "security.sign_out",
      result: "success",
      origin,
      actor: actorOf(user),
      subject: { id: user.id, email: user.email },
    });
  }
  return redirect("/inloggen", {
    headers: { "Set-Cookie": await sessionCookie(request).serialize("", { maxAge: 0 }) },
  });
}
