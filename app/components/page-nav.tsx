import { useTranslation } from "react-i18next";

/**
 * In-page navigation of a long page: plain anchor links to its sections, so it works without JavaScript.
 * Each page names it ("Op deze pagina"); the header's navigation has a name of its own.
 */
export function PageNav({ label, links }: { label: string; links: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav className="h10-page-nav" aria-label={t(label)}>
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <a className="utrecht-link" href={`#${link.id}`}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
