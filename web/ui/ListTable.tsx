import type { ReactNode } from 'react';
import { Table, type TableProps } from '@mantine/core';
import { t } from '../i18n';

interface ListTableProps extends Omit<TableProps, 'children'> {
  /** Column headings in order; a column left out (`canManage && ...`) is `false`. */
  columns: (ReactNode | false)[];
  /** Below this width the table scrolls sideways rather than squeezing its columns on a phone. */
  minWidth: number;
  /** What the table lists («جدول درخواست‌ها»): the name of its scrolling box for screen readers. */
  label?: string;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/**
 * A list's table: its headings, its rows, and sideways scrolling on a narrow screen. The scrolling
 * box takes the keyboard focus (a named region), so the arrow keys reach the far columns even when
 * no cell holds a link (axe: scrollable-region-focusable).
 */
export function ListTable({ columns, minWidth, label, children, ...table }: ListTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label ?? t.ui.table } }}>
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
