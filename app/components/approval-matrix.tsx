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
import { useTranslation } from "react-i18next";
import type { MatrixCell, MatrixRow } from "~/utils/approval-matrix";
import { formatDate } from "~/utils/format";
import { DeadlineBadge } from "./deadline-badge";

const COLUMNS = ["received", "college", "committee", "council", "position", "processed"] as const;

/** A matrix cell: state in words (and colour), date, deadline, and the position one click away. */
function Cell({ cell, trailId, column }: { cell: MatrixCell; trailId: string; column: string }) {
  const { t, i18n } = useTranslation();
  const text = (
    <>
      {t(cell.label)}
      {cell.date ? `, ${formatDate(cell.date, i18n.language)}` : ""}
    </>
  );
  return (
    <TableCell className={`h10-cell h10-cell--${cell.state}`} data-state={cell.state} data-column={column}>
      <span className="h10-cell__state">{t(`matrix.state.${cell.state}`)}</span>
      {cell.positionId ? (
        <Link className="utrecht-link" to={`/trajecten/${trailId}/standpunten/${cell.positionId}`}>
          {text}
        </Link>
      ) : (
        <span>{text}</span>
      )}
      {cell.withheld?.ground ? (
        <span className="h10-note">{t("matrix.withheldGround", { ground: t(`grounds.${cell.withheld.ground}`) })}</span>
      ) : null}
      {cell.note ? <span className="h10-note">{t(cell.note)}</span> : null}
      {cell.deadline ? (
        <span className="h10-cell__deadline">
          {t("matrix.due")} <DeadlineBadge dueOn={cell.deadline.dueOn} status={cell.deadline.status} />
        </span>
      ) : null}
    </TableCell>
  );
}

export function ApprovalMatrix({
  rows,
  trailId,
  actions,
}: {
  rows: MatrixRow[];
  trailId: string;
  actions: (row: MatrixRow) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="h10-table-scroll" role="region" aria-label={t("matrix.title")} tabIndex={0}>
      <Table className="h10-table h10-matrix">
        <TableCaption>{t("matrix.caption", { count: rows.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("region.municipality")}</TableHeaderCell>
            {COLUMNS.map((column) => (
              <TableHeaderCell key={column} scope="col">
                {t(`matrix.columns.${column}`)}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col">{t("trail.actions")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.municipalityId} data-municipality={row.name}>
              <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
              {COLUMNS.map((column) => (
                <Cell key={column} cell={row[column]} trailId={trailId} column={column} />
              ))}
              <TableCell>{actions(row)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
