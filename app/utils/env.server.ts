import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Environment variables, validated once at start-up. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  /** Express "trust proxy": set it when a reverse proxy terminates https in front of the app. */
  TRUST_PROXY: z.string().default("false"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "DATABASE_URL must be a file: URL (the embedded SQLite database) or a postgresql:// URL",
    )
    .optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET needs at least 32 characters").optional(),
  /** SMTP server for e-mail notifications (smtp://user:pass@host:port); without it, in-app only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("H10 Besluitvorming <noreply@h10.example>"),
  /** The address people open the app at (https://h10.example), for the links in e-mail; else HOST and PORT. */
  PUBLIC_URL: z.string().url("PUBLIC_URL must be a URL, e.g. https://h10.example").optional(),
  /** Seeds the demo region and users into an empty database (the embedded default). */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /**
   * The arrangement's rule for a step that needs the board's answer to every zienswijze (the answer ledger):
   * "refuse" the step while one is unanswered (the default), or "warn" and let it pass.
   */
  UNANSWERED_ZIENSWIJZE: z.enum(["refuse", "warn"]).default("refuse"),
  /**
   * The publisher of the Woo publications (/openbaar, DiWoo metadata): the joint arrangement's name and its TOOI
   * organisation URI (https://identifier.overheid.nl/tooi/id/...), as the Register van Overheidsorganisaties lists it.
   */
  WOO_PUBLISHER_NAME: z
    .string()
    .min(3)
    .max(200)
    .default("Gemeenschappelijke regeling Servicebureau Jeugdhulp Haaglanden"),
  WOO_PUBLISHER_URI: z
    .string()
    .regex(
      /^https:\/\/identifier\.overheid\.nl\/tooi\/id\/[a-z_]+\/[a-z0-9_]+$/,
      "WOO_PUBLISHER_URI must be a TOOI organisation URI",
    )
    .optional(),
  /**
   * Imports the councils' own published decisions (ori-import.server.ts) in the hourly round, from the source an
   * administrator set per municipality; off by default, so a fresh install sends nothing anywhere.
   */
  ORI_IMPORT: z
    .enum(["true", "false"], { message: "ORI_IMPORT must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  /** Fixed demo password (tests); otherwise one is generated and printed once. */
  DEMO_PASSWORD: z.string().min(12).optional(),
});

export type Env = z.infer<typeof EnvSchema> & { DATABASE_URL: string; SESSION_SECRET: string; dataDir: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  // An empty variable counts as unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "h10.db")}`;
  // The SQLite file's folder may lie outside the data directory. A PostgreSQL URL names no folder.
  if (databaseUrl.startsWith("file:"))
    fs.mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
  cached = {
    ...parsed.data,
    dataDir,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? persistentSecret(dataDir),
  };
  return cached;
}

/** A random secret kept in the data directory, so sessions survive a restart. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return fs.readFileSync(file, "utf8").trim();
  }
}
