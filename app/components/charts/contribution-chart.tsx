import { TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { scaleLinear } from "d3-scale";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import type { ContributionHistory } from "~/models/contribution.server";
import { formatMoney } from "~/utils/format";
import { ChartFigure, FILLS, fillUrl, LegendItem, PatternDefs, type FillName } from "./chart-figure";

const WIDTH = 440;
const AMOUNTS = 130;
const BAR = 14;
const LABEL = 20;
const GAP = 10;
/** The latest year solid, earlier years each with their own pattern, so the years differ without colour. */
const YEAR_FILLS: readonly FillName[] = ["neutral", "muted", "open", "refused", "late", "done"];

/**
 * Each council's contribution over the budget years: per council its name and one bar per year, the amount
 * written beside it; the same figures as a table (ChartFigure's details).
 */
export function ContributionChart({ history }: { history: ContributionHistory }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { years, councils } = history;
  const money = (cents: number | null) =>
    cents === null ? t("charts.contributions.unknown") : formatMoney(cents, lng);
  const fillOf = (index: number) => YEAR_FILLS[(years.length - 1 - index) % YEAR_FILLS.length]!;
  const group = LABEL + years.length * (BAR + 2) + GAP;
  const height = Math.max(group, councils.length * group);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...councils.flatMap((c) => c.cents.map((v) => v ?? 0)))])
    .range([0, WIDTH - AMOUNTS]);
  const title = t("charts.contributions.title");
  const description = [
    t("charts.contributions.description", { count: councils.length, years: years.join(", ") }),
    ...councils.map((c) =>
      t("charts.contributions.row", {
        name: c.municipality,
        amounts: years.map((year, i) => `${year} ${money(c.cents[i] ?? null)}`).join(", "),
      }),
    ),
  ].join(" ");
  return (
    <ChartFigure
      className="h10-chart--contributions"
      title={title}
      description={description}
      width={WIDTH}
      height={height}
      legend={({ prefix }) => (
        <ul aria-hidden="true">
          {years.map((year, i) => (
            <LegendItem
              key={year}
              fill={fillUrl(prefix, fillOf(i))}
              stroke={FILLS[fillOf(i)].colour}
              label={String(year)}
            />
          ))}
        </ul>
      )}
      table={
        <DataTable
          caption={t("charts.contributions.tableCaption")}
          columns={[
            { label: t("region.municipality") },
            ...years.map((year) => ({ label: String(year), numeric: true })),
          ]}
        >
          {councils.map((c) => (
            <TableRow key={c.municipalityId}>
              <TableHeaderCell scope="row">{c.municipality}</TableHeaderCell>
              {years.map((year, i) => (
                <TableCell key={year} className="h10-numeric">
                  {money(c.cents[i] ?? null)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </DataTable>
      }
    >
      {({ prefix }) => (
        <>
          <PatternDefs prefix={prefix} names={[...new Set(years.map((_, i) => fillOf(i)))]} />
          {councils.map((c, row) => {
            const top = row * group;
            return (
              <g key={c.municipalityId} data-municipality={c.municipality}>
                <text x={1} y={top + 15} className="h10-chart__label">
                  {c.municipality}
                </text>
                {years.map((year, i) => {
                  const cents = c.cents[i] ?? null;
                  const barTop = top + LABEL + i * (BAR + 2);
                  const width = cents === null ? 0 : Math.max(1, x(cents));
                  return (
                    <g key={year} data-year={year} data-cents={cents ?? ""}>
                      <rect
                        x={1}
                        y={barTop}
                        width={width}
                        height={BAR}
                        fill={fillUrl(prefix, fillOf(i))}
                        stroke={FILLS[fillOf(i)].colour}
                      />
                      <text x={1 + width + 6} y={barTop + BAR - 3} className="h10-chart__label">
                        {`${year}: ${money(cents)}`}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </>
      )}
    </ChartFigure>
  );
}
