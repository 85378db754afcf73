import { Checkbox, Group, Modal } from '@mantine/core';
import { t } from '../../i18n';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { SaveForm } from '../../ui/SaveForm';
import { useForm, type Problems } from '../../ui/useForm';
import { fieldMessage } from '../../api/errors';
import { API_SCOPES, useIssueKey } from './clients.queries';

const s = t.clients.keys.form;

interface KeyForm {
  scopes: string[];
  expiresOn: string | null;
}

const problems = (v: KeyForm): Problems<KeyForm> => ({
  ...(v.scopes.length ? {} : { scopes: s.scopesRequired }),
  ...(v.expiresOn ? {} : { expiresOn: s.expiresRequired }),
});

/** A year from today, as the picker's Gregorian date. */
const inAYear = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

/** The default scopes for a kind of organisation: what it usually asks. */
const SCOPES_OF_KIND: Record<string, string[]> = { bank: ['bank'], notary: ['notary_transfer'], utility: ['excavation'], agency: ['agency'] };

/** Issue a key: its scopes and the day it stops working (the end of that day, Tehran time). */
export function KeyIssueModal({ clientId, kind, onClose, onIssued }: { clientId: string; kind: string; onClose: () => void; onIssued: (key: string) => void }) {
  const form = useForm<KeyForm>({ scopes: SCOPES_OF_KIND[kind] ?? [], expiresOn: inAYear() }, problems);
  const save = useIssueKey(clientId, {
    values: () => ({ scopes: form.values.scopes as (typeof API_SCOPES)[number][], expiresAt: new Date(`${form.values.expiresOn}T23:59:59+03:30`).toISOString() }),
    onClose,
    onIssued,
  });
  return (
    <Modal opened onClose={onClose} title={s.title}>
      <SaveForm form={form} save={save} submitLabel={s.submit} onCancel={onClose}>
        <Checkbox.Group label={s.scopes} value={form.values.scopes} onChange={(v) => form.set('scopes', v)} error={form.error('scopes', save.error)}>
          <Group mt="xs">
            {API_SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={t.clients.scopes[scope]} />
            ))}
          </Group>
        </Checkbox.Group>
        <JalaliDatePicker
          label={s.expiresAt}
          value={form.values.expiresOn}
          onChange={(d) => form.set('expiresOn', d)}
          error={form.error('expiresOn', save.error) ?? fieldMessage(save.error, 'expiresAt')}
        />
      </SaveForm>
    </Modal>
  );
}
