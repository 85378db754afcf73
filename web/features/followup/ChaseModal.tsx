import { Divider, Modal, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { faDigits, formatJalaliDate, t } from '../../i18n';
import { JalaliDate } from '../../ui/JalaliDate';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { QueryState } from '../../ui/QueryState';
import { SaveForm } from '../../ui/SaveForm';
import { useForm } from '../../ui/useForm';
import { chaseProblems, EMPTY_CHASE, type ChaseForm } from './followup.model';
import { useChaseHistory, useRecordChase } from './followup.queries';

const s = t.followup;

interface ChaseModalProps {
  kase: { requestId: string; trackingCode: string };
  /** Only follow-up officers (and the city admin) record chases; others read the history. */
  canRecord: boolean;
  onClose: () => void;
}

/** A case's chase history and, for the follow-up officer, the form to record one more. */
export function ChaseModal({ kase, canRecord, onClose }: ChaseModalProps) {
  const history = useChaseHistory(kase.requestId);
  return (
    <Modal opened onClose={onClose} title={s.recordFor(faDigits(kase.trackingCode))} size="lg">
      {canRecord && <ChaseFormView requestId={kase.requestId} onSaved={onClose} />}
      {canRecord && <Divider my="md" />}
      <Title order={3} size="h5" mb="sm">
        {s.historyTitle}
      </Title>
      <QueryState
        query={history}
        isEmpty={(found) => found.items.length === 0}
        empty={
          <Text c="dimmed" size="sm">
            {s.noHistory}
          </Text>
        }
      >
        {(found) => (
          <Timeline bulletSize={12} lineWidth={2} data-testid="chase-history">
            {found.items.map((f) => (
              <Timeline.Item key={f.id} title={s.historyLine(f.by, f.stateLabelFa)}>
                <Text size="sm">{f.note}</Text>
                {f.contacted && <Text size="sm" c="dimmed">{s.contactedLine(f.contacted)}</Text>}
                {f.promisedDate && <Text size="sm" c="dimmed">{s.promised(formatJalaliDate(f.promisedDate))}</Text>}
                <Text size="xs" c="dimmed">
                  <JalaliDate value={f.at} withTime />
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </QueryState>
    </Modal>
  );
}

function ChaseFormView({ requestId, onSaved }: { requestId: string; onSaved: () => void }) {
  const form = useForm<ChaseForm>(EMPTY_CHASE, chaseProblems);
  const save = useRecordChase(requestId, { values: () => form.values, onClose: onSaved });
  return (
    <SaveForm form={form} save={save} submitLabel={s.form.submit}>
      <Textarea
        label={s.form.note}
        description={s.form.noteHint}
        autosize
        minRows={2}
        {...form.text('note', save.error)}
      />
      <TextInput label={s.form.contacted} {...form.text('contacted', save.error)} />
      <JalaliDatePicker
        label={s.form.promisedDate}
        value={form.values.promisedDate}
        onChange={(promisedDate) => form.set('promisedDate', promisedDate)}
        error={form.error('promisedDate', save.error)}
      />
    </SaveForm>
  );
}
