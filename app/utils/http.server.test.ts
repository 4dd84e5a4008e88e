import { describe, expect, it } from "vitest";
import { filled, MB, requestOf } from "../../test/factories/bodies";
import { BodyTooLargeError, readLimited } from "./http.server";

const refuse = () => "refused";

describe("readLimited", () => {
  it("reads a body within the limit whole", async () => {
    const { request } = requestOf(filled("a=", 300_000));
    expect((await readLimited(request, 300_000, refuse)).byteLength).toBe(300_000);
  });

  it("stops reading a body as soon as it passes the limit, and never cancels it (that resets the connection)", async () => {
    const { request, seen } = requestOf(filled("a=", 40 * MB));
    await expect(readLimited(request, 256 * 1024, refuse)).rejects.toBe("refused");
    expect(seen.pulled).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(seen.cancelled).toBe(false);
  });

  it("refuses a body the server stopped at its hard limit", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.error(new BodyTooLargeError(10));
      },
    });
    const request = new Request("http://127.0.0.1/", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readLimited(request, 1000, refuse)).rejects.toBe("refused");
  });

  it("passes on any other failure of the body", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error("aborted"));
      },
    });
    const request = new Request("http://127.0.0.1/", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readLimited(request, 1000, refuse)).rejects.toThrow("aborted");
  });
});
