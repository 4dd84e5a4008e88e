/** Large request bodies, made chunk by chunk as they are sent (nothing is held whole), for the body-limit tests. */
export const MB = 1024 * 1024;
const FILLER = Buffer.alloc(64 * 1024, "a");

/** `head`, then filler up to `size` bytes in all, in chunks of 64 KiB. */
export function* filled(head: string, size: number): Generator<Buffer> {
  yield Buffer.from(head);
  for (let left = size - Buffer.byteLength(head); left > 0; left -= FILLER.length)
    yield FILLER.subarray(0, Math.min(left, FILLER.length));
}

export interface Part {
  name: string;
  /** A field's value. */
  value?: string;
  /** A file's name: the part is a PDF file. */
  file?: string;
  /** The part's size: its value or the PDF's first line, then filler. */
  size?: number;
}

/** A multipart/form-data body, part after part. */
export function* multipart(boundary: string, parts: Part[]): Generator<Buffer> {
  for (const part of parts) {
    const file = part.file ? `; filename="${part.file}"\r\nContent-Type: application/pdf` : "";
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n\r\n`);
    yield* filled(part.file ? "%PDF-1.7\n" : (part.value ?? ""), part.size ?? 0);
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** A request whose body is pulled chunk by chunk from `chunks`, counting what was pulled and whether it was cancelled. */
export function requestOf(chunks: Iterable<Uint8Array>, headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const iterator = chunks[Symbol.iterator]();
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = iterator.next();
        if (next.done) return controller.close();
        seen.pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://127.0.0.1/", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { request, seen };
}
