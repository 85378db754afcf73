import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Select, Table, Text } from '@mantine/core';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { STATUS_ORANGE } from '../../ui/colors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { QueryState } from '../../ui/QueryState';
import { RowActions } from '../../ui/RowActions';
import { holidayListNotice, holidayYears, weekdayOf, type Holiday } from './admin.model';
import { useDeleteHoliday, useHolidayListAction, useHolidayLists, useHolidays, type HolidayListAction } from './admin.queries';
import { HolidayFormModal } from './HolidayFormModal';

const s = t.admin.holidays;
const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());

type Editing = { kind: 'add' } | { kind: 'edit'; holiday: Holiday } | { kind: 'delete'; holiday: Holiday } | { kind: 'list'; action: HolidayListAction } | null;

/** تعطیلات رسمی: one Solar Hijri year's holidays, which the working-day count of every due date skips. */
export function HolidaysPage() {
  const me = useMe();
  const canManage = me.permissions.includes('calendar.manage');
  const years = holidayYears(todayIso());
  const [year, setYear] = useState(years[1]!);
  const [editing, setEditing] = useState<Editing>(null);
  const holidays = useHolidays(year);
  const lists = useHolidayLists();
  const notice = lists.data ? holidayListNotice(lists.data.items, year) : null;

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
      {notice && (
        <Alert color={notice.tone === 'warn' ? 'orange' : 'teal'} mb="md" data-testid="holiday-list-notice" data-provisional={notice.provisional || undefined}>
          <Text size="sm">{notice.text}</Text>
          {canManage && (notice.canConfirm || notice.canApplyOfficial || notice.canCreate) && (
            <Group mt="sm" gap="sm">
              {notice.canConfirm && <Button size="xs" onClick={() => setEditing({ kind: 'list', action: 'confirm' })}>{s.confirm}</Button>}
              {notice.canApplyOfficial && (
                <Button size="xs" variant="default" onClick={() => setEditing({ kind: 'list', action: 'official' })}>
                  {s.applyOfficial}
                </Button>
              )}
              {notice.canCreate && (
                <Button size="xs" variant="default" onClick={() => setEditing({ kind: 'list', action: 'create' })}>
                  {s.createList}
                </Button>
              )}
            </Group>
          )}
        </Alert>
      )}
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
                <Table.Td>
                  {(s.kinds as Record<string, string>)[h.kind] ?? h.kind}
                  {notice?.provisional && h.kind === 'lunar' && (
                    <Badge ms="xs" color={STATUS_ORANGE} variant="filled" data-testid="provisional">
                      {s.provisional}
                    </Badge>
                  )}
                </Table.Td>
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
      {editing?.kind === 'list' && <ListActionModal year={year} action={editing.action} onClose={() => setEditing(null)} />}
    </>
  );
}

function DeleteHoliday({ holiday, onClose }: { holiday: Holiday; onClose: () => void }) {
  const remove = useDeleteHoliday(holiday, onClose);
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

const LIST_ACTIONS = {
  confirm: { title: s.confirmTitle, text: s.confirmText, button: s.confirm },
  official: { title: s.applyOfficialTitle, text: s.applyOfficialText, button: s.applyOfficial },
  create: { title: s.createList, text: null, button: s.createList },
} as const;

/** «تأیید فهرست», the official list, or a provisional list for a year not held: asked once, audited on the server. */
function ListActionModal({ year, action, onClose }: { year: number; action: HolidayListAction; onClose: () => void }) {
  const a = LIST_ACTIONS[action];
  const run = useHolidayListAction(year, action, onClose);
  return (
    <Modal opened onClose={onClose} title={a.title}>
      {run.isError && <ErrorAlert error={run.error} />}
      <Text mb="md">{a.text ? a.text(faDigits(year)) : s.notice.missing(faDigits(year))}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.ui.cancel}
        </Button>
        <Button onClick={() => run.mutate()} loading={run.isPending}>
          {a.button}
        </Button>
      </Group>
    </Modal>
  );
}
