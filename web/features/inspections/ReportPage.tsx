import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useMe } from '../../app/auth';
import { fileNumberFa, faDigits, t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Facts } from '../../ui/Facts';
import { LoadError } from '../../ui/LoadError';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { useForm } from '../../ui/useForm';
import { useCase } from '../requests/requests.queries';
import { useRefreshInspections } from './inspections.queries';
import classes from './inspections.module.css';
import { getDrafts, getOutbox, useOutboxItems } from './offline';
import type { OutboxItem, SendResult } from './outbox';
import { OutboxAlert } from './OutboxStatus';
import { ReportForm } from './ReportForm';
import { alignDraft, emptyDraft, reportFieldOf, validateDraft, type Case, type ReportDraft, type ReportProblem } from './report.model';
import { telUrl } from './visits.model';

/** /visits/:requestId/report — ثبت گزارش بازدید, on the phone, at the property. */
export function ReportPage() {
  const { requestId = '' } = useParams();
  const m = t.inspections.report;
  const kase = useCase(requestId);
  const outbox = useOutboxItems();
  const [justSent, setJustSent] = useState(false);

  const queued = outbox.data?.find((item) => item.requestId === requestId);
  // Once its queued report is delivered, the case is refetched: wait for it rather than show an
  // empty form for a moment.
  const wasQueued = useRef(false);
  if (queued) wasQueued.current = true;
  let body;
  if (kase.isPending || outbox.isPending || (wasQueued.current && !queued && kase.isFetching)) body = <LoadingState />;
  else if (!kase.data) body = <LoadError error={kase.error} notFoundTitle={m.notFoundTitle} notFoundBody={m.notFoundBody} />;
  else if (queued) body = <QueuedReport kase={kase.data} item={queued} />;
  else if (justSent || (kase.data.state !== 'visit_scheduled' && kase.data.inspection?.report)) body = <Sent />;
  else if (kase.data.state === 'visit_scheduled') body = <ReportEditor kase={kase.data} onSent={() => setJustSent(true)} />;
  else body = <Alert color="yellow">{m.notOpen(kase.data.stateLabelFa)}</Alert>;

  return (
    <Stack maw={640} gap="md">
      <PageTitle title={m.title} />
      {kase.data && <CaseEssentials kase={kase.data} />}
      {body}
    </Stack>
  );
}

/** What the inspector needs at the door: which service, which property, whom to call. */
function CaseEssentials({ kase }: { kase: Case }) {
  const m = t.inspections;
  const tel = telUrl(kase.applicant.mobile);
  return (
    <Paper withBorder p="md" component="section" aria-label={m.report.caseSection}>
      <Facts
        labelWidth="7.5rem"
        items={[
          { label: m.report.service, value: kase.service.nameFa },
          { label: m.card.address, value: faDigits(kase.property.address) },
          { label: m.card.fileNumber, value: <bdi>{fileNumberFa(kase.property.fileNumber)}</bdi> },
          { label: m.card.trackingCode, value: <span dir="ltr">{faDigits(kase.trackingCode)}</span> },
          {
            label: m.card.applicant,
            value: (
              <>
                {kase.applicant.displayName}
                {tel && (
                  <>
                    {' — '}
                    <Anchor href={tel}>
                      <span dir="ltr">{faDigits(kase.applicant.mobile ?? '')}</span>
                    </Anchor>
                  </>
                )}
              </>
            ),
          },
        ]}
      />
    </Paper>
  );
}

function Sent() {
  const m = t.inspections.report;
  return (
    <Alert color="teal" title={m.sent} role="status" data-testid="report-sent">
      <Button component={Link} to="/visits" mt="sm" className={classes.touch}>
        {m.backToVisits}
      </Button>
    </Alert>
  );
}

