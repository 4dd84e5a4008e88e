import crypto from "node:crypto";
import { getEnv } from "./env.server";

/**
 * Encrypts small secrets kept in the database (TOTP keys) with AES-256-GCM, under a key
 * derived from SESSION_SECRET with HKDF. A copy of the database alone does not give the
 * second factors away. Rotating SESSION_SECRET therefore also means re-enrolling them.
 */
function key(): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", getEnv().SESSION_SECRET, "h10", "h10 totp secret v1", 32));
}

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(
    ".",
  );
}

/** The plain text, or null when the box was not sealed with this server's key or was altered. */
export function open(sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
