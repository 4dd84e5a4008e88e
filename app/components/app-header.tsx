import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { SkipLink } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/generated/prisma/enums";
import { CsrfInput } from "./csrf-input";
import { SubmitButton } from "./submit-button";

interface HeaderUser {
  name: string;
  unread?: number;
  role: Role;
  municipality: { name: string } | null;
}

/**
 * The menu item of a section: current on its own pages and below them (as a NavLink), and also on the pages listed
 * in the section that live elsewhere (Beheer lists the allocation keys, at /verdeelsleutels).
 */
function SectionLink({ to, also, children }: { to: string; also: string[]; children: ReactNode }) {
  const { pathname } = useLocation();
  const current = [to, ...also].some((path) => pathname === path || pathname.startsWith(`${path}/`));
  return (
    <Link className="utrecht-link" to={to} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}

/** Pages outside /beheer that the administration page lists: its menu item is current on them too. */
const ADMIN_PAGES_ELSEWHERE = ["/verdeelsleutels"];

/** The main menu's links; rendered once for wide screens and once in the phone menu. */
function NavLinks({ user }: { user: HeaderUser }) {
  const { t } = useTranslation();
  return (
    <ul className="h10-nav">
      <li>
        <NavLink className="utrecht-link" to="/dashboard">
          {t("dashboard.nav")}
        </NavLink>
      </li>
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
      <li>
        <NavLink className="utrecht-link" to="/vergaderingen">
          {t("nav.meetings")}
        </NavLink>
      </li>
      {user.role === "ADMIN" ? (
        <li>
          <SectionLink to="/beheer" also={ADMIN_PAGES_ELSEWHERE}>
            {t("nav.admin")}
          </SectionLink>
        </li>
      ) : null}
    </ul>
  );
}

/** Notifications, settings, who is signed in, and signing out. */
function UserLinks({ user, testId }: { user: HeaderUser; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="h10-header__user">
      <NavLink className="utrecht-link" to="/meldingen">
        {t("nav.notifications", { count: user.unread ?? 0 })}
      </NavLink>
      <NavLink className="utrecht-link" to="/instellingen">
        {t("nav.settings")}
      </NavLink>
      {/* Two short lines (name, then role and council), so the menu bar keeps one line on a laptop's screen. */}
      <span className="h10-header__who" data-testid={testId}>
        <span>{user.name}</span>
        <span className="h10-visually-hidden">, </span>
        <span className="h10-header__role">
          {t(`roles.${user.role}`)}
          {user.municipality ? ` · ${user.municipality.name}` : ""}
        </span>
      </span>
      <Form method="post" action="/uitloggen">
        <CsrfInput />
        <SubmitButton appearance="secondary-action-button">{t("nav.signOut")}</SubmitButton>
      </Form>
    </div>
  );
}

/**
 * The search box on every page of a signed-in user (GET /zoeken?q=…); on the results page it holds the query.
 * Rendered twice like the menu: in the bar between the brand and the language on a wide screen, first in the
 * Menu on a phone (the bar keeps its one line there); only one of the two is displayed at a time.
 */
function HeaderSearch({ id, className }: { id: string; className: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const query = location.pathname === "/zoeken" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <div className={className}>
      <Form method="get" action="/zoeken" role="search" aria-label={t("search.label")} className="h10-search-box">
        <label htmlFor={id} className="h10-visually-hidden">
          {t("search.field")}
        </label>
        <input
          // A new query from the results page shows in the box.
          key={query}
          id={id}
          className="utrecht-textbox utrecht-textbox--html-input"
          type="search"
          name="q"
          defaultValue={query}
          placeholder={t("search.placeholder")}
          maxLength={200}
          autoComplete="off"
        />
        <SubmitButton appearance="secondary-action-button">{t("search.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

/**
 * The header. On a wide screen the menu is a bar under the brand; on a phone it folds into a "Menu" disclosure
 * (<details>, so it works without JavaScript) next to the brand and the language switch, and the unread count
 * shows on the Menu button. Only one of the two is displayed at a time, so assistive technology meets one menu.
 */
export function AppHeader({ user, locale }: { user: HeaderUser | null; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const otherLanguage = locale === "en" ? "nl" : "en";
  const unread = user?.unread ?? 0;
  return (
    <header className="h10-header">
      <SkipLink href="#inhoud">{t("nav.skip")}</SkipLink>
      <div className="h10-header__bar">
        <a className="h10-header__brand" href="/">
          {t("app.name")}
        </a>
        {user ? <HeaderSearch id="h10-header-search" className="h10-header__search" /> : null}
        <div className="h10-header__tools">
          {user ? (
            // Closed again on every navigation: the key changes with the page.
            <details className="h10-menu" key={here}>
              <summary className="h10-menu__button">
                {t("nav.menu")}
                {unread ? (
                  <span className="h10-menu__count">
                    {unread}
                    <span className="h10-visually-hidden"> {t("nav.unread", { count: unread })}</span>
                  </span>
                ) : null}
              </summary>
              <div className="h10-menu__panel">
                <HeaderSearch id="h10-menu-search" className="h10-menu__search" />
                <nav aria-label={t("nav.label")}>
                  <NavLinks user={user} />
                </nav>
                <UserLinks user={user} />
              </div>
            </details>
          ) : null}
          {/* A whole page load: the page comes in the other language, with its messages and title. */}
          <Form method="post" action="/taal" reloadDocument className="h10-header__language">
            <CsrfInput />
            <input type="hidden" name="lng" value={otherLanguage} />
            <input type="hidden" name="redirectTo" value={here} />
            <SubmitButton appearance="subtle-button" lang={otherLanguage}>
              {t("nav.switchLanguage")}
            </SubmitButton>
          </Form>
        </div>
      </div>
      {user ? (
        <div className="h10-header__bar h10-header__bar--nav">
          <nav aria-label={t("nav.label")}>
            <NavLinks user={user} />
          </nav>
          <UserLinks user={user} testId="signed-in-as" />
        </div>
      ) : null}
    </header>
  );
}
