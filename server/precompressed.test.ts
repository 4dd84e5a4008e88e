import express from "express";
import fs from "node:fs";
import http, { type Server } from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, precompress, servePrecompressed } from "./precompressed.ts";

/** A build/client of its own: a script, a stylesheet, a tiny text file, an image, in a nested folder. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-precompressed-"));
const script = `export const raden = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `Gemeente ${i}`))};\n`;
const stylesheet = ".matrix td { padding: 0.25rem; }\n".repeat(200);
const image = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

let server: Server;
let base: string;
let fallbacks = 0;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets/entry-AbC123.js"), script);
  fs.writeFileSync(path.join(dir, "assets/theme-XyZ.css"), stylesheet);
  fs.writeFileSync(path.join(dir, "assets/klein.js"), "export {};\n");
  fs.writeFileSync(path.join(dir, "assets/logo.png"), image);
  fs.writeFileSync(
    path.join(dir, "favicon.svg"),
    `<svg xmlns="http://www.w3.org/2000/svg">${"<g/>".repeat(400)}</svg>`,
  );
  precompress(dir);

  // Mounted as server/index.ts mounts it: the copies first, express.static behind them.
  const app = express();
  const assets = path.join(dir, "assets");
  app.use("/assets", servePrecompressed(assets, { maxAge: 365 * 24 * 3600 * 1000, immutable: true }));
  app.use("/assets", (_req, _res, next) => {
    fallbacks += 1;
    next();
  });
  app.use("/assets", express.static(assets, { immutable: true, maxAge: "1y" }));
  app.use(servePrecompressed(dir, { maxAge: 3600 * 1000 }));
  app.use(express.static(dir, { maxAge: "1h" }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw request (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
    const request = http.request(`${base}${url}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === "string") answer.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers: answer, body: Buffer.concat(chunks) });
      });
    });
    request.on("error", reject);
    request.end();
  });
}

describe("precompress", () => {
  it("writes a Brotli and a gzip copy of each text file that decode to the file, and leaves the rest", () => {
    const files = fs.readdirSync(path.join(dir, "assets")).sort();
    expect(files).toEqual([
      "entry-AbC123.js",
      "entry-AbC123.js.br",
      "entry-AbC123.js.gz",
      "klein.js",
      "logo.png",
      "theme-XyZ.css",
      "theme-XyZ.css.br",
      "theme-XyZ.css.gz",
    ]);
    const original = path.join(dir, "assets/entry-AbC123.js");
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${original}.br`)).toString()).toBe(script);
    expect(zlib.gunzipSync(fs.readFileSync(`${original}.gz`)).toString()).toBe(script);
    expect(fs.statSync(`${original}.br`).size).toBeLessThan(fs.statSync(`${original}.gz`).size);
    expect(fs.existsSync(path.join(dir, "favicon.svg.br"))).toBe(true);
  });
});

describe("chooseEncoding", () => {
  it("takes the highest q-value, Brotli on a tie, and nothing the browser refuses", () => {
    const both = ["br", "gzip"] as const;
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("gzip, deflate", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0.2, gzip;q=0.9", both)).toBe("gzip");
    expect(chooseEncoding("gzip;q=0, *", both)).toBe("br");
    expect(chooseEncoding("*;q=0.5, br;q=0", both)).toBe("gzip");
    expect(chooseEncoding("gzip, br", ["gzip"])).toBe("gzip");
    expect(chooseEncoding("identity", both)).toBeNull();
    expect(chooseEncoding("br;q=0, gzip;q=0.000", both)).toBeNull();
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding("", both)).toBeNull();
  });
});

describe("servePrecompressed", () => {
  it("sends the Brotli copy to a browser that takes Brotli, with the file's type and caching", async () => {
    const answer = await get("/assets/entry-AbC123.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBe("br");
    expect(answer.headers.get("content-type")).toMatch(/^application\/javascript/);
    expect(answer.headers.get("vary")).toBe("Accept-Encoding");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it("follows the browser's preference and falls back to the plain file for a client that takes neither", async () => {
    const gzip = await get("/assets/theme-XyZ.css", { "Accept-Encoding": "gzip" });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.headers.get("content-type")).toMatch(/^text\/css/);
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(stylesheet);

    const preferred = await get("/assets/theme-XyZ.css", { "Accept-Encoding": "br;q=0.2, gzip;q=0.9" });
    expect(preferred.headers.get("content-encoding")).toBe("gzip");

    const before = fallbacks;
    const plain = await get("/assets/theme-XyZ.css", { "Accept-Encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(stylesheet);
    expect(fallbacks).toBe(before + 1);
  });

  it("answers HEAD and a conditional GET of the copy, and hands other files and methods on", async () => {
    const first = await get("/assets/entry-AbC123.js", { "Accept-Encoding": "br" });
    const head = await get("/assets/entry-AbC123.js", { "Accept-Encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(first.body.length));
    expect(head.body.length).toBe(0);
    const again = await get("/assets/entry-AbC123.js", {
      "Accept-Encoding": "br",
      "If-None-Match": first.headers.get("etag")!,
    });
    expect(again.status).toBe(304);

    // The gzip copy has an ETag of its own: a cache cannot mix the two up.
    const gzip = await get("/assets/entry-AbC123.js", { "Accept-Encoding": "gzip" });
    expect(gzip.headers.get("etag")).not.toBe(first.headers.get("etag"));

    const small = await get("/assets/klein.js", { "Accept-Encoding": "br" });
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(small.body.toString()).toBe("export {};\n");
    expect((await get("/assets/logo.png", { "Accept-Encoding": "br" })).body.equals(image)).toBe(true);
    expect((await get("/assets/bestaat-niet.js", { "Accept-Encoding": "br" })).status).toBe(404);
    expect((await get("/assets/entry-AbC123.js", { "Accept-Encoding": "br" }, "POST")).status).toBe(404);

    const icon = await get("/favicon.svg", { "Accept-Encoding": "br" });
    expect(icon.headers.get("content-encoding")).toBe("br");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("serves the plain file when a copy went missing after the start", async () => {
    fs.rmSync(path.join(dir, "assets/theme-XyZ.css.br"));
    const answer = await get("/assets/theme-XyZ.css", { "Accept-Encoding": "br" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBeNull();
    expect(answer.body.toString()).toBe(stylesheet);
  });
});
