import { Secret, TOTP } from "otpauth";
import { open } from "~/utils/secret-box.server";

/** The code an authenticator app would show now for a stored (sealed) TOTP secret. */
export function currentCode(secretBox: string, now = new Date()): string {
  const base32 = open(secretBox);
  if (!base32) throw new Error("The secret cannot be opened with this server's key");
  return TOTP.generate({ secret: Secret.fromBase32(base32), timestamp: now.getTime() });
}
