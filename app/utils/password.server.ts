import crypto from "node:crypto";
import { promisify } from "node:util";

const scryptOnPool = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * scrypt runs on libuv's thread pool (4 threads), which file reads, gzip and DNS share.
 * At most HASH_CONCURRENCY hashes run at once, so a burst of sign-ins leaves threads for
 * everyone else's pages; at most HASH_QUEUE wait, and the rest are refused straight away.
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE = 64;
let running = 0;
const waiting: (() => void)[] = [];

/** Thrown when too many password checks are already waiting: the caller answers 503. */
export class PasswordCheckBusyError extends Error {
  constructor() {
    super("Too many password checks are waiting");
  }
}

async function scrypt(password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await scryptOnPool(password, salt, keylen, options);
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many hashes run and wait now (for tests and the health figures). */
export function passwordCheckLoad() {
  return { running, waiting: waiting.length };
}

/** OWASP's scrypt setting N=2^15, r=8, p=3 (32 MiB per hash). */
const COST = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;

/** Encodes as scrypt$N$r$p$salt$hash so the cost can rise without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...COST, maxmem: 128 * COST.N * COST.r * 2 });
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const key = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    ...cost,
    maxmem: 128 * cost.N * cost.r * 2,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A readable random password for demo accounts (about 80 bits). */
export function generatePassword(): string {
  const words = crypto.randomBytes(10).toString("base64url").replace(/[-_]/g, "x");
  return `${words.slice(0, 5)}-${words.slice(5, 10)}-${words.slice(10)}`;
}
