import type { FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useForm } from '../../ui/useForm';
import { EMPTY_OFFICE, OFFICE_STATUSES, officeCreateBody, officeFormOf, officePatchBody, officeProblems, type Office, type OfficeForm, type OfficeStatus } from './admin.model';
import { useDistrictOptions } from './admin.queries';

const s = t.admin.offices;

/** Add a desk, or edit one: rename, move to another district (its staff go with it), suspend. */
export function OfficeFormModal({ office, onClose }: { office?: Office; onClose: () => void }) {
  const queryClient = useQueryClient();
  const districts = useDistrictOptions();
  const form = useForm<OfficeForm>(office ? officeFormOf(office) : EMPTY_OFFICE, officeProblems);
  const save = useMutation({
    mutationFn: async () => {
      if (!office) return unwrap(api.POST('/api/offices', { body: officeCreateBody(form.values) }));
      const patch = officePatchBody(office, form.values);
      return patch && unwrap(api.PATCH('/api/offices/{id}', { params: { path: { id: office.id } }, body: patch }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['offices'] });
      await queryClient.invalidateQueries({ queryKey: ['districts'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={office ? s.editTitle(office.nameFa) : s.addTitle}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} />}
          <TextInput label={s.form.govCode} description={s.form.govCodeHint} dir="ltr" inputMode="numeric" disabled={Boolean(office)} {...form.text('govCode', save.error)} />
          <TextInput label={s.form.nameFa} {...form.text('nameFa', save.error)} />
          <Select
            label={s.form.districtId}
            description={office ? s.form.moveHint : undefined}
            data={districts}
            value={form.values.districtId}
            onChange={(v) => form.set('districtId', v)}
            onBlur={() => form.touch('districtId')}
            error={form.error('districtId', save.error)}
            searchable
          />
          <Textarea label={s.form.addressFa} autosize minRows={2} {...form.text('addressFa', save.error)} />
          <TextInput label={s.form.phone} description={s.form.phoneHint} dir="ltr" inputMode="tel" {...form.text('phone', save.error)} />
          {office && (
            <Select
              label={s.form.status}
              data={OFFICE_STATUSES.map((v) => ({ value: v, label: s.statuses[v] }))}
              value={form.values.status}
              onChange={(v) => v && form.set('status', v as OfficeStatus)}
              allowDeselect={false}
              error={form.error('status', save.error)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.ui.cancel}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {office ? s.form.submitEdit : s.form.submitAdd}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
