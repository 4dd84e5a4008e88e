import nl from "./nl";

/** A Dutch text by its i18n key ("positionKinds.ZIENSWIJZE") with {{values}} filled in, for output made outside React (PDF, e-mail); the key's last part when missing. */
export function dutch(key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = nl;
  for (const part of key.split("."))
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  const text = typeof node === "string" ? node : (key.split(".").pop() ?? key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}
