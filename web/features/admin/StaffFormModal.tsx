import { Modal, PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { SPECIALTIES, SPECIALTY_TITLES_FA } from '../../../contracts/roles';
import { t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { SaveForm } from '../../ui/SaveForm';
import { SearchSelect } from '../../ui/SearchSelect';
import { useForm } from '../../ui/useForm';
import {
  EMPTY_STAFF, ROLE_OPTIONS, roleNeeds, staffFormOf, staffPlaceProblems, staffProblems, type StaffForm, type StaffMember,
} from './admin.model';
import { officeSearch, useDistrictOptions, useSaveStaff } from './admin.queries';

const s = t.admin.staff.form;
const SPECIALTY_OPTIONS = SPECIALTIES.map((v) => ({ value: v, label: SPECIALTY_TITLES_FA[v] }));

/**
 * Add a staff account, or change a member's role and place of work. Which place a role needs
 * (a desk, a district, a specialty) shows as the role is chosen; the rest stays hidden.
 */
export function StaffFormModal({ member, onClose }: { member?: StaffMember; onClose: () => void }) {
  const districts = useDistrictOptions();
  const form = useForm<StaffForm>(member ? staffFormOf(member) : EMPTY_STAFF, member ? staffPlaceProblems : staffProblems);
  const needs = roleNeeds(form.values.role);
  const save = useSaveStaff(member, { values: () => form.values, onClose });

  return (
    <Modal opened onClose={onClose} title={member ? t.admin.staff.editTitle(`${member.firstName} ${member.lastName}`) : t.admin.staff.addTitle} size="lg">
      <SaveForm form={form} save={save} submitLabel={member ? s.submitEdit : s.submitAdd} onCancel={onClose}>
        {!member && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={s.username} description={s.usernameHint} dir="ltr" autoComplete="off" {...form.text('username', save.error)} />
            <PasswordInput label={s.password} description={s.passwordHint} dir="ltr" autoComplete="new-password" {...form.text('password', save.error)} />
            <TextInput label={s.firstName} {...form.text('firstName', save.error)} />
            <TextInput label={s.lastName} {...form.text('lastName', save.error)} />
            <DigitsInput label={s.nationalCode} {...form.digits('nationalCode', save.error)} />
            <DigitsInput label={s.mobile} description={s.mobileHint} inputMode="tel" {...form.digits('mobile', save.error)} />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={s.role}
            data={ROLE_OPTIONS}
            {...form.select('role', save.error)}
            allowDeselect={false}
          />
          {needs.office && (
            <SearchSelect
              label={s.officeId}
              placeholder={s.officeSearch}
              value={form.values.officeId}
              onChange={(v) => form.set('officeId', v)}
              queryKey={officeSearch.queryKey}
              search={officeSearch.search}
              error={form.error('officeId', save.error)}
            />
          )}
          {needs.district && (
            <Select
              label={s.districtId}
              data={districts}
              {...form.select('districtId', save.error)}
              searchable
            />
          )}
          {needs.specialty && (
            <Select
              label={s.specialty}
              data={SPECIALTY_OPTIONS}
              {...form.select('specialty', save.error)}
            />
          )}
        </SimpleGrid>
      </SaveForm>
    </Modal>
  );
}
