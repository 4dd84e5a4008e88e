import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generatePassword,
  HASH_CONCURRENCY,
  HASH_QUEUE,
  hashPassword,
  PasswordCheckBusyError,
  passwordCheckLoad,
  verifyPassword,
} from "./password.server";

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

/** A stored hash of a lower cost (verifyPassword reads the cost from the hash), for tests of the queue, not of the cost. */
function cheapHash(password: string, N: number) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return ["scrypt", N, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

describe("password hashing under a burst", () => {
  it("runs at most HASH_CONCURRENCY hashes at once and queues the rest, so libuv's pool keeps threads for pages", async () => {
    // N=2^13: each check still takes some milliseconds, long enough for the sampler to see the two running.
    const hash = cheapHash("Regiovisie 2021-2026!", 8192);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, passwordCheckLoad().running)), 1);
    const checks = Array.from({ length: 8 }, (_, i) => verifyPassword(`fout-${i}`, hash));
    expect(passwordCheckLoad().waiting).toBe(8 - HASH_CONCURRENCY);
    expect(await Promise.all(checks)).toEqual(Array(8).fill(false));
    clearInterval(sampler);
    expect(peak).toBe(HASH_CONCURRENCY);
    expect(passwordCheckLoad()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses at once when the queue is full instead of letting it grow", async () => {
    // A cheap stored hash (N=2^10), so 66 checks take little time; the queue is what is tested.
    const hash = cheapHash("x", 1024);
    expect(await verifyPassword("x", hash)).toBe(true);
    const checks = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE + 3 }, () =>
      verifyPassword("y", hash).then(
        () => "checked",
        (error: unknown) => (error instanceof PasswordCheckBusyError ? "busy" : "other"),
      ),
    );
    const outcomes = await Promise.all(checks);
    expect(outcomes.filter((o) => o === "busy")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
  });
});
