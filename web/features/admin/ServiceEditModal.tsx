import { Fieldset, Modal, NumberInput, SimpleGrid, Switch } from '@mantine/core';
import { REQUEST_STATES, STATE_LABELS_FA } from '../../../contracts/workflow';
import { formatMoney, t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { serviceFormOf, serviceProblems, type ServiceDetail, type ServiceForm, type ServiceSummary } from './admin.model';
import { useSaveService } from './admin.queries';
import { useService } from '../requests/requests.queries';

const s = t.admin.services;

/** Fee, SLA per step, answer validity and availability of one service. */
export function ServiceEditModal({ service, onClose }: { service: ServiceSummary; onClose: () => void }) {
  const detail = useService(service.code);
  return (
    <Modal opened onClose={onClose} title={s.editTitle(service.nameFa)} size="lg">
      <QueryState query={detail}>{(found) => <ServiceFormView service={found} onClose={onClose} />}</QueryState>
    </Modal>
  );
}

function ServiceFormView({ service, onClose }: { service: ServiceDetail; onClose: () => void }) {
  const form = useForm<ServiceForm>(serviceFormOf(service), serviceProblems);
  const save = useSaveService(service, { values: () => form.values, onClose });
  // The workflow's own order of steps, not the order the JSON happens to keep.
  const steps = REQUEST_STATES.filter((state) => state in form.values.slaDays);
  const fee = form.values.feeRials;

  return (
    <SaveForm form={form} save={save} submitLabel={s.form.submit} onCancel={onClose}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={s.form.feeRials}
          description={typeof fee === 'number' ? formatMoney(fee) : undefined}
          dir="ltr"
          thousandSeparator=","
          allowNegative={false}
          allowDecimal={false}
          value={fee}
          onChange={(v) => form.set('feeRials', v)}
          onBlur={() => form.touch('feeRials')}
          error={form.error('feeRials', save.error)}
        />
        <NumberInput
          label={s.form.answerValidityDays}
          dir="ltr"
          allowNegative={false}
          allowDecimal={false}
          min={1}
          max={3650}
          value={form.values.answerValidityDays}
          onChange={(v) => form.set('answerValidityDays', v)}
          onBlur={() => form.touch('answerValidityDays')}
          error={form.error('answerValidityDays', save.error)}
        />
        <NumberInput
          label={s.form.visitMinutes}
          dir="ltr"
          allowNegative={false}
          allowDecimal={false}
          min={5}
          max={480}
          value={form.values.visitMinutes}
          onChange={(v) => form.set('visitMinutes', v)}
          onBlur={() => form.touch('visitMinutes')}
          error={form.error('visitMinutes', save.error)}
        />
      </SimpleGrid>
      <Fieldset legend={s.form.slaTitle}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {steps.map((state) => (
            <NumberInput
              key={state}
              label={STATE_LABELS_FA[state]}
              dir="ltr"
              step={0.5}
              decimalScale={1}
              allowNegative={false}
              min={0.5}
              max={90}
              value={form.values.slaDays[state]}
              onChange={(v) => form.set('slaDays', { ...form.values.slaDays, [state]: v })}
              onBlur={() => form.touch(`slaDays.${state}`)}
              error={form.error(`slaDays.${state}`, save.error)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Switch label={s.form.active} checked={form.values.active} onChange={(e) => form.set('active', e.currentTarget.checked)} />
    </SaveForm>
  );
}
