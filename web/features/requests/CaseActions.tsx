/**
 * The action panels of the case page: one small form per action the API says the reader may take
 * now (`availableActions`), each posting to its own route with the case version it was shown.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, List, Modal, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { canonicalNationalCode, isNationalCode } from '../../../contracts/identifiers';
import { ApiError } from '../../api/client';
import { fieldMessage } from '../../api/errors';
import { faDigits, formatNumber, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { focusFirstError } from '../../ui/firstError';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { StaleVersionAlert } from '../../ui/StaleVersionAlert';
import {
  CASE_ACTION_ROUTES, useCaseAction, useEligibleInspectors, useReloadCases, type Case, type CaseAction, type EligibleInspector, type ServiceDetail,
} from './requests.queries';
import { approvalConditions } from './caseView';
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
  const panels = c.availableActions.filter((action): action is CaseAction => action in CASE_ACTION_ROUTES);
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

/** Text typed into a field, with its own check shown once the form was sent, else the server's message. */
function useChecked(mutation: Mutation) {
  const [sent, setSent] = useState(false);
  return {
    markSent: () => setSent(true),
    error: (problem: string | undefined, field: string) => (sent && problem) || fieldMessage(mutation.error, field),
  };
}

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
  const [inspectorId, setInspectorId] = useState<string>('');
  const [note, setNote] = useState('');
  const p = a.assign_inspector;
  const items = inspectors.data?.items ?? [];
  const choosable = items.some((i) => !i.current);
  return (
    <ActionPanel
      action="assign_inspector"
      mutation={mutation}
      onSubmit={() => mutation.mutate({ ...(inspectorId ? { inspectorId } : {}), ...noteOf(note) }, { onSuccess: () => setInspectorId('') })}
    >
      <Select
        label={p.inspector}
        description={p.hint}
        data={[...(choosable ? [{ value: '', label: p.automatic }] : []), ...items.map((i) => inspectorOption(c, i))]}
        value={choosable ? inspectorId : null}
        onChange={(v) => setInspectorId(v ?? '')}
        allowDeselect={false}
        disabled={inspectors.isPending}
        error={fieldMessage(mutation.error, 'inspectorId')}
      />
      {inspectors.isSuccess && !choosable && (
        <Text size="sm" role="status">
          {p.none}
        </Text>
      )}
      <NoteInput value={note} onChange={setNote} />
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
  const check = useChecked(mutation);
  const [date, setDate] = useState<string | null>(c.inspection?.scheduledDate ?? null);
  const [from, setFrom] = useState(c.inspection?.windowStart ?? '09:00');
  const [to, setTo] = useState(c.inspection?.windowEnd ?? '11:00');
  const [note, setNote] = useState('');
  const p = a.schedule_visit;
  const orderProblem = from >= to ? p.order : undefined;
  return (
    <ActionPanel
      action="schedule_visit"
      mutation={mutation}
      onSubmit={() => {
        check.markSent();
        if (date && !orderProblem) mutation.mutate({ date, windowStart: from, windowEnd: to, ...noteOf(note) });
      }}
    >
      <JalaliDatePicker label={p.date} value={date} onChange={setDate} error={check.error(date ? undefined : t.requests.validation.required, 'date')} isAllowed={visitDays} />
      <Group grow>
        <Select label={p.from} data={TIMES} value={from} onChange={(v) => v && setFrom(v)} allowDeselect={false} error={check.error(undefined, 'windowStart')} />
        <Select label={p.to} data={TIMES} value={to} onChange={(v) => v && setTo(v)} allowDeselect={false} error={check.error(orderProblem, 'windowEnd')} />
      </Group>
      <NoteInput value={note} onChange={setNote} />
    </ActionPanel>
  );
}

function SendToDistrictPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'send_to_district');
  const [note, setNote] = useState('');
  return (
    <ActionPanel action="send_to_district" mutation={mutation} onSubmit={() => mutation.mutate(noteOf(note))}>
      <NoteInput value={note} onChange={setNote} />
    </ActionPanel>
  );
}

function RecommendPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'recommend');
  const check = useChecked(mutation);
  const [recommendation, setRecommendation] = useState<'approve' | 'reject'>('approve');
  const [note, setNote] = useState('');
  const p = a.recommend;
  const noteProblem = note.trim().length < 3 ? a.minLength : undefined;
  return (
    <ActionPanel
      action="recommend"
      mutation={mutation}
      onSubmit={() => {
        check.markSent();
        if (!noteProblem) mutation.mutate({ recommendation, note: note.trim() });
      }}
    >
      <Radio.Group label={p.choice} value={recommendation} onChange={(v) => setRecommendation(v as 'approve' | 'reject')}>
        <Group mt="xs">
          <Radio value="approve" label={p.approve} />
          <Radio value="reject" label={p.reject} />
        </Group>
      </Radio.Group>
      <NoteInput label={p.note} value={note} onChange={setNote} error={check.error(noteProblem, 'note')} />
    </ActionPanel>
  );
}

function ApprovePanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'approve');
  const [note, setNote] = useState('');
  const [conditions, setConditions] = useState('');
  return (
    <ActionPanel
      action="approve"
      mutation={mutation}
      confirm={{ summary: cf.approve.summary(codeOf(c)), list: { title: cf.approve.listTitle, items: linesOf(conditions) }, yes: cf.approve.yes }}
      onSubmit={() => mutation.mutate({ ...noteOf(note), ...(linesOf(conditions).length ? { conditions: linesOf(conditions) } : {}) })}
    >
      <NoteInput value={note} onChange={setNote} />
      <NoteInput label={a.approve.conditions} value={conditions} onChange={setConditions} error={fieldMessage(mutation.error, 'conditions')} />
    </ActionPanel>
  );
}

/** reject and return_for_correction: a list of reasons, one a line. */
function ReasonsPanel({ c, action }: PanelProps & { action: 'reject' | 'return_for_correction' }) {
  const mutation = useCaseAction(c, action);
  const check = useChecked(mutation);
  const [reasons, setReasons] = useState('');
  const problem = listProblem(reasons);
  return (
    <ActionPanel
      action={action}
      mutation={mutation}
      color={action === 'reject' ? 'red.9' : undefined}
      // Returning for correction can be undone by resubmitting; a rejection cannot.
      confirm={
        action === 'reject'
          ? {
              ready: () => {
                check.markSent();
                return !problem;
              },
              summary: cf.reject.summary(codeOf(c)),
              list: { title: cf.reject.listTitle, items: linesOf(reasons) },
              yes: cf.reject.yes,
            }
          : undefined
      }
      onSubmit={() => {
        check.markSent();
        if (!problem) mutation.mutate({ reasons: linesOf(reasons) });
      }}
    >
      <NoteInput label={a[action].reasons} value={reasons} onChange={setReasons} error={check.error(problem, 'reasons')} />
    </ActionPanel>
  );
}

function ResubmitPanel({ c, service }: PanelProps) {
  const mutation = useCaseAction(c, 'resubmit');
  const [documents, setDocuments] = useState<Record<string, boolean>>(c.documents);
  const [note, setNote] = useState('');
  return (
    <ActionPanel action="resubmit" mutation={mutation} onSubmit={() => mutation.mutate({ documents, ...noteOf(note) })}>
      {service && (
        <>
          <Text size="sm" fw={500}>
            {a.resubmit.documents}
          </Text>
          <DocumentsChecklist service={service} value={documents} onChange={setDocuments} errorOf={(code) => fieldMessage(mutation.error, `documents.${code}`)} />
        </>
      )}
      <NoteInput value={note} onChange={setNote} />
    </ActionPanel>
  );
}

function IssuePanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'issue_response');
  const [text, setText] = useState('');
  // The approval's conditions go into the answer unless the approver edits them here.
  const [conditions, setConditions] = useState(() => approvalConditions(c).join('\n'));
  const [validUntil, setValidUntil] = useState<string | null>(null);
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
      <NoteInput label={p.text} value={text} onChange={setText} error={fieldMessage(mutation.error, 'text')} />
      <NoteInput label={p.conditions} value={conditions} onChange={setConditions} error={fieldMessage(mutation.error, 'conditions')} />
      <JalaliDatePicker label={p.validUntil} value={validUntil} onChange={setValidUntil} error={fieldMessage(mutation.error, 'validUntil')} />
    </ActionPanel>
  );
}

function DeliverPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'deliver');
  const check = useChecked(mutation);
  const [name, setName] = useState(c.applicant.displayName);
  const [code, setCode] = useState(c.applicant.nationalCode);
  const ascii = canonicalNationalCode(code);
  const nameProblem = name.trim().length < 3 ? a.minLength : undefined;
  const codeProblem = isNationalCode(ascii) ? undefined : t.requests.validation.nationalCode;
  const p = a.deliver;
  return (
    <ActionPanel
      action="deliver"
      mutation={mutation}
      confirm={{
        ready: () => {
          check.markSent();
          return !nameProblem && !codeProblem;
        },
        summary: cf.deliver.summary(name.trim(), faDigits(ascii)),
        yes: cf.deliver.yes,
      }}
      onSubmit={() => {
        check.markSent();
        if (!nameProblem && !codeProblem) mutation.mutate({ receivedByName: name.trim(), receivedByNationalCode: ascii });
      }}
    >
      <TextInput label={p.name} value={name} onChange={(e) => setName(e.currentTarget.value)} error={check.error(nameProblem, 'receivedByName')} />
      <DigitsInput
        label={p.nationalCode}
        value={code}
        onChange={setCode}
        error={(ascii.length === 10 && codeProblem) || check.error(codeProblem, 'receivedByNationalCode')}
      />
    </ActionPanel>
  );
}

function CancelPanel({ c }: PanelProps) {
  const mutation = useCaseAction(c, 'cancel');
  const check = useChecked(mutation);
  const [reason, setReason] = useState('');
  const p = a.cancel;
  const problem = reason.trim().length < 3 ? a.minLength : undefined;
  return (
    <ActionPanel
      action="cancel"
      mutation={mutation}
      color="red.9"
      confirm={{
        ready: () => {
          check.markSent();
          return !problem;
        },
        summary: p.confirmBody,
        yes: p.confirm,
      }}
      onSubmit={() => {
        check.markSent();
        if (!problem) mutation.mutate({ reason: reason.trim() });
      }}
    >
      <NoteInput label={p.reason} value={reason} onChange={setReason} error={check.error(problem, 'reason')} />
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
