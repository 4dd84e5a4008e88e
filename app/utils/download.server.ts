/** A file download: its type, an RFC 6266 file name (ASCII fallback plus UTF-8), and no caching of private data. */
export function download(body: Uint8Array, type: string, fileName: string): Response {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "");
  return new Response(new Blob([new Uint8Array(body)]), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(body.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
