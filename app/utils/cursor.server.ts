/**
 * Cursor paging for the JSON API's lists: `limit` (default 50, at most 200)
 * and `next`, an opaque cursor that names the last row of the page (its sort
 * key and id). The cursor is base64url JSON with an HMAC of the session
 * secret, bound to the list it came from: a malformed, altered or foreign
 * cursor is a 400 invalid_cursor, never a query.
 */
import crypto from "node:crypto";
import { apiError } from "./api.server";
import { getEnv } from "./env.server";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Longer than any cursor this module makes; a longer one is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 512;

/** The last row of a page: its sort key (a date) and its id. */
export interface CursorKey {
  at: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  after: CursorKey | null;
}

function mac(payload: string): string {
  return crypto
    .createHmac("sha256", getEnv().SESSION_SECRET)
    .update(`api-cursor:${payload}`)
    .digest("base64url")
    .slice(0, 22);
}

/** The cursor after `key` in the list named `scope` (the endpoint and its filter). */
export function encodeCursor(scope: string, key: CursorKey): string {
  const payload = Buffer.from(JSON.stringify([scope, key.at.toISOString(), key.id])).toString("base64url");
  return `${payload}.${mac(`${scope}|${payload}`)}`;
}

function invalidCursor(): Response {
  return apiError(
    400,
    "invalid_cursor",
    "De cursor (next) is ongeldig: gebruik de waarde van next uit het vorige antwoord.",
  );
}

function decodeCursor(scope: string, cursor: string): CursorKey {
  const match = cursor.length <= MAX_CURSOR_LENGTH ? /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/.exec(cursor) : null;
  if (!match) throw invalidCursor();
  const [, payload, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(`${scope}|${payload}`));
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature))) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== scope) throw invalidCursor();
  const [, at, id] = parsed as unknown[];
  const date = typeof at === "string" ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== "string" || !id || id.length > 64) throw invalidCursor();
  return { at: date, id };
}

/**
 * The page a request asks for, from its `limit` and `next` query parameters;
 * a bad one is a thrown 400 (invalid_limit, invalid_cursor).
 */
export function pageRequest(params: URLSearchParams, scope: string): PageRequest {
  const rawLimit = params.get("limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    if (!/^[0-9]{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw apiError(400, "invalid_limit", `limit moet een geheel getal van 1 tot en met ${MAX_LIMIT} zijn.`);
    }
    limit = Number(rawLimit);
  }
  const next = params.get("next");
  return { limit, after: next === null ? null : decodeCursor(scope, next) };
}

/**
 * One page from rows fetched with `limit + 1`: the rows to answer and the
 * cursor of the next page, or null when this was the last.
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  scope: string,
  keyOf: (row: T) => CursorKey,
): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: encodeCursor(scope, keyOf(page[page.length - 1]!)) };
}
