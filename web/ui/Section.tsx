import type { ReactNode } from 'react';
import { Paper, Text, Title, type PaperProps } from '@mantine/core';

interface SectionProps extends Omit<PaperProps, 'children'> {
  /** The heading's id, which names the section for screen readers (aria-labelledby). */
  id: string;
  title: ReactNode;
  /** A line under the heading on what to do in the section. */
  hint?: string;
  children: ReactNode;
}

/** A titled part of a page in its own box (the file's owners, a case's documents), an h2 under the page's h1. */
export function Section({ id, title, hint, children, ...paper }: SectionProps) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} {...paper}>
      <Title order={2} size="h4" id={id} mb={hint ? 4 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}