/** A report waiting on the phone (or refused): shown as it will be sent, with retry and edit. */
function QueuedReport({ kase, item }: { kase: Case; item: OutboxItem }) {
  const me = useMe();
  const [busy, setBusy] = useState(false);
  // The same form, only looked at: nothing to check, nothing typed.
  const form = useForm<ReportDraft, ReportProblem>(item.draft, () => ({}));
  const retry = async () => {
    setBusy(true);
    try {
      await getOutbox().retry(me.id, item.requestId);
    } finally {
      setBusy(false);
    }
  };
  const edit = async () => {
    // The draft first: if the tab closes between the two steps, the report is still on the phone.
    await getDrafts().save(me.id, item.requestId, item.draft);
    await getOutbox().takeBack(me.id, item.requestId);
  };
  return (
    <>
      <OutboxAlert item={item} busy={busy} onRetry={() => void retry()} onEdit={() => void edit()} />
      <ReportForm kase={kase} form={form} readOnly />
    </>
  );
}

const SAVE_DELAY_MS = 400;

/** The form being filled in: the draft is read from the phone first. */
function ReportEditor({ kase, onSent }: { kase: Case; onSent: () => void }) {
  const me = useMe();
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const checklist = useRef(kase.service.inspectionChecklist);

  // Read once per case: a refetch of the case must not replace what is being typed.
  useEffect(() => {
    let live = true;
    void getDrafts()
      .load(me.id, kase.id)
      .then((saved) => live && setDraft(saved ? alignDraft(saved, checklist.current) : emptyDraft(checklist.current, new Date(), kase.inspection?.assignedAt)));
    return () => {
      live = false;
    };
  }, [me.id, kase.id]);

  if (!draft) return <LoadingState />;
  return <DraftEditor kase={kase} initial={draft} onSent={onSent} />;
}

/** The draft as typed, written back to the phone as it changes, and sent. */
function DraftEditor({ kase, initial, onSent }: { kase: Case; initial: ReportDraft; onSent: () => void }) {
  const me = useMe();
  const m = t.inspections.report;
  const refresh = useRefreshInspections();
  const form = useForm<ReportDraft, ReportProblem>(initial, validateDraft, { fieldOf: reportFieldOf });
  const draft = form.values;
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  /** Typed but not yet written to the phone; written at once if the page closes meanwhile. */
  const unsaved = useRef<ReportDraft | null>(null);
  const finished = useRef(false);

  useEffect(() => {
    if (finished.current) return;
    unsaved.current = draft;
    setSaved(false);
    const timer = setTimeout(() => {
      unsaved.current = null;
      if (!finished.current) void getDrafts().save(me.id, kase.id, draft).then(() => setSaved(true));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, me.id, kase.id]);
  useEffect(
    () => () => {
      if (unsaved.current && !finished.current) void getDrafts().save(me.id, kase.id, unsaved.current);
    },
    [me.id, kase.id],
  );

  const submit = async (element: HTMLFormElement) => {
    // On a phone the first problem may be a screen away: validate takes the inspector to it.
    if (!form.validate(element)) return;
    setSubmitting(true);
    setRefusal(null);
    let result: SendResult;
    try {
      result = await getOutbox().submit({ owner: me.id, requestId: kase.id, version: kase.version, draft });
    } catch (error) {
      // Not a refusal nor a lost connection (the phone's storage, a garbled answer): the draft stays.
      setRefusal(error);
      setSubmitting(false);
      return;
    }
    if (result.outcome === 'rejected') {
      setRefusal(result.error);
      setSubmitting(false);
      // A newer version (rescheduled meanwhile) is then what the next try sends.
      void refresh();
      return;
    }
    // Delivered, or safe in the outbox: the draft has done its work.
    finished.current = true;
    await getDrafts().remove(me.id, kase.id);
    if (result.outcome === 'delivered') onSent();
    void refresh();
  };

  return (
    <ReportForm
      kase={kase}
      form={form}
      serverError={refusal}
      submitting={submitting}
      onSubmit={(element) => void submit(element)}
      footer={
        <>
          {refusal !== null && <ErrorAlert error={refusal} />}
          {form.incomplete && (
            <Alert color="red" role="alert">
              {m.incomplete}
            </Alert>
          )}
        </>
      }
      status={
        <Text size="sm" c="dimmed" ta="center" data-testid="draft-status">
          {saved ? m.draftSaved : m.draftKept}
        </Text>
      }
    />
  );
}
