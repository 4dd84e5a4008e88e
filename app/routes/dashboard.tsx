import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StateSymbol } from "~/components/approval-matrix";
import { DeadlineTimeline } from "~/components/charts/deadline-timeline";
import { ShareChart } from "~/components/charts/share-chart";
import { TrailProgressChart } from "~/components/charts/trail-progress";
import { DataTable } from "~/components/data-table";
import { DeadlineBadge } from "~/components/deadline-badge";
import { OwnMeetingWindowAlarm } from "~/components/meeting-window-alarm";
import { aldermanDashboard, type AldermanDashboard } from "~/models/alderman-dashboard.server";
import { countUnanswered, unansweredZienswijzen, type UnansweredItem } from "~/models/zienswijze-answer.server";
import { formatDate, formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { requireUser } from "~/utils/session.server";

export const meta = pageTitle("dashboard");

const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [dashboard, unanswered, ownUnanswered] = await Promise.all([
    aldermanDashboard(user.municipalityId, { page }),
    // The answer ledger's alarm: the oldest zienswijzen still without the board's answer, and how many are ours.
    unansweredZienswijzen({ pageSize: UNANSWERED_SHOWN }),
    user.municipalityId ? countUnanswered(user.municipalityId) : Promise.resolve(0),
  ]);
  return {
    dashboard,
    unanswered,
    ownUnanswered,
    municipality: user.municipality ? { id: user.municipalityId!, name: user.municipality.name } : null,
  };
}

type Dashboard = AldermanDashboard;

/** How many unanswered zienswijzen the dashboard names; the count says how many there are. */
const UNANSWERED_SHOWN = 5;

