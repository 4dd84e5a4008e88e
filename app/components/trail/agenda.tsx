import { Link } from "@remix-run/react";
import { Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DeadlineTimeline } from "~/components/charts/deadline-timeline";
import { DataTable } from "~/components/data-table";
import type { TrailPage } from "~/models/trail-page.server";
import { formatDate } from "~/utils/format";

/**
 * On which council agendas the trail stands (proposed or accepted, handled, decided), and per council with an
 * open deadline the meetings before it: a council whose agenda or next meeting falls after its deadline is
 * marked, in the chart and in words.
 */
export function AgendaSection({
  id,
  trailId,
  agenda,
  today,
  mayPropose,
}: {
  id: string;
  trailId: string;
  agenda: TrailPage["agenda"];
  today: string;
  mayPropose: boolean;
}) {
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDate(value, i18n.language);
  const dueOf = new Map(agenda.deadlines.map((d) => [d.municipalityId, d.dueOn]));
  const late = agenda.deadlines.filter((d) => d.noMeetingInTime).length;
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("agenda.section")}</Heading2>
      {agenda.items.length ? (
        <DataTable
          caption={t("agenda.caption")}
          columns={[
            { label: t("region.municipality") },
            { label: t("agenda.meeting") },
            { label: t("meeting.number"), numeric: true },
            { label: t("meetings.status") },
          ]}
        >
          {agenda.items.map((item) => {
            const dueOn = dueOf.get(item.meeting.municipalityId);
            return (
              <TableRow key={item.id}>
                <TableHeaderCell scope="row">{item.meeting.municipality}</TableHeaderCell>
                <TableCell>
                  <Link className="utrecht-link" to={`/vergaderingen/${item.meeting.id}`}>
                    {t(`positionBodies.${item.meeting.bodyKind}`)}, {date(item.meeting.date)}
                  </Link>
                  {item.meeting.status !== "PLANNED" ? ` (${t(`meetingStatus.${item.meeting.status}`)})` : null}
                  {dueOn && item.meeting.date > dueOn ? (
                    <div>
                      <strong className="h10-warning">{t("agenda.afterDeadline", { dueOn: date(dueOn) })}</strong>
                    </div>
                  ) : null}
                </TableCell>
                <TableCell className="h10-numeric">{item.number}</TableCell>
                <TableCell>
                  {t(`agendaStatus.${item.status}`)}
                  {item.decided ? `, ${t("meeting.decided")}` : item.handledOn ? `, ${t("meeting.handled")}` : ""}
                </TableCell>
              </TableRow>
            );
          })}
        </DataTable>
      ) : (
        <Paragraph>{t("agenda.none")}</Paragraph>
      )}
      {mayPropose ? (
        <Paragraph>
          <Link className="utrecht-link" to={`/trajecten/${trailId}/agenda`}>
            {t("agenda.propose")}
          </Link>
        </Paragraph>
      ) : null}
      {agenda.deadlines.length ? (
        // The councils' open deadlines against their meetings, on request: a council marked late is named in the
        // table above (after the deadline) and in the chart.
        <details className="h10-step" data-testid="agenda-timeline">
          <summary className="h10-step__summary">
            {t("agenda.timelineToggle", { count: agenda.deadlines.length })}
            {late ? ` — ${t("agenda.lateCouncils", { count: late })}` : ""}
          </summary>
          <DeadlineTimeline title={t("agenda.timelineTitle")} today={today} rows={agenda.deadlines} />
        </details>
      ) : null}
    </section>
  );
}
