/** SLA state of a step: overdue past its due time; at risk once a share of its time is used. */
export type SlaState = 'overdue' | 'at_risk' | 'on_time';

export function slaState(startedAt: string, dueAt: string, now: Date, atRiskShare: number): SlaState {
  const start = Date.parse(startedAt);
  const due = Date.parse(dueAt);
  const t = now.getTime();
  if (t > due) return 'overdue';
  if (due > start && (t - start) / (due - start) >= atRiskShare) return 'at_risk';
  return 'on_time';
}
