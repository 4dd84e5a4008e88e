/** HTTP conditional GET (RFC 9110 §13): whether a client's cached copy is still current. */

/**
 * Whether the client's copy is still current: If-None-Match wins when present (RFC 9110 §13.2.2), else
 * If-Modified-Since at the resolution of an HTTP date.
 */
export function notModified(request: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null)
    return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  const since = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  return Number.isFinite(since) && lastModified.getTime() <= since;
}
