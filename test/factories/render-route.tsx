/**
 * Server markup of a component as a route renders it: inside a static router whose root route's loader gives the
 * CSRF token (forms need it), at a URL, in a language, parsed into a happy-dom document to query.
 */
import { Window } from "happy-dom";
import i18next from "i18next";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";

const i18n = i18next.createInstance();
const ready = i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });

/**
 * `element` rendered as the page of `url` (a path on the site), under a route matching `routePath` (relative to the
 * root, "*" for any), in `lng`.
 */
export async function renderInRoute(
  element: ReactNode,
  { url, routePath = "*", lng = "nl" }: { url: string; routePath?: string; lng?: "nl" | "en" },
) {
  await ready;
  await i18n.changeLanguage(lng);
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ csrfToken: "token-1" }),
      children: [{ id: "page", path: routePath, element }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const window = new Window();
  window.document.body.innerHTML = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />
    </I18nextProvider>,
  );
  return window.document;
}
