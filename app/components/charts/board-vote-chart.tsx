import { TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { formatNumber } from "~/utils/format";
import { ChartFigure, FILLS, fillUrl, LegendItem, PatternDefs, type FillName } from "./chart-figure";

const CHOICES = ["FOR", "AGAINST", "ABSTAIN", "ABSENT"] as const;
type Weights = Record<(typeof CHOICES)[number], number>;
const FILL: Record<(typeof CHOICES)[number], FillName> = {
  FOR: "done",
  AGAINST: "late",
  ABSTAIN: "open",
  ABSENT: "muted",
};

const WIDTH = 440;
const TOP = 30;
const BAR = 34;
const HEIGHT = 96;

/**
 * A weighted board vote: the inhabitants behind for, against, abstained and absent as one stacked bar (d3-shape's
 * stack, d3-scale's linear scale), with the line the weight for must pass under the majority rule: more than half,
 * or at least two thirds, of the weight cast (for + against).
 */
export function BoardVoteChart({
  subject,
  weights,
  rule,
  adopted,
}: {
  subject: string;
  weights: Weights;
  rule: "SIMPLE" | "QUALIFIED";
  adopted: boolean;
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const total = CHOICES.reduce((sum, c) => sum + weights[c], 0);
  const cast = weights.FOR + weights.AGAINST;
  const needed = rule === "SIMPLE" ? cast / 2 : (cast * 2) / 3;
  const x = scaleLinear()
    .domain([0, Math.max(1, total)])
    .range([1, WIDTH - 1]);
  const [series] = [stack<Weights>().keys(CHOICES)([weights])];
  const word = (c: string) => t(`boardVotes.choices.${c}`);
  const title = t("charts.vote.title", { subject });
  return (
    <ChartFigure
      title={title}
      description={t("charts.vote.description", {
        for: n(weights.FOR),
        against: n(weights.AGAINST),
        abstained: n(weights.ABSTAIN),
        absent: n(weights.ABSENT),
        needed: n(Math.floor(needed) + (rule === "SIMPLE" ? 1 : 0)),
        result: t(adopted ? "boardVotes.adopted" : "boardVotes.rejected"),
      })}
      width={WIDTH}
      height={HEIGHT}
      legend={({ prefix }) => (
        <ul aria-hidden="true">
          {CHOICES.map((c) => (
            <LegendItem key={c} fill={fillUrl(prefix, FILL[c])} stroke={FILLS[FILL[c]].colour} label={word(c)} />
          ))}
        </ul>
      )}
      table={
        <DataTable
          caption={t("charts.vote.tableCaption", { subject })}
          columns={[{ label: t("boardVotes.choice") }, { label: t("boardVotes.weight"), numeric: true }]}
        >
          {CHOICES.map((c) => (
            <TableRow key={c}>
              <TableHeaderCell scope="row">{word(c)}</TableHeaderCell>
              <TableCell className="h10-numeric" data-weight={weights[c]}>
                {n(weights[c])}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      }
    >
      {({ prefix }) => (
        <>
          <PatternDefs prefix={prefix} names={CHOICES.map((c) => FILL[c])} />
          {series!.map((s) => {
            const [x0, x1] = s[0]!;
            if (x1 === x0) return null;
            const choice = s.key as (typeof CHOICES)[number];
            return (
              <g key={choice} data-choice={choice}>
                <rect
                  x={x(x0)}
                  y={TOP}
                  width={x(x1) - x(x0)}
                  height={BAR}
                  fill={fillUrl(prefix, FILL[choice])}
                  stroke={FILLS[FILL[choice]].colour}
                />
                {x(x1) - x(x0) > 60 ? (
                  <text x={(x(x0) + x(x1)) / 2} y={TOP + BAR / 2 + 5} textAnchor="middle" className="h10-chart__count">
                    {word(choice)}
                  </text>
                ) : null}
              </g>
            );
          })}
          {cast > 0 ? (
            <g transform={`translate(${x(needed)}, 0)`} data-needed={needed}>
              <line y1={TOP - 8} y2={TOP + BAR + 8} stroke="#1a1a1a" strokeWidth={2} strokeDasharray="5 3" />
              <text y={TOP - 12} textAnchor="middle" className="h10-chart__tick">
                {t(`charts.vote.needed.${rule}`)}
              </text>
            </g>
          ) : null}
          <text x={1} y={TOP + BAR + 26} className="h10-chart__label" fontWeight={700}>
            {t(adopted ? "boardVotes.adopted" : "boardVotes.rejected")}
          </text>
        </>
      )}
    </ChartFigure>
  );
}
