import { Form, NavLink, useLocation } from "@remix-run/react";
import { Button, SkipLink } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/generated/prisma/enums";
import { CsrfInput } from "./csrf-input";

interface HeaderUser {
  name: string;
  unread?: number;
  role: Role;
  municipality: { name: string } | null;
}

export function AppHeader({ user, locale }: { user: HeaderUser | null; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const otherLanguage = locale === "en" ? "nl" : "en";
  return (
    <header className="h10-header">
      <SkipLink href="#inhoud">{t("nav.skip")}</SkipLink>
      <div className="h10-header__bar">
        <a className="h10-header__brand" href="/">
          {t("app.name")}
        </a>
        <Form method="post" action="/taal" className="h10-header__language">
          <CsrfInput />
          <input type="hidden" name="lng" value={otherLanguage} />
          <input type="hidden" name="redirectTo" value={here} />
          <Button type="submit" appearance="subtle-button" lang={otherLanguage}>
            {t("nav.switchLanguage")}
          </Button>
        </Form>
      </div>
      {user ? (
        <div className="h10-header__bar h10-header__bar--nav">
          <nav aria-label={t("nav.label")}>
            <ul className="h10-nav">
              <li>
                <NavLink className="utrecht-link" to="/overzicht">
                  {t("nav.overview")}
                </NavLink>
              </li>
              <li>
                <NavLink className="utrecht-link" to="/regio">
                  {t("nav.region")}
                </NavLink>
              </li>
              <li>
                <NavLink className="utrecht-link" to="/trajecten">
                  {t("nav.trails")}
                </NavLink>
              </li>
              <li>
                <NavLink className="utrecht-link" to="/contracten">
                  {t("nav.contracts")}
                </NavLink>
              </li>
              {user.role === "CLERK" || user.role === "ADMIN" ? (
                <li>
                  <NavLink className="utrecht-link" to="/vergaderingen">
                    {t("nav.meetings")}
                  </NavLink>
                </li>
              ) : null}
              {user.role === "ADMIN" ? (
                <li>
                  <NavLink className="utrecht-link" to="/beheer">
                    {t("nav.admin")}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="h10-header__user">
            <NavLink className="utrecht-link" to="/meldingen">
              {t("nav.notifications", { count: user.unread ?? 0 })}
            </NavLink>
            <NavLink className="utrecht-link" to="/instellingen">
              {t("nav.settings")}
            </NavLink>
            <span data-testid="signed-in-as">
              {user.name} · {t(`roles.${user.role}`)}
              {user.municipality ? ` · ${user.municipality.name}` : ""}
            </span>
            <Form method="post" action="/uitloggen">
              <CsrfInput />
              <Button type="submit" appearance="secondary-action-button">
                {t("nav.signOut")}
              </Button>
            </Form>
          </div>
        </div>
      ) : null}
    </header>
  );
}
