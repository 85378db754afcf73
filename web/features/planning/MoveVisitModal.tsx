import { Modal, Select } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { moveErrors, positionChoices, type BoardVisit, type DayPlan } from './planning.model';
import { useMoveVisit, type DayKey } from './planning.queries';

interface MoveVisitModalProps {
  day: DayPlan;
  dayKey: DayKey;
  visit: BoardVisit;
  onClose: () => void;
}

/**
 * جابه‌جایی: the board's move without dragging (a keyboard, a phone): choose the inspector and the
 * place in their day. The server checks every rule; a refusal is shown here in its words.
 */
export function MoveVisitModal({ day, dayKey, visit, onClose }: MoveVisitModalProps) {
  const m = t.planning.move;
  const move = useMoveVisit(dayKey);
  const current = day.routes.find((r) => r.stops.some((s) => s.requestId === visit.requestId));
  const form = useForm({ inspectorId: current?.inspectorId ?? null, position: null as string | null }, moveErrors);
  const route = day.routes.find((r) => r.inspectorId === form.values.inspectorId);
  const positions = route ? positionChoices(route, visit.requestId) : [];

  const save = {
    ...move,
    mutate: () =>
      day.plan &&
      move.mutate(
        { planId: day.plan.id, planVersion: day.plan.version, requestId: visit.requestId, inspectorId: form.values.inspectorId!, position: Number(form.values.position) },
        { onSuccess: onClose },
      ),
  };

  return (
    <Modal opened onClose={onClose} title={m.title(faDigits(visit.trackingCode))} centered>
      <SaveForm form={form} save={save} submitLabel={m.submit} onCancel={onClose}>
        <Select
          label={m.inspector}
          data={day.routes.map((r) => ({ value: r.inspectorId, label: `${r.name} (${faDigits(r.districtNumber)})` }))}
          value={form.values.inspectorId}
          onChange={(v) => {
            form.set('inspectorId', v);
            form.set('position', null);
          }}
          error={form.error('inspectorId', move.error)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={m.position}
          data={positions.map((p) => ({ value: String(p.value), label: p.label }))}
          value={form.values.position}
          onChange={(v) => form.set('position', v)}
          error={form.error('position', move.error)}
          disabled={!route}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SaveForm>
    </Modal>
  );
}
