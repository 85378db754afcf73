import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import type { OutboxItem } from './outbox';
import classes from './inspections.module.css';

/** «در انتظار ارسال» or «ارسال نشد» on a visit card. */
export function OutboxBadge({ item }: { item: OutboxItem }) {
  const m = t.inspections.outbox;
  return (
    <Badge color={item.status === 'failed' ? 'red' : 'orange'} variant="light" size="lg" data-testid="outbox-badge">
      {item.status === 'failed' ? m.failed : m.waiting}
    </Badge>
  );
}

interface OutboxAlertProps {
  item: OutboxItem;
  onRetry: () => void;
  onEdit: () => void;
  busy: boolean;
}

/** On the report form: the report is queued on the phone, or the server refused it and why. */
export function OutboxAlert({ item, onRetry, onEdit, busy }: OutboxAlertProps) {
  const m = t.inspections.outbox;
  const failed = item.status === 'failed';
  const photos = item.draft.photos.length;
  return (
    <Alert color={failed ? 'red' : 'orange'} title={failed ? m.failed : m.waiting} role="status" data-testid="outbox-status" mb="md">
      <Text size="sm">{failed ? item.errorFa : m.waitingBody}</Text>
      {photos > 0 && (
        <Text size="sm" mt="xs">
          {m.photosProgress(faDigits(item.photosSent.length), faDigits(photos))}
        </Text>
      )}
      <Group mt="sm" gap="sm">
        <Button onClick={onRetry} loading={busy} className={classes.touch}>
          {m.retry}
        </Button>
        {failed && (
          <Button variant="default" onClick={onEdit} className={classes.touch}>
            {m.edit}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
