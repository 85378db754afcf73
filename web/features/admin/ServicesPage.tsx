import { useState } from 'react';
import { Badge, Button, Table } from '@mantine/core';
import { useMe } from '../../app/auth';
import { formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ListTable } from '../../ui/ListTable';
import { Money } from '../../ui/Money';
import { PageTitle } from '../../ui/PageTitle';
import { QueryState } from '../../ui/QueryState';
import type { ServiceSummary } from './admin.model';
import { STATUS_COLORS } from './admin.queries';
import { useServices } from '../requests/requests.queries';
import { ServiceEditModal } from './ServiceEditModal';

const s = t.admin.services;

/** فهرست خدمات: the city's services with fee, answer validity and status; the admin edits them. */
export function ServicesPage() {
  const me = useMe();
  const canManage = me.permissions.includes('catalog.manage');
  const [editing, setEditing] = useState<ServiceSummary | null>(null);
  // The whole catalog in one answer: a city has tens of services, not thousands.
  const services = useServices();

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <QueryState query={services} isEmpty={(found) => found.items.length === 0} empty={<EmptyState title={s.emptyTitle} />}>
        {(found) => (
          <ListTable
            minWidth={760}
            striped
            verticalSpacing="xs"
            data-testid="services"
            columns={[s.columns.name, s.columns.category, s.columns.fee, s.columns.validity, s.columns.active, canManage && t.ui.actions]}
          >
            {found.items.map((service) => (
              <Table.Tr key={service.code} data-service-code={service.code}>
                <Table.Td>{service.nameFa}</Table.Td>
                <Table.Td>{s.categories[service.category] ?? service.category}</Table.Td>
                <Table.Td>
                  <Money rials={service.feeRials} />
                </Table.Td>
                <Table.Td>{s.days(formatNumber(service.answerValidityDays))}</Table.Td>
                <Table.Td>
                  <Badge color={service.active ? STATUS_COLORS.active : STATUS_COLORS.inactive}>{service.active ? s.active : s.inactive}</Badge>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(service)} aria-label={s.edit(service.nameFa)}>
                      {t.ui.edit}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </QueryState>
      {editing && <ServiceEditModal service={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
