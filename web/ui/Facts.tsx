import type { ReactNode } from 'react';
import { DataList } from '@mantine/core';

export interface Fact {
  label: string;
  /** Left out when empty (null, undefined, false, ''): a record shows what it has, not rows of dashes. */
  value: ReactNode;
}

/** A record's fields as a definition list (label, then value), as on a printed form. */
export function Facts({ items, labelWidth = '9rem' }: { items: Fact[]; labelWidth?: string }) {
  return (
    <DataList labelWidth={labelWidth} gap="xs">
      {items
        .filter((item) => item.value !== null && item.value !== undefined && item.value !== false && item.value !== '')
        .map((item) => (
          <DataList.Item key={item.label}>
            <DataList.ItemLabel>{item.label}</DataList.ItemLabel>
            <DataList.ItemValue>{item.value}</DataList.ItemValue>
          </DataList.Item>
        ))}
    </DataList>
  );
}
