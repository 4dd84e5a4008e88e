import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { Pager } from "~/components/pager";
import { completeness } from "~/models/completeness.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { requireRole } from "~/utils/session.server";

export const meta = pageTitle("document", (_data, t) => ({ title: t("oriImport.titles.completeness") }));

/**
 * The completeness monitor: for secretaries and administrators every council (or one, ?gemeente=), for a clerk
 * only their own council's row and list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY", "ADMIN", "CLERK"]);
  const params = new URL(request.url).searchParams;
  const requested = Number(params.get("pagina") ?? "1");
  const municipalityId = user.role === "CLERK" ? user.municipalityId : params.get("gemeente") || null;
  const result = await completeness({
    municipalityId,
    page: Number.isInteger(requested) && requested > 0 ? requested : 1,
  });
  return { ...result, municipalityId };
}

export default function CompletenessPage() {
  const { councils, rows, page, pages, total, municipalityId } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const filter = municipalityId ? `gemeente=${encodeURIComponent(municipalityId)}&` : "";
  return (
    <>
      <Heading1>{t("oriImport.titles.completeness")}</Heading1>
      <Paragraph>{t("oriImport.completenessIntro")}</Paragraph>
      <DataTable
        caption={t("oriImport.completenessCaption")}
        columns={[{ label: t("oriImport.council") }, { label: t("oriImport.missing") }]}
      >
        {councils.map((c) => (
          <TableRow key={c.municipalityId}>
            <TableHeaderCell scope="row">
              <Link className="utrecht-link" to={`/volledigheid?gemeente=${encodeURIComponent(c.municipalityId)}`}>
                {c.name}
              </Link>
            </TableHeaderCell>
            <TableCell>{c.count}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      {total === 0 ? (
        <>
          <Heading2>{t("oriImport.completenessListCaption")}</Heading2>
          <Paragraph>{t("oriImport.completenessEmpty")}</Paragraph>
        </>
      ) : (
        <DataTable
          caption={t("oriImport.completenessListCaption")}
          columns={[
            { label: t("oriImport.trail") },
            { label: t("oriImport.council") },
            { label: t("oriImport.deadline") },
            { label: t("oriImport.dueOn") },
          ]}
        >
          {rows.map((row) => (
            <TableRow key={row.deadlineId}>
              <TableHeaderCell scope="row">
                <Link className="utrecht-link" to={`/trajecten/${row.trailId}`}>
                  {row.trailTitle}
                </Link>
              </TableHeaderCell>
              <TableCell>{row.municipality}</TableCell>
              <TableCell>{row.kind === "target" ? row.label : t(`deadlineKinds.${row.kind}`)}</TableCell>
              <TableCell>
                <time dateTime={row.dueOn}>{formatDate(row.dueOn, i18n.language)}</time>
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <Pager
        label={t("oriImport.completenessListCaption")}
        page={page}
        pages={pages}
        href={(p) => `/volledigheid?${filter}pagina=${p}`}
      />
    </>
  );
}
