import { TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { scaleBand, scaleUtc } from "d3-scale";
import { line, symbol, symbolCircle, symbolDiamond, symbolTriangle } from "d3-shape";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { formatDate, formatShortDay } from "~/utils/format";
import { addDays } from "~workflows/shared/dates";
import { ChartFigure, FILLS } from "./chart-figure";

export interface TimelineRow {
  municipalityId: string;
  name: string;
  dueOn: string;
  /** The deadline's state (deadlineStatus): overdue, dueSoon, open… */
  status: string;
  /** Council meetings up to the deadline. */
  meetings: readonly string[];
  /** No council meeting between today and the deadline. */
  noMeetingInTime: boolean;
}

const WIDTH = 440;
const LEFT = 12;
const RIGHT = 24;
const AXIS = 34;
/** A row: the council's name, and under it its track from today to the deadline. */
const ROW = 42;

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * A trail's open council deadlines and the council meetings before them, one row per council on a time axis
 * (d3-scale's UTC and band scales, d3-shape's line and symbols). A council without a meeting before its deadline
 * gets a warning triangle and the words, in the chart and in the table.
 */
export function DeadlineTimeline({
  title,
  today,
  rows,
}: {
  title: string;
  today: string;
  rows: readonly TimelineRow[];
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const short = (date: string, withYear: boolean) => formatShortDay(day(date), withYear, lng);
  const dates = [today, ...rows.map((r) => r.dueOn), ...rows.flatMap((r) => r.meetings)].sort();
  const x = scaleUtc()
    .domain([day(addDays(dates[0]!, -3)), day(addDays(dates[dates.length - 1]!, 3))])
    .range([LEFT, WIDTH - RIGHT]);
  const [first, last] = x.domain();
  // Over more than half a year, ticks name month and year; otherwise day and month.
  const withYear = last!.getTime() - first!.getTime() > 183 * 86_400_000;
  const height = AXIS + Math.max(1, rows.length) * ROW + 8;
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.municipalityId))
    .range([AXIS, height - 8]);
  const track = line<string>()
    .x((d) => x(day(d)))
    .y(0);
  const marker = (type: typeof symbolCircle, size: number) => symbol(type, size)() ?? "";
  const late = (r: TimelineRow) => r.noMeetingInTime || r.status === "overdue";
  const description = rows
    .map((r) =>
      t(late(r) ? "charts.timeline.rowLate" : "charts.timeline.row", {
        name: r.name,
        due: formatDate(r.dueOn, lng),
        meetings: r.meetings.length ? r.meetings.map((m) => formatDate(m, lng)).join(", ") : t("charts.timeline.none"),
      }),
    )
    .join(" ");
  return (
    <ChartFigure
      title={title}
      description={`${t("charts.timeline.today", { date: formatDate(today, lng) })} ${description}`}
      width={WIDTH}
      height={height}
      className="h10-chart--timeline"
      legend={
        <ul aria-hidden="true">
          {(
            [
              [symbolCircle, 80, FILLS.done.colour, "charts.timeline.meeting"],
              [symbolDiamond, 90, FILLS.open.colour, "charts.timeline.deadline"],
              [symbolTriangle, 110, FILLS.late.colour, "charts.timeline.noMeeting"],
            ] as const
          ).map(([type, size, colour, label]) => (
            <li key={label} className="h10-chart__legend-item">
              <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true" focusable="false">
                <path d={marker(type, size)} fill={colour} />
              </svg>
              {t(label)}
            </li>
          ))}
        </ul>
      }
      table={
        <DataTable
          caption={t("charts.timeline.tableCaption", { title })}
          columns={[
            { label: t("region.municipality") },
            { label: t("trail.deadline") },
            { label: t("charts.timeline.meetings") },
            { label: t("charts.timeline.inTime") },
          ]}
        >
          {rows.map((r) => (
            <TableRow key={r.municipalityId} data-municipality={r.name}>
              <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
              <TableCell>{formatDate(r.dueOn, lng)}</TableCell>
              <TableCell>
                {r.meetings.length ? r.meetings.map((m) => formatDate(m, lng)).join(", ") : t("charts.timeline.none")}
              </TableCell>
              <TableCell data-in-time={!late(r)}>
                {late(r) ? (
                  <strong className="h10-warning">{t("charts.timeline.noMeeting")}</strong>
                ) : (
                  t("charts.timeline.yes")
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      }
    >
      {() => (
        <>
          <g className="h10-chart__axis" aria-hidden="true">
            {x.ticks(4).map((tick) => (
              <g key={tick.toISOString()} transform={`translate(${x(tick)}, 0)`}>
                <line y1={AXIS - 6} y2={height - 8} stroke="#c4c4c4" />
                <text y={AXIS - 20} textAnchor="middle" className="h10-chart__tick">
                  {short(tick.toISOString().slice(0, 10), withYear)}
                </text>
              </g>
            ))}
            <g transform={`translate(${x(day(today))}, 0)`}>
              <line y1={AXIS - 14} y2={height - 8} stroke="#1a1a1a" strokeDasharray="4 3" strokeWidth={1.5} />
              <text
                y={AXIS - 6}
                x={x(day(today)) > WIDTH - 80 ? -4 : 4}
                textAnchor={x(day(today)) > WIDTH - 80 ? "end" : "start"}
                className="h10-chart__tick"
              >
                {t("charts.timeline.todayShort")}
              </text>
            </g>
          </g>
          {rows.map((r) => {
            const mid = y(r.municipalityId)! + 28;
            const from = today < r.dueOn ? today : r.dueOn;
            return (
              <g
                key={r.municipalityId}
                data-municipality={r.name}
                data-no-meeting={late(r)}
                transform={`translate(0, ${mid})`}
              >
                <text x={LEFT} y={-12} className="h10-chart__label">
                  {r.name}
                  {late(r) ? ` — ${t("charts.timeline.noMeeting")}` : ""}
                </text>
                <path d={track([from, r.dueOn]) ?? ""} stroke={FILLS.open.colour} strokeWidth={3} fill="none" />
                {r.meetings.map((m) => (
                  <path
                    key={m}
                    d={marker(symbolCircle, 80)}
                    transform={`translate(${x(day(m))}, 0)`}
                    fill={FILLS.done.colour}
                  >
                    <title>{t("charts.timeline.meetingOn", { date: formatDate(m, lng) })}</title>
                  </path>
                ))}
                <path
                  d={late(r) ? marker(symbolTriangle, 120) : marker(symbolDiamond, 100)}
                  transform={`translate(${x(day(r.dueOn))}, 0)`}
                  fill={late(r) ? FILLS.late.colour : FILLS.open.colour}
                  stroke="#fff"
                />
              </g>
            );
          })}
        </>
      )}
    </ChartFigure>
  );
}
