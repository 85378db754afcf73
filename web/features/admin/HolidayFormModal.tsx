import type { FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { useForm } from '../../ui/useForm';
import { EMPTY_HOLIDAY, HOLIDAY_KINDS, holidayBody, holidayFormOf, holidayProblems, type Holiday, type HolidayForm, type HolidayKind } from './admin.model';

const s = t.admin.holidays;

/** Add a holiday, or move or retitle one. */
export function HolidayFormModal({ holiday, onClose }: { holiday?: Holiday; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<HolidayForm>(holiday ? holidayFormOf(holiday) : EMPTY_HOLIDAY, holidayProblems);
  const save = useMutation({
    mutationFn: () =>
      holiday
        ? unwrap(api.PATCH('/api/holidays/{id}', { params: { path: { id: holiday.id } }, body: holidayBody(form.values) }))
        : unwrap(api.POST('/api/holidays', { body: holidayBody(form.values) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['holidays'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={holiday ? s.editTitle : s.addTitle}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} />}
          <JalaliDatePicker label={s.form.date} value={form.values.date} onChange={(date) => form.set('date', date)} error={form.error('date', save.error)} />
          <TextInput label={s.form.titleFa} {...form.text('titleFa', save.error)} />
          <TextInput label={s.form.titleEn} dir="ltr" {...form.text('titleEn', save.error)} />
          <Select
            label={s.form.kind}
            data={HOLIDAY_KINDS.map((k) => ({ value: k, label: s.kinds[k] }))}
            value={form.values.kind}
            onChange={(v) => v && form.set('kind', v as HolidayKind)}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.ui.cancel}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {s.form.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
