import type { ReactNode } from 'react';
import { Table, type TableProps } from '@mantine/core';

interface ListTableProps extends Omit<TableProps, 'children'> {
  /** Column headings in order; a column left out (`canManage && ...`) is `false`. */
  columns: (ReactNode | false)[];
  /** Below this width the table scrolls sideways rather than squeezing its columns on a phone. */
  minWidth: number;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/** A list's table: its headings, its rows, and sideways scrolling on a narrow screen. */
export function ListTable({ columns, minWidth, children, ...table }: ListTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
        <Table.Thead>
          <Table.Tr>
            {columns
              .filter((column) => column !== false)
              // Headings are positional and never reorder: the index is their identity.
              .map((column, i) => (
                <Table.Th key={i}>{column}</Table.Th>
              ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
