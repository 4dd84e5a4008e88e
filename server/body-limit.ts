/**
 * Request bodies at the server's edge. Every body is counted as it comes off
 * the socket, whether it declared a Content-Length or came chunked (which has
 * none), and none reaches the app past the limit: the app's reader then fails
 * with a BodyTooLargeError, which it answers with 413.
 *
 * An answer given before the body was read to its end (a refusal: too large,
 * not allowed, a bad CSRF token) goes out with Connection: close. The client,
 * still sending, must receive it rather than a reset connection, so the
 * socket is not closed at once: its write side is (the answer, then FIN), and
 * what still arrives is read and thrown away, never buffered, until the body
 * ends, the client closes, `lingerMs` pass or `lingerBytes` more have come;
 * then the connection is closed.
 */
import type { NextFunction, Request, Response } from "express";
import { Socket } from "node:net";
import { BodyTooLargeError } from "../app/utils/http.server.ts";

export interface BodyLimitOptions {
  /** The most bytes of a body handed to the app. */
  limit: number;
  /** After an answer that left the body unread: how long the rest is thrown away before the connection closes. */
  lingerMs: number;
  /** ... and how many bytes of it at most. */
  lingerBytes: number;
}

export function bodyLimit(options: BodyLimitOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    // Without either header a request has no body (RFC 9112, 6.3).
    if (req.headers["transfer-encoding"] === undefined && !(declared > 0)) return next();
    guard(req, res, options);
    // A declared size beyond the limit is refused before anything reads the body.
    if (declared > options.limit)
      return void res.status(413).json({ code: "body_too_large", message: "De body is te groot." });
    next();
  };
}

/** Counts the body as the HTTP parser hands it over (IncomingMessage.push) and closes the connection gently. */
function guard(req: Request, res: Response, { limit, lingerMs, lingerBytes }: BodyLimitOptions) {
  const socket = req.socket;
  let state: "reading" | "refused" | "discarding" = "reading";
  let received = 0;
  let discarded = 0;
  let ended = false;
  let lingering = false;

  const push = req.push.bind(req);
  req.push = (chunk: Buffer | null, encoding?: BufferEncoding): boolean => {
    if (state === "discarding") {
      if (chunk === null) {
        ended = true;
        if (lingering) socket.destroy();
        return push(null);
      }
      discarded += chunk.length;
      if (discarded > lingerBytes) socket.destroy();
      return true;
    }
    // Past the limit nothing more is handed over, not even the end: a cut body must not look whole.
    if (state === "refused") return false;
    if (chunk === null) return push(null, encoding);
    received += chunk.length;
    if (received <= limit) return push(chunk, encoding);
    state = "refused";
    // The parser stops reading the socket (push said false); the app's reader fails with the reason.
    process.nextTick(() => {
      if (req.listenerCount("error")) req.emit("error", new BodyTooLargeError(limit));
    });
    return false;
  };

  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    if (!req.complete) {
      // The answer comes before the whole body: it is the last on this connection, and the rest of the body
      // is thrown away from now on, so the client is never stuck sending.
      res.setHeader("Connection", "close");
      state = "discarding";
      // The socket is read again even though the app's reader has stopped (and keeps req paused).
      req.resume();
      socket.resume();
      // Node closes a Connection: close socket with destroySoon() once the answer is written. Closing it
      // while the client still sends would reset it, and the client might lose the answer: linger instead.
      socket.destroySoon = () => {
        if (ended) return Socket.prototype.destroySoon.call(socket);
        lingering = true;
        socket.end();
        const timer = setTimeout(() => socket.destroy(), lingerMs);
        socket.once("close", () => clearTimeout(timer));
        socket.once("end", () => socket.destroy());
      };
    }
    return writeHead(...args);
  }) as typeof res.writeHead;
}
