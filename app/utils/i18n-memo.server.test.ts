import { createInstance, type i18n } from "i18next";
import { describe, expect, it, vi } from "vitest";
import { resources } from "~/locales/resources";
import { i18nConfig, supportedLanguages } from "./i18n";
import { MEMO_SIZE, memoizePlainLookups } from "./i18n-memo.server";

async function instance(lng: string): Promise<i18n> {
  const created = createInstance();
  await created.init({ ...i18nConfig, lng, resources });
  return created;
}

/** Every key of a language's messages, with its text. */
function keysOf(messages: object, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([name, value]): [string, string][] =>
    typeof value === "string" ? [[`${prefix}${name}`, value]] : keysOf(value as object, `${prefix}${name}.`),
  );
}

describe("plain lookups kept per server instance", () => {
  it.each(supportedLanguages)(
    "gives every key of %s the same text as i18next, the first time and again",
    async (lng) => {
      const [plain, memoized] = await Promise.all([instance(lng), instance(lng).then(memoizePlainLookups)]);
      // As react-i18next's useTranslation calls it on the server (no language: the instance's), and with one.
      const expected = plain.getFixedT(null, "common");
      const actual = memoized.getFixedT(null, "common");
      const expectedNamed = plain.getFixedT(lng, "common");
      const actualNamed = memoized.getFixedT(lng, "common");
      const keys = keysOf(resources[lng].common);
      expect(keys.length).toBeGreaterThan(500);
      for (const [key, text] of keys) {
        const values = Object.fromEntries([...text.matchAll(/{{\s*(\w+)/g)].map(([, name]) => [name!, `«${name}»`]));
        for (const round of [1, 2]) {
          expect([actual(key), round]).toEqual([expected(key), round]);
          expect(actual(key, values)).toBe(expected(key, values));
          expect(actual(key, { ...values, count: round })).toBe(expected(key, { ...values, count: round }));
          expect(memoized.t(key)).toBe(plain.t(key));
          expect(actualNamed(key)).toBe(expectedNamed(key));
        }
      }
      // Keys that do not exist, nested keys asked as a whole, and the other language asked for.
      for (const key of ["bestaat.niet", "nav", "common:nav.overview"]) expect(actual(key)).toEqual(expected(key));
      const other = supportedLanguages.find((l) => l !== lng)!;
      expect(memoized.getFixedT(other, "common")("nav.overview")).toBe(
        plain.getFixedT(other, "common")("nav.overview"),
      );
    },
  );

  it("asks i18next once per key and values, and every time for options it cannot compare", async () => {
    const memoized = memoizePlainLookups(await instance("nl"));
    const { translator } = memoized as unknown as { translator: { translate: (...args: unknown[]) => unknown } };
    const translate = vi.spyOn(translator, "translate");
    const t = memoized.getFixedT(null, "common");
    for (let i = 0; i < 3; i++) t("nav.overview");
    expect(translate).toHaveBeenCalledTimes(1);
    const counted = [1, 2, 1, 2].map((count) => t("nav.unread", { count }));
    expect(counted).toEqual(["ongelezen melding", "ongelezen meldingen", "ongelezen melding", "ongelezen meldingen"]);
    expect(translate).toHaveBeenCalledTimes(3);
    // Options that would read alike if the separators in a value were not escaped are two entries.
    const crafted = { count: 3, a: "1\u0001b\u0002number\u00023" };
    expect(t("nav.notifications", crafted)).toBe("Meldingen (3)");
    expect(t("nav.notifications", { count: 3, a: "1", b: 3 })).toBe("Meldingen (3)");
    expect(translate).toHaveBeenCalledTimes(5);
    for (let i = 0; i < 2; i++) t("nav.notifications", { replace: { count: 4 } });
    expect(translate).toHaveBeenCalledTimes(7);
    expect(MEMO_SIZE).toBeGreaterThan(keysOf(resources.nl.common).length);
  });
});
