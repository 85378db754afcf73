/**
 * The transition core (decisions/0026): every rule of how a step change moves a case's clocks,
 * as one pure function. The request engine (modules/requests/requests.engine.ts), the rollup
 * rebuild (modules/reports/rollups.ts) and the history generator (seed/history.ts) all call
 * `advance`; none keeps a copy. It sits in platform/, below both modules, so that requests can
 * write the rollups and reports can replay the timelines without either importing the other
 * (decision 0031). Which action leads where, and who may take it, is the workflow's table
 * (catalog/workflows.ts: checkTransition); this file starts once the target state is known.
 *
 * The rules (the SLA ones explained in platform/sla.ts):
 *   - intake (openCase): the case starts in 'registered', its step due after the service's days
 *     for that state, its own due time after the service's whole-case days;
 *   - a step change (to != from) starts a new step: its due time is the service's days for the
 *     new state, none for a terminal state or while waiting on the citizen;
 *   - leaving the wait on the citizen (returned_to_office) records the pause: paused_seconds grows
 *     by the wall-clock time waited and due_at moves later by the working time waited;
 *   - reaching a terminal state closes the case;
 *   - the steps a change ends are counted for the rollups (EndedStep): the step left, plus
 *     'answer' on reaching response_issued and 'turnaround' on reaching delivered.
 * A change to the same state (none in today's workflows) ends no step and moves no clock.
 */
import type { RequestState, WorkflowDefinition } from '../../contracts/workflow.js';
import { addWorkingDays, type Holidays } from './calendar.js';
import { caseSlaDays, pausedSecondsBetween, pushDueAt } from './sla.js';

/** A service's SLA: working days per state (مهلت هر مرحله). */
export type SlaDays = Partial<Record<RequestState, number>>;

/** What the core knows of a case: its state and clocks, as the requests row holds them. */
export interface CaseClock {
  state: RequestState;
  created_at: string;
  step_started_at: string;
  step_due_at: string | null;
  due_at: string | null;
  paused_seconds: number;
  closed_at: string | null;
}

/** What the clocks depend on besides the case: the workflow, the service's SLA, the city's calendar. */
export interface ClockRules {
  workflow: Pick<WorkflowDefinition, 'terminal' | 'waitingOnApplicant'>;
  sla: SlaDays;
  holidays: Holidays;
  /** The due time `days` working days after `from`; the history generator passes a cached one. */
  dueAfter?: (from: Date, days: number) => string;
}

/** One finished step, as counted in rollup_steps (reports/rollups.ts). */
export interface EndedStep {
  step: string;
  at: Date;
  minutes: number;
  late: boolean;
}

export interface Advance {
  from: RequestState;
  to: RequestState;
  /** The case's clocks after the change. */
  clock: CaseClock;
  /** The columns of the requests row the change sets (state always; only what changed otherwise). */
  patch: Partial<CaseClock> & { state: RequestState };
  /** The steps the change ends, for the rollups. */
  endedSteps: EndedStep[];
}

const MINUTE = 60_000;

function dueAfter(rules: ClockRules, from: Date, days: number): string {
  return rules.dueAfter ? rules.dueAfter(from, days) : addWorkingDays(from, days, rules.holidays).toISOString();
}

/** The due time of a step entered in `state` at `at`: none when terminal, waiting on the citizen, or untimed. */
export function stepDueAt(state: RequestState, at: Date, rules: ClockRules): string | null {
  if (rules.workflow.terminal.includes(state) || rules.workflow.waitingOnApplicant.includes(state)) return null;
  const days = rules.sla[state];
  return days === undefined ? null : dueAfter(rules, at, days);
}

/** The clocks of a case taken in at `at` (ثبت درخواست). */
export function openCase(at: Date, rules: ClockRules): CaseClock {
  const iso = at.toISOString();
  const caseDays = caseSlaDays(rules.sla, rules.workflow.waitingOnApplicant);
  return {
    state: 'registered',
    created_at: iso,
    step_started_at: iso,
    step_due_at: stepDueAt('registered', at, rules),
    due_at: caseDays > 0 ? dueAfter(rules, at, caseDays) : null,
    paused_seconds: 0,
    closed_at: null,
  };
}

/** The case moves from its state to `to` at `at`: its new clocks, the columns to write, the steps ended. */
export function advance(c: CaseClock, to: RequestState, at: Date, rules: ClockRules): Advance {
  const from = c.state;
  const iso = at.toISOString();
  // Leaving the wait on the citizen: the pause is recorded and the case's due time moves later.
  const pause: Partial<CaseClock> = {};
  if (to !== from && rules.workflow.waitingOnApplicant.includes(from)) {
    pause.paused_seconds = Number(c.paused_seconds) + pausedSecondsBetween(c.step_started_at, at);
    pause.due_at = c.due_at === null ? null : pushDueAt(c.due_at, new Date(c.step_started_at), at, rules.holidays);
  }
  const patch: Advance['patch'] = {
    state: to,
    ...pause,
    ...(to !== from ? { step_started_at: iso, step_due_at: stepDueAt(to, at, rules) } : {}),
    ...(rules.workflow.terminal.includes(to) ? { closed_at: iso } : {}),
  };
  // The steps ended are measured on the step as it was and on the case's clock after the pause.
  const ended = endedSteps({ ...c, ...pause }, to, at);
  return { from, to, clock: { ...c, ...patch }, patch, endedSteps: ended };
}

function endedSteps(c: CaseClock, to: RequestState, now: Date): EndedStep[] {
  const from = c.state;
  if (to === from) return [];
  const t = now.getTime();
  const lateOverall = c.due_at !== null && t > Date.parse(c.due_at);
  const out: EndedStep[] = [
    { step: from, at: now, minutes: Math.round((t - Date.parse(c.step_started_at)) / MINUTE), late: c.step_due_at !== null && t > Date.parse(c.step_due_at) },
  ];
  if (to === 'response_issued') {
    out.push({ step: 'answer', at: now, minutes: Math.max(0, Math.round((t - Date.parse(c.created_at) - Number(c.paused_seconds) * 1000) / MINUTE)), late: lateOverall });
  }
  if (to === 'delivered') {
    out.push({ step: 'turnaround', at: now, minutes: Math.round((t - Date.parse(c.created_at)) / MINUTE), late: lateOverall });
  }
  return out;
}
