import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { t } from '../../i18n';
import { faDigits, formatJalaliDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';

const s = t.admin.lockouts;

/** حساب‌های قفل‌شده: staff accounts locked after repeated wrong passwords, each with «رفع قفل». Shown only when there are some. */
export function LockedAccounts() {
  const queryClient = useQueryClient();
  const locks = useQuery({ queryKey: ['lockouts'], queryFn: () => unwrap(api.GET('/api/auth/lockouts')) });
  const lift = useMutation({
    mutationFn: (username: string) => unwrap(api.DELETE('/api/auth/lockouts/{username}', { params: { path: { username } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['lockouts'] }),
  });
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
