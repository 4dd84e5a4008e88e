import { getCsrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { signIn } from "~/utils/session.server";

const BASE = "http://127.0.0.1/";

/** Cookie header value of the Set-Cookie headers of a response. */
function cookiesOf(headers: Headers): string[] {
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

export interface Client {
  cookie: string;
  csrf: string;
  userId: string | null;
}

/** A browser-like client: a CSRF cookie and token, and a session when an e-mail is given. */
export async function clientFor(email?: string): Promise<Client> {
  const anonymous = await getCsrfToken(new Request(BASE));
  const cookies = [anonymous.setCookie!.split(";")[0]!];
  let userId: string | null = null;
  if (email) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    userId = user.id;
    const response = await signIn(new Request(BASE), user, "/", { secondFactorDone: true });
    cookies.push(...cookiesOf(response.headers));
  }
  const cookie = cookies.join("; ");
  // Signed in, the token is bound to the session: the one the pages of that session carry.
  const csrf = email ? (await getCsrfToken(new Request(BASE, { headers: { Cookie: cookie } }))).token : anonymous.token;
  return { cookie, csrf, userId };
}

/** A form post as the browser sends it, with the client's cookies and CSRF token. */
export function formPost(
  client: Client,
  path: string,
  fields: Record<string, string>,
  options: { csrf?: string | null } = {},
) {
  const body = new URLSearchParams(fields);
  const token = options.csrf === undefined ? client.csrf : options.csrf;
  if (token !== null) body.set("csrf", token);
  return new Request(new URL(path, BASE), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: client.cookie },
    body,
  });
}

export function get(client: Client, path: string) {
  return new Request(new URL(path, BASE), { headers: { Cookie: client.cookie } });
}

/** Runs a loader or action and returns what it returned or threw, with its status. */
export async function outcome(
  run: () => Promise<unknown>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  try {
    return await describe(await run(), 200);
  } catch (thrown) {
    return describe(thrown, 500);
  }
}

async function describe(value: unknown, fallbackStatus: number) {
  if (value instanceof Response) {
    // A JSON answer (httpError's) with its body; a redirect or a file without.
    const json = (value.headers.get("Content-Type") ?? "").startsWith("application/json");
    return { status: value.status, body: json ? await value.json() : null, headers: value.headers };
  }
  // Remix's data() result: { type: "DataWithResponseInit", data, init }.
  if (
    value &&
    typeof value === "object" &&
    "type" in value &&
    (value as { type: unknown }).type === "DataWithResponseInit"
  ) {
    const { data, init } = value as unknown as { data: unknown; init?: ResponseInit | null };
    return { status: init?.status ?? 200, body: data, headers: new Headers(init?.headers) };
  }
  if (value instanceof Error && fallbackStatus === 500) throw value;
  return { status: fallbackStatus === 500 ? 500 : 200, body: value, headers: new Headers() };
}
