import { Alert, Button, Text } from '@mantine/core';
import { t } from '../i18n';

/** 409 STALE_VERSION: someone saved first. Nothing was changed; reloading shows their version. */
export function StaleVersionAlert({ message, reloadLabel, onReload }: { message: string; reloadLabel: string; onReload: () => void }) {
  return (
    <Alert color="orange" title={t.common.errorTitle} role="alert">
      <Text size="sm" mb="xs">
        {message}
      </Text>
      <Button size="xs" onClick={onReload}>
        {reloadLabel}
      </Button>
    </Alert>
  );
}
