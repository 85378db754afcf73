import { Badge } from '@mantine/core';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow';
import { SlaBadge } from '../../ui/SlaBadge';
import type { SlaState } from './api';

const CLOSED: RequestState[] = ['delivered', 'cancelled'];

/** A case's state in the words of contracts/workflow.ts; a closed case in grey. */
export function StateBadge({ state }: { state: RequestState }) {
  return (
    <Badge variant="light" color={CLOSED.includes(state) ? 'gray' : 'blue'} style={{ textTransform: 'none' }} data-state={state}>
      {STATE_LABELS_FA[state]}
    </Badge>
  );
}

/** The SLA badge when the step is timed (null for a closed or untimed step). */
export function MaybeSla({ state }: { state: SlaState | null }) {
  return state ? <SlaBadge state={state} /> : null;
}
