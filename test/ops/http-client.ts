import http from "node:http";
import type { Writable } from "node:stream";

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

/** Resolves when a stream that said "wait" can take more, or has closed. */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      stream.off("drain", go);
      stream.off("close", go);
      resolve();
    };
    stream.on("drain", go);
    stream.on("close", go);
  });
}

/** The answer to a streamed POST, and how much of the body the server had taken when it came. */
export interface StreamedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes the client's socket had handed to the server (head and body) when the answer's head arrived. */
  bytesSent: number;
  /** Milliseconds from the start of the request to the answer's head. */
  ms: number;
}

/**
 * POSTs a body with Transfer-Encoding: chunked (no Content-Length), as a client that streams does: chunk
 * after chunk, waiting whenever the socket is full, and stopping as soon as the answer arrives. A connection
 * that fails before the answer (a reset) rejects.
 */
export function postChunked(
  url: string,
  headers: Record<string, string>,
  chunks: Iterable<Uint8Array>,
): Promise<StreamedAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // A connection of its own, so that its byte count is this request's; kept alive unless the server closes it.
    const agent = new http.Agent({ keepAlive: true });
    const request = http.request(url, {
      method: "POST",
      agent,
      headers: { ...headers, "Transfer-Encoding": "chunked" },
    });
    request.on("close", () => agent.destroy());
    let answered = false;
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.on("response", (response) => {
      answered = true;
      const bytesSent = request.socket?.bytesWritten ?? 0;
      const ms = Math.round(performance.now() - started);
      const body: Buffer[] = [];
      response.on("data", (chunk: Buffer) => body.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        request.destroy();
        const text = Buffer.concat(body).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, bytesSent, ms });
      });
    });
    void (async () => {
      for (const chunk of chunks) {
        if (answered || request.destroyed) return;
        if (!request.write(chunk)) await drained(request);
      }
      if (!answered && !request.destroyed) request.end();
    })();
  });
}
