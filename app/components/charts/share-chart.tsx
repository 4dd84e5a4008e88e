import { TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { scaleBand, scaleLinear } from "d3-scale";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { formatMoney, formatNumber } from "~/utils/format";
import { ChartFigure, FILLS, fillUrl, LegendItem, PatternDefs } from "./chart-figure";

const WIDTH = 440;
const AMOUNTS = 130;
/** A row: the council's name, and under it the bar with the amount beside it. */
const ROW = 44;
const BAR = 18;

export interface ShareBar {
  municipalityId: string;
  name: string;
  cents: number;
}

/**
 * Each council's share of an amount: one bar per council (d3-scale's band and linear scales), the amount written
 * beside it. The own council's bar is striped and its name bold, so it stands out without colour.
 */
export function ShareChart({
  title,
  totalCents,
  shares,
  ownId,
}: {
  title: string;
  totalCents: number;
  shares: readonly ShareBar[];
  ownId?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const money = (cents: number) => formatMoney(cents, lng);
  const percent = (cents: number) =>
    totalCents ? `${formatNumber(Math.round((cents / totalCents) * 1000) / 10, lng)} %` : "—";
  const height = Math.max(ROW, shares.length * ROW);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...shares.map((s) => s.cents))])
    .range([0, WIDTH - AMOUNTS]);
  const y = scaleBand<string>()
    .domain(shares.map((s) => s.municipalityId))
    .range([0, height]);
  const ownName = shares.find((s) => s.municipalityId === ownId)?.name;
  const description = [
    t("charts.shares.description", { total: money(totalCents), count: shares.length }),
    ...shares.map((s) => `${s.name}: ${money(s.cents)} (${percent(s.cents)}).`),
    ownName ? t("charts.shares.ownNote", { name: ownName }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <ChartFigure
      className="h10-chart--shares"
      title={title}
      description={description}
      width={WIDTH}
      height={height}
      legend={({ prefix }) =>
        ownName ? (
          <ul aria-hidden="true">
            <LegendItem fill={FILLS.neutral.colour} label={t("charts.shares.others")} />
            <LegendItem
              fill={fillUrl(prefix, "own")}
              stroke={FILLS.own.colour}
              label={t("charts.shares.own", { name: ownName })}
            />
          </ul>
        ) : null
      }
      table={
        <DataTable
          caption={t("charts.shares.tableCaption", { title })}
          columns={[
            { label: t("region.municipality") },
            { label: t("charts.shares.share"), numeric: true },
            { label: t("charts.shares.percent"), numeric: true },
          ]}
        >
          {shares.map((s) => (
            <TableRow key={s.municipalityId} data-municipality={s.name}>
              <TableHeaderCell scope="row">{s.name}</TableHeaderCell>
              <TableCell className="h10-numeric" data-cents={s.cents}>
                {money(s.cents)}
              </TableCell>
              <TableCell className="h10-numeric">{percent(s.cents)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      }
    >
      {({ prefix }) => (
        <>
          <PatternDefs prefix={prefix} names={["own"]} />
          {shares.map((s) => {
            const own = s.municipalityId === ownId;
            const top = y(s.municipalityId)!;
            const barTop = top + 20;
            const mid = barTop + BAR / 2 + 5;
            return (
              <g key={s.municipalityId} data-municipality={s.name} data-cents={s.cents}>
                <text x={1} y={top + 15} className="h10-chart__label" fontWeight={own ? 700 : 400}>
                  {s.name}
                </text>
                <rect
                  x={1}
                  y={barTop}
                  width={Math.max(1, x(s.cents))}
                  height={BAR}
                  fill={own ? fillUrl(prefix, "own") : FILLS.neutral.colour}
                  stroke={own ? FILLS.own.colour : FILLS.neutral.colour}
                />
                <text x={1 + x(s.cents) + 6} y={mid} className="h10-chart__label" fontWeight={own ? 700 : 400}>
                  {money(s.cents)}
                </text>
              </g>
            );
          })}
        </>
      )}
    </ChartFigure>
  );
}
