import { useState } from 'react';
import { Alert, Badge, Box, Button, SegmentedControl, Table, Text } from '@mantine/core';
import { faDigits, formatJalaliDateTime, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { useOutbox, useResend } from './notifications.queries';

const s = t.notifications;
const PAGE_SIZE = 20;
const STATUSES = ['all', 'dead', 'pending', 'sent', 'skipped'] as const;
type Filter = (typeof STATUSES)[number];
const COLOR: Record<string, string> = { pending: 'yellow', sent: 'teal', skipped: 'gray', dead: 'red' };

/** The city admin's view of the outbox: every SMS and its fate; a failed one can be sent again. */
export function OutboxPage() {
  const [status, setStatus] = useState<Filter>('dead');
  const [page, setPage] = useState(1);
  const outbox = useOutbox({ page, pageSize: PAGE_SIZE, ...(status === 'all' ? {} : { status }) });
  const resend = useResend();

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      {/* Five states do not fit a phone's width: the control scrolls sideways, the page does not. */}
      <Box mb="md" style={{ overflowX: 'auto' }}>
        <SegmentedControl
          aria-label={s.status}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          data={STATUSES.map((v) => ({ value: v, label: v === 'all' ? s.all : s.statuses[v]! }))}
        />
      </Box>
      {resend.isError && <ErrorAlert error={resend.error} />}
      {resend.isSuccess && (
        <Alert color="teal" mb="md" role="status">
          {s.resent}
        </Alert>
      )}
      <QueryState query={outbox} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={s.emptyTitle} />}>
        {(found) => (
          <>
            <ListTable minWidth={980} striped verticalSpacing="xs" data-testid="outbox" columns={Object.values(s.columns)}>
              {found.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatJalaliDateTime(m.createdAt)}</Table.Td>
                  <Table.Td>{s.events[m.eventType] ?? m.eventType}</Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {m.text ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={COLOR[m.status] ?? 'gray'} variant="light">
                      {s.statuses[m.status] ?? m.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{faDigits(m.attempts)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" dir="ltr">
                      {m.lastError ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.status === 'dead' && (
                      <Button size="xs" variant="light" loading={resend.isPending && resend.variables === m.id} onClick={() => resend.mutate(m.id)}>
                        {s.resend}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            <Pager page={page} pageSize={PAGE_SIZE} total={found.total} onChange={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}
