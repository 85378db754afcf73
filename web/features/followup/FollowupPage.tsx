import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Box, Button, Card, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, formatNumber, t } from '../../i18n';
import { STATUS_ORANGE, STATUS_RED } from '../../ui/colors';
import { EmptyState } from '../../ui/EmptyState';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { SlaBadge } from '../../ui/SlaBadge';
import { ChaseModal } from './ChaseModal';
import { ProgressSection } from './ProgressSection';
import { CHASE_PAGE_SIZE, chaseTotals, riskOf, telHref, type ChaseItem, type ChaseList } from './followup.model';
import { useChaseList } from './followup.queries';

const s = t.followup;

/** پیگیری: the follow-up officer's list of late cases in the district, and who holds each. */
export function FollowupPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const risk = riskOf(params.get('risk'));
  const page = Number(params.get('page')) || 1;
  const [chasing, setChasing] = useState<ChaseItem | null>(null);
  const list = useChaseList({ risk, page, pageSize: CHASE_PAGE_SIZE });
  const canRecord = me.permissions.includes('followup.write');
  const show = (next: { risk?: string; page?: number }) =>
    setParams({ ...(next.risk ? { risk: next.risk } : {}), ...(next.page && next.page > 1 ? { page: String(next.page) } : {}) });

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <SegmentedControl
        mb="md"
        aria-label={s.riskFilter}
        value={risk ?? 'all'}
        onChange={(value) => show({ risk: value === 'all' ? undefined : value })}
        data={[
          { value: 'all', label: s.risk.all },
          { value: 'overdue', label: s.risk.overdue },
          { value: 'at_risk', label: s.risk.at_risk },
        ]}
      />
      <QueryState query={list} isEmpty={(found) => found.total === 0} empty={<EmptyState title={s.emptyTitle} description={s.emptyBody} />}>
        {(found) => (
          <Stack gap="lg">
            <Summary data={found} />
            <section aria-labelledby="chase-list-title">
              <Title order={2} size="h4" mb="xs" id="chase-list-title">
                {s.listTitle}
              </Title>
              <ChaseTable items={found.items} canRecord={canRecord} onChase={setChasing} />
              <Pager page={page} pageSize={CHASE_PAGE_SIZE} total={found.total} onChange={(p) => show({ risk, page: p })} />
            </section>
          </Stack>
        )}
      </QueryState>
      <Box mt="xl">
        <ProgressSection />
      </Box>
      {chasing && <ChaseModal kase={chasing} canRecord={canRecord} onClose={() => setChasing(null)} />}
    </>
  );
}

function Summary({ data }: { data: ChaseList }) {
  const totals = chaseTotals(data.byStep);
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 2 }} maw={520}>
        <Total testId="overdue-total" label={s.summary.overdue} value={totals.overdue} color={STATUS_RED} />
        <Total testId="at-risk-total" label={s.summary.atRisk} value={totals.atRisk} color={STATUS_ORANGE} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <CountTable title={s.summary.byStep} nameTitle={s.summary.step} rows={data.byStep.map((r) => ({ key: r.state, name: r.labelFa, ...r }))} />
        <CountTable title={s.summary.byOffice} nameTitle={s.summary.office} rows={data.byOffice.map((r) => ({ key: r.officeId, name: r.nameFa, ...r }))} />
      </SimpleGrid>
    </>
  );
}

/** One count in large figures, in its SLA colour, readable at a glance. */
function Total({ testId, label, value, color }: { testId: string; label: string; value: number; color: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Text size="sm">{label}</Text>
      <Text fw={700} fz="xl" c={color}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

function CountTable({ title, nameTitle, rows }: { title: string; nameTitle: string; rows: { key: string; name: string; overdue: number; atRisk: number }[] }) {
  return (
    <Table withTableBorder captionSide="top" striped>
      <Table.Caption>
        <Text fw={600} ta="start">
          {title}
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{nameTitle}</Table.Th>
          <Table.Th>{s.summary.overdueCount}</Table.Th>
          <Table.Th>{s.summary.atRiskCount}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>{formatNumber(r.overdue)}</Table.Td>
            <Table.Td>{formatNumber(r.atRisk)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ChaseTable({ items, canRecord, onChase }: { items: ChaseItem[]; canRecord: boolean; onChase: (item: ChaseItem) => void }) {
  const c = s.columns;
  return (
    <ListTable
  minWidth={980}
  verticalSpacing="sm"
  data-testid="chase-list"
  columns={[c.trackingCode, c.service, c.state, c.dueAt, c.risk, c.holder, c.lastFollowup, <VisuallyHidden>{t.ui.actions}</VisuallyHidden>]}
>
  {items.map((item) => (
    <Table.Tr key={item.requestId} data-tracking-code={item.trackingCode}>
      <Table.Td>
        <Anchor component={Link} to={`/requests/${item.requestId}`}>
          <bdi>{faDigits(item.trackingCode)}</bdi>
        </Anchor>
      </Table.Td>
      <Table.Td>{item.serviceNameFa}</Table.Td>
      <Table.Td>{item.stateLabelFa}</Table.Td>
      <Table.Td>
        <JalaliDate value={item.stepDueAt} withTime />
      </Table.Td>
      <Table.Td>
        <SlaBadge state={item.risk} />
      </Table.Td>
      <Table.Td>
        <Holder holder={item.holder} />
      </Table.Td>
      <Table.Td>
        {item.lastFollowup ? (
          <Stack gap={0}>
            <Text size="sm" lineClamp={2}>
              {item.lastFollowup.note}
            </Text>
            <Text size="xs" c="dimmed">
              <JalaliDate value={item.lastFollowup.at} />
              {item.lastFollowup.promisedDate && ` — ${s.promised(formatJalaliDate(item.lastFollowup.promisedDate))}`}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {s.noFollowup}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant={canRecord ? 'filled' : 'default'} onClick={() => onChase(item)}>
          {canRecord ? s.record : s.history}
        </Button>
      </Table.Td>
    </Table.Tr>
  ))}
    </ListTable>
  );
}

/** Who must act next; the phone dials on a tap. */
function Holder({ holder }: { holder: ChaseItem['holder'] }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {holder.titleFa}
      </Text>
      {holder.name && <Text size="sm">{holder.name}</Text>}
      {holder.phone && (
        <Anchor href={telHref(holder.phone)} size="sm" aria-label={s.call(holder.name ?? holder.titleFa, faDigits(holder.phone))}>
          <bdi dir="ltr">{faDigits(holder.phone)}</bdi>
        </Anchor>
      )}
    </Stack>
  );
}
