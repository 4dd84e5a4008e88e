import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password.server";

describe("password hashing with scrypt", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("Regiovisie 2021-2026!");
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword("Regiovisie 2021-2026!", hash)).toBe(true);
    expect(await verifyPassword("regiovisie 2021-2026!", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("hetzelfde")).not.toBe(await hashPassword("hetzelfde"));
  });

  it("rejects a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$a$b")).toBe(false);
  });

  it("generates distinct demo passwords of sufficient length", () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(15);
    expect(generatePassword()).not.toBe(a);
  });
});
