import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Group, Paper, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { STATE_LABELS_FA } from '../../../contracts/workflow';
import { useMe } from '../../app/auth';
import { faDigits, formatNumber, t, toAsciiDigits } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { SlaBadge } from '../../ui/SlaBadge';
import { QUEUE_PAGE_SIZE, QUEUE_STATES, QUEUE_TABS, queueQuery, tabCount, tabOf, type CaseListItem, type QueueState } from './district.model';
import { caseListOptions, useCases } from '../requests/requests.queries';

/** صف کار منطقه: the district's cases by step, for its reviewers and approver. */
export function DistrictQueuePage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get('tab'), me.role);
  // The search box narrows every tab (the server searches); it lives in the address, so a link keeps it.
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const setQuery = (next: string) => {
    const p = new URLSearchParams(params);
    if (next) p.set('q', next);
    else p.delete('q');
    setParams(p);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(toAsciiDigits(typed).trim());
  };
  // Every state's first page: the tab counts come from their totals, and the open tab's first page is already there.
  const firstPages = useQueries({ queries: QUEUE_STATES.map((state) => caseListOptions(queueQuery(state, 1, q))) });
  const totals = Object.fromEntries(QUEUE_STATES.flatMap((state, i) => (firstPages[i]?.data ? [[state, { total: firstPages[i].data.total, capped: firstPages[i].data.totalCapped }]] : [])));

  return (
    <>
      <PageTitle title={t.district.title} description={me.district ? t.district.description(me.district.nameFa) : t.district.cityWide} />
      <Paper withBorder p="md" mb="md" component="form" onSubmit={search} role="search" aria-label={t.district.searchLabel}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={t.district.search}
            description={t.district.searchHint}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit">{t.ui.search}</Button>
          {q && (
            <Button
              variant="default"
              onClick={() => {
                setTyped('');
                setQuery('');
              }}
            >
              {t.district.clearSearch}
            </Button>
          )}
        </Group>
      </Paper>
      <Tabs value={tab} onChange={(value) => value && setParams({ tab: value, ...(q ? { q } : {}) })} keepMounted={false}>
        <Tabs.List aria-label={t.district.tabsLabel} mb="md">
          {QUEUE_TABS.map(({ key }) => {
            const count = tabCount(key, totals);
            return (
              <Tabs.Tab key={key} value={key} rightSection={count === null ? undefined : <Badge color="gray.7" size="sm">{count.capped ? t.ui.pager.atLeast(formatNumber(count.total)) : formatNumber(count.total)}</Badge>}>
                {t.district.tabs[key]}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {QUEUE_TABS.map(({ key, states }) => (
          <Tabs.Panel key={key} value={key}>
            {states.map((state) => (
              <QueueSection key={`${state}|${q}`} state={state} titled={states.length > 1} q={q} />
            ))}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

/** One state's cases. A tab of two states shows two of these, each with its own heading and pages. */
function QueueSection({ state, titled, q }: { state: QueueState; titled: boolean; q: string }) {
  const [page, setPage] = useState(1);
  const list = useCases(queueQuery(state, page, q), { keepPrevious: false });
  return (
    <section aria-label={STATE_LABELS_FA[state]}>
      {titled && (
        <Title order={2} size="h4" mt="md" mb="xs">
          {STATE_LABELS_FA[state]}
        </Title>
      )}
      <QueryState
        query={list}
        isEmpty={(found) => found.items.length === 0}
        empty={<EmptyState title={t.district.emptyTitle} description={t.district.emptyBody} />}
      >
        {(found) => (
          <>
            <QueueTable items={found.items} />
            <Pager page={page} pageSize={QUEUE_PAGE_SIZE} total={found.total} capped={found.totalCapped} onChange={setPage} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function QueueTable({ items }: { items: CaseListItem[] }) {
  const navigate = useNavigate();
  const c = t.district.columns;
  return (
    <ListTable
      minWidth={880}
      highlightOnHover
      verticalSpacing="sm"
      data-testid="district-queue"
      columns={[c.trackingCode, c.service, c.applicant, c.office, c.inspector, c.dueAt, c.sla]}
    >
      {items.map((item) => (
        // The whole row opens the case for the mouse; the tracking code is the link for the keyboard.
        <Table.Tr key={item.id} onClick={() => navigate(`/requests/${item.id}`)} style={{ cursor: 'pointer' }} data-tracking-code={item.trackingCode}>
          <Table.Td>
            <Anchor component={Link} to={`/requests/${item.id}`} aria-label={t.district.openCase(faDigits(item.trackingCode))} onClick={(e) => e.stopPropagation()}>
              <bdi>{faDigits(item.trackingCode)}</bdi>
            </Anchor>
          </Table.Td>
          <Table.Td>{item.serviceNameFa}</Table.Td>
          <Table.Td>{item.applicantName}</Table.Td>
          <Table.Td>{item.officeNameFa}</Table.Td>
          <Table.Td data-column="inspector">{item.inspectorName ?? <Text c="dimmed" size="sm">{t.district.noInspector}</Text>}</Table.Td>
          <Table.Td>{item.stepDueAt ? <JalaliDate value={item.stepDueAt} withTime /> : <Text c="dimmed" size="sm">{t.district.noDue}</Text>}</Table.Td>
          <Table.Td>{item.slaState && <SlaBadge state={item.slaState} />}</Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
