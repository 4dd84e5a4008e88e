import path from "node:path";
import { defineConfig } from "prisma/config";

// The schema engine binary is never downloaded: migrations run through the
// WebAssembly engine (prisma/schema-engine.ts). The URL here only serves
// `prisma generate`, which reads no database.
const dataDir = process.env.DATA_DIR ?? "data";
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? `file:${path.resolve(dataDir, "h10.db")}` },
});
