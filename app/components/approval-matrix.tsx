import { Link } from "@remix-run/react";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixCell, MatrixRow } from "~/utils/approval-matrix";
import { formatDate } from "~/utils/format";
import { DeadlineBadge } from "./deadline-badge";

const COLUMNS = ["received", "college", "committee", "council", "position", "processed"] as const;

/** States that call for someone's attention, most urgent first; a state added to the data later slots in as neutral. */
const URGENT = ["overdue", "late", "refused", "dueSoon"];

/**
 * The symbol of a state, drawn so it reads the same in every font. Decorative: the state is also written out
 * (visibly or for screen readers) and carried by the cell's colour.
 */
export function StateSymbol({ state }: { state: string }) {
  const common = {
    className: `h10-symbol h10-symbol--${state}`,
    viewBox: "0 0 16 16",
    width: 16,
    height: 16,
    "aria-hidden": true,
    focusable: false,
  } as const;
  switch (state) {
    case "done":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="8" fill="currentColor" />
          <path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case "overdue":
    case "late":
      return (
        <svg {...common}>
          <path d="M8 .8l7.4 13.6H.6z" fill="currentColor" />
          <path d="M8 5.5v4.2" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
          <circle cx="8" cy="12.1" r="1.1" fill="#fff" />
        </svg>
      );
    case "dueSoon":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M8 4v4.5l3 1.8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case "refused":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="8" fill="currentColor" />
          <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case "none":
      return null;
    default:
      // "open", and any state the data gains later: an open circle.
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
  }
}

