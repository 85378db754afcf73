/**
 * The action panels of the case page: one small form per action the API says the reader may take
 * now (`can`), each posting to its own route with the case version it was shown.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, List, Modal, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { canonicalNationalCode, isNationalCode } from '../../../contracts/identifiers';
import { ApiError } from '../../api/client';
import { faDigits, formatNumber, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { focusFirstError } from '../../ui/firstError';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { StaleVersionAlert } from '../../ui/StaleVersionAlert';
import { useForm } from '../../ui/useForm';
import {
  useCaseAction, useEligibleInspectors, useReloadCases, type Case, type CaseAction, type EligibleInspector, type ServiceDetail,
} from './requests.queries';
import { approvalConditions, casePanels } from './caseView';
import { DocumentsChecklist } from './IntakePage';
import { linesOf } from './serviceForm';
import { useVisitDays } from '../inspections/inspections.queries';

const a = t.requests.actions;
const cf = a.confirm;

interface PanelProps {
  c: Case;
  service: ServiceDetail | undefined;
}

/** Every panel the reader may use now; `file_inspection_report` has a page of its own (a link in the header). */
export function CaseActions({ c, service }: PanelProps) {
  const panels = casePanels(c.can);
  if (panels.length === 0) return null;
  return (
    <section aria-labelledby="actions-title" data-print="hide">
      <Title order={2} size="h4" id="actions-title" mb="sm">
        {t.requests.case.actions}
      </Title>
      <SimpleGrid cols={{ base: 1, md: panels.length > 1 ? 2 : 1 }} mb="md">
        {panels.map((action) => {
          const Panel = PANELS[action];
          return <Panel key={action} c={c} service={service} />;
        })}
      </SimpleGrid>
    </section>
  );
}

/** What a panel shows of its action's call. */
interface Mutation {
  error: Error | null;
  isError: boolean;
  isPending: boolean;
  reset: () => void;
}

/**
 * The question asked before an irreversible action (approve, reject, issue, hand over, cancel): what
 * will happen, in words, then «بله، ...» or «بازگشت» (focused first, so Enter never decides by accident).
 */
interface Confirm {
  /** The form's own checks, shown as usual; the question is asked only once they pass. */
  ready?: () => boolean;
  summary: string;
  list?: { title: string; items: string[] };
  yes: string;
}

