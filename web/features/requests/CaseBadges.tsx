import { Badge } from '@mantine/core';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow';
import { SlaBadge } from '../../ui/SlaBadge';
import { t } from '../../i18n';
import type { Case, SlaState } from './requests.queries';

const CLOSED: RequestState[] = ['delivered', 'cancelled'];

/** A case's state in the words of contracts/workflow.ts; a closed case in grey. */
export function StateBadge({ state }: { state: RequestState }) {
  return (
    <Badge variant="light" color={CLOSED.includes(state) ? 'gray' : 'blue'} style={{ textTransform: 'none' }} data-state={state}>
      {STATE_LABELS_FA[state]}
    </Badge>
  );
}

/** «پرداخت نشده» while an open case's fee is unpaid: no inspector goes out for it (decisions/0020). */
export function UnpaidBadge({ unpaid }: { unpaid: boolean }) {
  if (!unpaid) return null;
  return (
    <Badge variant="light" color="orange" style={{ textTransform: 'none' }} data-unpaid="true">
      {t.requests.case.feeUnpaid}
    </Badge>
  );
}

/** The SLA badge when the step is timed (null for a closed or untimed step). */
export function MaybeSla({ state }: { state: SlaState | null }) {
  return state ? <SlaBadge state={state} /> : null;
}

/** The whole case's clock: its SLA badge, or a grey «زمان متوقف» while it waits on the applicant. */
export function CaseSla({ sla }: { sla: Case['sla'] }) {
  if (sla === 'paused') {
    return (
      <Badge variant="light" color="gray" style={{ textTransform: 'none' }} data-case-sla="paused">
        {t.requests.fields.paused}
      </Badge>
    );
  }
  return sla ? <span data-case-sla={sla}><SlaBadge state={sla} /></span> : null;
}
