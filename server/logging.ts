/**
 * Structured request logs (pino, one JSON line per request) with a request id:
 * the caller's X-Request-Id when it is a plain token, otherwise a fresh UUID;
 * it is sent back in the response header so a user's report can be found in
 * the logs. Paths that carry a secret (the calendar feed's token) are masked.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "h10-besluitvorming" }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The request's path with secrets masked and without the query string (which may carry filters, never needed to trace). */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return path.replace(/^\/agenda\/[^/]+/, "/agenda/[token]");
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    // Health checks every few seconds would drown the log.
    autoLogging: { ignore: (req) => req.url === "/health" },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: loggedPath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
}
