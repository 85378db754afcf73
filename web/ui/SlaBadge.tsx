import { Badge } from '@mantine/core';
import { t } from '../i18n';
import { STATUS_GREEN, STATUS_ORANGE, STATUS_RED } from './colors';

export type SlaState = 'on_time' | 'at_risk' | 'overdue';

const COLORS: Record<SlaState, string> = { on_time: STATUS_GREEN, at_risk: STATUS_ORANGE, overdue: STATUS_RED };

/** Where the current step stands against its due time: سبز در موعد، نارنجی نزدیک موعد، قرمز دیرکرد. */
export function SlaBadge({ state }: { state: SlaState }) {
  return (
    <Badge color={COLORS[state]} variant="filled" data-sla={state}>
      {t.ui.sla[state]}
    </Badge>
  );
}
