import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { fileNumberFa, faDigits, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { propertySearch, type Property } from '../properties/properties.queries';
import { useCases, type CaseListItem } from '../requests/requests.queries';
import { MaybeSla, StateBadge } from '../requests/CaseBadges';
import { caseQuery, interpretSearch, propertyFilters } from './searchKind';

const s = t.desk.search;
const PAGE = { page: 1, pageSize: 20, order: 'desc' } as const;

/** /search — the desk's one box: whatever the citizen hands over finds the file or the case. */
export function SearchPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const term = params.get('q') ?? '';
  const [typed, setTyped] = useState(term);
  const plan = interpretSearch(term);
  const filters = propertyFilters(plan);
  const q = caseQuery(plan);
  const canCreate = me.permissions.includes('property.write');

  const propertySearches = useQueries({ queries: filters.map((filter) => propertySearch({ ...PAGE, sort: 'updatedAt', ...filter })) });
  const cases = useCases({ ...PAGE, sort: 'createdAt', q: q ?? '' }, { enabled: q !== null, keepPrevious: false });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(typed.trim() ? { q: typed.trim() } : {});
  };

  // The same file can match twice (its postal code and an owner's national code): listed once.
  const properties = [...new Map(propertySearches.flatMap((r) => r.data?.items ?? []).map((p) => [p.id, p])).values()];
  const loading = propertySearches.some((r) => r.isPending) || (q !== null && cases.isPending);
  const failed = propertySearches.find((r) => r.isError)?.error ?? cases.error;
  const caseItems = q !== null ? (cases.data?.items ?? []) : [];
  const searched = term !== '' && plan.kinds.length > 0;

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <Paper withBorder p="md" mb="md" component="form" role="search" aria-label={s.title} onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={s.label}
            description={s.hint}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoFocus
            autoComplete="off"
            size="md"
            style={{ flex: '1 1 20rem' }}
          />
          <Button type="submit" size="md">
            {s.submit}
          </Button>
          {canCreate && (
            <Button component={Link} to="/properties/new" variant="default" size="md">
              {s.newProperty}
            </Button>
          )}
        </Group>
        {term && (
          <Group gap="xs" mt="sm" data-testid="search-kinds">
            <Text size="sm">{plan.kinds.length > 0 ? s.searchingAs : s.unknownTerm}</Text>
            {plan.kinds.map((kind) => (
              <Badge key={kind} variant="light" style={{ textTransform: 'none' }}>
                {s.kinds[kind]}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>

      {failed && <ErrorAlert error={failed} />}
      {!searched ? null : loading ? (
        <LoadingState />
      ) : properties.length === 0 && caseItems.length === 0 ? (
        <EmptyState title={s.noneTitle} description={canCreate ? s.noneBody : undefined}>
          {canCreate && (
            <Button component={Link} to="/properties/new">
              {s.newProperty}
            </Button>
          )}
        </EmptyState>
      ) : (
        <Stack gap="md">
          <PropertyResults items={properties} />
          <CaseResults items={caseItems} />
        </Stack>
      )}
    </>
  );
}

function PropertyResults({ items }: { items: Property[] }) {
  const c = s.columns;
  return (
    <Section id="property-results" title={s.properties(formatNumber(items.length))}>
      {items.length === 0 ? (
        <Text c="dimmed">{s.noProperties}</Text>
      ) : (
        <ListTable minWidth={720} highlightOnHover columns={[c.fileNumber, c.district, c.address, c.owners, c.postalCode]}>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/properties/${p.id}`} fw={600}>
                  <bdi>{fileNumberFa(p.fileNumber)}</bdi>
                </Anchor>
              </Table.Td>
              <Table.Td>{p.district.nameFa}</Table.Td>
              <Table.Td>{faDigits(p.address)}</Table.Td>
              <Table.Td>{p.owners.map((o) => o.person.displayName).join('، ')}</Table.Td>
              <Table.Td>{p.postalCode ? faDigits(p.postalCode) : null}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Section>
  );
}

function CaseResults({ items }: { items: CaseListItem[] }) {
  const c = s.columns;
  return (
    <Section id="case-results" title={s.cases(formatNumber(items.length))}>
      {items.length === 0 ? (
        <Text c="dimmed">{s.noCases}</Text>
      ) : (
        <ListTable minWidth={720} highlightOnHover columns={[c.trackingCode, c.service, c.state, c.applicant, c.registeredAt]}>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/requests/${r.id}`} fw={600}>
                  {faDigits(r.trackingCode)}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.serviceNameFa}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StateBadge state={r.state} />
                  <MaybeSla state={r.slaState} />
                </Group>
              </Table.Td>
              <Table.Td>{r.applicantName}</Table.Td>
              <Table.Td>
                <JalaliDate value={r.createdAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Section>
  );
}
