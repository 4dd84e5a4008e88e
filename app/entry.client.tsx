import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { lazyMessages, loadMessages } from "./locales/messages";
import { defaultNS, fallbackLanguage, i18nConfig } from "./utils/i18n";

/**
 * A data request that the router cancels is no error. The router aborts a request when the next navigation starts
 * while it is still being read: a page someone clicked away from before its code had loaded, or the answer of a
 * refused form (a 4xx, after which the router loads nothing and keeps the request's controller until the next
 * navigation aborts it). Remix's stream decoder (turbo-stream 2.4, pinned by Remix) then rejects promises that no
 * one awaits, and the browser would report each as an uncaught error. (A request cancelled before its answer's
 * first line came is caught by Remix, which logs it with console.error.) Any other rejection is still reported.
 */
function ignoreCancelledRequests() {
  window.addEventListener("unhandledrejection", (event) => {
    const reason: unknown = event.reason;
    if (reason instanceof DOMException && reason.name === "AbortError") event.preventDefault();
  });
}

async function hydrate() {
  // The server rendered the page in the language on <html lang>: Dutch is in this bundle, English is fetched.
  const lng = document.documentElement.lang || fallbackLanguage;
  const [messages, dutch] = await Promise.all([loadMessages(lng), loadMessages(fallbackLanguage)]);
  await i18next
    .use(initReactI18next)
    .use(lazyMessages)
    .init({
      ...i18nConfig,
      resources: { [fallbackLanguage]: { [defaultNS]: dutch }, [lng]: { [defaultNS]: messages } } as never,
      // A language the page does not have yet comes from lazyMessages (a switch to English in the browser).
      partialBundledLanguages: true,
      lng,
      ns: getInitialNamespaces(),
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

ignoreCancelledRequests();
void hydrate();
