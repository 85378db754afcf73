import { useEffect, type ReactNode } from 'react';
import { Stack, Text, Title } from '@mantine/core';
import { t } from '../i18n';

/** The page's one h1, also put in the browser tab so a clerk with many tabs finds the case. */
export function PageTitle({ title, description }: { title: string; description?: ReactNode }) {
  useEffect(() => {
    document.title = t.common.pageTitle(title);
  }, [title]);
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      {description && <Text c="dimmed">{description}</Text>}
    </Stack>
  );
}
