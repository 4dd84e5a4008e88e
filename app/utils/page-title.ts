import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { translate } from "~/locales/messages";

/** The language the root loader chose for this request (nl unless the user chose en). */
export function languageOf(matches: readonly { id: string; data?: unknown }[]): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return typeof root?.locale === "string" ? root.locale : "nl";
}

/**
 * A route's `meta`: the page title in the user's language, from the `titles`
 * section of the locale files, followed by the application's name. `values`
 * fills the title's {{placeholders}} from the loader's data; its `t` gives a
 * translated word for when the data is missing (an error page).
 */
export function pageTitle<Loader = unknown>(
  key: string,
  values?: (data: MetaArgs<Loader>["data"], t: (key: string) => string) => Record<string, string>,
): MetaFunction<Loader> {
  return ({ data, matches }): MetaDescriptor[] => {
    const language = languageOf(matches);
    const t = (k: string) => translate(language, k);
    const page = translate(language, `titles.${key}`, values?.(data, t));
    return [{ title: `${page} · ${translate(language, "app.name")}` }];
  };
}