/** The answer ledger's alarm: zienswijzen the board has not answered yet, oldest first, ours counted. */
function UnansweredAlarm({
  unanswered,
  own,
  municipality,
}: {
  unanswered: { total: number; rows: UnansweredItem[] };
  own: number;
  municipality: string | null;
}) {
  const { t, i18n } = useTranslation();
  if (!unanswered.total) return null;
  return (
    <section aria-labelledby="unanswered" className="h10-alarm">
      <Alert type="warning">
        <Heading2 id="unanswered">{t("dashboard.unanswered", { count: unanswered.total })}</Heading2>
        {municipality ? (
          <Paragraph data-testid="own-unanswered">
            {t("dashboard.ownUnanswered", { count: own, name: municipality })}
          </Paragraph>
        ) : null}
        <UnorderedList>
          {unanswered.rows.map((z) => (
            <UnorderedListItem key={z.positionId}>
              <Link className="utrecht-link" to={`/trajecten/${z.trailId}/antwoorden#z-${z.positionId}`}>
                {z.municipality}: {z.trail}
              </Link>
              {z.meetingOn ? ` (${t("dashboard.zienswijzeOf", { date: formatDate(z.meetingOn, i18n.language) })})` : ""}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </section>
  );
}

/** The open trails × the councils: each cell the council's state as symbol and word, as in the approval matrix. */
function TrailGrid({ dashboard, ownId }: { dashboard: Dashboard; ownId: string | null }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="h10-table-scroll h10-grid-region" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="h10-table h10-grid">
        <TableCaption id={captionId}>
          {t("dashboard.gridCaption", { count: dashboard.total })}
          {dashboard.pages > 1 ? ` — ${t("dashboard.pageOf", { page: dashboard.page, pages: dashboard.pages })}` : ""}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("trails.trail")}</TableHeaderCell>
            {dashboard.columns.map((c) => (
              <TableHeaderCell key={c.id} scope="col" className={c.id === ownId ? "h10-grid__own" : undefined}>
                {c.name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {dashboard.rows.map((row) => (
            <TableRow key={row.id} data-trail={row.reference}>
              <TableHeaderCell scope="row" className="h10-grid__trail">
                <Link className="utrecht-link" to={`/trajecten/${row.id}`}>
                  {row.title}
                </Link>
                <span className="h10-note">{t(`trailKinds.${row.kind}`)}</span>
              </TableHeaderCell>
              {dashboard.columns.map((c) => {
                const cell = row.cells[c.id];
                if (!cell)
                  return (
                    <TableCell key={c.id} className="h10-cell h10-cell--none" data-state="notParticipating">
                      <span aria-hidden="true" className="h10-cell__empty">
                        –
                      </span>
                      <span className="h10-visually-hidden">{t("dashboard.notParticipating")}</span>
                    </TableCell>
                  );
                return (
                  <TableCell
                    key={c.id}
                    className={`h10-cell h10-cell--${cell.state}`}
                    data-state={cell.state}
                    data-municipality={c.name}
                  >
                    <span className="h10-cell__state">
                      <StateSymbol state={cell.state} />
                      <span className="h10-cell__word">{t(`matrix.state.${cell.state}`)}</span>
                    </span>
                    <span className="h10-cell__date">{t(cell.label, { defaultValue: "" })}</span>
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

type DeadlineItem = Dashboard["upcoming"][number] | NonNullable<Dashboard["own"]>["toDo"][number];

/** A deadline as a row: the date with its state (and the Atw extension), what is due, for whom, on which trail. */
function DeadlineRow({ deadline: d, concerns }: { deadline: DeadlineItem; concerns?: string }) {
  const { t } = useTranslation();
  return (
    <TableRow>
      <TableCell>
        <DeadlineBadge dueOn={d.dueOn} status={d.status} extendedFrom={d.extendedFrom} />
      </TableCell>
      <TableCell>
        {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`, { defaultValue: d.label })}
        {"basis" in d && d.basis ? <span className="h10-note">{d.basis}</span> : null}
      </TableCell>
      {concerns !== undefined ? <TableCell>{concerns}</TableCell> : null}
      <TableHeaderCell scope="row">
        <Link className="utrecht-link" to={`/trajecten/${d.trailId}`}>
          {d.title}
        </Link>
      </TableHeaderCell>
    </TableRow>
  );
}

function OwnSummary({ dashboard, municipality }: { dashboard: Dashboard; municipality: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const own = dashboard.own!;
  return (
    <section aria-labelledby="own" className="h10-dashboard__own">
      <Heading2 id="own">{t("dashboard.own", { name: municipality.name })}</Heading2>
      {own.toDo.length ? (
        <>
          <Paragraph data-testid="own-count">
            {own.more
              ? t("dashboard.ownMore", { shown: own.toDo.length })
              : t("dashboard.ownCount", { count: own.toDo.length })}
          </Paragraph>
          <DataTable
            caption={t("dashboard.ownCaption")}
            columns={[{ label: t("dashboard.due") }, { label: t("dashboard.what") }, { label: t("trails.trail") }]}
          >
            {own.toDo.map((d) => (
              <DeadlineRow key={d.id} deadline={d} />
            ))}
          </DataTable>
        </>
      ) : (
        <Paragraph>{t("dashboard.ownNone")}</Paragraph>
      )}
      <Heading3>{t("dashboard.shares")}</Heading3>
      {own.finances.length ? (
        own.finances.map((trail) => (
          <div key={trail.trailId} className="h10-dashboard__finance">
            <DataTable
              caption={t("dashboard.sharesCaption", { title: trail.title })}
              columns={[
                { label: t("dashboard.item") },
                { label: t("dashboard.total"), numeric: true },
                { label: t("dashboard.ownShare"), numeric: true },
              ]}
            >
              {trail.items.map((item) => (
                <TableRow key={item.id}>
                  <TableHeaderCell scope="row">
                    {item.label} ({t(`finance.kinds.${item.kind}`)} {item.year})
                  </TableHeaderCell>
                  <TableCell className="h10-numeric">{formatMoney(item.cents, lng)}</TableCell>
                  <TableCell className="h10-numeric" data-testid="own-share">
                    {item.own === null ? "—" : formatMoney(item.own, lng)}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
            {trail.items.slice(0, 1).map((item) => (
              <ShareChart
                key={item.id}
                title={t("dashboard.shareChartTitle", { item: item.label, year: item.year })}
                totalCents={item.cents}
                shares={item.shares}
                ownId={municipality.id}
              />
            ))}
            <Paragraph>
              <Link className="utrecht-link" to={`/trajecten/${trail.trailId}/financien`}>
                {t("finance.section")}: {trail.title}
              </Link>
            </Paragraph>
          </div>
        ))
      ) : (
        <Paragraph>{t("dashboard.sharesNone")}</Paragraph>
      )}
    </section>
  );
}

export default function DashboardPage() {
  const { dashboard, municipality, unanswered, ownUnanswered } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pageLink = (page: number) => `/dashboard?page=${page}#grid`;
  return (
    <>
      <Heading1>{t("dashboard.title")}</Heading1>
      <Paragraph>{t("dashboard.intro")}</Paragraph>
      <UnansweredAlarm unanswered={unanswered} own={ownUnanswered} municipality={municipality?.name ?? null} />

      {/* Issue 19: our council has no council meeting before a running deadline. */}
      {dashboard.own ? <OwnMeetingWindowAlarm alarm={dashboard.own.withoutMeeting} /> : null}

      {municipality && dashboard.own ? <OwnSummary dashboard={dashboard} municipality={municipality} /> : null}

      <section aria-labelledby="upcoming">
        <Heading2 id="upcoming">{t("dashboard.upcoming", { weeks: dashboard.weeks })}</Heading2>
        {dashboard.upcoming.length ? (
          <DataTable
            caption={t("dashboard.upcomingCaption", { date: formatDate(dashboard.horizon, lng) })}
            columns={[
              { label: t("dashboard.due") },
              { label: t("dashboard.what") },
              { label: t("dashboard.concerns") },
              { label: t("trails.trail") },
            ]}
          >
            {dashboard.upcoming.map((d) => (
              <DeadlineRow key={d.id} deadline={d} concerns={d.municipality ?? t("dashboard.whole")} />
            ))}
          </DataTable>
        ) : (
          <Paragraph>{t("dashboard.upcomingNone", { weeks: dashboard.weeks })}</Paragraph>
        )}
      </section>

      <section aria-labelledby="grid">
        <Heading2 id="grid">{t("dashboard.grid")}</Heading2>
        {dashboard.rows.length ? (
          <>
            <TrailGrid dashboard={dashboard} ownId={municipality?.id ?? null} />
            {dashboard.pages > 1 ? (
              <nav aria-label={t("dashboard.pagination")} className="h10-pagination">
                {dashboard.page > 1 ? (
                  <Link className="utrecht-link" to={pageLink(dashboard.page - 1)}>
                    {t("dashboard.previous")}
                  </Link>
                ) : null}
                <span>{t("dashboard.pageOf", { page: dashboard.page, pages: dashboard.pages })}</span>
                {dashboard.page < dashboard.pages ? (
                  <Link className="utrecht-link" to={pageLink(dashboard.page + 1)}>
                    {t("dashboard.next")}
                  </Link>
                ) : null}
              </nav>
            ) : null}
            <Heading3>{t("dashboard.progress")}</Heading3>
            <TrailProgressChart rows={dashboard.rows} />
          </>
        ) : (
          <Alert type="info">
            <Paragraph>{t("dashboard.noneOpen")}</Paragraph>
          </Alert>
        )}
      </section>

      <section aria-labelledby="timelines">
        <Heading2 id="timelines">{t("dashboard.timelines")}</Heading2>
        {dashboard.timelines.length ? (
          <>
            <Paragraph>{t("dashboard.timelinesIntro")}</Paragraph>
            {dashboard.timelines.map((timeline) => (
              <DeadlineTimeline
                key={timeline.trailId}
                title={t("dashboard.timelineTitle", { title: timeline.title })}
                today={timeline.today}
                rows={timeline.councils}
              />
            ))}
          </>
        ) : (
          <Paragraph>{t("dashboard.timelinesNone")}</Paragraph>
        )}
      </section>
    </>
  );
}
