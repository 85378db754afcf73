/**
 * SLA clocks (مهلت انجام کار): one per step (step_started_at .. step_due_at) and one for the whole
 * case (created_at .. due_at).
 *
 * The case's clock (due_at) is set at intake to addWorkingDays(intake, caseSlaDays(service)): the
 * sum of the service's SLA days over the states a case passes through from intake to hand-over,
 * counting the decision states (approved | rejected) once (the larger), since a case passes
 * through only one of them, and never the waiting-on-the-citizen state.
 *
 * Waiting on the citizen (returned_to_office, بازگشت برای اصلاح) pauses both clocks: the step has
 * no due time while returned, and on leaving it (resubmit or cancel) the wall-clock seconds spent
 * are added to paused_seconds and due_at moves later by the WORKING time spent waiting
 * (pushDueAt: working minutes per the calendar, so a weekend spent returned costs the citizen's
 * case nothing and gives the district nothing extra either).
 */
import { addWorkingMinutes, workingMinutesBetween, type Holidays } from './calendar.js';

/** SLA state of a step: overdue past its due time; at risk once a share of its time is used. */
export type SlaState = 'overdue' | 'at_risk' | 'on_time';
/** The case's clock adds 'paused' while it waits on the citizen. */
export type CaseSlaState = SlaState | 'paused';

export function slaState(startedAt: string, dueAt: string, now: Date, atRiskShare: number): SlaState {
  const start = Date.parse(startedAt);
  const due = Date.parse(dueAt);
  const t = now.getTime();
  if (t > due) return 'overdue';
  if (due > start && (t - start) / (due - start) >= atRiskShare) return 'at_risk';
  return 'on_time';
}

const DECISION_STATES = ['approved', 'rejected'];

/** Working days the whole case may take (see the rule at the top). */
export function caseSlaDays(slaDays: Partial<Record<string, number>>, waitingStates: readonly string[]): number {
  let total = 0;
  let decision = 0;
  for (const [state, days] of Object.entries(slaDays)) {
    if (days === undefined || waitingStates.includes(state)) continue;
    if (DECISION_STATES.includes(state)) decision = Math.max(decision, days);
    else total += days;
  }
  return total + decision;
}

/**
 * due_at moved later by the working time of a pause. Due times are the last millisecond of a
 * Tehran day, so the working time is added from the instant after and the millisecond taken back:
 * a pause worth whole working days lands exactly on the end of a later working day.
 */
export function pushDueAt(dueAt: string, pausedFrom: Date, pausedTo: Date, holidays: Holidays): string {
  const minutes = workingMinutesBetween(pausedFrom, pausedTo, holidays);
  if (minutes <= 0) return dueAt;
  return new Date(addWorkingMinutes(new Date(Date.parse(dueAt) + 1), minutes, holidays).getTime() - 1).toISOString();
}

/** Wall-clock seconds of a pause, as added to paused_seconds. */
export function pausedSecondsBetween(from: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - Date.parse(from)) / 1000));
}

/**
 * The case's clock: null once closed or without a due time; 'paused' while waiting on the
 * citizen; otherwise as slaState, with the start moved later by the wall-clock time paused so the
 * at-risk share is of the time the office and the district actually had.
 */
export function caseSlaState(
  c: { created_at: string; due_at: string | null; paused_seconds: number; closed_at: string | null; waiting: boolean },
  now: Date,
  atRiskShare: number,
): CaseSlaState | null {
  if (c.closed_at || !c.due_at) return null;
  if (c.waiting) return 'paused';
  const start = new Date(Date.parse(c.created_at) + Number(c.paused_seconds) * 1000).toISOString();
  return slaState(start, c.due_at, now, atRiskShare);
}

/**
 * The step's clock: null once closed, untimed, or waiting on the citizen (a returned case's step
 * has no due time: the case's clock says 'paused').
 */
export function stepSlaState(
  c: { step_started_at: string; step_due_at: string | null; closed_at: string | null; waiting: boolean },
  now: Date,
  atRiskShare: number,
): SlaState | null {
  if (c.closed_at || c.waiting || !c.step_due_at) return null;
  return slaState(c.step_started_at, c.step_due_at, now, atRiskShare);
}
