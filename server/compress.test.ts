import express from "express";
import http, { type Server } from "node:http";
import type net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses } from "./compress.ts";

/** About the secretary's overview: 16 chunks of 2 KB, as React and Remix write a page. */
const CHUNKS = Array.from(
  { length: 16 },
  (_, i) =>
    `<tr data-trail="H10-${i}"><td>Wijziging GR Jeugdhulp Haaglanden</td></tr>`.repeat(40).slice(0, 2048) + "\n",
);
const PAGE = CHUNKS.join("");

let server: Server;
let base: string;
/** How often compression's own flush ran, per request. */
const flushes: number[] = [];
let release: () => void = () => {};

beforeAll(async () => {
  const app = express();
  const [compress, coalesce] = compressResponses();
  app.use(compress!);
  // Counts the flushes that reach compression, under the coalescing.
  app.use((_req, res, next) => {
    const response = res as typeof res & { flush: () => void };
    const flush = response.flush.bind(response);
    const index = flushes.push(0) - 1;
    response.flush = () => {
      flushes[index]! += 1;
      flush();
    };
    next();
  });
  app.use(coalesce!);
  // As Remix writes a page: each chunk, then a flush, in one turn.
  app.get("/pagina", (_req, res) => {
    res.type("html");
    const response = res as typeof res & { flush: () => void };
    for (const chunk of CHUNKS) {
      res.write(chunk);
      response.flush();
    }
    setTimeout(() => res.end(), 20);
  });
  // A short answer that ends in the turn of its flush: the flush comes after the end.
  app.get("/kort", (_req, res) => {
    res.type("html");
    res.write(CHUNKS[0]);
    (res as typeof res & { flush: () => void }).flush();
    res.end(CHUNKS[1]);
  });
  // A page that waits for something after its first part (a slow query).
  app.get("/traag", (_req, res) => {
    res.type("html");
    res.write(CHUNKS[0]);
    (res as typeof res & { flush: () => void }).flush();
    new Promise<void>((resolve) => (release = resolve)).then(() => res.end(CHUNKS[1]));
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  release();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw request; `onData` sees each chunk as it arrives. */
function get(path: string, encoding: string, onData?: (chunk: Buffer) => void) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: { "Accept-Encoding": encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          onData?.(chunk);
        });
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("compressResponses", () => {
  it("answers a browser in Brotli with a 256 KB window, not compression's 4 MB", async () => {
    const { headers, body } = await get("/pagina", "gzip, deflate, br, zstd");
    expect(headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(body).toString()).toBe(PAGE);
    // The stream's first bits give the window (RFC 7932, 9.1): 1, then 1 for 2^18 (5 for compression's 2^22).
    expect(body[0]! & 0x01).toBe(1);
    expect((body[0]! >> 1) & 0x07).toBe(1);
  });

  it("flushes once for the sixteen flushes Remix asks for in one turn, in Brotli and in gzip", async () => {
    flushes.length = 0;
    const brotli = await get("/pagina", "br");
    const gzip = await get("/pagina", "gzip");
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(PAGE);
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(PAGE);
    expect(flushes).toEqual([1, 1]);
  });

  it("lets an answer end before its deferred flush, whole", async () => {
    for (const encoding of ["br", "gzip"]) {
      const { headers, body } = await get("/kort", encoding);
      expect(headers["content-encoding"]).toBe(encoding);
      const text = encoding === "br" ? zlib.brotliDecompressSync(body) : zlib.gunzipSync(body);
      expect(text.toString()).toBe(CHUNKS[0]! + CHUNKS[1]!);
    }
    // The deferred flush has run by now, on a finished stream, without an error.
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("still sends what was written before the server waits", async () => {
    const decoder = zlib.createBrotliDecompress();
    const firstPart = new Promise<string>((resolve) =>
      decoder.once("data", (chunk: Buffer) => resolve(chunk.toString())),
    );
    const answer = get("/traag", "br", (chunk) => decoder.write(chunk));
    // The page's first part arrives while the rest is still held back; without a flush it would not.
    expect(await firstPart).toBe(CHUNKS[0]);
    release();
    const { body } = await answer;
    expect(zlib.brotliDecompressSync(body).toString()).toBe(CHUNKS[0]! + CHUNKS[1]!);
  });
});
