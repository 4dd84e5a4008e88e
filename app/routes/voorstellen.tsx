import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { Pager } from "~/components/pager";
import { listProposals } from "~/models/ori-import.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { requireRole } from "~/utils/session.server";

export const meta = pageTitle("document", (_data, t) => ({ title: t("oriImport.titles.inbox") }));

/** A clerk's proposals from the council's own system, oldest first, paged in the database. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["CLERK"]);
  if (!user.municipalityId) throw new Response("Forbidden", { status: 403 });
  const params = new URL(request.url).searchParams;
  const requested = Number(params.get("pagina") ?? "1");
  const list = await listProposals(user.municipalityId, Number.isInteger(requested) && requested > 0 ? requested : 1);
  // After a rejection (the proposal page redirects here): the banner that says nothing was logged.
  return { ...list, rejected: params.get("afgewezen") === "1" };
}

export default function ProposalsPage() {
  const { rows, page, pages, total, rejected } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading1>{t("oriImport.titles.inbox")}</Heading1>
      {rejected ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("oriImport.rejected")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("oriImport.inboxIntro")}</Paragraph>
      {total === 0 ? (
        <Paragraph>{t("oriImport.inboxEmpty")}</Paragraph>
      ) : (
        <DataTable
          caption={t("oriImport.inboxCaption")}
          columns={[
            { label: t("oriImport.item") },
            { label: t("oriImport.trail") },
            { label: t("oriImport.kind") },
            { label: t("oriImport.meetingOn") },
            { label: t("oriImport.matchedBy") },
          ]}
        >
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableHeaderCell scope="row">
                <Link className="utrecht-link" to={`/voorstellen/${row.id}`}>
                  {row.title}
                </Link>
              </TableHeaderCell>
              <TableCell>
                <Link className="utrecht-link" to={`/trajecten/${row.trailId}`}>
                  {row.trailTitle}
                </Link>
              </TableCell>
              <TableCell>{t(`positionKinds.${row.kind}`)}</TableCell>
              <TableCell>
                <time dateTime={row.meetingOn}>{formatDate(row.meetingOn, i18n.language)}</time>
              </TableCell>
              <TableCell>{t(`oriImport.matchedBy_${row.matchedBy}`)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <Pager label={t("oriImport.pages")} page={page} pages={pages} href={(p) => `/voorstellen?pagina=${p}`} />
    </>
  );
}
