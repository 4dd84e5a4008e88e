import { redirect } from "@remix-run/node";
import { createSession, deleteSession, getSessionWithUser, SESSION_TTL_MS } from "~/models/session.server";
import { httpError, siteCookie } from "./http.server";
import { isLanguage } from "./i18n";
import { languageCookie } from "./i18next.server";
import type { Actor } from "./permissions";
import type { Role } from "~/generated/prisma/enums";

/** The cookie holds only the id of a server-side session, signed. */
const sessionCookie = (request: Request) => siteCookie(request, "h10-session", { maxAge: SESSION_TTL_MS / 1000 });

async function sessionIdOf(request: Request): Promise<string | null> {
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

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
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

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role, municipalityId: user.municipalityId, name: user.name };
}

export async function signIn(request: Request, user: { id: string; locale: string }, redirectTo: string) {
  const session = await createSession(user.id);
  const headers = new Headers({ "Set-Cookie": await sessionCookie(request).serialize(session.id) });
  // The user's saved language applies unless this browser already chose one.
  if ((await languageCookie.parse(request.headers.get("Cookie"))) === null && isLanguage(user.locale)) {
    headers.append("Set-Cookie", await languageCookie.serialize(user.locale));
  }
  return redirect(redirectTo, { headers });
}

export async function signOut(request: Request) {
  const sessionId = await sessionIdOf(request);
  if (sessionId) await deleteSession(sessionId);
  return redirect("/inloggen", {
    headers: { "Set-Cookie": await sessionCookie(request).serialize("", { maxAge: 0 }) },
  });
}
