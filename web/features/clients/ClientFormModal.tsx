import { Checkbox, Group, Modal, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { t } from '../../i18n';
import { SaveForm } from '../../ui/SaveForm';
import { useForm, type Problems } from '../../ui/useForm';
import { CLIENT_KINDS, useSaveClient, WEBHOOK_EVENTS, type ApiClient } from './clients.queries';

const s = t.clients.form;

interface ClientForm {
  kind: string | null;
  nameFa: string;
  officialCode: string;
  rateLimit: string;
  allowedIps: string;
  webhookUrl: string;
  webhookEvents: string[];
}

// An address, or a range in CIDR form (10.20.0.0/16); the server checks each and stores it in one form.
const IP = /^[0-9a-fA-F:.]{2,45}(\/[0-9]{1,3})?$/;
const ipsOf = (text: string) => text.split(/[\s,]+/).map((ip) => ip.trim()).filter(Boolean);

function problems(v: ClientForm): Problems<ClientForm> {
  const p: Problems<ClientForm> = {};
  if (!v.kind) p.kind = s.required;
  if (v.nameFa.trim().length < 2) p.nameFa = s.required;
  if (!/^[0-9A-Za-z-]{1,30}$/.test(v.officialCode.trim())) p.officialCode = v.officialCode.trim() ? s.badCode : s.required;
  const rate = Number(v.rateLimit);
  if (!Number.isInteger(rate) || rate < 1 || rate > 6000) p.rateLimit = s.badRate;
  if (ipsOf(v.allowedIps).some((ip) => !IP.test(ip))) p.allowedIps = s.badIp;
  if (v.webhookUrl.trim() && !/^https?:\/\/\S+$/.test(v.webhookUrl.trim())) p.webhookUrl = s.badUrl;
  return p;
}

const formOf = (c?: ApiClient): ClientForm => ({
  kind: c?.kind ?? 'bank',
  nameFa: c?.nameFa ?? '',
  officialCode: c?.officialCode ?? '',
  rateLimit: String(c?.rateLimitPerMinute ?? 60),
  allowedIps: (c?.allowedIps ?? []).join('\n'),
  webhookUrl: c?.webhookUrl ?? '',
  webhookEvents: c?.webhookEvents ?? [],
});

type Created = { webhookSecret?: string };

/** Register an organisation, or edit one's settings (its kind and official code stay as registered). */
export function ClientFormModal({ client, onClose, onCreated }: { client?: ApiClient; onClose: () => void; onCreated?: (created: Created) => void }) {
  const form = useForm<ClientForm>(formOf(client), problems);
  const v = form.values;
  const body = () => {
    const ips = ipsOf(v.allowedIps);
    return {
      kind: v.kind as (typeof CLIENT_KINDS)[number],
      officialCode: v.officialCode.trim(),
      nameFa: v.nameFa.trim(),
      rateLimitPerMinute: Number(v.rateLimit),
      allowedIps: ips.length ? ips : null,
      webhookUrl: v.webhookUrl.trim() || null,
      webhookEvents: v.webhookEvents as (typeof WEBHOOK_EVENTS)[number][],
    };
  };
  const save = useSaveClient(client, { values: body, onClose, onCreated });
  const rate = form.text('rateLimit', save.error);

  return (
    <Modal opened onClose={onClose} title={client ? s.editTitle : s.addTitle} size="lg">
      <SaveForm form={form} save={save} submitLabel={client ? s.submitEdit : s.submitAdd} onCancel={onClose}>
        <Select
          label={s.kind}
          data={CLIENT_KINDS.map((k) => ({ value: k, label: t.clients.kinds[k]! }))}
          {...form.select('kind', save.error)}
          disabled={Boolean(client)}
          allowDeselect={false}
        />
        <TextInput label={s.nameFa} description={s.nameHint} {...form.text('nameFa', save.error)} />
        <TextInput label={s.officialCode} description={s.officialCodeHint} dir="ltr" disabled={Boolean(client)} {...form.text('officialCode', save.error)} />
        <NumberInput
          label={s.rateLimit}
          min={1}
          max={6000}
          allowDecimal={false}
          value={rate.value}
          onChange={(n) => form.set('rateLimit', String(n))}
          onBlur={rate.onBlur}
          error={rate.error ?? form.error('rateLimitPerMinute' as never, save.error)}
        />
        <Textarea label={s.allowedIps} description={s.allowedIpsHint} dir="ltr" autosize minRows={2} {...form.text('allowedIps', save.error)} />
        <TextInput label={s.webhookUrl} description={s.webhookUrlHint} dir="ltr" type="url" {...form.text('webhookUrl', save.error)} />
        <Checkbox.Group label={s.webhookEvents} value={v.webhookEvents} onChange={(events) => form.set('webhookEvents', events)}>
          <Group mt="xs">
            {WEBHOOK_EVENTS.map((e) => (
              <Checkbox key={e} value={e} label={t.clients.events[e]} />
            ))}
          </Group>
        </Checkbox.Group>
      </SaveForm>
    </Modal>
  );
}
