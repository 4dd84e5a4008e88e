import type { MetaFunction } from "@remix-run/node";
import { translate } from "~/locales/lookup";
import { languageOf } from "./page-title";

/** A public page's title from the woo namespace of the locale files, in the reader's language. */
export function wooTitle<Loader = unknown>(
  key: string,
  values?: (data: unknown) => Record<string, string>,
): MetaFunction<Loader> {
  return ({ data, matches }) => {
    const language = languageOf(matches);
    const page = translate(language, `woo.titles.${key}`, data ? values?.(data) : undefined);
    return [{ title: `${page} · ${translate(language, "app.name")}` }];
  };
}
