import en from "./en";
import nl from "./nl";

const messages = { nl, en } as const;

/** A text by its i18n key ("positionKinds.ZIENSWIJZE") in a language (Dutch unless "en"), with {{values}} filled in, for output made outside React (page titles, PDF, e-mail); the key's last part when missing. */
export function translate(
  language: string | null | undefined,
  key: string,
  values: Record<string, string | number> = {},
) {
  let node: unknown = messages[language === "en" ? "en" : "nl"];
  for (const part of key.split("."))
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  const text = typeof node === "string" ? node : (key.split(".").pop() ?? key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** A Dutch text by its i18n key ("positionKinds.ZIENSWIJZE") with {{values}} filled in, for output made outside React (PDF, e-mail); the key's last part when missing. */
export function dutch(key: string, values: Record<string, string | number> = {}): string {
  return translate("nl", key, values);
}
