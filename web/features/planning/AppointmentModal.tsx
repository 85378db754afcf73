import { Alert, Modal, Radio, SimpleGrid, Text } from '@mantine/core';
import { faDigits, formatJalaliDate, t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { LoadingState } from '../../ui/LoadingState';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { useVisitDays } from '../inspections/inspections.queries';
import { appointmentErrors, clockFa, splitWindow, windowKey, type BoardVisit } from './planning.model';
import { useConfirmAppointment, useWindows } from './planning.queries';

/**
 * تعیین نوبت: the district gives the owner a day and a window the planner can keep; confirmed, the
 * case is scheduled and the owner is told by SMS.
 */
export function AppointmentModal({ visit, onClose }: { visit: BoardVisit; onClose: () => void }) {
  const m = t.planning.appointment;
  const visitDays = useVisitDays();
  const confirm = useConfirmAppointment(visit.requestId);
  const form = useForm({ date: null as string | null, window: null as string | null }, appointmentErrors);
  const windows = useWindows(visit.requestId, form.values.date);
  const date = form.values.date ?? windows.data?.date ?? null;

  const save = {
    ...confirm,
    mutate: () => date && form.values.window && confirm.mutate({ version: visit.version, date, ...splitWindow(form.values.window) }, { onSuccess: onClose }),
  };

  return (
    <Modal opened onClose={onClose} title={m.title(faDigits(visit.trackingCode))} centered>
      {windows.isError && <ErrorAlert error={windows.error} />}
      <SaveForm form={form} save={save} submitLabel={m.submit} onCancel={onClose}>
        <Text size="sm">{m.owner(visit.applicantName)}</Text>
        {visit.proposedDate && (
          <Text size="sm" fw={600} data-testid="proposed-date">
            {t.planning.proposed(formatJalaliDate(visit.proposedDate))}
          </Text>
        )}
        <JalaliDatePicker
          label={m.date}
          value={date}
          onChange={(d) => {
            form.set('date', d);
            form.set('window', null);
          }}
          isAllowed={visitDays}
        />
        {windows.isPending ? (
          <LoadingState />
        ) : windows.data && windows.data.windows.length === 0 ? (
          <Alert color="gray">{m.none}</Alert>
        ) : (
          <Radio.Group label={m.windows} value={form.values.window} onChange={(v) => form.set('window', v)} error={form.error('window', confirm.error)}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs">
              {(windows.data?.windows ?? []).map((w) => (
                <Radio
                  key={windowKey(w)}
                  value={windowKey(w)}
                  disabled={!w.available}
                  label={`${t.planning.window(clockFa(w.windowStart), clockFa(w.windowEnd))}${w.available ? '' : ` (${m.unavailable})`}`}
                />
              ))}
            </SimpleGrid>
          </Radio.Group>
        )}
      </SaveForm>
    </Modal>
  );
}
