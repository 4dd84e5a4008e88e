import {
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useId } from "react";

export interface Column {
  label: ReactNode;
  numeric?: boolean;
}

/**
 * A captioned data table with column headers; rows are the children. A table wider than a phone scrolls
 * inside its own labelled, focusable region (WCAG 1.4.10 allows it for data tables); the page does not.
 *
 * `stacked`: on a narrow screen each row becomes a block, its row header on top and every other cell on a line of
 * its own, labelled by its column (the cell's `data-label`, which the rows give): a table of many columns with
 * buttons in them (the users) stays usable on a phone without scrolling sideways to find them.
 */
export function DataTable({
  caption,
  columns,
  stacked = false,
  children,
}: {
  caption: ReactNode;
  columns: Column[];
  stacked?: boolean;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div className="h10-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={stacked ? "h10-table h10-table--stacked" : "h10-table"}>
        <TableCaption id={captionId}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, index) => (
              <TableHeaderCell key={index} scope="col" className={column.numeric ? "h10-numeric" : undefined}>
                {column.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
