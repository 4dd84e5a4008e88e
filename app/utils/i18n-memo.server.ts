import type { i18n } from "i18next";

/** How many texts an instance keeps before it starts again; the app has about 2,000 keys per language. */
export const MEMO_SIZE = 10_000;

/** The options react-i18next's `t` adds to every lookup (i18next's getFixedT). */
const FIXED_T_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);

type Primitive = string | number | boolean | null | undefined;
const isPrimitive = (value: unknown): value is Primitive =>
  value === null || ["string", "number", "boolean", "undefined"].includes(typeof value);

/**
 * The memo key of a lookup whose text depends only on its key, its language and namespace, and values that are
 * strings, numbers or booleans (a count, a name, a default text); null for any other (an object or a function
 * among the options, a list of languages or keys, a key prefix).
 */
function lookupKey(key: unknown, options: unknown): string | null {
  if (typeof key !== "string") return null;
  if (options === undefined) return `\u0001${key}`;
  if (typeof options !== "object" || options === null) return null;
  const o = options as Record<string, unknown>;
  // react-i18next asks getFixedT for no language (null): the instance's own, which never changes.
  if ((o.lngs !== undefined && o.lngs !== null) || o.keyPrefix !== undefined) return null;
  if (!isPrimitive(o.lng) || !isPrimitive(o.ns)) return null;
  let memoKey = `${String(o.lng ?? "")}\u0001${String(o.ns ?? "")}\u0001${key}`;
  for (const name of Object.keys(o).sort()) {
    if (FIXED_T_OPTIONS.has(name)) continue;
    const value = o[name];
    if (!isPrimitive(value)) return null;
    // The type too (the number 1 and the text "1" may give different plurals), and the value as JSON, which
    // escapes the separators.
    memoKey += `\u0001${name}\u0002${typeof value}\u0002${JSON.stringify(value) ?? ""}`;
  }
  return memoKey;
}

/**
 * Keeps the text of each lookup of a server instance whose language and resources never change (entry.server.tsx
 * shares one per language). i18next resolves a key anew on every call: copying the options, splitting the key,
 * looking it up per language and namespace, choosing the plural and putting the values in. A page of the overview
 * makes hundreds of such calls, 9 % of its server CPU at 3,000 trails. A lookup whose options hold an object or
 * a function still goes to i18next each time, and so does one whose text is not a string.
 */
export function memoizePlainLookups(instance: i18n): i18n {
  type Lookup = (...args: unknown[]) => unknown;
  const translate = instance.t.bind(instance) as unknown as Lookup;
  const texts = new Map<string, string>();
  const t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    const memoKey = rest.length ? null : lookupKey(key, options);
    if (memoKey === null) return translate(key, options, ...rest);
    const known = texts.get(memoKey);
    if (known !== undefined) return known;
    const text = translate(key, options);
    if (typeof text === "string") {
      if (texts.size >= MEMO_SIZE) texts.clear();
      texts.set(memoKey, text);
    }
    return text;
  }) as unknown as i18n["t"];
  instance.t = t;
  return instance;
}
