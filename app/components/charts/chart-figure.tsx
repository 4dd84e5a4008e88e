import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";

/**
 * A chart as an accessible image: an SVG with role="img" named by its <title> and described by its <desc>
 * (aria-labelledby), a visible caption, a legend, and the same numbers as a data table in a <details>. The SVG
 * scales to its container (viewBox, max-inline-size: 100 %), so it never makes the page scroll sideways.
 */
export function ChartFigure({
  title,
  description,
  width,
  height,
  legend,
  table,
  children,
  className,
}: {
  title: string;
  description: string;
  width: number;
  height: number;
  /** The legend; a function gets the prefix of the chart's pattern ids, so its swatches show the same patterns. */
  legend?: ReactNode | ((ids: { prefix: string }) => ReactNode);
  table: ReactNode;
  children: (ids: { prefix: string }) => ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  return (
    <figure className={`h10-chart${className ? ` ${className}` : ""}`}>
      <figcaption className="h10-chart__caption">{title}</figcaption>
      <svg
        className="h10-chart__svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMin meet"
        width={width}
        height={height}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children({ prefix: id })}
      </svg>
      {legend ? (
        <div className="h10-chart__legend">{typeof legend === "function" ? legend({ prefix: id }) : legend}</div>
      ) : null}
      <details className="h10-chart__table">
        <summary>{t("charts.showTable")}</summary>
        {table}
      </details>
    </figure>
  );
}

/** A legend entry: a swatch drawn with the chart's own fill (colour and pattern) and its word. */
export function LegendItem({ fill, stroke, label }: { fill: string; stroke?: string; label: string }) {
  return (
    <li className="h10-chart__legend-item">
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
        <rect x="1" y="1" width="16" height="16" fill={fill} stroke={stroke ?? "#1a1a1a"} strokeWidth="1" />
      </svg>
      {label}
    </li>
  );
}

/**
 * Fills that differ in pattern as well as in colour (WCAG 1.4.1), each at least 3:1 against white (1.4.11):
 * done solid green, open blue stripes, late red cross-hatch, refused purple with bars, own share orange stripes.
 */
export const FILLS = {
  done: { colour: "#1e6b2c", pattern: "solid" },
  open: { colour: "#1d4d7a", pattern: "stripes" },
  late: { colour: "#a4001e", pattern: "cross" },
  refused: { colour: "#7a1f4d", pattern: "bars" },
  neutral: { colour: "#1d4d7a", pattern: "solid" },
  own: { colour: "#9c4615", pattern: "stripes" },
  muted: { colour: "#6b6b6b", pattern: "dots" },
} as const;
export type FillName = keyof typeof FILLS;

export function fillUrl(prefix: string, name: FillName): string {
  return FILLS[name].pattern === "solid" ? FILLS[name].colour : `url(#${prefix}-${name})`;
}

/** The <pattern> definitions of the fills a chart uses. */
export function PatternDefs({ prefix, names }: { prefix: string; names: readonly FillName[] }) {
  return (
    <defs>
      {names
        .filter((name) => FILLS[name].pattern !== "solid")
        .map((name) => {
          const { colour, pattern } = FILLS[name];
          const id = `${prefix}-${name}`;
          switch (pattern) {
            case "stripes":
              return (
                <pattern
                  key={name}
                  id={id}
                  width="6"
                  height="6"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width="6" height="6" fill="#fff" />
                  <rect width="3" height="6" fill={colour} />
                </pattern>
              );
            case "cross":
              return (
                <pattern key={name} id={id} width="8" height="8" patternUnits="userSpaceOnUse">
                  <rect width="8" height="8" fill={colour} />
                  <path d="M0 0L8 8M8 0L0 8" stroke="#fff" strokeWidth="1.5" />
                </pattern>
              );
            case "bars":
              return (
                <pattern key={name} id={id} width="6" height="6" patternUnits="userSpaceOnUse">
                  <rect width="6" height="6" fill={colour} />
                  <rect y="4" width="6" height="1.5" fill="#fff" />
                </pattern>
              );
            default:
              return (
                <pattern key={name} id={id} width="6" height="6" patternUnits="userSpaceOnUse">
                  <rect width="6" height="6" fill="#fff" />
                  <circle cx="3" cy="3" r="2" fill={colour} />
                </pattern>
              );
          }
        })}
    </defs>
  );
}
