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
import { MeetingWindowAlarm } from "~/components/meeting-window-alarm";
import { councilInbox, regionOverview, secretaryPipeline } from "~/models/dashboard.server";
import { answersForCouncil, unansweredZienswijzen } from "~/models/zienswijze-answer.server";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { latePublications } from "~/models/publication.server";
import { countProposals } from "~/models/ori-import.server";
import { RECENTLY_CLOSED_DAYS, TRAIL_KINDS } from "~/schemas/trail";
import { formatDate } from "~/utils/format";
import { requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { todoText } from "~/utils/words";
import { SubmitButton } from "~/components/submit-button";
import { Pager } from "~/components/pager";

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

/** The pages of the inbox and the pipeline's lists, each its own parameter so that paging one keeps the others. */
const ListPagesSchema = z.object({
  inboxPage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  unprocessedPage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  overduePage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  unansweredPage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  answersPage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  latePublicationsPage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** Open trails per page of the region overview. */
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const raw = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const { page: requested, ...filter } = FilterSchema.parse(raw);
  const lists = ListPagesSchema.parse(raw);
  const [region, municipalities, inbox, pipeline, answers, unanswered, late, proposals] = await Promise.all([
    regionOverview(filter, undefined, { page: requested ?? 1, pageSize: PAGE_SIZE }),
    listMunicipalityOptions(),
    user.role === "CLERK" && user.municipalityId
      ? councilInbox(user.municipalityId, undefined, lists.inboxPage ?? 1)
      : Promise.resolve(null),
    user.role === "SECRETARY"
      ? secretaryPipeline(undefined, { unprocessed: lists.unprocessedPage, overdue: lists.overduePage })
      : Promise.resolve(null),
    // The clerk's inbox also holds the board's answers to their council's zienswijzen.
    user.role === "CLERK" && user.municipalityId
      ? answersForCouncil(user.municipalityId, lists.answersPage ?? 1)
      : Promise.resolve(null),
    // The answer ledger's alarm on the pipeline.
    user.role === "SECRETARY" ? unansweredZienswijzen({ page: lists.unansweredPage ?? 1 }) : Promise.resolve(null),
    // Woo publications past their due date (publication.server.ts).
    user.role === "SECRETARY" ? latePublications({ page: lists.latePublicationsPage ?? 1 }) : Promise.resolve(null),
    // Decisions imported from the council's own system, waiting for the clerk (ori-import.server.ts).
    user.role === "CLERK" && user.municipalityId ? countProposals(user.municipalityId) : Promise.resolve(null),
  ]);
  const { rows: overview, total, page, pages, states } = region;
  return {
    filter,
    lists,
    overview,
    total,
    page,
    pages,
    states,
    municipalities,
    inbox,
    pipeline,
    answers,
    unanswered,
    late,
    proposals,
    municipality: user.municipality?.name ?? null,
  };
}

export default function OverviewPage() {
  const {
    filter,
    lists,
    overview,
    total,
    page,
    pages,
    states,
    municipalities,
    inbox,
    pipeline,
    answers,
    unanswered,
    late,
    proposals,
    municipality,
  } = useLoaderData<typeof loader>();
  /** This page with one list's page changed, the other lists' pages and the filter kept. */
  const pageLink = (key: "page" | keyof typeof lists, target: number, anchor: string) => {
    const kept = { ...filter, ...lists, ...(page > 1 ? { page } : {}) };
    const params = new URLSearchParams(
      Object.entries(kept)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, String(value)]),
    );
    params.set(key, String(target));
    return `/overzicht?${params.toString()}#${anchor}`;
  };
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const closedView = filter.status === "recentlyClosed";
  const lastColumn = closedView ? t("overview.closedColumn") : t("overview.deadlines");
  return (
    <>
      <Heading1>{t("overview.title")}</Heading1>

      {inbox ? (
        <section aria-labelledby="inbox">
          <Heading2 id="inbox">{t("overview.inbox", { name: municipality })}</Heading2>
          {proposals ? (
            <Paragraph>
              <Link className="utrecht-link" to="/voorstellen">
                {t("oriImport.inboxLink", { count: proposals })}
              </Link>
            </Paragraph>
          ) : null}
          {inbox.rows.length ? (
            <DataTable
              caption={
                t("overview.inboxCaption", { count: inbox.total }) +
                (inbox.pages > 1 ? ` — ${t("overview.pageOf", { page: inbox.page, pages: inbox.pages })}` : "")
              }
              columns={[
                { label: t("trails.trail") },
                { label: t("overview.toDo") },
                { label: t("trail.deadline") },
                { label: t("overview.meeting") },
              ]}
              stacked
            >
              {inbox.rows.map((item) => (
                <TableRow key={item.trailId} data-trail={item.title}>
                  <TableHeaderCell scope="row">
                    <Link className="utrecht-link" to={`/trajecten/${item.trailId}`}>
                      {item.title}
                    </Link>
                  </TableHeaderCell>
                  <TableCell data-label={t("overview.toDo")}>{todoText(item.expected, t)}</TableCell>
                  <TableCell data-label={t("trail.deadline")}>
                    {item.dueOn && item.status ? (
                      <DeadlineBadge dueOn={item.dueOn} status={item.status} />
                    ) : (
                      t("overview.noDeadline")
                    )}
                  </TableCell>
                  <TableCell data-label={t("overview.meeting")}>
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
          <Pager
            label={t("overview.inboxPagination")}
            page={inbox.page}
            pages={inbox.pages}
            href={(target) => pageLink("inboxPage", target, "inbox")}
          />
          <Paragraph>
            <Link className="utrecht-link" to="/vergaderingen">
              {t("meetings.title")}
            </Link>
          </Paragraph>
          {answers ? (
            <>
              <Heading2 id="answers">{t("overview.answers", { name: municipality })}</Heading2>
              {answers.rows.length ? (
                <UnorderedList data-testid="answers">
                  {answers.rows.map((a) => (
                    <UnorderedListItem key={a.answerId}>
                      {formatDate(a.answeredOn, lng)}:{" "}
                      <Link className="utrecht-link" to={`/trajecten/${a.trailId}/antwoorden`}>
                        {a.trail}
                      </Link>{" "}
                      — {a.excerpt}{" "}
                      <a
                        className="utrecht-link"
                        href={`/trajecten/${a.trailId}/antwoorden/brief/${a.answerId}.pdf`}
                        download
                      >
                        {t("overview.answerLetter")}
                      </a>
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : (
                <Paragraph>{t("overview.noAnswers")}</Paragraph>
              )}
              <Pager
                label={t("overview.answersPagination")}
                page={answers.page}
                pages={answers.pages}
                href={(target) => pageLink("answersPage", target, "answers")}
              />
            </>
          ) : null}
        </section>
      ) : null}

      {pipeline ? (
        <section aria-labelledby="pipeline">
          <Heading2 id="pipeline">{t("overview.pipeline")}</Heading2>
          <Paragraph>
            <Link className="utrecht-link" to="/volledigheid">
              {t("oriImport.completenessLink")}
            </Link>
          </Paragraph>
          {pipeline.stages.length ? (
            <UnorderedList>
              {pipeline.stages.map((stage) => (
                <UnorderedListItem key={`${stage.kind}:${stage.state}`}>
                  <Link
                    className="utrecht-link"
                    to={`/overzicht?${new URLSearchParams({ kind: stage.kind, state: stage.state }).toString()}#region`}
                  >
                    {t(`trailKinds.${stage.kind}`)} — {t(`trailStates.${stage.state}`, { defaultValue: stage.state })}
                  </Link>
                  : {t("overview.stageCount", { count: stage.count })}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t("overview.noneOpen")}</Paragraph>
          )}
          {/* Issue 19: councils without a council meeting in their running window. */}
          <MeetingWindowAlarm alarm={pipeline.withoutMeeting} />
          <Heading2 id="unprocessed">{t("overview.unprocessed", { count: pipeline.unprocessed.total })}</Heading2>
          {pipeline.unprocessed.rows.length ? (
            <UnorderedList>
              {pipeline.unprocessed.rows.map((p) => (
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
          <Pager
            label={t("overview.unprocessedPagination")}
            page={pipeline.unprocessed.page}
            pages={pipeline.unprocessed.pages}
            href={(target) => pageLink("unprocessedPage", target, "unprocessed")}
          />
          {unanswered ? (
            <>
              <Heading2 id="unanswered">{t("overview.unanswered", { count: unanswered.total })}</Heading2>
              {unanswered.rows.length ? (
                <UnorderedList data-testid="unanswered">
                  {unanswered.rows.map((z) => (
                    <UnorderedListItem key={z.positionId}>
                      <Link className="utrecht-link" to={`/trajecten/${z.trailId}/antwoorden/${z.positionId}`}>
                        {t("overview.answerZienswijze", { name: z.municipality })}
                      </Link>{" "}
                      ({z.trail}
                      {z.meetingOn ? `, ${formatDate(z.meetingOn, lng)}` : ""})
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : (
                <Paragraph>{t("overview.nothingUnanswered")}</Paragraph>
              )}
              <Pager
                label={t("overview.unansweredPagination")}
                page={unanswered.page}
                pages={unanswered.pages}
                href={(target) => pageLink("unansweredPage", target, "unanswered")}
              />
            </>
          ) : null}
          {late ? (
            <>
              <Heading2 id="late-publications">{t("woo.latePublications", { count: late.total })}</Heading2>
              {late.rows.length ? (
                <UnorderedList data-testid="late-publications">
                  {late.rows.map((p) => (
                    <UnorderedListItem key={p.id}>
                      <Link className="utrecht-link" to={`/trajecten/${p.trailId}/publicaties`}>
                        {p.title}
                      </Link>{" "}
                      ({p.trail}, {t("woo.dueBy", { date: formatDate(p.dueAt, lng) })})
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : (
                <Paragraph>{t("woo.nothingLate")}</Paragraph>
              )}
              <Pager
                label={t("woo.latePagination")}
                page={late.page}
                pages={late.pages}
                href={(target) => pageLink("latePublicationsPage", target, "late-publications")}
              />
            </>
          ) : null}
          <Heading2 id="overdue">{t("overview.overdue", { count: pipeline.overdue.total })}</Heading2>
          {pipeline.overdue.rows.length ? (
            <UnorderedList>
              {pipeline.overdue.rows.map((d, index) => (
                <UnorderedListItem key={`${d.trailId}-${index}`}>
                  {formatDate(d.dueOn, lng)}: {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`)}
                  {d.municipality ? ` (${d.municipality})` : null} —{" "}
                  <Link className="utrecht-link" to={`/trajecten/${d.trailId}`}>
                    {d.title}
                  </Link>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t("overview.nothingOverdue")}</Paragraph>
          )}
          <Pager
            label={t("overview.overduePagination")}
            page={pipeline.overdue.page}
            pages={pipeline.overdue.pages}
            href={(target) => pageLink("overduePage", target, "overdue")}
          />
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
              { label: lastColumn },
            ]}
            // On a phone each trail is a block: its deadlines (and their warning) no longer sit off-screen.
            stacked
          >
            {overview.map((row) => (
              <TableRow key={row.id} data-trail={row.reference}>
                <TableHeaderCell scope="row">
                  <Link className="utrecht-link" to={`/trajecten/${row.id}`}>
                    {row.title}
                  </Link>
                  <span className="h10-note">{t(`trailKinds.${row.kind}`)}</span>
                </TableHeaderCell>
                <TableCell data-label={t("trails.state")}>
                  {t(`trailStates.${row.state}`, { defaultValue: row.state })}
                </TableCell>
                <TableCell data-testid="progress" data-label={t("overview.progress")}>
                  {row.progress ? t(row.progress.label, { done: row.progress.done, total: row.progress.total }) : "—"}
                </TableCell>
                <TableCell data-testid="deadlines" data-label={lastColumn}>
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
        <Pager
          label={t("overview.pagination")}
          page={page}
          pages={pages}
          href={(target) => pageLink("page", target, "region")}
        />
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
