import { Center, Group, Loader, Text } from '@mantine/core';
import { t } from '../i18n';

/** Announced to screen readers too (role=status), not only drawn as a spinner. */
export function LoadingState({ label = t.common.loading }: { label?: string }) {
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}
