import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import type { Server } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readLimited } from "../app/utils/http.server.ts";
import { filled, MB, requestOf } from "../test/factories/bodies.ts";
import { drained, postChunked } from "../test/ops/http-client.ts";
import { bodyLimit } from "./body-limit.ts";

const LIMIT = 1 * MB;
const CHUNK = Buffer.alloc(64 * 1024, "a");

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** An Express server with the body limit in front of `handler`; what its sockets read is kept per request. */
async function serve(handler: express.RequestHandler, lingerMs = 2_000) {
  const app = express();
  const read: { bytes: number; closed: Promise<void> }[] = [];
  app.use((req, _res, next) => {
    const entry = { bytes: 0, closed: new Promise<void>((resolve) => req.socket.once("close", () => resolve())) };
    void entry.closed.then(() => (entry.bytes = req.socket.bytesRead));
    read.push(entry);
    next();
  });
  app.use(bodyLimit({ limit: LIMIT, lingerMs, lingerBytes: LIMIT }));
  app.all("*", handler);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, port: address.port, read };
}

/** Reads the body as Remix does (a web stream over the request), with a limit of its own far above the server's. */
const readAll: express.RequestHandler = (req, res) => {
  const request = new Request("http://127.0.0.1/", {
    method: "POST",
    body: createReadableStreamFromReadable(req),
    duplex: "half",
  } as RequestInit);
  readLimited(request, 1024 * MB, () => "too large").then(
    (bytes) => res.json({ bytes: bytes.byteLength }),
    (refusal: unknown) => res.status(refusal === "too large" ? 413 : 500).json({ refusal: String(refusal) }),
  );
};

/** A client that keeps sending a chunked body whatever the server answers, until the connection fails. */
function relentless(port: number, total: number): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (data: Buffer) => (answer += data.toString("latin1")));
    const done = () => resolve({ answer, sent: socket.bytesWritten });
    socket.on("error", done);
    socket.on("close", done);
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    const frame = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from("\r\n")]);
    void (async () => {
      for (let sent = 0; sent < total && !socket.destroyed; sent += CHUNK.length) {
        if (!socket.write(frame)) await drained(socket);
      }
      if (!socket.destroyed) socket.end("0\r\n\r\n");
    })();
  });
}

describe("body limit", () => {
  it("counts a chunked body and stops handing it over past the limit: the reader gets 413, not a reset", async () => {
    const { url, read } = await serve(readAll);
    const answer = await postChunked(url, {}, filled("", 40 * MB));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    await read[0]!.closed;
    // The limit, the chunks the parser had in hand, the sockets' buffers and a linger's worth at most.
    expect(read[0]!.bytes).toBeLessThan(LIMIT + 2 * LIMIT + 12 * MB);
  });

  it("passes a body within the limit whole, and keeps the connection", async () => {
    const { url } = await serve(readAll);
    const size = LIMIT - CHUNK.length;
    // fetch sends a stream chunked, on a connection it keeps.
    const { request } = requestOf(filled("", size));
    const response = await fetch(url, { method: "POST", body: request.body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: size });
    expect(response.headers.get("connection")).toBe("keep-alive");
  });

  it("refuses a declared Content-Length over the limit without reading it", async () => {
    const { url, read } = await serve(readAll);
    const response = await fetch(url, { method: "POST", body: Buffer.alloc(LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: "body_too_large", message: "De body is te groot." });
    expect(response.headers.get("connection")).toBe("close");
    await read[0]!.closed;
  });

  it("answers before the body is read: the client gets the answer, then the connection closes", async () => {
    const { url, read } = await serve((_req, res) => void res.status(403).json({ code: "forbidden" }));
    const started = Date.now();
    const answer = await postChunked(url, {}, filled("", 100 * MB));
    expect(answer.status).toBe(403);
    expect(answer.headers.connection).toBe("close");
    await read[0]!.closed;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(read[0]!.bytes).toBeLessThan(16 * MB);
  });

  it("throws away what a client sends on after the answer, a bounded amount, then closes", async () => {
    const { port } = await serve((_req, res) => void res.status(403).json({ code: "forbidden" }), 10_000);
    const started = Date.now();
    const { answer, sent } = await relentless(port, 500 * MB);
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(answer).toContain("Connection: close");
    // lingerBytes (1 MB) after the answer, plus what the sockets held; well before the 10 s linger.
    expect(sent).toBeLessThan(32 * MB);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes the connection of a client that neither ends its body nor closes once the linger time is over", async () => {
    const { port, read } = await serve((_req, res) => void res.status(403).json({ code: "forbidden" }), 300);
    // Half-open: the client keeps its side open after the server's FIN.
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let answer = "";
    socket.on("data", (data: Buffer) => (answer += data.toString("latin1")));
    const started = Date.now();
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhallo\r\n");
    await expect.poll(() => read.length).toBe(1);
    await read[0]!.closed;
    const ms = Date.now() - started;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(3_000);
  });
});
