import { TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { PROGRESS_GROUPS, type ProgressCounts } from "~/utils/progress-groups";
import { ChartFigure, FILLS, fillUrl, LegendItem, PatternDefs } from "./chart-figure";

const WIDTH = 440;
const ROW = 46;
const BAR = 20;

/**
 * Progress of each trail across the councils: one stacked bar per trail with how many councils are done, still
 * open, late and refused (d3-shape's stack, d3-scale's linear and band scales). The counts are written in the
 * bars and in the table.
 */
export function TrailProgressChart({ rows }: { rows: { id: string; title: string; progress: ProgressCounts }[] }) {
  const { t } = useTranslation();
  const series = stack<ProgressCounts>().keys(PROGRESS_GROUPS)(rows.map((r) => r.progress));
  const max = Math.max(1, ...rows.map((r) => PROGRESS_GROUPS.reduce((sum, g) => sum + r.progress[g], 0)));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - 2]);
  const height = Math.max(ROW, rows.length * ROW);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.id))
    .range([0, height]);
  const word = (group: string) => t(`matrix.state.${group}`);
  const description = rows
    .map((r) =>
      t("charts.progress.rowText", {
        title: r.title,
        counts: PROGRESS_GROUPS.map((g) => `${r.progress[g]} ${word(g)}`).join(", "),
      }),
    )
    .join(" ");
  return (
    <ChartFigure
      title={t("charts.progress.title")}
      description={description}
      width={WIDTH}
      height={height}
      legend={({ prefix }) => (
        <ul aria-hidden="true">
          {PROGRESS_GROUPS.map((g) => (
            <LegendItem key={g} fill={fillUrl(prefix, g)} stroke={FILLS[g].colour} label={word(g)} />
          ))}
        </ul>
      )}
      table={
        <DataTable
          caption={t("charts.progress.tableCaption")}
          columns={[{ label: t("trails.trail") }, ...PROGRESS_GROUPS.map((g) => ({ label: word(g), numeric: true }))]}
        >
          {rows.map((r) => (
            <TableRow key={r.id} data-trail={r.title}>
              <TableHeaderCell scope="row">{r.title}</TableHeaderCell>
              {PROGRESS_GROUPS.map((g) => (
                <TableCell key={g} className="h10-numeric" data-group={g}>
                  {r.progress[g]}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </DataTable>
      }
    >
      {({ prefix }) => (
        <>
          <PatternDefs prefix={prefix} names={PROGRESS_GROUPS} />
          {rows.map((r, index) => (
            <g key={r.id} transform={`translate(1, ${y(r.id)!})`}>
              <text x={0} y={14} className="h10-chart__label">
                {r.title.length > 52 ? `${r.title.slice(0, 51)}…` : r.title}
              </text>
              {series.map((s) => {
                const [x0, x1] = s[index]!;
                if (x1 === x0) return null;
                const group = s.key as (typeof PROGRESS_GROUPS)[number];
                return (
                  <g key={group} data-group={group} data-count={x1 - x0}>
                    <rect
                      x={x(x0)}
                      y={20}
                      width={x(x1) - x(x0)}
                      height={BAR}
                      fill={fillUrl(prefix, group)}
                      stroke={FILLS[group].colour}
                      strokeWidth={1}
                    />
                    <text x={(x(x0) + x(x1)) / 2} y={20 + BAR / 2 + 5} textAnchor="middle" className="h10-chart__count">
                      {x1 - x0}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </>
      )}
    </ChartFigure>
  );
}
