import { useState } from 'react';
import { Anchor, Badge, Button, Group, Table, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { faDigits, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { QueryState } from '../../ui/QueryState';
import { STATUS_GREEN, STATUS_ORANGE } from '../../ui/colors';
import { ClientFormModal } from './ClientFormModal';
import { ShownOnceModal } from './ShownOnceModal';
import { useClients } from './clients.queries';

const s = t.clients;

/** دسترسی سامانه‌های دیگر: the organisations whose software calls the open API, for the city admin. */
export function ClientsPage() {
  const clients = useClients();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const q = search.trim().toLowerCase();

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <Group mb="md" align="end" justify="space-between">
        <TextInput label={s.search} placeholder={s.searchHint} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Button onClick={() => setAdding(true)}>{s.add}</Button>
      </Group>
      <QueryState query={clients} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={s.emptyTitle} description={s.emptyBody} />}>
        {(found) => {
          const shown = found.items.filter((c) => !q || c.nameFa.toLowerCase().includes(q) || c.officialCode.toLowerCase().includes(q));
          if (!shown.length) return <EmptyState title={s.noMatch} />;
          return (
            <ListTable minWidth={760} striped verticalSpacing="xs" data-testid="api-clients" columns={[s.columns.name, s.columns.kind, s.columns.officialCode, s.columns.status, s.columns.keys]}>
              {shown.map((c) => (
                <Table.Tr key={c.id} data-client-id={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/api-clients/${c.id}`}>
                      {c.nameFa}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{s.kinds[c.kind] ?? c.kind}</Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{faDigits(c.officialCode)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.active ? STATUS_GREEN : STATUS_ORANGE}>{c.active ? s.active : s.suspended}</Badge>
                  </Table.Td>
                  <Table.Td>{formatNumber(c.activeKeys ?? 0)}</Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          );
        }}
      </QueryState>
      {adding && <ClientFormModal onClose={() => setAdding(false)} onCreated={(created) => setSecret(created.webhookSecret ?? null)} />}
      {secret && <ShownOnceModal title={s.secret.title} intro={s.secret.intro} warning={s.secret.warning} done={s.secret.done} value={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
