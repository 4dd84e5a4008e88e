import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  FormField,
  FormLabel,
  Heading1,
  Paragraph,
  Select,
  SelectOption,
  TableCell,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { listTrails } from "~/models/trail.server";
import { RECENTLY_CLOSED_DAYS, TRAIL_KINDS, TrailFilterSchema } from "~/schemas/trail";
import { formatDate } from "~/utils/format";
import { canStartTrail } from "~/utils/permissions";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { Pager } from "~/components/pager";
import { z } from "zod";

export const meta = pageTitle("trails");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = TrailFilterSchema.parse(params);
  const requested = PageSchema.parse(params).page ?? 1;
  const { rows, total, page, pages } = await listTrails(filter, undefined, requested);
  return {
    mayStart: canStartTrail(actorOf(user)),
    filter,
    total,
    page,
    pages,
    trails: rows.map((trail) => ({
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      state: trail.state,
      startedAt: trail.startedAt.toISOString(),
      closed: trail.closedAt !== null,
      closedAt: trail.closedAt?.toISOString() ?? null,
      participants: trail.participants,
    })),
  };
}

const PageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

export default function TrailsPage() {
  const { trails, filter, mayStart, total, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const pageLink = (target: number) => {
    const kept = Object.entries(filter).filter(
      (entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
    );
    const params = new URLSearchParams([...kept, ["page", String(target)]]);
    return `/trajecten?${params.toString()}`;
  };
  return (
    <>
      <Heading1>{t("trails.title")}</Heading1>
      <Paragraph>{t("trails.intro")}</Paragraph>
      {mayStart ? (
        <Paragraph>
          <Link className="utrecht-button-link utrecht-button-link--primary-action" to="/trajecten/nieuw">
            {t("newTrail.newTrail")}
          </Link>
        </Paragraph>
      ) : null}
      <Form method="get" className="h10-filter">
        <FormField type="select">
          <FormLabel htmlFor="filter-kind">{t("trails.kind")}</FormLabel>
          <Select id="filter-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <SelectOption value="">{t("trails.allKinds")}</SelectOption>
            {TRAIL_KINDS.map((kind) => (
              <SelectOption key={kind} value={kind}>
                {t(`trailKinds.${kind}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="filter-status">{t("trails.status")}</FormLabel>
          <Select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
            <SelectOption value="">{t("trails.allStatuses")}</SelectOption>
            <SelectOption value="open">{t("trails.statusOpen")}</SelectOption>
            <SelectOption value="recentlyClosed">
              {t("trails.statusRecentlyClosed", { days: RECENTLY_CLOSED_DAYS })}
            </SelectOption>
          </Select>
        </FormField>
        <SubmitButton appearance="secondary-action-button">{t("trails.filter")}</SubmitButton>
      </Form>
      {trails.length === 0 ? (
        <Paragraph>{t("trails.none")}</Paragraph>
      ) : (
        <DataTable
          caption={
            t("trails.caption", { count: total }) + (pages > 1 ? ` — ${t("overview.pageOf", { page, pages })}` : "")
          }
          columns={[
            { label: t("trails.trail") },
            { label: t("trails.kind") },
            { label: t("trails.reference") },
            { label: t("trails.state") },
            { label: t("trails.started") },
            { label: t("trails.participants"), numeric: true },
          ]}
        >
          {trails.map((trail) => (
            <TableRow key={trail.id}>
              <TableHeaderCell scope="row">
                <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
                  {trail.title}
                </Link>
              </TableHeaderCell>
              <TableCell>{t(`trailKinds.${trail.kind}`)}</TableCell>
              <TableCell>{trail.reference}</TableCell>
              <TableCell>
                {t(`trailStates.${trail.state}`, { defaultValue: trail.state })}
                {trail.closedAt ? (
                  <span className="h10-note">
                    {t("trails.closedOn", { date: formatDate(trail.closedAt, i18n.language) })}
                  </span>
                ) : null}
              </TableCell>
              <TableCell>{formatDate(trail.startedAt, i18n.language)}</TableCell>
              <TableCell className="h10-numeric">{trail.participants}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <Pager label={t("trails.pagination")} page={page} pages={pages} href={pageLink} />
    </>
  );
}
