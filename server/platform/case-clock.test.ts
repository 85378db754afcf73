/**
 * The transition core with no database: a hand-written table of step changes (the oracle), then
 * random legal action sequences over both workflows checked against the clock invariants.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RequestState } from '../../contracts/workflow.js';
import { WORKFLOWS } from '../modules/catalog/index.js';
import { advance, openCase, type CaseClock, type ClockRules } from './case-clock.js';

/** Sunday 2026-11-29 09:00 Tehran; Mon-Wed after it are full working days. */
const T0 = '2026-11-29T05:30:00.000Z';
const END_MON = '2026-11-30T20:29:59.999Z';
const END_TUE = '2026-12-01T20:29:59.999Z';
const END_WED = '2026-12-02T20:29:59.999Z';
const DAY = 86_400_000;

const rules: ClockRules = {
  workflow: WORKFLOWS.inspection!,
  sla: { registered: 1, inspector_assigned: 3, visit_scheduled: 2, district_review: 2, awaiting_decision: 1, approved: 1, rejected: 1, response_issued: 1 },
  holidays: new Set<string>(),
};

function clock(state: RequestState, over: Partial<CaseClock> = {}): CaseClock {
  return { state, created_at: T0, step_started_at: T0, step_due_at: END_MON, due_at: END_WED, paused_seconds: 0, closed_at: null, ...over };
}
const at = (ms: number) => new Date(Date.parse(T0) + ms);

describe('openCase', () => {
  it('starts registered, the step due after its days and the case after the whole SLA', () => {
    const c = openCase(new Date(T0), { ...rules, sla: { registered: 1, inspector_assigned: 2, returned_to_office: 9 } });
    expect(c).toEqual({ state: 'registered', created_at: T0, step_started_at: T0, step_due_at: END_MON, due_at: END_WED, paused_seconds: 0, closed_at: null });
  });
  it('a service without SLA has no due times', () => {
    expect(openCase(new Date(T0), { ...rules, sla: {} })).toMatchObject({ step_due_at: null, due_at: null });
  });
});

describe('advance: the table', () => {
  it('a new step starts now, due after its own days; the step left is counted', () => {
    const s = advance(clock('registered'), 'inspector_assigned', at(60 * 60_000), rules);
    expect(s.patch).toEqual({ state: 'inspector_assigned', step_started_at: at(60 * 60_000).toISOString(), step_due_at: END_WED });
    expect(s.endedSteps).toEqual([{ step: 'registered', at: at(60 * 60_000), minutes: 60, late: false }]);
  });
  it('a step left after its due time is late', () => {
    const s = advance(clock('registered'), 'inspector_assigned', at(2 * DAY), rules);
    expect(s.endedSteps).toEqual([{ step: 'registered', at: at(2 * DAY), minutes: 2 * 1440, late: true }]);
  });
  it('reassignment (same state) moves no clock and ends no step', () => {
    const s = advance(clock('inspector_assigned'), 'inspector_assigned', at(DAY), rules);
    expect(s.patch).toEqual({ state: 'inspector_assigned' });
    expect(s.endedSteps).toEqual([]);
  });
  it('returned to the office: no step due while waiting on the citizen', () => {
    const s = advance(clock('district_review'), 'returned_to_office', at(60_000), rules);
    expect(s.patch).toEqual({ state: 'returned_to_office', step_started_at: at(60_000).toISOString(), step_due_at: null });
  });
  it('resubmitted a day later: the pause is recorded, the case due time moves later, the new step is timed', () => {
    const s = advance(clock('returned_to_office', { step_due_at: null }), 'district_review', at(DAY), rules);
    expect(s.patch.paused_seconds).toBe(86_400);
    expect(Date.parse(s.patch.due_at!)).toBeGreaterThan(Date.parse(END_WED));
    expect(s.patch.step_due_at).toBe('2026-12-02T20:29:59.999Z'); // two working days from Monday
    expect(s.endedSteps).toEqual([{ step: 'returned_to_office', at: at(DAY), minutes: 1440, late: false }]);
  });
  it('the answer: the step and the case turnaround less the pause', () => {
    const s = advance(clock('approved', { step_started_at: at(DAY).toISOString(), step_due_at: END_TUE, paused_seconds: 3600 }), 'response_issued', at(DAY + 600_000), rules);
    expect(s.endedSteps).toEqual([
      { step: 'approved', at: at(DAY + 600_000), minutes: 10, late: false },
      { step: 'answer', at: at(DAY + 600_000), minutes: 1440 + 10 - 60, late: false },
    ]);
    expect(s.patch.closed_at).toBeUndefined();
  });
  it('delivered: closed, no step due, the turnaround counted wall clock and late past the case due time', () => {
    const s = advance(clock('response_issued', { paused_seconds: 3600 }), 'delivered', at(4 * DAY), rules);
    expect(s.patch).toMatchObject({ state: 'delivered', step_due_at: null, closed_at: at(4 * DAY).toISOString() });
    expect(s.endedSteps).toEqual([
      { step: 'response_issued', at: at(4 * DAY), minutes: 4 * 1440, late: true },
      { step: 'turnaround', at: at(4 * DAY), minutes: 4 * 1440, late: true },
    ]);
  });
  it('cancelled while returned: closed, and the wait counted as paused', () => {
    const s = advance(clock('returned_to_office', { step_due_at: null }), 'cancelled', at(2 * 3600_000), rules);
    expect(s.patch).toMatchObject({ state: 'cancelled', closed_at: at(2 * 3600_000).toISOString(), paused_seconds: 7200, step_due_at: null });
  });
});

