import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Alert, Link, Paragraph } from "@utrecht/component-library-react";
import { useEffect } from "react";
import utrechtCss from "@utrecht/component-library-css/dist/index.css?url";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { AppHeader } from "~/components/app-header";
import themeCss from "~/styles/theme.css?url";
import { unreadCount } from "~/models/notification.server";
import { secondFactorRequired } from "~/models/second-factor.server";
import { getCsrfToken } from "~/utils/csrf.server";
import { i18next, languageCookie } from "~/utils/i18next.server";
import { translate } from "~/locales/messages";
import { useNonce } from "~/utils/nonce";
import { formatDateTime } from "~/utils/format";
import { englishMessagesChunk } from "~/utils/preload.server";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: themeCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: translate(data?.locale, "app.name") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, csrf] = await Promise.all([getUser(request), i18next.getLocale(request), getCsrfToken(request)]);
  const unread = user ? await unreadCount(user.id) : 0;
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  // A language chosen through ?lng= sticks for the following pages.
  if (new URL(request.url).searchParams.has("lng"))
    headers.append("Set-Cookie", await languageCookie.serialize(locale));
  return data(
    {
      locale,
      // The browser fetches English messages before it hydrates an English page: fetched beside the entry script.
      preloadMessages: locale === "en" ? englishMessagesChunk() : null,
      csrfToken: csrf.token,
      user: user
        ? {
            id: user.id,
            name: user.name,
            role: user.role,
            municipality: user.municipality ? { id: user.municipality.id, name: user.municipality.name } : null,
            unread,
            // In the grace period to set up a required second factor: the deadline, shown on every page.
            secondFactorDueAt:
              secondFactorRequired(user.role) && !user.totpEnabledAt
                ? (user.secondFactorDueAt?.toISOString() ?? null)
                : null,
          }
        : null,
    },
    { headers },
  );
}

export const handle = { i18n: "common" };

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  // Without root data (an error before the loader ran) the language the
  // server rendered in still goes on <html lang>, so the browser hydrates alike.
  const locale = root?.locale ?? i18n.language;
  return (
    <html lang={locale} dir="ltr" className="utrecht-root h10-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {root?.preloadMessages ? <link rel="modulepreload" href={root.preloadMessages} /> : null}
      </head>
      <body className="utrecht-body utrecht-document">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  useChangeLanguage(locale);
  // Marks the page as hydrated: the browser tests wait for it before filling a form React will take over.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  const dueAt = user?.secondFactorDueAt;
  return (
    <div className="h10-page">
      <AppHeader user={user} locale={locale} />
      <main id="inhoud" className="h10-main" tabIndex={-1}>
        {dueAt && location.pathname !== "/instellingen/tweestapsverificatie" ? (
          <Alert type="warning" role="note" className="h10-second-factor-notice">
            <Paragraph>
              {t("secondFactor.requiredBy", { at: formatDateTime(dueAt, locale) })}{" "}
              <Link href="/instellingen/tweestapsverificatie">{t("secondFactor.begin")}</Link>
            </Paragraph>
          </Alert>
        ) : null}
        <Outlet />
      </main>
      <AppFooter />
    </div>
  );
}

function AppFooter() {
  const { t } = useTranslation();
  return (
    <footer className="h10-footer">
      <p className="utrecht-paragraph">{t("footer.text")}</p>
      <p className="utrecht-paragraph">
        <Link href="/openbaar">{t("woo.titles.list")}</Link>
      </p>
    </footer>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const root = useRouteLoaderData<typeof loader>("root");
  // A visitor of the public Woo site who is not signed in goes back to its list, not to the sign-in page.
  const { pathname } = useLocation();
  const publicSite = !root?.user && pathname.startsWith("/openbaar");
  let title = t("error.title");
  let message = t("error.unexpected");
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? t("error.notFoundTitle") : error.status === 403 ? t("error.forbiddenTitle") : title;
    const body = error.data as { code?: unknown; message?: unknown } | string | null;
    if (body && typeof body === "object" && typeof body.message === "string") {
      // The server's messages are Dutch and often more precise than the code's text ("… of deze revisie …"): a
      // Dutch reader gets them as they are, another reader the code's translation (else the Dutch message).
      message =
        typeof body.code === "string" && i18n.language !== "nl"
          ? t(`errorCodes.${body.code}`, { defaultValue: body.message })
          : body.message;
    } else if (error.status === 404) message = t("error.notFound");
  } else if (process.env.NODE_ENV !== "production") {
    console.error(error);
  }
  return (
    <div className="h10-page">
      <AppHeader user={root?.user ?? null} locale={root?.locale ?? i18n.language} />
      <main id="inhoud" className="h10-main" tabIndex={-1}>
        <h1 className="utrecht-heading-1">{title}</h1>
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{message}</p>
        </div>
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={publicSite ? "/openbaar" : "/"}>
            {publicSite ? t("woo.titles.list") : t("error.home")}
          </a>
        </p>
      </main>
    </div>
  );
}
