import type { FormEvent } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { formatJalaliDate, t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { QueryState } from '../../ui/QueryState';
import { useForm } from '../../ui/useForm';
import { LEAVE_KINDS, leaveErrors, leaveKindText, type LeaveForm } from './planning.model';
import { useAddLeave, useLeave, usePlanningInspectors, useWithdrawLeave } from './planning.queries';
import classes from './planning.module.css';

/** مرخصی مامورها: enter an inspector's leave (the days it touches are re-planned) or withdraw it. */
export function LeaveModal({ onClose }: { onClose: () => void }) {
  const m = t.planning.leave;
  const inspectors = usePlanningInspectors(true);
  const leave = useLeave(true);
  const add = useAddLeave();
  const withdraw = useWithdrawLeave();
  const form = useForm<LeaveForm>({ inspectorId: null, from: null, to: null, kind: 'leave', note: '' }, leaveErrors);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!form.validate(e.currentTarget)) return;
    add.mutate(form.values);
  };
  const replanned = add.data?.replanned ?? [];

  return (
    <Modal opened onClose={onClose} title={m.title} size="lg" centered>
      {add.isError && <ErrorAlert error={add.error} />}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      {replanned.length > 0 && (
        <Alert color="blue" mb="md">
          {m.replanned(replanned.map((d) => formatJalaliDate(d)).join('، '))}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={m.inspector}
            searchable
            data={(inspectors.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            value={form.values.inspectorId}
            onChange={(v) => form.set('inspectorId', v)}
            error={form.error('inspectorId', add.error)}
            comboboxProps={{ withinPortal: true }}
          />
          <Group grow align="flex-start">
            <JalaliDatePicker label={m.from} value={form.values.from} onChange={(d) => form.set('from', d)} error={form.error('from', add.error)} />
            <JalaliDatePicker label={m.to} value={form.values.to} onChange={(d) => form.set('to', d)} error={form.error('to', add.error)} />
          </Group>
          <Select
            label={m.kind}
            data={LEAVE_KINDS.map((k) => ({ value: k, label: m.kinds[k] }))}
            value={form.values.kind}
            onChange={(v) => v && form.set('kind', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={m.note} {...form.text('note', add.error)} maxLength={500} />
          <Group grow>
            <Button variant="default" onClick={onClose} className={classes.touch}>
              {m.cancel}
            </Button>
            <Button type="submit" loading={add.isPending} className={classes.touch}>
              {m.submit}
            </Button>
          </Group>
        </Stack>
      </form>
      <QueryState query={leave} isEmpty={(l) => l.items.length === 0} empty={<Text size="sm" c="dimmed" mt="md">{m.none}</Text>}>
        {(l) => (
          <Table mt="md" striped>
            <Table.Tbody>
              {l.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.inspectorName}</Table.Td>
                  <Table.Td>{leaveKindText(item.kind)}</Table.Td>
                  <Table.Td>{m.range(formatJalaliDate(item.from), formatJalaliDate(item.to))}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" color="red" aria-label={m.withdrawOf(item.inspectorName)} loading={withdraw.isPending && withdraw.variables === item.id} onClick={() => withdraw.mutate(item.id)}>
                      {m.withdraw}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Modal>
  );
}
