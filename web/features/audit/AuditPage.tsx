import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { faDigits, formatNumber, t } from '../../i18n';
import { STATUS_GREEN, STATUS_RED } from '../../ui/colors';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { SearchSelect, type Option } from '../../ui/SearchSelect';
import { staffSearch } from '../admin/admin.queries';
import {
  ACTION_OPTIONS, actionLabel, AUDIT_PAGE_SIZE, auditQuery, ENTITY_OPTIONS, entityLabel, NO_FILTERS, roleTitle, type AuditFilters, type AuditRow,
} from './audit.model';
import { useAuditLog, useVerifyChain } from './audit.queries';

const s = t.audit;

/** گزارش رویدادها: the audit log, read-only, and a check of its hash chain. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [actor, setActor] = useState<Option | null>(null);
  const [page, setPage] = useState(1);
  const query = auditQuery(filters, page);
  const log = useAuditLog(query);
  const filter = (next: Partial<AuditFilters>) => {
    setFilters({ ...filters, ...next });
    setPage(1);
  };

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <ChainCheck />
      <Paper withBorder p="md" mb="md" component="section" aria-label={s.filters.label}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <SearchSelect
            label={s.filters.actor}
            placeholder={s.filters.actorSearch}
            value={actor}
            onChange={(option) => {
              setActor(option);
              filter({ actorStaffId: option?.value ?? null });
            }}
            queryKey={staffSearch.queryKey}
            search={staffSearch.search}
          />
          <Select label={s.filters.entityType} placeholder={s.filters.any} data={ENTITY_OPTIONS} value={filters.entityType} onChange={(entityType) => filter({ entityType })} clearable />
          <Select label={s.filters.action} placeholder={s.filters.any} data={ACTION_OPTIONS} value={filters.action} onChange={(action) => filter({ action })} searchable clearable />
          <JalaliDatePicker label={s.filters.from} value={filters.from} onChange={(from) => filter({ from })} />
          <JalaliDatePicker label={s.filters.to} value={filters.to} onChange={(to) => filter({ to })} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            onClick={() => {
              setActor(null);
              filter(NO_FILTERS);
            }}
          >
            {s.filters.clear}
          </Button>
        </Group>
      </Paper>
      <QueryState query={log} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={s.emptyTitle} />}>
        {(found) => (
          <>
            <AuditTable rows={found.items} />
            <Pager page={page} pageSize={AUDIT_PAGE_SIZE} total={found.total} capped={found.totalCapped} onChange={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}

/** Recomputes the hash chain on the server and says whether any row was changed or removed. */
function ChainCheck() {
  const verify = useVerifyChain();
  return (
    <Stack gap="sm" mb="md">
      <Group>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {s.verify}
        </Button>
      </Group>
      {verify.isError && <ErrorAlert error={verify.error} />}
      {verify.data &&
        (verify.data.ok ? (
          <Alert variant="filled" color={STATUS_GREEN} title={s.chainOkTitle} role="status" data-testid="chain-result">
            {s.chainOk(formatNumber(verify.data.rows))}
            {verify.data.pending > 0 && ` ${s.chainPending(formatNumber(verify.data.pending))}`}
          </Alert>
        ) : (
          <Alert variant="filled" color={STATUS_RED} title={s.chainBrokenTitle} role="alert" data-testid="chain-result">
            {s.chainBroken(formatNumber(verify.data.brokenAt ?? 0))}
          </Alert>
        ))}
    </Stack>
  );
}

function AuditTable({ rows }: { rows: AuditRow[] }) {
  const c = s.columns;
  return (
    <ListTable minWidth={860} striped verticalSpacing="xs" data-testid="audit-log" columns={[c.seq, c.at, c.actor, c.action, c.entity, c.ip]}>
      {rows.map((row) => (
        <Table.Tr key={row.seq} data-action={row.action}>
          <Table.Td>{formatNumber(row.seq)}</Table.Td>
          <Table.Td>
            <JalaliDate value={row.at} withTime />
          </Table.Td>
          <Table.Td>
            {row.actor ? (
              <Stack gap={0}>
                <Text size="sm">{row.actor.name}</Text>
                <Text size="xs" c="dimmed">
                  {roleTitle(row.actor.role)}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {s.system}
              </Text>
            )}
          </Table.Td>
          <Table.Td title={row.action}>{actionLabel(row.action)}</Table.Td>
          <Table.Td>
            <Entity row={row} />
          </Table.Td>
          <Table.Td>
            <bdi dir="ltr">{row.ip === 'system' ? s.systemIp : row.ip ? faDigits(row.ip) : s.noIp}</bdi>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/**
 * The subject of the event; a case or a property file links to its page. Its id is a technical
 * code, not something a person reads: it stays in the title (hover) for the one who must match it.
 */
function Entity({ row }: { row: AuditRow }) {
  const label = entityLabel(row.entityType);
  if (!row.entityId) return <Text size="sm">{label}</Text>;
  const to = row.entityType === 'request' ? `/requests/${row.entityId}` : row.entityType === 'property' ? `/properties/${row.entityId}` : null;
  return to ? (
    <Anchor component={Link} to={to} size="sm" title={row.entityId}>
      {label}
    </Anchor>
  ) : (
    <Text size="sm" title={row.entityId}>
      {label}
    </Text>
  );
}
