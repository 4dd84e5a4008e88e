import {
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  numeric?: boolean;
}

/** A captioned data table with column headers; rows are the children. */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: ReactNode;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <Table className="h10-table">
      <TableCaption>{caption}</TableCaption>
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
  );
}
