import { useState } from 'react';
import { Badge, Button, Group, Select, SimpleGrid, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { faDigits, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { ADMIN_PAGE_SIZE, OFFICE_STATUSES, type Office, type OfficeStatus } from './admin.model';
import { STATUS_COLORS, useDistrictOptions } from './admin.queries';
import { OfficeFormModal } from './OfficeFormModal';
import { OfficeServicesModal } from './OfficeServicesModal';

const s = t.admin.offices;

type Editing = { kind: 'add' } | { kind: 'edit'; office: Office } | { kind: 'services'; office: Office } | null;

/** دفاتر پیشخوان: the city's desks; the admin adds, edits, suspends and moves them and sets their services. */
export function OfficesPage() {
  const me = useMe();
  const canManage = me.permissions.includes('organisation.manage');
  const queryClient = useQueryClient();
  const districts = useDistrictOptions();
  const [districtId, setDistrictId] = useState<string | null>(null);
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const query = {
    page, pageSize: ADMIN_PAGE_SIZE, sort: 'govCode' as const, order: 'asc' as const,
    ...(districtId ? { districtId } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}),
  };
  const offices = useQuery({
    queryKey: ['offices', query],
    queryFn: () => unwrap(api.GET('/api/offices', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const setStatusOf = useMutation({
    mutationFn: ({ office, to }: { office: Office; to: OfficeStatus }) =>
      unwrap(api.PATCH('/api/offices/{id}', { params: { path: { id: office.id } }, body: { status: to } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['offices'] }),
  });
  // A new filter starts again at the first page.
  const refilter = <T,>(set: (v: T) => void, v: T) => {
    set(v);
    setPage(1);
  };

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
          onChange={(v) => refilter(setStatus, v as OfficeStatus | null)}
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
      {offices.isPending ? (
        <LoadingState />
      ) : offices.isError ? (
        <ErrorAlert error={offices.error} />
      ) : offices.data.items.length === 0 ? (
        <EmptyState title={s.emptyTitle} description={canManage ? s.emptyBody : undefined} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={canManage ? 1000 : 760}>
            <Table striped verticalSpacing="xs" data-testid="offices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.columns.govCode}</Table.Th>
                  <Table.Th>{s.columns.name}</Table.Th>
                  <Table.Th>{s.columns.district}</Table.Th>
                  <Table.Th>{s.columns.phone}</Table.Th>
                  <Table.Th>{s.columns.status}</Table.Th>
                  <Table.Th>{s.columns.staff}</Table.Th>
                  {canManage && <Table.Th>{t.ui.actions}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {offices.data.items.map((o) => (
                  <Table.Tr key={o.id} data-gov-code={o.govCode}>
                    <Table.Td>
                      <bdi>{faDigits(o.govCode)}</bdi>
                    </Table.Td>
                    <Table.Td>{o.nameFa}</Table.Td>
                    <Table.Td>{o.district.nameFa}</Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">{faDigits(o.phone)}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[o.status]}>{s.statuses[o.status]}</Badge>
                    </Table.Td>
                    <Table.Td>{formatNumber(o.staffCount)}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap" role="group" aria-label={s.rowActions(o.nameFa)}>
                          <Button size="compact-sm" variant="default" onClick={() => setEditing({ kind: 'edit', office: o })}>
                            {t.ui.edit}
                          </Button>
                          <Button size="compact-sm" variant="default" onClick={() => setEditing({ kind: 'services', office: o })}>
                            {s.services}
                          </Button>
                          {o.status === 'active' ? (
                            <Button size="compact-sm" variant="default" onClick={() => setStatusOf.mutate({ office: o, to: 'suspended' })}>
                              {s.suspend}
                            </Button>
                          ) : (
                            <Button size="compact-sm" variant="default" onClick={() => setStatusOf.mutate({ office: o, to: 'active' })}>
                              {s.activate}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={offices.data.total} onChange={setPage} />
        </>
      )}
      {editing?.kind === 'add' && <OfficeFormModal onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <OfficeFormModal office={editing.office} onClose={() => setEditing(null)} />}
      {editing?.kind === 'services' && <OfficeServicesModal office={editing.office} onClose={() => setEditing(null)} />}
    </>
  );
}
