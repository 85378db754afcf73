import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { t } from '../../i18n';
import { faDigits, formatJalaliDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLiftLockout, useLockouts } from './admin.queries';

const s = t.admin.lockouts;

/** حساب‌های قفل‌شده: staff accounts locked after repeated wrong passwords, each with «رفع قفل». Shown only when there are some. */
export function LockedAccounts() {
  const locks = useLockouts();
  const lift = useLiftLockout();
  const items = locks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="orange" title={s.title} styles={{ title: { color: 'var(--mantine-color-text)' } }} mb="md" component="section" aria-label={s.title} data-testid="lockouts">
      <Text size="sm" mb="xs">{s.description}</Text>
      {lift.isError && <ErrorAlert error={lift.error} />}
      <Stack gap="xs">
        {items.map((l) => (
          <Group key={l.username} justify="space-between" wrap="wrap" data-username={l.username}>
            <Text size="sm">
              {l.name ?? l.username} · {s.failures(faDigits(l.failures))} · {s.until(formatJalaliDateTime(l.lockedUntil))}
            </Text>
            <Button size="xs" variant="light" aria-label={s.liftLabel(l.name ?? l.username)} loading={lift.isPending && lift.variables === l.username} onClick={() => lift.mutate(l.username)}>
              {s.lift}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
