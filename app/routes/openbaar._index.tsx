import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { publicTrails } from "~/models/publication.server";
import { pageOf, pageRequest } from "~/utils/cursor.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("wooList");

const SCOPE = "openbaar";

/** The public list of trails with published documents (no sign-in), newest first, paged by cursor. */
export async function loader({ request }: LoaderFunctionArgs) {
  const page = pageRequest(new URL(request.url).searchParams, SCOPE);
  const rows = await publicTrails(page);
  const { rows: trails, next } = pageOf(rows, page.limit, SCOPE, (t) => ({ at: t.startedAt, id: t.id }));
  return {
    trails: trails.map((t) => ({
      key: t.reference,
      title: t.title,
      reference: t.reference,
      kind: t.kind,
      startedAt: t.startedAt.toISOString(),
      closedAt: t.closedAt?.toISOString() ?? null,
    })),
    next,
    paged: page.after !== null,
  };
}

export default function PublicTrailsPage() {
  const { trails, next, paged } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <Heading1>{t("woo.titles.list")}</Heading1>
      <Paragraph>{t("woo.intro")}</Paragraph>
      {trails.length ? (
        <UnorderedList data-testid="public-trails">
          {trails.map((trail) => (
            <UnorderedListItem key={trail.key}>
              <Link className="utrecht-link" to={`/openbaar/${encodeURIComponent(trail.key)}`}>
                {trail.title}
              </Link>{" "}
              <span className="h10-note">
                ({trail.reference}, {t(`trailKinds.${trail.kind}`)},{" "}
                {t("woo.startedOn", { date: formatDate(trail.startedAt, lng) })}
                {trail.closedAt ? `, ${t("woo.closedOn", { date: formatDate(trail.closedAt, lng) })}` : ""})
              </span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("woo.noTrails")}</Paragraph>
      )}
      {next || paged ? (
        <nav aria-label={t("woo.pagination")} className="h10-pager">
          <Paragraph>
            {paged ? (
              <Link className="utrecht-link" to="/openbaar">
                {t("woo.firstPage")}
              </Link>
            ) : null}
            {paged && next ? " · " : null}
            {next ? (
              <Link className="utrecht-link" to={`/openbaar?next=${encodeURIComponent(next)}`}>
                {t("woo.nextPage")}
              </Link>
            ) : null}
          </Paragraph>
        </nav>
      ) : null}
    </>
  );
}
