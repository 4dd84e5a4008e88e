import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { listRegionalBodies } from "~/models/body.server";
import { listMunicipalities, participatesOn } from "~/models/municipality.server";
import { formatDate, formatNumber } from "~/utils/format";
import { requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("region");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [municipalities, bodies] = await Promise.all([listMunicipalities(), listRegionalBodies()]);
  const today = new Date();
  return {
    bodies: bodies.map((body) => ({ id: body.id, kind: body.kind, name: body.name })),
    municipalities: municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      slug: m.slug,
      cluster: m.cluster,
      participationFrom: m.participationFrom.toISOString(),
      participationTo: m.participationTo?.toISOString() ?? null,
      participating: participatesOn(m, today),
      inhabitants: m.inhabitantCounts[0]
        ? { year: m.inhabitantCounts[0].year, count: m.inhabitantCounts[0].count }
        : null,
    })),
  };
}

export default function RegionPage() {
  const { municipalities, bodies } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const total = municipalities.filter((m) => m.participating).reduce((sum, m) => sum + (m.inhabitants?.count ?? 0), 0);
  return (
    <>
      <Heading1>{t("region.title")}</Heading1>
      <Paragraph>{t("region.intro")}</Paragraph>
      <DataTable
        caption={t("region.caption")}
        columns={[
          { label: t("region.municipality") },
          { label: t("region.cluster") },
          { label: t("region.inhabitants"), numeric: true },
          { label: t("region.participation") },
        ]}
      >
        {municipalities.map((m) => (
          <TableRow key={m.id}>
            <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
            <TableCell>{m.cluster}</TableCell>
            <TableCell className="h10-numeric">
              {m.inhabitants
                ? t("region.inhabitantsOn", {
                    count: m.inhabitants.count,
                    formatted: formatNumber(m.inhabitants.count, lng),
                    year: m.inhabitants.year,
                  })
                : t("region.noFigure")}
            </TableCell>
            <TableCell>
              {m.participationTo
                ? t("region.periodClosed", {
                    from: formatDate(m.participationFrom, lng),
                    to: formatDate(m.participationTo, lng),
                  })
                : t("region.periodOpen", { from: formatDate(m.participationFrom, lng) })}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Paragraph>{t("region.total", { formatted: formatNumber(total, lng) })}</Paragraph>
      <Heading2>{t("region.bodies")}</Heading2>
      <UnorderedList>
        {bodies.map((body) => (
          <UnorderedListItem key={body.id}>
            {body.name} ({t(`bodyKinds.${body.kind}`)})
          </UnorderedListItem>
        ))}
        <UnorderedListItem>{t("region.localBodies")}</UnorderedListItem>
      </UnorderedList>
    </>
  );
}
