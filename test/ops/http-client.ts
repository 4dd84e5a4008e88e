/** A minimal browser-like HTTP client for tests against the running server: cookies and the CSRF token. */
export interface HttpSession {
  cookie: string;
  csrf: string;
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

function merge(cookie: string, fresh: string[]): string {
  const jar = new Map(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c]),
  );
  for (const c of fresh) jar.set(c.split("=")[0]!, c);
  return [...jar.values()].join("; ");
}

/** An anonymous visitor with a CSRF cookie and token (from the sign-in page). */
export async function visitor(base: string): Promise<HttpSession> {
  const page = await fetch(`${base}/inloggen`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie: merge("", cookiesOf(page)), csrf };
}

export async function signInHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const session = await visitor(base);
  const response = await fetch(`${base}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie },
    body: new URLSearchParams({ csrf: session.csrf, email, password }),
  });
  if (response.status !== 302 && response.status !== 303)
    throw new Error(`Sign-in of ${email} failed: ${response.status}`);
  const cookie = merge(session.cookie, cookiesOf(response));
  // Signed in, forms carry a token bound to the new session: read it from a page of that session.
  const page = await fetch(`${base}/instellingen`, { headers: { Cookie: cookie }, redirect: "manual" });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error(`No form token after the sign-in of ${email} (${page.status})`);
  return { cookie, csrf };
}
