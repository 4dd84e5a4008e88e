import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filled, MB, multipart, requestOf, type Part } from "../../test/factories/bodies";
import { getCsrfToken, MAX_UPLOAD_FIELDS, readUploadForm } from "./csrf.server";

// The CSRF cookie is signed with the session secret; no database is involved.
process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("hex");
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "h10-csrf-"));

const BOUNDARY = "----h10-grens";
const MAX_FILE = 2 * MB;

/** Sends a body (the parts of a multipart form made with the CSRF token, or raw chunks) to readUploadForm. */
async function upload(body: (token: string) => Part[] | Iterable<Uint8Array>, options: { type?: string } = {}) {
  const { token, setCookie } = await getCsrfToken(new Request("http://127.0.0.1/"));
  const given = body(token);
  const { request, seen } = requestOf(Array.isArray(given) ? multipart(BOUNDARY, given as Part[]) : given, {
    Cookie: setCookie!.split(";")[0]!,
    "Content-Type": options.type ?? `multipart/form-data; boundary=${BOUNDARY}`,
  });
  const outcome = await readUploadForm(request, MAX_FILE).then(
    (form) => ({ form, status: 200, code: null }),
    async (thrown: Response) => ({
      form: null,
      status: thrown.status,
      code: ((await thrown.json()) as { code: string }).code,
    }),
  );
  return { ...outcome, seen };
}

describe("readUploadForm", () => {
  it("reads the token, a few fields and one file", async () => {
    const { form, status, seen } = await upload((csrf) => [
      { name: "csrf", value: csrf },
      { name: "intent", value: "attach" },
      { name: "file", file: "raadsbesluit.pdf", size: 1000 },
    ]);
    expect(status).toBe(200);
    expect(form!.get("intent")).toBe("attach");
    const file = form!.get("file") as File;
    expect(file.name).toBe("raadsbesluit.pdf");
    expect(file.size).toBe(1000);
    expect(seen.cancelled).toBe(false);
  });

  it("refuses a second file without reading it", async () => {
    const { status, code, seen } = await upload((csrf) => [
      { name: "csrf", value: csrf },
      ...Array.from({ length: 12 }, (_, i) => ({ name: "file", file: `bijlage-${i}.pdf`, size: 1.5 * MB })),
    ]);
    expect({ status, code }).toEqual({ status: 413, code: "too_many_parts" });
    expect(seen.pulled).toBeLessThan(1.5 * MB + 128 * 1024);
    expect(seen.cancelled).toBe(false);
  });

  it(`refuses more than ${MAX_UPLOAD_FIELDS} fields`, async () => {
    const { status, code } = await upload((csrf) => [
      { name: "csrf", value: csrf },
      ...Array.from({ length: MAX_UPLOAD_FIELDS }, () => ({ name: "intent", value: "attach" })),
      { name: "file", file: "raadsbesluit.pdf", size: 1000 },
    ]);
    expect({ status, code }).toEqual({ status: 413, code: "too_many_parts" });
  });

  it("checks the token before it reads a byte of the file: a file before the token is refused", async () => {
    const { status, code, seen } = await upload((csrf) => [
      { name: "file", file: "raadsbesluit.pdf", size: 1.5 * MB },
      { name: "csrf", value: csrf },
    ]);
    expect({ status, code }).toEqual({ status: 403, code: "csrf_invalid" });
    expect(seen.pulled).toBeLessThan(128 * 1024);
  });

  it("refuses a wrong token before it reads the file", async () => {
    const { status, code, seen } = await upload(() => [
      { name: "csrf", value: "A".repeat(43) },
      { name: "file", file: "raadsbesluit.pdf", size: 1.5 * MB },
    ]);
    expect({ status, code }).toEqual({ status: 403, code: "csrf_invalid" });
    expect(seen.pulled).toBeLessThan(128 * 1024);
  });

  it("stops reading a file over its limit", async () => {
    const { status, code, seen } = await upload((csrf) => [
      { name: "csrf", value: csrf },
      { name: "file", file: "raadsbesluit.pdf", size: 40 * MB },
    ]);
    expect({ status, code }).toEqual({ status: 413, code: "attachment_too_large" });
    expect(seen.pulled).toBeLessThan(MAX_FILE + 128 * 1024);
  });

  it("stops reading a large field", async () => {
    const { status, code, seen } = await upload((csrf) => [
      { name: "csrf", value: csrf },
      { name: "text", value: "x", size: 40 * MB },
    ]);
    expect({ status, code }).toEqual({ status: 413, code: "body_too_large" });
    expect(seen.pulled).toBeLessThan(128 * 1024);
  });

  it("stops reading the whole body past the file's limit and a little room, whatever its parts", async () => {
    // A part's header that never ends.
    const { status, code, seen } = await upload(() =>
      filled(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="csrf"\r\nX-Vulling: `, 40 * MB),
    );
    expect({ status, code }).toEqual({ status: 413, code: "body_too_large" });
    expect(seen.pulled).toBeLessThan(MAX_FILE + 128 * 1024);
    expect(seen.cancelled).toBe(false);
  });

  it("checks the token of a form without a file", async () => {
    expect((await upload((csrf) => [{ name: "csrf", value: csrf }])).status).toBe(200);
    expect(await upload(() => [{ name: "intent", value: "attach" }])).toMatchObject({
      status: 403,
      code: "csrf_invalid",
    });
  });

  it("takes nothing but multipart/form-data", async () => {
    const { status, code } = await upload(() => [], { type: "application/x-www-form-urlencoded" });
    expect({ status, code }).toEqual({ status: 415, code: "unsupported_media_type" });
  });
});
