import en from "./en";
import "./lookup";
import nl from "./nl";

/** Both languages for i18next on the server (and in the component tests); the browser loads English only when a page is in English (messages.ts). */
export const resources = {
  nl: { common: nl },
  en: { common: en },
} as const;
