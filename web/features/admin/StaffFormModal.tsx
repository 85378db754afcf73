import type { FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SPECIALTIES, SPECIALTY_TITLES_FA, type Role, type Specialty } from '../../../contracts/roles';
import { api, unwrap } from '../../api/client';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SearchSelect } from '../../ui/SearchSelect';
import { useForm } from '../../ui/useForm';
import {
  EMPTY_STAFF, ROLE_OPTIONS, roleNeeds, staffCreateBody, staffFormOf, staffPatchBody, staffPlaceProblems, staffProblems, type StaffForm, type StaffMember,
} from './admin.model';
import { searchOffices, useDistrictOptions } from './admin.queries';

const s = t.admin.staff.form;
const SPECIALTY_OPTIONS = SPECIALTIES.map((v) => ({ value: v, label: SPECIALTY_TITLES_FA[v] }));

/**
 * Add a staff account, or change a member's role and place of work. Which place a role needs
 * (a desk, a district, a specialty) shows as the role is chosen; the rest stays hidden.
 */
export function StaffFormModal({ member, onClose }: { member?: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const districts = useDistrictOptions();
  const form = useForm<StaffForm>(member ? staffFormOf(member) : EMPTY_STAFF, member ? staffPlaceProblems : staffProblems);
  const needs = roleNeeds(form.values.role);
  const save = useMutation({
    mutationFn: async () => {
      if (!member) return unwrap(api.POST('/api/staff', { body: staffCreateBody(form.values) }));
      const patch = staffPatchBody(member, form.values);
      return patch && unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: member.id } }, body: patch }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={member ? t.admin.staff.editTitle(`${member.firstName} ${member.lastName}`) : t.admin.staff.addTitle} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} />}
          {!member && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={s.username} description={s.usernameHint} dir="ltr" autoComplete="off" {...form.text('username', save.error)} />
              <PasswordInput label={s.password} description={s.passwordHint} dir="ltr" autoComplete="new-password" {...form.text('password', save.error)} />
              <TextInput label={s.firstName} {...form.text('firstName', save.error)} />
              <TextInput label={s.lastName} {...form.text('lastName', save.error)} />
              <TextInput label={s.nationalCode} dir="ltr" inputMode="numeric" {...form.text('nationalCode', save.error)} />
              <TextInput label={s.mobile} description={s.mobileHint} dir="ltr" inputMode="tel" {...form.text('mobile', save.error)} />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={s.role}
              data={ROLE_OPTIONS}
              value={form.values.role}
              onChange={(v) => form.set('role', v as Role | null)}
              onBlur={() => form.touch('role')}
              error={form.error('role', save.error)}
              allowDeselect={false}
            />
            {needs.office && (
              <SearchSelect
                label={s.officeId}
                placeholder={s.officeSearch}
                value={form.values.officeId}
                onChange={(v) => form.set('officeId', v)}
                queryKey={['offices']}
                search={searchOffices}
                error={form.error('officeId', save.error)}
              />
            )}
            {needs.district && (
              <Select
                label={s.districtId}
                data={districts}
                value={form.values.districtId}
                onChange={(v) => form.set('districtId', v)}
                onBlur={() => form.touch('districtId')}
                error={form.error('districtId', save.error)}
                searchable
              />
            )}
            {needs.specialty && (
              <Select
                label={s.specialty}
                data={SPECIALTY_OPTIONS}
                value={form.values.specialty}
                onChange={(v) => form.set('specialty', v as Specialty | null)}
                onBlur={() => form.touch('specialty')}
                error={form.error('specialty', save.error)}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.ui.cancel}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {member ? s.submitEdit : s.submitAdd}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