/** A matrix cell: symbol, state and text, date and deadline, with the position one click away; empty cells stay quiet. */
function Cell({
  cell,
  trailId,
  column,
  showDeadline = true,
}: {
  cell: MatrixCell;
  trailId: string;
  column: string;
  showDeadline?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const columnLabel = (
    // Shown only when the matrix reflows into one block per municipality; in the table the column header says it.
    <span className="h10-cell__column" aria-hidden="true">
      {t(`matrix.columns.${column}`)}
    </span>
  );
  if (cell.state === "none") {
    return (
      <TableCell role="cell" className="h10-cell h10-cell--none" data-state={cell.state} data-column={column}>
        {columnLabel}
        <span className="h10-cell__content">
          <span className="h10-cell__empty" aria-hidden="true">
            –
          </span>
          <span className="h10-visually-hidden">{t(cell.label)}</span>
        </span>
      </TableCell>
    );
  }
  const text = (
    <>
      {t(cell.label)}
      {cell.date ? (
        <>
          <span className="h10-visually-hidden">, </span>
          <span className="h10-cell__date">{formatDate(cell.date, i18n.language)}</span>
        </>
      ) : null}
    </>
  );
  return (
    <TableCell role="cell" className={`h10-cell h10-cell--${cell.state}`} data-state={cell.state} data-column={column}>
      {columnLabel}
      <span className="h10-cell__content">
        <span className="h10-cell__state">
          <StateSymbol state={cell.state} />
          <span className={URGENT.includes(cell.state) ? "h10-cell__word" : "h10-visually-hidden"}>
            {t(`matrix.state.${cell.state}`, { defaultValue: cell.state })}
          </span>
          <span className="h10-visually-hidden">: </span>
        </span>
        {cell.positionId ? (
          <Link className="utrecht-link h10-cell__text" to={`/trajecten/${trailId}/standpunten/${cell.positionId}`}>
            {text}
          </Link>
        ) : (
          <span className="h10-cell__text">{text}</span>
        )}
        {cell.withheld?.ground ? (
          <span className="h10-cell__note">
            {t("matrix.withheldGround", { ground: t(`grounds.${cell.withheld.ground}`) })}
          </span>
        ) : null}
        {cell.note ? <span className="h10-cell__note">{t(cell.note)}</span> : null}
        {cell.deadline && showDeadline ? (
          <span className={`h10-cell__deadline h10-cell__deadline--${cell.deadline.status}`}>
            {t("matrix.due")}{" "}
            <DeadlineBadge
              dueOn={cell.deadline.dueOn}
              status={cell.deadline.status}
              extendedFrom={cell.deadline.extendedFrom}
              compact
            />
          </span>
        ) : null}
      </span>
    </TableCell>
  );
}

/** The most urgent state among a row's cells, or null when nothing in it needs attention. */
function urgentState(row: MatrixRow): string | null {
  const states = COLUMNS.map((column) => row[column].state as string);
  return URGENT.find((state) => states.includes(state)) ?? null;
}

/** Above the matrix: how many municipalities stand where, and by name the ones that need attention. */
function MatrixSummary({ rows }: { rows: MatrixRow[] }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.position.state, (counts.get(row.position.state) ?? 0) + 1);
  const attention = new Map<string, string[]>();
  for (const row of rows) {
    const state = urgentState(row);
    if (state) attention.set(state, [...(attention.get(state) ?? []), row.name]);
  }
  const order = (a: string, b: string) =>
    (URGENT.includes(a) ? URGENT.indexOf(a) : 9) - (URGENT.includes(b) ? URGENT.indexOf(b) : 9);
  return (
    <div className="h10-matrix-summary">
      <ul className="h10-matrix-summary__counts" aria-label={t("matrix.summary")}>
        {[...counts.entries()]
          .sort(([a], [b]) => order(a, b))
          .map(([state, count]) => (
            <li key={state} className={`h10-chip h10-chip--${state}`}>
              <StateSymbol state={state} />
              {t("matrix.summaryCount", {
                state: t(`matrix.state.${state}`, { defaultValue: state }),
                count,
              })}
            </li>
          ))}
      </ul>
      {attention.size ? (
        <ul className="h10-matrix-summary__attention" aria-label={t("matrix.attention")}>
          {[...attention.entries()]
            .sort(([a], [b]) => order(a, b))
            .map(([state, names]) => (
              <li key={state} className={`h10-attention h10-attention--${state}`}>
                <StateSymbol state={state} />
                {t("matrix.attentionRow", {
                  state: t(`matrix.state.${state}`, { defaultValue: state }),
                  names: names.join(", "),
                })}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The approval matrix: one row per municipality, one cell per step. Wide, a table; in a narrow container
 * (a phone, WCAG 1.4.10) the same table reflows into one block per municipality with each step labelled.
 * The table keeps explicit roles, so screen readers announce a table at every width.
 */
export function ApprovalMatrix({
  rows,
  trailId,
  actions,
  nameNote,
}: {
  rows: MatrixRow[];
  trailId: string;
  /** What a user may do per municipality (the trail page); without it (the status brief) there is no such column. */
  actions?: (row: MatrixRow) => ReactNode;
  /** What to say under a municipality's name (whether it joined a shared draft). */
  nameNote?: (row: MatrixRow) => ReactNode;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <>
      <MatrixSummary rows={rows} />
      <div className="h10-matrix-region" role="region" aria-labelledby={captionId} tabIndex={0}>
        <Table className="h10-table h10-matrix" role="table">
          <TableCaption id={captionId}>{t("matrix.caption", { count: rows.length })}</TableCaption>
          <TableHeader role="rowgroup">
            <TableRow role="row">
              <TableHeaderCell scope="col" role="columnheader">
                {t("region.municipality")}
              </TableHeaderCell>
              {COLUMNS.map((column) => (
                <TableHeaderCell key={column} scope="col" role="columnheader">
                  {t(`matrix.columns.${column}`)}
                </TableHeaderCell>
              ))}
              {actions ? (
                <TableHeaderCell scope="col" role="columnheader">
                  {t("trail.actions")}
                </TableHeaderCell>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody role="rowgroup">
            {rows.map((row) => {
              const urgent = urgentState(row);
              return (
                <TableRow
                  key={row.municipalityId}
                  role="row"
                  data-municipality={row.name}
                  className={urgent ? `h10-matrix__row--${urgent}` : undefined}
                >
                  <TableHeaderCell scope="row" role="rowheader" className="h10-name">
                    {row.name}
                    {nameNote?.(row)}
                  </TableHeaderCell>
                  {COLUMNS.map((column) => (
                    <Cell
                      key={column}
                      cell={row[column]}
                      trailId={trailId}
                      column={column}
                      // A deadline shows once a row: with the state when the state shows it, else with the receipt.
                      showDeadline={
                        column !== "received" || row.received.deadline?.dueOn !== row.position.deadline?.dueOn
                      }
                    />
                  ))}
                  {actions ? (
                    <TableCell role="cell" className="h10-matrix__actions">
                      {actions(row)}
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
