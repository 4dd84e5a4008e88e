/**
 * Compression of what the app renders (pages, data, feeds): `compression`, tuned for the way Remix writes.
 *
 * Measured on the secretary's overview (33 KB of HTML, 4 clients, the server's CPU per page):
 * - **Brotli's window.** `compression` answers every current browser in Brotli, with a 4 MB window (lgwin 22).
 *   Setting up that window for each response cost more than the compressing: 28 ms per page against 18 in gzip
 *   and 16 uncompressed. With a 256 KB window (lgwin 18; our largest answers, the calendar feeds, are under 1 MB
 *   and repeat themselves within far less) the same page costs 17–18 ms, and the bytes are the same.
 * - **One flush per turn.** `compression` gives the response a `flush()`, and Remix calls it after every chunk it
 *   writes (`writeReadableStreamToWritable` in @remix-run/node): 16 times for that page. Each flush ends a
 *   compressed block. The flushes asked for in one turn of the event loop now become one, at its end, so what was
 *   written still leaves before the server waits for anything (a query, the next request), and a page streams as
 *   it did. The page went from 12.4 to 8.1 KB in gzip, and from 8.5 to 7.9 KB in Brotli.
 *
 * The scripts and stylesheets are not compressed here but at build time (server/precompressed.ts).
 */
import compression from "compression";
import type { RequestHandler } from "express";
import zlib from "node:zlib";

/** Brotli's settings for a response: compression's quality, a 256 KB window, text. */
export const BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
};

/** The response's flushes of one turn of the event loop, as one at its end. */
export const coalesceFlushes: RequestHandler = (_req, res, next) => {
  const response = res as typeof res & { flush?: () => void };
  const flush = response.flush;
  if (typeof flush === "function") {
    let pending = false;
    response.flush = () => {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        flush.call(response);
      });
    };
  }
  next();
};

/** The middleware, in order: compression, then the coalescing of its flushes. */
export function compressResponses(): RequestHandler[] {
  return [compression({ brotli: { params: BROTLI_PARAMS } }), coalesceFlushes];
}
