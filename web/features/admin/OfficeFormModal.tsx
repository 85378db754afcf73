import { Modal, Select, Textarea, TextInput } from '@mantine/core';
import { t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { EMPTY_OFFICE, OFFICE_STATUSES, officeFormOf, officeProblems, type Office, type OfficeForm } from './admin.model';
import { useDistrictOptions, useSaveOffice } from './admin.queries';

const s = t.admin.offices;

/** Add a desk, or edit one: rename, move to another district (its staff go with it), suspend. */
export function OfficeFormModal({ office, onClose }: { office?: Office; onClose: () => void }) {
  const districts = useDistrictOptions();
  const form = useForm<OfficeForm>(office ? officeFormOf(office) : EMPTY_OFFICE, officeProblems);
  const save = useSaveOffice(office, { values: () => form.values, onClose });

  return (
    <Modal opened onClose={onClose} title={office ? s.editTitle(office.nameFa) : s.addTitle}>
      <SaveForm form={form} save={save} submitLabel={office ? s.form.submitEdit : s.form.submitAdd} onCancel={onClose}>
        <DigitsInput label={s.form.govCode} description={s.form.govCodeHint} disabled={Boolean(office)} {...form.digits('govCode', save.error)} />
        <TextInput label={s.form.nameFa} {...form.text('nameFa', save.error)} />
        <Select
          label={s.form.districtId}
          description={office ? s.form.moveHint : undefined}
          data={districts}
          {...form.select('districtId', save.error)}
          searchable
        />
        <Textarea label={s.form.addressFa} autosize minRows={2} {...form.text('addressFa', save.error)} />
        <DigitsInput label={s.form.phone} description={s.form.phoneHint} inputMode="tel" {...form.digits('phone', save.error)} />
        <TextInput label={s.form.openingHoursFa} description={s.form.openingHoursHint} {...form.text('openingHoursFa', save.error)} />
        {office && (
          <Select
            label={s.form.status}
            data={OFFICE_STATUSES.map((v) => ({ value: v, label: s.statuses[v] }))}
            value={form.values.status}
            onChange={(v) => v && form.set('status', v)}
            allowDeselect={false}
            error={form.error('status', save.error)}
          />
        )}
      </SaveForm>
    </Modal>
  );
}
