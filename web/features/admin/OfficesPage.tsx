import { useState } from 'react';
import { Badge, Button, Group, Select, SimpleGrid, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMe } from '../../app/auth';
import { faDigits, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { RowActions } from '../../ui/RowActions';
import { useFilteredPage } from '../../ui/useFilteredPage';
import { ADMIN_PAGE_SIZE, OFFICE_STATUSES, type Office, type OfficeStatus } from './admin.model';
import { STATUS_COLORS, useDistrictOptions, useOffices, useSetOfficeStatus } from './admin.queries';
import { OfficeFormModal } from './OfficeFormModal';
import { OfficeServicesModal } from './OfficeServicesModal';

const s = t.admin.offices;

type Editing = { kind: 'add' } | { kind: 'edit'; office: Office } | { kind: 'services'; office: Office } | null;

/** دفاتر پیشخوان: the city's desks; the admin adds, edits, suspends and moves them and sets their services. */
export function OfficesPage() {
  const me = useMe();
  const canManage = me.permissions.includes('organisation.manage');
  const districts = useDistrictOptions();
  const [districtId, setDistrictId] = useState<string | null>(null);
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { page, setPage, refilter } = useFilteredPage();
  const [editing, setEditing] = useState<Editing>(null);
  const query = {
    page, pageSize: ADMIN_PAGE_SIZE, sort: 'govCode' as const, order: 'asc' as const,
    ...(districtId ? { districtId } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}),
  };
  const offices = useOffices(query);
  const setStatusOf = useSetOfficeStatus();

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md" component="section" aria-label={t.admin.filters}>
        <Select label={t.admin.district} placeholder={t.admin.anyDistrict} data={districts} value={districtId} onChange={(v) => refilter(setDistrictId, v)} clearable searchable />
        <Select
          label={t.admin.status}
          placeholder={t.admin.anyStatus}
          data={OFFICE_STATUSES.map((v) => ({ value: v, label: s.statuses[v] }))}
          value={status}
          onChange={(v) => refilter(setStatus, v)}
          clearable
        />
        <TextInput label={t.admin.search} placeholder={s.searchHint} value={search} onChange={(e) => refilter(setSearch, e.currentTarget.value)} />
      </SimpleGrid>
      {canManage && (
        <Group mb="md">
          <Button onClick={() => setEditing({ kind: 'add' })}>{s.add}</Button>
        </Group>
      )}
      {setStatusOf.isError && <ErrorAlert error={setStatusOf.error} />}
      <QueryState
        query={offices}
        isEmpty={(found) => found.items.length === 0}
        empty={<EmptyState title={s.emptyTitle} description={canManage ? s.emptyBody : undefined} />}
      >
        {(found) => (
          <>
            <ListTable
              minWidth={canManage ? 1180 : 940}
              striped
              verticalSpacing="xs"
              data-testid="offices"
              columns={[s.columns.govCode, s.columns.name, s.columns.district, s.columns.phone, s.columns.openingHours, s.columns.status, s.columns.staff, canManage && t.ui.actions]}
            >
              {found.items.map((o) => (
                <Table.Tr key={o.id} data-gov-code={o.govCode}>
                  <Table.Td>
                    <bdi>{faDigits(o.govCode)}</bdi>
                  </Table.Td>
                  <Table.Td>{o.nameFa}</Table.Td>
                  <Table.Td>{o.district.nameFa}</Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{faDigits(o.phone)}</bdi>
                  </Table.Td>
                  <Table.Td>{o.openingHoursFa ? faDigits(o.openingHoursFa) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[o.status]}>{s.statuses[o.status]}</Badge>
                  </Table.Td>
                  <Table.Td>{formatNumber(o.staffCount)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <RowActions
                        label={s.rowActions(o.nameFa)}
                        actions={[
                          { label: t.ui.edit, onClick: () => setEditing({ kind: 'edit', office: o }) },
                          { label: s.services, onClick: () => setEditing({ kind: 'services', office: o }) },
                          o.status === 'active'
                            ? { label: s.suspend, onClick: () => setStatusOf.mutate({ office: o, to: 'suspended' }) }
                            : { label: s.activate, onClick: () => setStatusOf.mutate({ office: o, to: 'active' }) },
                        ]}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </ListTable>
            <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={found.total} onChange={setPage} />
          </>
        )}
      </QueryState>
      {editing?.kind === 'add' && <OfficeFormModal onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <OfficeFormModal office={editing.office} onClose={() => setEditing(null)} />}
      {editing?.kind === 'services' && <OfficeServicesModal office={editing.office} onClose={() => setEditing(null)} />}
    </>
  );
}
