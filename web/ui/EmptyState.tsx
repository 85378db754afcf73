import type { ReactNode } from 'react';
import { EmptyState as MantineEmptyState } from '@mantine/core';

/** A list or a queue with nothing in it, said in words rather than left blank. */
export function EmptyState({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <MantineEmptyState title={title} description={description} py="xl">
      {children}
    </MantineEmptyState>
  );
}
