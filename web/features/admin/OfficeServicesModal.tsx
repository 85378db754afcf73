import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { useSaveAndClose } from '../../ui/useSaveAndClose';
import type { Office } from './admin.model';

const s = t.admin.offices;

/** The services a desk may register: the city's catalog, ticked per desk. */
export function OfficeServicesModal({ office, onClose }: { office: Office; onClose: () => void }) {
  const catalog = useQuery({ queryKey: ['services'], queryFn: () => unwrap(api.GET('/api/services')) });
  const current = useQuery({
    queryKey: ['offices', office.id, 'services'],
    queryFn: () => unwrap(api.GET('/api/offices/{officeId}/services', { params: { path: { officeId: office.id } } })),
  });
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
  const save = useSaveAndClose({
    save: () => unwrap(api.PUT('/api/offices/{officeId}/services', { params: { path: { officeId } }, body: { serviceCodes: codes } })),
    refresh: [['offices', officeId, 'services']],
    onClose,
  });
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
