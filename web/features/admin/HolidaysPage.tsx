import { useState } from 'react';
import { Button, Group, Modal, Select, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { holidayYears, weekdayOf, type Holiday } from './admin.model';
import { HolidayFormModal } from './HolidayFormModal';

const s = t.admin.holidays;
const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());

type Editing = { kind: 'add' } | { kind: 'edit'; holiday: Holiday } | { kind: 'delete'; holiday: Holiday } | null;

/** تعطیلات رسمی: one Solar Hijri year's holidays, which the working-day count of every due date skips. */
export function HolidaysPage() {
  const me = useMe();
  const canManage = me.permissions.includes('calendar.manage');
  const years = holidayYears(todayIso());
  const [year, setYear] = useState(years[1]!);
  const [editing, setEditing] = useState<Editing>(null);
  // A year has a few dozen holidays: one page of them, in date order.
  const holidays = useQuery({
    queryKey: ['holidays', year],
    queryFn: () => unwrap(api.GET('/api/holidays', { params: { query: { year, page: 1, pageSize: 200, sort: 'date', order: 'asc' } } })),
  });

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <Group mb="md" align="flex-end">
        <Select
          label={s.year}
          data={years.map((y) => ({ value: String(y), label: faDigits(y) }))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={140}
        />
        {canManage && <Button onClick={() => setEditing({ kind: 'add' })}>{s.add}</Button>}
      </Group>
      {holidays.isPending ? (
        <LoadingState />
      ) : holidays.isError ? (
        <ErrorAlert error={holidays.error} />
      ) : holidays.data.items.length === 0 ? (
        <EmptyState title={s.emptyTitle} />
      ) : (
        <Table.ScrollContainer minWidth={canManage ? 760 : 600}>
          <Table striped verticalSpacing="xs" data-testid="holidays">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{s.columns.date}</Table.Th>
                <Table.Th>{s.columns.weekday}</Table.Th>
                <Table.Th>{s.columns.title}</Table.Th>
                <Table.Th>{s.columns.kind}</Table.Th>
                {canManage && <Table.Th>{t.ui.actions}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holidays.data.items.map((h) => (
                <Table.Tr key={h.id} data-date={h.date}>
                  <Table.Td>
                    <JalaliDate value={h.date} />
                  </Table.Td>
                  <Table.Td>{weekdayOf(h.date)}</Table.Td>
                  <Table.Td>{h.titleFa}</Table.Td>
                  <Table.Td>{(s.kinds as Record<string, string>)[h.kind] ?? h.kind}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" role="group" aria-label={s.rowActions(h.titleFa)}>
                        <Button size="compact-sm" variant="default" onClick={() => setEditing({ kind: 'edit', holiday: h })}>
                          {t.ui.edit}
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setEditing({ kind: 'delete', holiday: h })}>
                          {s.delete}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing?.kind === 'add' && <HolidayFormModal onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <HolidayFormModal holiday={editing.holiday} onClose={() => setEditing(null)} />}
      {editing?.kind === 'delete' && <DeleteHoliday holiday={editing.holiday} onClose={() => setEditing(null)} />}
    </>
  );
}

function DeleteHoliday({ holiday, onClose }: { holiday: Holiday; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/holidays/{id}', { params: { path: { id: holiday.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['holidays'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={s.deleteTitle}>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Text mb="md">{s.deleteConfirm(holiday.titleFa, formatJalaliDate(holiday.date))}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.ui.cancel}
        </Button>
        <Button color="red.9" onClick={() => remove.mutate()} loading={remove.isPending}>
          {s.delete}
        </Button>
      </Group>
    </Modal>
  );
}
