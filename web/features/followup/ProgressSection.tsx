import { Table, Text, Title } from '@mantine/core';
import { faDigits, formatNumber, t } from '../../i18n';
import { STATUS_RED } from '../../ui/colors';
import { ListTable } from '../../ui/ListTable';
import { QueryState } from '../../ui/QueryState';
import { progressRows, tehranDay } from './followup.model';
import { useDayProgress } from './followup.queries';

/** برنامه در برابر انجام‌شده: per inspector, today's planned visits, those done, those late, and the next. */
export function ProgressSection() {
  const p = t.followup.progress;
  const progress = useDayProgress(tehranDay(new Date()));
  return (
    <section aria-labelledby="progress-title" data-testid="planned-vs-done">
      <Title order={2} size="h4" mb="xs" id="progress-title">
        {p.title}
      </Title>
      <QueryState
        query={progress}
        isEmpty={(d) => d.items.every((i) => i.planned === 0)}
        empty={
          <Text size="sm" c="dimmed">
            {p.none}
          </Text>
        }
      >
        {(d) => (
          <ListTable minWidth={640} columns={[p.inspector, p.district, p.planned, p.done, p.late, p.next]}>
            {progressRows(d.items).map((row) => (
              <Table.Tr key={row.inspectorId} data-inspector={row.name}>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td>{faDigits(row.districtNumber)}</Table.Td>
                <Table.Td>{formatNumber(row.planned)}</Table.Td>
                <Table.Td>{formatNumber(row.done)}</Table.Td>
                <Table.Td c={row.late > 0 ? STATUS_RED : undefined} fw={row.late > 0 ? 700 : undefined}>
                  {formatNumber(row.late)}
                </Table.Td>
                <Table.Td>
                  {row.nextStop
                    ? p.nextStop(faDigits(row.nextStop.start), faDigits(row.nextStop.trackingCode), faDigits(row.nextStop.address))
                    : row.planned > 0
                      ? p.finished
                      : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </QueryState>
    </section>
  );
}
