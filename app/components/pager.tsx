import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Previous / next links of a paged list, with "page 2 of 7" between them; nothing when the list has one page.
 * Each list on a page names its own navigation (`label`), so screen readers can tell them apart.
 */
export function Pager(props: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  previous?: string;
  next?: string;
}) {
  const { t } = useTranslation();
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={props.label} className="h10-pagination">
      {props.page > 1 ? (
        <Link className="utrecht-link" to={props.href(props.page - 1)}>
          {props.previous ?? t("overview.previous")}
        </Link>
      ) : null}
      <span>{t("overview.pageOf", { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages ? (
        <Link className="utrecht-link" to={props.href(props.page + 1)}>
          {props.next ?? t("overview.next")}
        </Link>
      ) : null}
    </nav>
  );
}
