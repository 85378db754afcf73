import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { faDigits, formatJalaliDate, formatJalaliDateTime, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Facts } from '../../ui/Facts';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { RowActions } from '../../ui/RowActions';
import { Section } from '../../ui/Section';
import { STATUS_GREEN, STATUS_GREY, STATUS_ORANGE, STATUS_RED } from '../../ui/colors';
import { ClientFormModal } from './ClientFormModal';
import { KeyIssueModal } from './KeyIssueModal';
import { ShownOnceModal } from './ShownOnceModal';
import {
  DELIVERIES_PAGE_SIZE, keyStatus, useClients, useDeliveries, useKeys, useRevokeKey, useSetClientActive, type ApiClient, type ApiKey,
} from './clients.queries';

const s = t.clients;
const KEY_COLORS = { live: STATUS_GREEN, revoked: STATUS_RED, expired: STATUS_GREY } as const;
const DELIVERY_COLORS: Record<string, string> = { pending: STATUS_ORANGE, delivered: STATUS_GREEN, dead: STATUS_RED };

/** Asks before an action that cannot be taken back, and shows the server's refusal if there is one. */
function ConfirmModal({ title, body, submit, action, onClose }: { title: string; body: string; submit: string; action: () => Promise<unknown>; onClose: () => void }) {
  const run = useMutation({ mutationFn: action, onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        {run.isError && <ErrorAlert error={run.error} />}
        <Text>{body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.ui.cancel}
          </Button>
          <Button color="red" loading={run.isPending} onClick={() => run.mutate()}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Settings({ client }: { client: ApiClient }) {
  const [editing, setEditing] = useState(false);
  const [suspending, setSuspending] = useState(false);
  const activate = useSetClientActive(client.id);
  // Its own instance: a refused suspension shows in the dialog, not under the settings too.
  const suspend = useSetClientActive(client.id);
  const f = s.detail.facts;
  return (
    <Section id="client-settings" title={s.detail.settings}>
      {activate.isError && <ErrorAlert error={activate.error} />}
      <Facts
        labelWidth="10rem"
        items={[
          { label: f.kind, value: s.kinds[client.kind] ?? client.kind },
          { label: f.officialCode, value: <bdi dir="ltr">{faDigits(client.officialCode)}</bdi> },
          { label: f.status, value: <Badge color={client.active ? STATUS_GREEN : STATUS_ORANGE}>{client.active ? s.active : s.suspended}</Badge> },
          { label: f.rateLimit, value: s.detail.perMinute(formatNumber(client.rateLimitPerMinute)) },
          { label: f.allowedIps, value: client.allowedIps?.length ? <bdi dir="ltr" style={{ wordBreak: 'break-all' }}>{client.allowedIps.map(faDigits).join('، ')}</bdi> : f.anyIp },
          { label: f.webhookUrl, value: client.webhookUrl ? <bdi dir="ltr" style={{ wordBreak: 'break-all' }}>{client.webhookUrl}</bdi> : f.none },
          { label: f.webhookEvents, value: client.webhookEvents.length ? client.webhookEvents.map((e) => s.events[e] ?? e).join('، ') : f.none },
          { label: f.createdAt, value: formatJalaliDate(client.createdAt) },
        ]}
      />
      <Group mt="md">
        <Button variant="default" onClick={() => setEditing(true)}>
          {s.detail.edit}
        </Button>
        {client.active ? (
          <Button variant="default" color="orange" onClick={() => setSuspending(true)}>
            {s.detail.suspend}
          </Button>
        ) : (
          <Button variant="default" loading={activate.isPending} onClick={() => activate.mutate(true)}>
            {s.detail.activate}
          </Button>
        )}
      </Group>
      {editing && <ClientFormModal client={client} onClose={() => setEditing(false)} />}
      {suspending && <ConfirmModal title={s.detail.suspend} body={s.detail.suspendConfirm} submit={s.detail.suspend} action={() => suspend.mutateAsync(false)} onClose={() => setSuspending(false)} />}
    </Section>
  );
}

function Keys({ client }: { client: ApiClient }) {
  const keys = useKeys(client.id);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const k = s.keys;
  const revoke = useRevokeKey(client.id);
  return (
    <Section id="client-keys" title={k.title}>
      <Group mb="md">
        <Button onClick={() => setIssuing(true)}>{k.issue}</Button>
      </Group>
      <QueryState query={keys} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={k.empty} />}>
        {(found) => (
          <ListTable minWidth={820} striped verticalSpacing="xs" data-testid="api-keys" columns={[k.columns.prefix, k.columns.scopes, k.columns.expiresAt, k.columns.lastUsedAt, k.columns.status, t.ui.actions]}>
            {found.items.map((key) => {
              const status = keyStatus(key);
              return (
                <Table.Tr key={key.id} data-prefix={key.prefix}>
                  <Table.Td>
                    {/* How the key itself begins (mk_<prefix>_…), so the organisation's technician can match it. */}
                    <bdi dir="ltr">{`mk_${key.prefix}_…`}</bdi>
                  </Table.Td>
                  <Table.Td>{key.scopes.map((sc) => s.scopes[sc] ?? sc).join('، ')}</Table.Td>
                  <Table.Td>{formatJalaliDate(key.expiresAt)}</Table.Td>
                  <Table.Td>{key.lastUsedAt ? formatJalaliDateTime(key.lastUsedAt) : k.never}</Table.Td>
                  <Table.Td>
                    <Badge color={KEY_COLORS[status]}>{k.statuses[status]}</Badge>
                  </Table.Td>
                  <Table.Td>{status === 'live' && <RowActions label={k.rowActions(key.prefix)} actions={[{ label: k.revoke, onClick: () => setRevoking(key) }]} />}</Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        )}
      </QueryState>
      {issuing && <KeyIssueModal clientId={client.id} kind={client.kind} onClose={() => setIssuing(false)} onIssued={setIssued} />}
      {issued && <ShownOnceModal title={k.shown.title} intro={k.shown.intro} warning={k.shown.warning} done={k.shown.done} value={issued} onClose={() => setIssued(null)} />}
      {revoking && (
        <ConfirmModal title={k.revokeTitle} body={k.revokeConfirm(revoking.prefix)} submit={k.revokeSubmit} action={() => revoke.mutateAsync(revoking)} onClose={() => setRevoking(null)} />
      )}
    </Section>
  );
}

function Deliveries({ client }: { client: ApiClient }) {
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries(client.id, page);
  const d = s.deliveries;
  return (
    <Section id="client-deliveries" title={d.title}>
      <QueryState query={deliveries} isEmpty={(found) => found.total === 0} empty={<EmptyState title={d.empty} />}>
        {(found) => (
          <>
            <ListTable minWidth={760} striped verticalSpacing="xs" data-testid="webhook-deliveries" columns={[d.columns.createdAt, d.columns.event, d.columns.status, d.columns.attempts, d.columns.lastStatus, d.columns.deliveredAt]}>
              {found.items.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>{formatJalaliDateTime(row.createdAt)}</Table.Td>
                  <Table.Td>{s.events[row.eventType] ?? row.eventType}</Table.Td>
                  <Table.Td>
                    <Badge color={DELIVERY_COLORS[row.status]}>{d.statuses[row.status]}</Badge>
                  </Table.Td>
                  <Table.Td>{formatNumber(row.attempts)}</Table.Td>
                  <Table.Td>{row.lastStatusCode !== null ? faDigits(row.lastStatusCode) : (row.lastError ?? '—')}</Table.Td>
                  <Table.Td>{row.deliveredAt ? formatJalaliDateTime(row.deliveredAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            <Pager page={page} pageSize={DELIVERIES_PAGE_SIZE} total={found.total} onChange={setPage} />
          </>
        )}
      </QueryState>
    </Section>
  );
}

/** One organisation: its settings, suspension, keys (issue once-shown, revoke) and its webhook delivery log. */
export function ClientPage() {
  const { id = '' } = useParams();
  const clients = useClients();
  return (
    <QueryState query={clients}>
      {(found) => {
        const client = found.items.find((c) => c.id === id);
        if (!client) {
          return (
            <EmptyState title={s.detail.notFound}>
              <Anchor component={Link} to="/admin/api-clients">
                {s.detail.back}
              </Anchor>
            </EmptyState>
          );
        }
        return (
          <Stack>
            <Anchor component={Link} to="/admin/api-clients" size="sm">
              {s.detail.back}
            </Anchor>
            <PageTitle title={client.nameFa} description={s.kinds[client.kind]} />
            <Settings client={client} />
            <Keys client={client} />
            <Deliveries client={client} />
          </Stack>
        );
      }}
    </QueryState>
  );
}
