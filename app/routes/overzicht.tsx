import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  Alert,
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
import { z } from "zod";
import { DeadlineBadge } from "~/components/deadline-badge";
import { councilInbox, regionOverview, secretaryPipeline } from "~/models/dashboard.server";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { RECENTLY_CLOSED_DAYS, TRAIL_KINDS } from "~/schemas/trail";
import { formatDate } from "~/utils/format";
import { requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { todoText } from "~/utils/words";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("overview");

const FilterSchema = z.object({
  kind: z.enum(TRAIL_KINDS).optional().catch(undefined),
  state: z
    .string()
    .regex(/^[a-zA-Z]{1,40}$/)
    .optional()
    .catch(undefined),
  municipalityId: z.string().max(64).optional().catch(undefined),
  deadline: z.enum(["overdue", "week"]).optional().catch(undefined),
  status: z.enum(["open", "recentlyClosed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** Open trails per page of the region overview. */
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const raw = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const { page: requested, ...filter } = FilterSchema.parse(raw);
  const [region, municipalities, inbox, pipeline] = await Promise.all([
    regionOverview(filter, undefined, { page: requested ?? 1, pageSize: PAGE_SIZE }),
    listMunicipalityOptions(),
    user.role === "CLERK" && user.municipalityId ? councilInbox(user.municipalityId) : Promise.resolve(null),
    user.role === "SECRETARY" ? secretaryPipeline() : Promise.resolve(null),
  ]);
  const { rows: overview, total, page, pages, states } = region;
  return {
    filter,
    overview,
    total,
    page,
    pages,
    states,
    municipalities,
    inbox,
    pipeline,
    municipality: user.municipality?.name ?? null,
  };
}

export default function OverviewPage() {
  const { filter, overview, total, page, pages, states, municipalities, inbox, pipeline, municipality } =
    useLoaderData<typeof loader>();
  const pageLink = (target: number) => {
    const params = new URLSearchParams(
      Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    params.set("page", String(target));
    return `/overzicht?${params.toString()}#region`;
  };
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const closedView = filter.status === "recentlyClosed";
  return (
    <>
      <Heading1>{t("overview.title")}</Heading1>

      {inbox ? (
        <section aria-labelledby="inbox">
          <Heading2 id="inbox">{t("overview.inbox", { name: municipality })}</Heading2>
          {inbox.length ? (
            <DataTable
              caption={t("overview.inboxCaption")}
              columns={[
                { label: t("trails.trail") },
                { label: t("overview.toDo") },
                { label: t("trail.deadline") },
                { label: t("overview.meeting") },
              ]}
            >
              {inbox.map((item) => (
                <TableRow key={item.trailId} data-trail={item.title}>
                  <TableHeaderCell scope="row">
                    <Link className="utrecht-link" to={`/trajecten/${item.trailId}`}>
                      {item.title}
                    </Link>
                  </TableHeaderCell>
                  <TableCell>{todoText(item.expected, t)}</TableCell>
                  <TableCell>
                    {item.dueOn && item.status ? (
                      <DeadlineBadge dueOn={item.dueOn} status={item.status} />
                    ) : (
                      t("overview.noDeadline")
                    )}
                  </TableCell>
                  <TableCell>
                    {item.meetingOn ? formatDate(item.meetingOn, lng) : null}
                    {item.noMeetingInTime ? (
                      <strong className="h10-warning" role="note">
                        {t("overview.noMeetingInTime")}
                      </strong>
                    ) : !item.meetingOn ? (
                      t("overview.noMeetingPlanned")
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : (
            <Paragraph>{t("overview.inboxEmpty")}</Paragraph>
          )}
          <Paragraph>
            <Link className="utrecht-link" to="/vergaderingen">
              {t("meetings.title")}
            </Link>
          </Paragraph>
        </section>
      ) : null}

      {pipeline ? (
        <section aria-labelledby="pipeline">
          <Heading2 id="pipeline">{t("overview.pipeline")}</Heading2>
          <UnorderedList>
            {pipeline.stages.map((stage) => (
              <UnorderedListItem key={`${stage.kind}:${stage.state}`}>
                {t(`trailKinds.${stage.kind}`)} — {t(`trailStates.${stage.state}`, { defaultValue: stage.state })}:{" "}
                {stage.trails.map((trail, index) => (
                  <span key={trail.id}>
                    {index ? "; " : ""}
                    <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
                      {trail.title}
                    </Link>
                  </span>
                ))}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Heading2>{t("overview.unprocessed", { count: pipeline.unprocessed.length })}</Heading2>
          {pipeline.unprocessed.length ? (
            <UnorderedList>
              {pipeline.unprocessed.map((p) => (
                <UnorderedListItem key={p.id}>
                  <Link className="utrecht-link" to={`/trajecten/${p.trailId}/standpunten/${p.id}`}>
                    {t(`positionKinds.${p.kind}`)}: {p.municipality}
                  </Link>{" "}
                  ({p.trail})
                  {p.late ? (
                    <>
                      {" "}
                      <span className="h10-deadline h10-deadline--late">{t("deadlineStatus.late")}</span>
                    </>
                  ) : null}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t("overview.nothingToProcess")}</Paragraph>
          )}
          <Heading2>{t("overview.overdue", { count: pipeline.overdue.length })}</Heading2>
          {pipeline.overdue.length ? (
            <UnorderedList>
              {pipeline.overdue.map((d, index) => (
                <UnorderedListItem key={`${d.trailId}-${index}`}>
                  {formatDate(d.dueOn, lng)}: {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`)} —{" "}
                  <Link className="utrecht-link" to={`/trajecten/${d.trailId}`}>
                    {d.title}
                  </Link>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t("overview.nothingOverdue")}</Paragraph>
          )}
        </section>
      ) : null}

      <section aria-labelledby="region">
        <Heading2 id="region">{closedView ? t("overview.regionClosed") : t("overview.region")}</Heading2>
        <Form method="get" className="h10-filter" aria-label={t("overview.filter")}>
          <FilterSelect
            id="f-status"
            name="status"
            label={t("overview.status")}
            value={filter.status}
            all={t("overview.statusOpen")}
            options={[
              { value: "recentlyClosed", label: t("overview.statusRecentlyClosed", { days: RECENTLY_CLOSED_DAYS }) },
            ]}
          />
          <FilterSelect
            id="f-kind"
            name="kind"
            label={t("trails.kind")}
            value={filter.kind}
            all={t("trails.allKinds")}
            options={TRAIL_KINDS.map((k) => ({ value: k, label: t(`trailKinds.${k}`) }))}
          />
          <FilterSelect
            id="f-state"
            name="state"
            label={t("trails.state")}
            value={filter.state}
            all={t("overview.allStates")}
            options={[...new Set([...states, ...(filter.state ? [filter.state] : [])])].map((s) => ({
              value: s,
              label: t(`trailStates.${s}`, { defaultValue: s }),
            }))}
          />
          <FilterSelect
            id="f-municipality"
            name="municipalityId"
            label={t("region.municipality")}
            value={filter.municipalityId}
            all={t("overview.allMunicipalities")}
            options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          />
          <FilterSelect
            id="f-deadline"
            name="deadline"
            label={t("trail.deadline")}
            value={filter.deadline}
            all={t("overview.anyDeadline")}
            options={[
              { value: "overdue", label: t("overview.hasOverdue") },
              { value: "week", label: t("overview.dueThisWeek") },
            ]}
          />
          <SubmitButton appearance="secondary-action-button">{t("trails.filter")}</SubmitButton>
        </Form>
        {overview.length ? (
          <DataTable
            caption={
              (closedView
                ? t("overview.closedCaption", { count: total, days: RECENTLY_CLOSED_DAYS })
                : t("overview.regionCaption", { count: total })) +
              (pages > 1 ? ` — ${t("overview.pageOf", { page, pages })}` : "")
            }
            columns={[
              { label: t("trails.trail") },
              { label: t("trails.state") },
              { label: t("overview.progress") },
              { label: closedView ? t("overview.closedColumn") : t("overview.deadlines") },
            ]}
          >
            {overview.map((row) => (
              <TableRow key={row.id} data-trail={row.reference}>
                <TableHeaderCell scope="row">
                  <Link className="utrecht-link" to={`/trajecten/${row.id}`}>
                    {row.title}
                  </Link>
                  <span className="h10-note">{t(`trailKinds.${row.kind}`)}</span>
                </TableHeaderCell>
                <TableCell>{t(`trailStates.${row.state}`, { defaultValue: row.state })}</TableCell>
                <TableCell data-testid="progress">
                  {row.progress ? t(row.progress.label, { done: row.progress.done, total: row.progress.total }) : "—"}
                </TableCell>
                <TableCell data-testid="deadlines">
                  {row.closedOn ? (
                    formatDate(row.closedOn, lng)
                  ) : (
                    <>
                      {t("overview.deadlineCounts", { week: row.dueThisWeek, overdue: row.overdue })}
                      {row.overdue ? <strong className="h10-warning"> {t("overview.attention")}</strong> : null}
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : null}
        {pages > 1 ? (
          <nav aria-label={t("overview.pagination")} className="h10-pagination">
            {page > 1 ? (
              <Link className="utrecht-link" to={pageLink(page - 1)}>
                {t("overview.previous")}
              </Link>
            ) : null}
            <span>{t("overview.pageOf", { page, pages })}</span>
            {page < pages ? (
              <Link className="utrecht-link" to={pageLink(page + 1)}>
                {t("overview.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
        {overview.length ? null : (
          <Alert type="info">
            <Paragraph>{closedView ? t("overview.noneClosed") : t("overview.noneOpen")}</Paragraph>
          </Alert>
        )}
      </section>
    </>
  );
}

function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value?: string;
  all: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select className="utrecht-select" id={props.id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
