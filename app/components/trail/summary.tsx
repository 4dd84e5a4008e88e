import { Form, Link } from "@remix-run/react";
import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { todoText } from "~/utils/words";
import { SubmitButton } from "~/components/submit-button";
import { CsrfInput } from "~/components/csrf-input";
import { DeadlineBadge } from "~/components/deadline-badge";
import type { TrailPage } from "~/models/trail-page.server";
import { formatDate } from "~/utils/format";

type Deadline = TrailPage["deadlines"][number];

/** What a deadline is about: its kind, or a target date's own label. */
function useDeadlineWhat() {
  const { t } = useTranslation();
  return (d: Deadline) => (d.kind === "target" ? (d.label ?? t("deadlineKinds.target")) : t(`deadlineKinds.${d.kind}`));
}

/**
 * Late and overdue terms, grouped so nine councils with the same term read as one line: per kind of deadline
 * and state, the municipalities by date.
 */
function LateList({ late }: { late: Deadline[] }) {
  const { t, i18n } = useTranslation();
  const what = useDeadlineWhat();
  const groups = new Map<string, { what: string; status: string; byDate: Map<string, string[]> }>();
  for (const d of late) {
    const key = `${what(d)}|${d.status}`;
    const group = groups.get(key) ?? { what: what(d), status: d.status, byDate: new Map<string, string[]>() };
    groups.set(key, group);
    group.byDate.set(d.dueOn, [...(group.byDate.get(d.dueOn) ?? []), d.municipality ?? t("admin.regional")]);
  }
  return (
    <ul className="h10-late-list">
      {[...groups.values()].map((group) => (
        <li key={`${group.what}-${group.status}`} data-status={group.status}>
          <strong>{t("trailPage.lateGroup", { what: group.what, status: t(`deadlineStatus.${group.status}`) })}</strong>
          <ul>
            {[...group.byDate.entries()].map(([dueOn, names]) => (
              <li key={dueOn}>
                {t("trailPage.lateNames", { names: names.join(", "), date: formatDate(dueOn, i18n.language) })}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** A budget cycle's years: the cycle it follows, the one after it, and the secretary's way to start that one. */
function BudgetCycleLinks({ trailId, cycles }: { trailId: string; cycles: NonNullable<TrailPage["cycles"]> }) {
  const { t } = useTranslation();
  const link = (label: string, cycle: { id: string; title: string; reference: string }) => (
    <Paragraph>
      {label}:{" "}
      <Link className="utrecht-link" to={`/trajecten/${cycle.id}`}>
        {cycle.title}
      </Link>{" "}
      ({cycle.reference})
    </Paragraph>
  );
  if (!cycles.previous && !cycles.next && !cycles.mayStart) return null;
  return (
    <div className="h10-cycle-links" data-testid="budget-cycles">
      {cycles.previous ? link(t("nextCycle.previous"), cycles.previous) : null}
      {cycles.next ? link(t("nextCycle.next"), cycles.next) : null}
      {cycles.mayStart ? (
        <Paragraph>
          <Link
            className="utrecht-button-link utrecht-button-link--secondary-action"
            to={`/trajecten/${trailId}/volgend-jaar`}
          >
            {t("nextCycle.action", { year: cycles.mayStart })}
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}

/**
 * The top of the trail page: kind, state and the step the trail waits for, the next deadline and what is late,
 * the status brief and following the trail.
 */
export function TrailSummary({
  id,
  trail,
  regionalExpected,
  attention,
  following,
  cycles,
}: {
  id: string;
  trail: TrailPage["trail"];
  regionalExpected: string[];
  attention: TrailPage["attention"];
  following: boolean;
  cycles: TrailPage["cycles"];
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const what = useDeadlineWhat();
  const stateLabel = t(`trailStates.${trail.state}`, { defaultValue: trail.state });
  const next = attention.next;
  return (
    <section aria-labelledby={id} className="h10-section h10-trail-summary">
      <Heading2 id={id} className="h10-visually-hidden">
        {t("trailPage.summary")}
      </Heading2>
      <div className="h10-trail-summary__grid">
        <dl className="h10-facts" data-revision={trail.revision}>
          <dt>{t("trails.kind")}</dt>
          <dd>{t(`trailKinds.${trail.kind}`)}</dd>
          <dt>{t("trails.reference")}</dt>
          <dd>{trail.reference}</dd>
          <dt>{t("trails.state")}</dt>
          <dd data-testid="trail-state">{stateLabel}</dd>
          {regionalExpected.length ? (
            <>
              <dt>{t("trailPage.nextStep")}</dt>
              <dd>{todoText(regionalExpected, t)}</dd>
            </>
          ) : null}
          <dt>{t("trails.started")}</dt>
          <dd>{formatDate(trail.startedAt, lng)}</dd>
          {trail.closedAt ? (
            <>
              <dt>{t("trail.closed")}</dt>
              <dd>{formatDate(trail.closedAt, lng)}</dd>
            </>
          ) : null}
          <dt>{t("trailPage.nextDeadline")}</dt>
          <dd data-testid="next-deadline">
            {next ? (
              <>
                {what(next)}
                {next.sharedBy > 1
                  ? `, ${t("trailPage.sharedBy", { count: next.sharedBy })}`
                  : next.municipality
                    ? `, ${next.municipality}`
                    : ""}
                : <DeadlineBadge dueOn={next.dueOn} status={next.status} extendedFrom={next.extendedFrom} compact />
              </>
            ) : (
              t("trailPage.noNextDeadline")
            )}
          </dd>
        </dl>
        <div
          className={`h10-trail-summary__late${attention.late.length ? " h10-trail-summary__late--some" : ""}`}
          data-testid="late-summary"
        >
          <Heading3 className="h10-trail-summary__late-title">{t("trailPage.lateTitle")}</Heading3>
          {attention.late.length ? <LateList late={attention.late} /> : <p>{t("trailPage.nothingLate")}</p>}
        </div>
      </div>
      {trail.summary ? <Paragraph>{trail.summary}</Paragraph> : null}
      {cycles ? <BudgetCycleLinks trailId={trail.id} cycles={cycles} /> : null}
      <div className="h10-trail-summary__links">
        <Paragraph>
          {/* A file download, not a page: the browser must not route it. */}
          <a className="utrecht-link" href={`/trajecten/${trail.id}/statusbrief.pdf`} download>
            {t("pdf.brief")}
          </a>{" "}
          ·{" "}
          <Link className="utrecht-link" to={`/trajecten/${trail.id}/statusbrief`}>
            {t("pdf.briefView")}
          </Link>
        </Paragraph>
        <Form method="post" className="h10-inline-form" aria-label={t("notificationsPage.follow")}>
          <CsrfInput />
          <span>{following ? t("notificationsPage.following") : t("notificationsPage.notFollowing")}</span>
          <SubmitButton name="intent" value={following ? "unfollow" : "follow"} appearance="subtle-button">
            {following ? t("notificationsPage.unfollow") : t("notificationsPage.follow")}
          </SubmitButton>
        </Form>
      </div>
    </section>
  );
}
