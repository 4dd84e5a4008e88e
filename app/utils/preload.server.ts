import fs from "node:fs";
import path from "node:path";

let english: string | null | undefined;

/**
 * The browser build's chunk of the English messages, so an English page starts fetching it beside the entry script
 * instead of after it. From Vite's manifest, which vite.config.ts keeps and Remix moves to build/.vite, outside the
 * folder the server serves. Null without a production build (development, tests that render routes on their own).
 */
export function englishMessagesChunk(): string | null {
  if (english === undefined) {
    try {
      const manifest = JSON.parse(
        fs.readFileSync(path.join(process.cwd(), "build/.vite/client-manifest.json"), "utf8"),
      ) as Record<string, { file?: string }>;
      const file = manifest["app/locales/en.ts"]?.file;
      english = file ? `/${file}` : null;
    } catch {
      english = null;
    }
  }
  return english;
}
