import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import type { Office } from './admin.model';
import { useOfficeServices, useSaveOfficeServices } from './admin.queries';
import { useServices } from '../requests/requests.queries';

const s = t.admin.offices;

/** The services a desk may register: the city's catalog, ticked per desk. */
export function OfficeServicesModal({ office, onClose }: { office: Office; onClose: () => void }) {
  const catalog = useServices();
  const current = useOfficeServices(office.id);
  return (
    <Modal opened onClose={onClose} title={s.servicesTitle(office.nameFa)} size="lg">
      {catalog.isPending || current.isPending ? (
        <LoadingState />
      ) : catalog.isError || current.isError ? (
        <ErrorAlert error={catalog.error ?? current.error} />
      ) : (
        <ServicesForm officeId={office.id} services={catalog.data.items} initial={current.data.serviceCodes} onClose={onClose} />
      )}
    </Modal>
  );
}

function ServicesForm({ officeId, services, initial, onClose }: { officeId: string; services: { code: string; nameFa: string; active: boolean }[]; initial: string[]; onClose: () => void }) {
  const [codes, setCodes] = useState(initial);
  const save = useSaveOfficeServices(officeId, { values: () => codes, onClose });
  return (
    <Stack>
      {save.isError && <ErrorAlert error={save.error} />}
      <Checkbox.Group label={s.servicesLabel} description={s.servicesHint} value={codes} onChange={setCodes}>
        <Stack gap="xs" mt="xs">
          {services.map((service) => (
            <Checkbox key={service.code} value={service.code} label={service.nameFa} description={service.active ? undefined : s.inactiveService} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.ui.cancel}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t.ui.save}
        </Button>
      </Group>
    </Stack>
  );
}