function ActionPanel({
  action, mutation, onSubmit, children, color, confirm,
}: { action: CaseAction; mutation: Mutation; onSubmit: () => void; children?: ReactNode; color?: string; confirm?: Confirm }) {
  const reload = useReloadCases();
  const [asking, setAsking] = useState(false);
  const title = a[action].title;
  const id = `action-${action}`;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (confirm && (confirm.ready?.() ?? true)) return setAsking(true);
    if (!confirm) onSubmit();
    focusFirstError(e.currentTarget);
  };
  const stale = mutation.error instanceof ApiError && mutation.error.body.code === 'STALE_VERSION';
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby={id} data-action={action} data-confirm={confirm ? 'true' : undefined}>
      <Title order={3} size="h5" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">
        {children}
        {stale ? (
          <StaleVersionAlert
            message={t.requests.case.stale}
            reloadLabel={t.requests.case.reload}
            onReload={() => {
              mutation.reset();
              void reload();
            }}
          />
        ) : (
          mutation.isError && <ErrorAlert error={mutation.error} />
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending} color={color}>
            {title}
          </Button>
        </Group>
      </Stack>
      {confirm && (
        <Modal opened={asking} onClose={() => setAsking(false)} title={title} centered>
          <Stack gap="sm">
            <Text>{confirm.summary}</Text>
            {confirm.list && confirm.list.items.length > 0 && (
              <div>
                <Text size="sm" fw={500}>
                  {confirm.list.title}
                </Text>
                <List size="sm">
                  {confirm.list.items.map((item, n) => (
                    <List.Item key={n}>{item}</List.Item>
                  ))}
                </List>
              </div>
            )}
            <Text size="sm" fw={600}>
              {cf.final}
            </Text>
            <Group>
              <Button
                color={color}
                data-testid="confirm-action"
                onClick={() => {
                  setAsking(false);
                  onSubmit();
                }}
              >
                {confirm.yes}
              </Button>
              <Button variant="default" data-autofocus onClick={() => setAsking(false)}>
                {cf.back}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}

const codeOf = (c: Case) => faDigits(c.trackingCode);

/** A panel whose fields the server alone checks (its messages show under each field). */
const noChecks = () => ({});
const noteOf = (note: string) => (note.trim() ? { note: note.trim() } : {});
const listProblem = (text: string) => (linesOf(text).length === 0 ? a.listRequired : linesOf(text).some((l) => l.length < 3) ? a.minLength : undefined);

function NoteInput({ value, onChange, error, label = a.note }: { value: string; onChange: (v: string) => void; error?: string; label?: string }) {
  return <Textarea label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={2} error={error} />;
}

/** One inspector as the reassign list shows them: name, district when not the case's own, open visits; the current one marked. */
function inspectorOption(c: Case, i: EligibleInspector) {
  const p = a.assign_inspector;
  const parts = [`${i.firstName} ${i.lastName}${i.current ? ` (${p.current})` : ''}`];
  if (i.district.id !== c.district.id) parts.push(p.district(formatNumber(i.district.number)));
  parts.push(p.load(formatNumber(i.openAssignments)));
  return { value: i.id, label: parts.join(' — '), disabled: i.current };
}

/** Lists only whom the server says may take the case (the same rule its check applies); the current assignee shown but not choosable. */
function AssignPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'assign_inspector');
  const inspectors = useEligibleInspectors(c.id, c.version);
  const form = useForm({ inspectorId: '', note: '' }, noChecks);
  const { inspectorId, note } = form.values;
  const p = a.assign_inspector;
  const items = inspectors.data?.items ?? [];
  const choosable = items.some((i) => !i.current);
  return (
    <ActionPanel
      action="assign_inspector"
      mutation={mutation}
      onSubmit={() => mutation.mutate({ ...(inspectorId ? { inspectorId } : {}), ...noteOf(note) }, { onSuccess: () => form.set('inspectorId', '') })}
    >
      <Select
        label={p.inspector}
        description={p.hint}
        data={[...(choosable ? [{ value: '', label: p.automatic }] : []), ...items.map((i) => inspectorOption(c, i))]}
        value={choosable ? inspectorId : null}
        onChange={(v) => form.set('inspectorId', v ?? '')}
        allowDeselect={false}
        disabled={inspectors.isPending}
        error={form.error('inspectorId', mutation.error)}
      />
      {inspectors.isSuccess && !choosable && (
        <Text size="sm" role="status">
          {p.none}
        </Text>
      )}
      <NoteInput value={note} onChange={(v) => form.set('note', v)} />
    </ActionPanel>
  );
}

/** Half-hour steps of a working day, 07:00 to 20:00, shown in Persian digits. */
const TIMES = Array.from({ length: 27 }, (_, i) => {
  const minutes = 7 * 60 + i * 30;
  const value = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { value, label: faDigits(value) };
});

function SchedulePanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'schedule_visit');
  const visitDays = useVisitDays();
  const p = a.schedule_visit;
  // Checked once the form is sent (no field marks itself as left), else the server's message.
  const form = useForm(
    { date: c.inspection?.scheduledDate ?? null, windowStart: c.inspection?.windowStart ?? '09:00', windowEnd: c.inspection?.windowEnd ?? '11:00', note: '' },
    (v) => ({ ...(v.date ? {} : { date: t.requests.validation.required }), ...(v.windowStart >= v.windowEnd ? { windowEnd: p.order } : {}) }),
  );
  const { date, windowStart, windowEnd, note } = form.values;
  return (
    <ActionPanel
      action="schedule_visit"
      mutation={mutation}
      onSubmit={() => {
        if (form.validate() && date) mutation.mutate({ date, windowStart, windowEnd, ...noteOf(note) });
      }}
    >
      <JalaliDatePicker label={p.date} value={date} onChange={(v) => form.set('date', v)} error={form.error('date', mutation.error)} isAllowed={visitDays} />
      <Group grow>
        <Select label={p.from} data={TIMES} value={windowStart} onChange={(v) => v && form.set('windowStart', v)} allowDeselect={false} error={form.error('windowStart', mutation.error)} />
        <Select label={p.to} data={TIMES} value={windowEnd} onChange={(v) => v && form.set('windowEnd', v)} allowDeselect={false} error={form.error('windowEnd', mutation.error)} />
      </Group>
      <NoteInput value={note} onChange={(v) => form.set('note', v)} />
    </ActionPanel>
  );
}

function SendToDistrictPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'send_to_district');
  const form = useForm({ note: '' }, noChecks);
  const { note } = form.values;
  return (
    <ActionPanel action="send_to_district" mutation={mutation} onSubmit={() => mutation.mutate(noteOf(note))}>
      <NoteInput value={note} onChange={(v) => form.set('note', v)} />
    </ActionPanel>
  );
}

function RecommendPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'recommend');
  const form = useForm<{ recommendation: 'approve' | 'reject'; note: string }>({ recommendation: 'approve', note: '' }, (v) =>
    v.note.trim().length < 3 ? { note: a.minLength } : {},
  );
  const { recommendation, note } = form.values;
  const p = a.recommend;
  return (
    <ActionPanel
      action="recommend"
      mutation={mutation}
      onSubmit={() => {
        if (form.validate()) mutation.mutate({ recommendation, note: note.trim() });
      }}
    >
      <Radio.Group label={p.choice} value={recommendation} onChange={(v) => form.set('recommendation', v)}>
        <Group mt="xs">
          <Radio value="approve" label={p.approve} />
          <Radio value="reject" label={p.reject} />
        </Group>
      </Radio.Group>
      <NoteInput label={p.note} value={note} onChange={(v) => form.set('note', v)} error={form.error('note', mutation.error)} />
    </ActionPanel>
  );
}

function ApprovePanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'approve');
  const form = useForm({ note: '', conditions: '' }, noChecks);
  const { note, conditions } = form.values;
  return (
    <ActionPanel
      action="approve"
      mutation={mutation}
      confirm={{ summary: cf.approve.summary(codeOf(c)), list: { title: cf.approve.listTitle, items: linesOf(conditions) }, yes: cf.approve.yes }}
      onSubmit={() => mutation.mutate({ ...noteOf(note), ...(linesOf(conditions).length ? { conditions: linesOf(conditions) } : {}) })}
    >
      <NoteInput value={note} onChange={(v) => form.set('note', v)} />
      <NoteInput label={a.approve.conditions} value={conditions} onChange={(v) => form.set('conditions', v)} error={form.error('conditions', mutation.error)} />
    </ActionPanel>
  );
}

/** reject and return_for_correction: a list of reasons, one a line. */
function ReasonsPanel({ c, action }: PanelProps & { action: 'reject' | 'return_for_correction' }) {
  const mutation = useCaseAction(c, action);
  const form = useForm({ reasons: '' }, (v) => {
    const problem = listProblem(v.reasons);
    return problem ? { reasons: problem } : {};
  });
  const { reasons } = form.values;
  return (
    <ActionPanel
      action={action}
      mutation={mutation}
      color={action === 'reject' ? 'red.9' : undefined}
      // Returning for correction can be undone by resubmitting; a rejection cannot.
      confirm={
        action === 'reject'
          ? {
              ready: () => form.validate(),
              summary: cf.reject.summary(codeOf(c)),
              list: { title: cf.reject.listTitle, items: linesOf(reasons) },
              yes: cf.reject.yes,
            }
          : undefined
      }
      onSubmit={() => {
        if (form.validate()) mutation.mutate({ reasons: linesOf(reasons) });
      }}
    >
      <NoteInput label={a[action].reasons} value={reasons} onChange={(v) => form.set('reasons', v)} error={form.error('reasons', mutation.error)} />
    </ActionPanel>
  );
}

function ResubmitPanel({ c, service }: PanelProps) {
  const mutation = useCaseAction(c, 'resubmit');
  const form = useForm({ documents: c.documents, note: '' }, noChecks);
  const { documents, note } = form.values;
  return (
    <ActionPanel action="resubmit" mutation={mutation} onSubmit={() => mutation.mutate({ documents, ...noteOf(note) })}>
      {service && (
        <>
          <Text size="sm" fw={500}>
            {a.resubmit.documents}
          </Text>
          <DocumentsChecklist service={service} value={documents} onChange={(v) => form.set('documents', v)} errorOf={(code) => form.error(`documents.${code}`, mutation.error)} />
        </>
      )}
      <NoteInput value={note} onChange={(v) => form.set('note', v)} />
    </ActionPanel>
  );
}

function IssuePanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'issue_response');
  // The approval's conditions go into the answer unless the approver edits them here.
  const form = useForm({ text: '', conditions: approvalConditions(c).join('\n'), validUntil: null as string | null }, noChecks);
  const { text, conditions, validUntil } = form.values;
  const p = a.issue_response;
  return (
    <ActionPanel
      action="issue_response"
      mutation={mutation}
      confirm={{
        summary: cf.issue_response.summary(codeOf(c), c.decision === 'rejected' ? t.requests.case.reject : t.requests.case.approve),
        list: { title: cf.issue_response.listTitle, items: linesOf(conditions) },
        yes: cf.issue_response.yes,
      }}
      onSubmit={() =>
        mutation.mutate({
          ...(text.trim() ? { text: text.trim() } : {}),
          ...(linesOf(conditions).length ? { conditions: linesOf(conditions) } : {}),
          ...(validUntil ? { validUntil } : {}),
        })
      }
    >
      <NoteInput label={p.text} value={text} onChange={(v) => form.set('text', v)} error={form.error('text', mutation.error)} />
      <NoteInput label={p.conditions} value={conditions} onChange={(v) => form.set('conditions', v)} error={form.error('conditions', mutation.error)} />
      <JalaliDatePicker label={p.validUntil} value={validUntil} onChange={(v) => form.set('validUntil', v)} error={form.error('validUntil', mutation.error)} />
    </ActionPanel>
  );
}

function DeliverPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'deliver');
  const codeProblemOf = (code: string) => (isNationalCode(canonicalNationalCode(code)) ? undefined : t.requests.validation.nationalCode);
  const form = useForm({ receivedByName: c.applicant.displayName, receivedByNationalCode: c.applicant.nationalCode }, (v) => {
    const codeProblem = codeProblemOf(v.receivedByNationalCode);
    return { ...(v.receivedByName.trim().length < 3 ? { receivedByName: a.minLength } : {}), ...(codeProblem ? { receivedByNationalCode: codeProblem } : {}) };
  });
  const name = form.values.receivedByName;
  const ascii = canonicalNationalCode(form.values.receivedByNationalCode);
  const p = a.deliver;
  return (
    <ActionPanel
      action="deliver"
      mutation={mutation}
      confirm={{ ready: () => form.validate(), summary: cf.deliver.summary(name.trim(), faDigits(ascii)), yes: cf.deliver.yes }}
      onSubmit={() => {
        if (form.validate()) mutation.mutate({ receivedByName: name.trim(), receivedByNationalCode: ascii });
      }}
    >
      <TextInput label={p.name} value={name} onChange={(e) => form.set('receivedByName', e.currentTarget.value)} error={form.error('receivedByName', mutation.error)} />
      <DigitsInput
        label={p.nationalCode}
        value={form.values.receivedByNationalCode}
        onChange={(v) => form.set('receivedByNationalCode', v)}
        // A complete code is checked as it is typed; a shorter one once the form is sent.
        error={(ascii.length === 10 && codeProblemOf(ascii)) || form.error('receivedByNationalCode', mutation.error)}
      />
    </ActionPanel>
  );
}

function CancelPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'cancel');
  const form = useForm({ reason: '' }, (v) => (v.reason.trim().length < 3 ? { reason: a.minLength } : {}));
  const { reason } = form.values;
  const p = a.cancel;
  return (
    <ActionPanel
      action="cancel"
      mutation={mutation}
      color="red.9"
      confirm={{ ready: () => form.validate(), summary: p.confirmBody, yes: p.confirm }}
      onSubmit={() => {
        if (form.validate()) mutation.mutate({ reason: reason.trim() });
      }}
    >
      <NoteInput label={p.reason} value={reason} onChange={(v) => form.set('reason', v)} error={form.error('reason', mutation.error)} />
    </ActionPanel>
  );
}

const PANELS: Record<CaseAction, (props: PanelProps) => ReactNode> = {
  assign_inspector: AssignPanel,
  schedule_visit: SchedulePanel,
  send_to_district: SendToDistrictPanel,
  recommend: RecommendPanel,
  approve: ApprovePanel,
  reject: (props) => <ReasonsPanel {...props} action="reject" />,
  return_for_correction: (props) => <ReasonsPanel {...props} action="return_for_correction" />,
  resubmit: ResubmitPanel,
  issue_response: IssuePanel,
  deliver: DeliverPanel,
  cancel: CancelPanel,
};
