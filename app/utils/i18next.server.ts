import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { resources } from "~/locales/resources";
import { fallbackLanguage, i18nConfig, supportedLanguages } from "./i18n";

/** The chosen language, remembered for a year. Not secret, so not signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  maxAge: 365 * 24 * 60 * 60,
  httpOnly: true,
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // Dutch unless the user chose otherwise: the browser's language is not consulted.
    order: ["searchParams", "cookie"],
  },
  i18next: { ...i18nConfig, resources },
});
