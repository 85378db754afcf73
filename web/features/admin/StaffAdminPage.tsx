import { useState } from 'react';
import { Badge, Button, Group, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { SPECIALTY_TITLES_FA, type Role } from '../../../contracts/roles';
import { useMe } from '../../app/auth';
import { t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { RowActions } from '../../ui/RowActions';
import { SearchSelect, type Option } from '../../ui/SearchSelect';
import { useFilteredPage } from '../../ui/useFilteredPage';
import { ADMIN_PAGE_SIZE, ROLE_OPTIONS, type StaffMember } from './admin.model';
import { officeSearch, STATUS_COLORS, useDistrictOptions, useSetStaffActive, useStaff } from './admin.queries';
import { StaffFormModal } from './StaffFormModal';
import { LockedAccounts } from './LockedAccounts';

const s = t.admin.staff;

function placeOf(m: StaffMember): string {
  if (m.office) return m.office.nameFa;
  if (m.district) return s.districtPlace(m.district.nameFa);
  return s.cityPlace;
}

/** کارکنان: every staff account of the city; the admin adds them and changes role, place and status. */
export function StaffAdminPage() {
  const me = useMe();
  const canManage = me.permissions.includes('organisation.manage');
  const districts = useDistrictOptions();
  const [role, setRole] = useState<Role | null>(null);
  const [districtId, setDistrictId] = useState<string | null>(null);
  const [office, setOffice] = useState<Option | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { page, setPage, refilter } = useFilteredPage();
  const [editing, setEditing] = useState<StaffMember | 'add' | null>(null);
  const query = {
    page, pageSize: ADMIN_PAGE_SIZE, sort: 'lastName' as const, order: 'asc' as const,
    ...(role ? { role } : {}), ...(districtId ? { districtId } : {}), ...(office ? { officeId: office.value } : {}), ...(q ? { q } : {}),
  };
  const staff = useStaff(query);
  const setActive = useSetStaffActive();

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="md" component="section" aria-label={t.admin.filters}>
        <Select label={s.role} placeholder={t.admin.anyRole} data={ROLE_OPTIONS} value={role} onChange={(v) => refilter(setRole, v)} clearable />
        <Select label={t.admin.district} placeholder={t.admin.anyDistrict} data={districts} value={districtId} onChange={(v) => refilter(setDistrictId, v)} clearable searchable />
        <SearchSelect label={t.admin.office} placeholder={t.admin.anyOffice} value={office} onChange={(v) => refilter(setOffice, v)} queryKey={officeSearch.queryKey} search={officeSearch.search} />
        <TextInput label={t.admin.search} placeholder={s.searchHint} value={search} onChange={(e) => refilter(setSearch, e.currentTarget.value)} />
      </SimpleGrid>
      {canManage && <LockedAccounts />}
      {canManage && (
        <Group mb="md">
          <Button onClick={() => setEditing('add')}>{s.add}</Button>
        </Group>
      )}
      {setActive.isError && <ErrorAlert error={setActive.error} />}
      <QueryState
        query={staff}
        isEmpty={(found) => found.items.length === 0}
        empty={<EmptyState title={s.emptyTitle} description={canManage ? s.emptyBody : undefined} />}
      >
        {(found) => (
          <>
            <ListTable
              minWidth={canManage ? 980 : 800}
              striped
              verticalSpacing="xs"
              data-testid="staff"
              columns={[s.columns.username, s.columns.name, s.columns.role, s.columns.place, s.columns.specialty, s.columns.active, canManage && t.ui.actions]}
            >
              {found.items.map((m) => {
                const name = `${m.firstName} ${m.lastName}`;
                return (
                  <Table.Tr key={m.id} data-username={m.username}>
                    <Table.Td>
                      <Text size="sm" dir="ltr" ta="end">
                        {m.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{m.roleTitleFa}</Table.Td>
                    <Table.Td>{placeOf(m)}</Table.Td>
                    <Table.Td>{m.specialty ? SPECIALTY_TITLES_FA[m.specialty] : ''}</Table.Td>
                    <Table.Td>
                      <Badge color={m.active ? STATUS_COLORS.active : STATUS_COLORS.inactive}>{m.active ? s.active : s.inactive}</Badge>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        {/* No one edits their own role or switches themselves off: the server refuses it too. */}
                        {m.id !== me.id && (
                          <RowActions
                            label={s.rowActions(name)}
                            actions={[
                              { label: t.ui.edit, onClick: () => setEditing(m) },
                              { label: m.active ? s.deactivate : s.activate, onClick: () => setActive.mutate({ member: m, active: !m.active }) },
                            ]}
                          />
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </ListTable>
            <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={found.total} onChange={setPage} />
          </>
        )}
      </QueryState>
      {editing && <StaffFormModal member={editing === 'add' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
