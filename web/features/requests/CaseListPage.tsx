import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { REQUEST_STATES, STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow';
import { fileNumberFa, faDigits, t, toAsciiDigits } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { useCases, useServices, type CaseListQuery } from './requests.queries';
import { MaybeSla, StateBadge, UnpaidBadge } from './CaseBadges';

const l = t.requests.list;
const f = t.requests.fields;
const PAGE_SIZE = 20;
const SORTS = {
  newest: { sort: 'createdAt', order: 'desc' },
  oldest: { sort: 'createdAt', order: 'asc' },
  due: { sort: 'stepDueAt', order: 'asc' },
} as const satisfies Record<string, Pick<CaseListQuery, 'sort' | 'order'>>;
type SortKey = keyof typeof SORTS;
const isState = (s: string | null): s is RequestState => !!s && (REQUEST_STATES as readonly string[]).includes(s);

/** /requests — the cases in the reader's scope (the server decides it), filtered in the address bar so a link keeps them. */
export function CaseListPage() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state');
  const service = params.get('service');
  const q = params.get('q') ?? '';
  const sortKey: SortKey = (params.get('sort') as SortKey) in SORTS ? (params.get('sort') as SortKey) : 'newest';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(q);

  const services = useServices();
  const cases = useCases({
    page,
    pageSize: PAGE_SIZE,
    ...SORTS[sortKey],
    ...(isState(state) ? { state } : {}),
    ...(service ? { serviceCode: service } : {}),
    ...(q ? { q } : {}),
  });

  /** A new filter starts again at page 1. */
  const change = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    change({ q: toAsciiDigits(typed).trim() || null });
  };
  const filtered = !!(state || service || q);

  return (
    <>
      <PageTitle title={l.title} description={l.description} />
      <Paper withBorder p="md" mb="md" component="form" onSubmit={search} role="search" aria-label={l.title}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput label={l.search} description={l.searchHint} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} dir="ltr" style={{ flex: '2 1 14rem' }} />
          <Select
            label={l.state}
            data={REQUEST_STATES.map((s) => ({ value: s, label: STATE_LABELS_FA[s] }))}
            value={isState(state) ? state : null}
            onChange={(v) => change({ state: v })}
            placeholder={l.all}
            clearable
            style={{ flex: '1 1 12rem' }}
          />
          <Select
            label={l.service}
            data={(services.data?.items ?? []).map((s) => ({ value: s.code, label: s.nameFa }))}
            value={service}
            onChange={(v) => change({ service: v })}
            placeholder={l.all}
            clearable
            searchable
            style={{ flex: '1 1 12rem' }}
          />
          <Select
            label={l.sort}
            data={[
              { value: 'newest', label: l.newest },
              { value: 'oldest', label: l.oldest },
              { value: 'due', label: l.dueFirst },
            ]}
            value={sortKey}
            onChange={(v) => change({ sort: v === 'newest' ? null : v })}
            allowDeselect={false}
            style={{ flex: '1 1 9rem' }}
          />
          <Button type="submit">{t.ui.search}</Button>
        </Group>
      </Paper>

      {cases.isError && <ErrorAlert error={cases.error} />}
      {cases.isPending ? (
        <LoadingState />
      ) : cases.data && cases.data.items.length === 0 ? (
        <EmptyState title={l.emptyTitle} description={filtered ? l.emptyBody : undefined}>
          {filtered && (
            <Button
              variant="default"
              onClick={() => {
                setTyped('');
                setParams(new URLSearchParams());
              }}
            >
              {l.clear}
            </Button>
          )}
        </EmptyState>
      ) : (
        cases.data && (
          <>
            <ListTable
              minWidth={900}
              striped
              highlightOnHover
              aria-label={l.title}
              columns={[f.trackingCode, f.service, f.state, f.sla, f.applicant, f.fileNumber, f.registeredAt, f.dueAt]}
            >
              {cases.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${c.id}`} fw={600}>
                      {faDigits(c.trackingCode)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.serviceNameFa}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      <StateBadge state={c.state} />
                      <UnpaidBadge unpaid={!c.feePaid && c.state !== 'delivered' && c.state !== 'cancelled'} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <MaybeSla state={c.slaState} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.applicantName}</Text>
                    <Text size="xs" c="dimmed">
                      {faDigits(c.applicantNationalCode)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{fileNumberFa(c.propertyFileNumber)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <JalaliDate value={c.createdAt} />
                  </Table.Td>
                  <Table.Td>{c.stepDueAt ? <JalaliDate value={c.stepDueAt} withTime /> : null}</Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            <Pager page={page} pageSize={PAGE_SIZE} total={cases.data.total} capped={cases.data.totalCapped} onChange={(p) => change({ page: String(p) })} />
          </>
        )
      )}
    </>
  );
}
