import { Modal, Select, TextInput } from '@mantine/core';
import { t } from '../../i18n';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { EMPTY_HOLIDAY, HOLIDAY_KINDS, holidayFormOf, holidayProblems, type Holiday, type HolidayForm } from './admin.model';
import { useSaveHoliday } from './admin.queries';

const s = t.admin.holidays;

/** Add a holiday, or move or retitle one. */
export function HolidayFormModal({ holiday, onClose }: { holiday?: Holiday; onClose: () => void }) {
  const form = useForm<HolidayForm>(holiday ? holidayFormOf(holiday) : EMPTY_HOLIDAY, holidayProblems);
  const save = useSaveHoliday(holiday, { values: () => form.values, onClose });

  return (
    <Modal opened onClose={onClose} title={holiday ? s.editTitle : s.addTitle}>
      <SaveForm form={form} save={save} submitLabel={s.form.submit} onCancel={onClose}>
        <JalaliDatePicker label={s.form.date} value={form.values.date} onChange={(date) => form.set('date', date)} error={form.error('date', save.error)} />
        <TextInput label={s.form.titleFa} {...form.text('titleFa', save.error)} />
        <TextInput label={s.form.titleEn} dir="ltr" {...form.text('titleEn', save.error)} />
        <Select
          label={s.form.kind}
          data={HOLIDAY_KINDS.map((k) => ({ value: k, label: s.kinds[k] }))}
          value={form.values.kind}
          onChange={(v) => v && form.set('kind', v)}
          allowDeselect={false}
        />
      </SaveForm>
    </Modal>
  );
}
