import { useState } from 'react';
import { Button, Group, Modal, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { QueryState } from '../../ui/QueryState';
import { RowActions } from '../../ui/RowActions';
import { useSaveAndClose } from '../../ui/useSaveAndClose';
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
      <QueryState query={holidays} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={s.emptyTitle} />}>
        {(found) => (
          <ListTable
            minWidth={canManage ? 760 : 600}
            striped
            verticalSpacing="xs"
            data-testid="holidays"
            columns={[s.columns.date, s.columns.weekday, s.columns.title, s.columns.kind, canManage && t.ui.actions]}
          >
            {found.items.map((h) => (
              <Table.Tr key={h.id} data-date={h.date}>
                <Table.Td>
                  <JalaliDate value={h.date} />
                </Table.Td>
                <Table.Td>{weekdayOf(h.date)}</Table.Td>
                <Table.Td>{h.titleFa}</Table.Td>
                <Table.Td>{(s.kinds as Record<string, string>)[h.kind] ?? h.kind}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <RowActions
                      label={s.rowActions(h.titleFa)}
                      actions={[
                        { label: t.ui.edit, onClick: () => setEditing({ kind: 'edit', holiday: h }) },
                        { label: s.delete, onClick: () => setEditing({ kind: 'delete', holiday: h }) },
                      ]}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </QueryState>
      {editing?.kind === 'add' && <HolidayFormModal onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <HolidayFormModal holiday={editing.holiday} onClose={() => setEditing(null)} />}
      {editing?.kind === 'delete' && <DeleteHoliday holiday={editing.holiday} onClose={() => setEditing(null)} />}
    </>
  );
}

function DeleteHoliday({ holiday, onClose }: { holiday: Holiday; onClose: () => void }) {
  const remove = useSaveAndClose({
    save: () => unwrap(api.DELETE('/api/holidays/{id}', { params: { path: { id: holiday.id } } })),
    refresh: [['holidays']],
    onClose,
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
