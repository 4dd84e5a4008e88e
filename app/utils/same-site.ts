/** A base that no real request has: what a relative target resolves against to see whether it leaves. */
const BASE = "http://h10.invalid";

/**
 * The path, query and fragment of `target` when it stays on this site, as the
 * browser will resolve it (tabs and newlines removed, backslashes read as
 * slashes, characters outside ASCII percent-encoded); null when it would lead
 * elsewhere ("//evil.example", "/\t/evil.example", "/\\evil.example").
 */
export function sameSitePath(target: string): string | null {
  if (!target.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return null;
  }
  return url.origin === BASE ? url.pathname + url.search + url.hash : null;
}