describe('advance: random legal sequences', () => {
  for (const wf of Object.values(WORKFLOWS)) {
    it(`${wf.code}: clocks stay consistent along any path`, () => {
      const wfRules: ClockRules = { ...rules, workflow: wf, holidays: new Set(['2026-12-01', '2026-12-10']) };
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(20), fc.integer({ min: 0, max: 3 * 1440 })), { maxLength: 30 }), (moves) => {
          let c = openCase(new Date(T0), wfRules);
          let t = Date.parse(T0);
          let stateMinutes = 0;
          let waitedMinutes = 0;
          for (const [pick, minutes] of moves) {
            const legal = wf.transitions.filter((tr) => tr.from.includes(c.state));
            if (legal.length === 0) break;
            const to = legal[pick % legal.length]!.to;
            t += minutes * 60_000;
            const before = c;
            const s = advance(c, to, new Date(t), wfRules);
            c = s.clock;
            // Due times never before their step's start; the case's due time and the pause only grow.
            if (c.step_due_at !== null) expect(Date.parse(c.step_due_at)).toBeGreaterThanOrEqual(Date.parse(c.step_started_at));
            expect(c.paused_seconds).toBeGreaterThanOrEqual(before.paused_seconds);
            if (before.due_at !== null) expect(Date.parse(c.due_at!)).toBeGreaterThanOrEqual(Date.parse(before.due_at));
            // Closed exactly when terminal, and waiting steps are never timed.
            expect(c.closed_at !== null).toBe(wf.terminal.includes(c.state));
            if (wf.waitingOnApplicant.includes(c.state) || wf.terminal.includes(c.state)) expect(c.step_due_at).toBeNull();
            for (const e of s.endedSteps) {
              if (e.step === 'answer') expect(e.minutes).toBe((t - Date.parse(T0)) / 60_000 - c.paused_seconds / 60);
              else if (e.step === 'turnaround') expect(e.minutes).toBe((t - Date.parse(T0)) / 60_000);
              else {
                stateMinutes += e.minutes;
                if (wf.waitingOnApplicant.includes(e.step as RequestState)) waitedMinutes += e.minutes;
              }
            }
          }
          // The steps ended add up to the time from intake to the current step's start; the waits to the pause.
          expect(stateMinutes).toBe((Date.parse(c.step_started_at) - Date.parse(T0)) / 60_000);
          expect(waitedMinutes * 60).toBe(c.paused_seconds);
        }),
        { numRuns: 300 },
      );
    });
  }
});
