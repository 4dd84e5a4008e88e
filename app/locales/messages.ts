import type { BackendModule } from "i18next";
import nl from "./nl";

/**
 * The interface's messages as the browser has them: Dutch always (the default language, and the fallback of
 * English), English once a page in English needed it. English is a chunk of its own, so a Dutch page does not
 * download and parse it. The server has both languages from the start (lookup.ts registers English).
 */
const loaded = new Map<string, unknown>([["nl", nl]]);

export function registerMessages(language: string, messages: unknown) {
  loaded.set(language, messages);
}

/**
 * A language's messages, fetched first when the page has not had them yet (only English can be missing). The
 * server's build leaves the fetch out: it has English already, and the import would only make Rollup warn that
 * it splits nothing there.
 */
export async function loadMessages(language: string): Promise<unknown> {
  if (!import.meta.env.SSR && language === "en" && !loaded.has("en"))
    registerMessages("en", (await import("./en")).default);
  return loaded.get(language) ?? nl;
}

/** i18next's source of a language it does not have yet (a switch to English in the browser). */
export const lazyMessages: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    loadMessages(language).then(
      (messages) => callback(null, messages as never),
      (error: Error) => callback(error, false),
    );
  },
};

/** A text by its key ("positionKinds.ZIENSWIJZE") in the given messages, with {{values}} filled in; the key's last part when missing. */
function textIn(messages: unknown, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = messages;
  for (const part of key.split("."))
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  const text = typeof node === "string" ? node : (key.split(".").pop() ?? key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/**
 * A text in a language (Dutch unless "en"), for output made outside React: page titles here; PDF and e-mail
 * through lookup.ts. In the browser English stands in Dutch until it has been loaded.
 */
export function translate(
  language: string | null | undefined,
  key: string,
  values: Record<string, string | number> = {},
): string {
  return textIn(loaded.get(language === "en" ? "en" : "nl") ?? nl, key, values);
}
