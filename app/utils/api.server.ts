/**
 * The JSON API's plumbing: bearer-token authentication, JSON bodies with a
 * size limit, and errors as JSON with a stable code and a message.
 */
import { isFormKey } from "./form-key.server";
import { readLimited } from "./http.server";
import type { z } from "zod";
import { userForToken } from "~/models/api-token.server";
import type { Actor } from "./permissions";

export const MAX_BODY_BYTES = 64 * 1024;

export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json(
    { code, message, ...(details ? { details } : {}) },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** The token holder, or a 401 Response thrown. */
export async function requireApiUser(request: Request) {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer (\S+)$/.exec(header);
  const user = match ? await userForToken(match[1]!) : null;
  if (user === "expired") {
    throw apiError(401, "token_expired", "Dit API-token is verlopen. Maak een nieuw token aan bij Instellingen.");
  }
  if (!user) {
    throw apiError(401, "unauthorized", "Geef een geldig API-token mee: Authorization: Bearer <token>.");
  }
  const actor: Actor = { id: user.id, role: user.role, municipalityId: user.municipalityId, name: user.name };
  return { user, actor };
}

/**
 * The Idempotency-Key header of a POST that creates (as in the IETF draft: a
 * string, quoted or bare); null when absent. Malformed is a 400.
 */
export function idempotencyKeyOf(request: Request): string | null {
  const header = request.headers.get("Idempotency-Key");
  if (header === null) return null;
  const key = header.trim().replace(/^"(.*)"$/, "$1");
  if (!isFormKey(key))
    throw apiError(400, "idempotency_key_invalid", "De Idempotency-Key moet 16 tot 200 letters, cijfers, - of _ zijn.");
  return key;
}

/** Reads a JSON body no larger than the limit and checks it against a strict schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("application/json")) {
    throw apiError(415, "unsupported_media_type", "Stuur de gegevens als application/json.");
  }
  const bytes = await readLimited(request, MAX_BODY_BYTES, () =>
    apiError(413, "body_too_large", `De body mag hoogstens ${MAX_BODY_BYTES} bytes zijn.`),
  );
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw apiError(400, "malformed_json", "De body is geen geldige JSON (UTF-8).");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw apiError(
      400,
      "invalid_body",
      "De body voldoet niet aan het schema.",
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message, code: issue.code })),
    );
  }
  return parsed.data;
}
