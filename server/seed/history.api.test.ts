/**
 * The history generator writes what the services would have: the rollups it rebuilds equal a
 * direct count over its cases and timelines, every timeline is a legal walk through its service's
 * workflow by the right roles, the case rows agree with their timelines, and the same seed gives
 * the same cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestAction, RequestState } from '../../contracts/workflow.js';
import type { Role } from '../../contracts/roles.js';
import { createTestApp, signIn, type TestApp } from '../test/app.js';
import { directCaseRows, rollupCases, rollupSteps, stepsFromRollup, stepsFromTimelines } from '../test/rollups.js';
import { type CaseFacts, checkTransition, getWorkflow, validateForm } from '../modules/catalog/index.js';
import { addresseeOf } from '../modules/letters/index.js';
import type { FormField } from '../modules/catalog/index.js';
import { isValidTrackingCode } from '../platform/ids.js';
import { dayWeight, tehranDate } from '../platform/calendar.js';
import { loadHolidays } from '../modules/calendar/index.js';
import { generateHistory, jalaliMonthStart, type HistoryResult } from './history.js';

let t: TestApp;
let result: HistoryResult;
const CASES = 300;

beforeAll(async () => {
  t = await createTestApp();
  result = await generateHistory(t.db, { cases: CASES, from: jalaliMonthStart(t.clock.now(), 2), now: t.clock.now(), seed: 7 });
}, 120_000);
afterAll(async () => t?.close());

describe('generateHistory', () => {
  it('writes the cases asked for, some of them still open, with timelines, inspections and answers', async () => {
    expect(result.cases).toBe(CASES);
    expect(result.open).toBeGreaterThan(0);
    expect(result.open).toBeLessThan(CASES);
    const requests = await t.db.selectFrom('requests').select(['state', 'closed_at']).execute();
    expect(requests).toHaveLength(CASES);
    expect(requests.filter((r) => r.closed_at === null)).toHaveLength(result.open);
    const states = new Set(requests.map((r) => r.state));
    for (const s of ['delivered', 'cancelled', 'district_review']) expect(states, s).toContain(s);
    expect(Number((await t.db.selectFrom('request_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(result.events);
    expect(result.inspections).toBeGreaterThan(0);
    expect(result.responses).toBeGreaterThan(0);
  });

  it('rebuilds rollups that equal a direct count over the cases and their timelines', async () => {
    const cases = await rollupCases(t.db);
    expect(cases).toEqual(await directCaseRows(t.db));
    expect(cases.reduce((n, r) => n + r.cases, 0)).toBe(CASES);
    const steps = await rollupSteps(t.db);
    expect(stepsFromRollup(steps)).toEqual(await stepsFromTimelines(t.db));
    for (const step of ['returned_to_office', 'answer', 'turnaround']) expect(steps.some((s) => s.step === step), step).toBe(true);
    expect(steps.some((s) => s.late > 0)).toBe(true);
    expect(result.rollups).toEqual({ caseRows: cases.length, stepRows: steps.length });
  });

  it('every timeline is a legal path through its workflow, by the right roles, in working hours, ending in the case’s state', async () => {
    const city = await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
    const holidays = await loadHolidays(t.db, city.id);
    const cases = await t.db
      .selectFrom('requests')
      .innerJoin('services', 'services.id', 'requests.service_id')
      .select([
        'requests.id', 'requests.state', 'requests.closed_at', 'requests.created_at', 'requests.updated_at', 'requests.step_started_at', 'requests.assigned_inspector_id',
        'requests.district_id', 'requests.tracking_code', 'requests.service_code', 'requests.form', 'requests.recommendation', 'requests.decision', 'requests.fee_paid_at', 'requests.fee_payment_ref', 'requests.fee_rials',
        'services.workflow_code', 'services.inspector_specialty', 'services.form_fields',
      ])
      .execute();
    const events = await t.db.selectFrom('request_events').selectAll().orderBy('request_id').orderBy('created_at').orderBy('id').execute();
    const staff = new Map((await t.db.selectFrom('staff').select(['id', 'role', 'district_id', 'specialty']).execute()).map((s) => [s.id, s]));
    const inspections = await t.db.selectFrom('inspections').selectAll().execute();
    const responses = new Map((await t.db.selectFrom('responses').selectAll().execute()).map((r) => [r.request_id, r]));
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.request_id, [...(byCase.get(e.request_id) ?? []), e]);
    const now = t.clock.now().toISOString();
    let returns = 0;
    let rejects = 0;

    for (const c of cases) {
      const wf = getWorkflow(c.workflow_code);
      const timeline = byCase.get(c.id)!;
      expect(timeline[0]).toMatchObject({ action: 'register', from_state: null, to_state: 'registered', created_at: c.created_at });
      // Intake happens at the desk in office hours (07:30–14:30 Tehran) on a working day.
      expect(dayWeight(tehranDate(new Date(c.created_at)), holidays)).toBeGreaterThan(0);
      const minutes = (Date.parse(c.created_at) + 210 * 60_000) % 86_400_000 / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(450);
      expect(minutes).toBeLessThanOrEqual(870);
      expect(isValidTrackingCode(c.tracking_code)).toBe(true);
      expect(() => validateForm(JSON.parse(c.form_fields) as FormField[], JSON.parse(c.form))).not.toThrow();
      // What an inquiry's answer letter is addressed with is real data, never a placeholder.
      const addressed = addresseeOf(c.service_code, JSON.parse(c.form) as Record<string, unknown>, '');
      expect(`${addressed.toFa} ${addressed.referenceFa ?? ''}`).not.toContain('طبق مدارک');

      const facts: CaseFacts = { hasInspector: false, hasInspectionReport: false, hasRecommendation: false, documentsComplete: true, hasDecision: false, feePaid: Number(c.fee_rials) === 0 };
      let state: RequestState = 'registered';
      let stepStarted = c.created_at;
      for (const e of timeline.slice(1)) {
        expect(e.created_at > timeline[0]!.created_at || e.action === 'record_payment').toBe(true);
        expect(e.created_at <= now).toBe(true);
        expect(e.from_state).toBe(state);
        if (e.action === 'record_payment') {
          expect(e.to_state).toBe(state);
          facts.feePaid = true;
          continue;
        }
        const check = checkTransition(wf, state, e.action as RequestAction, e.actor_role as Role, facts);
        expect(check, `${c.workflow_code}: ${e.action} from ${state} by ${e.actor_role}`).toMatchObject({ ok: true, transition: { to: e.to_state } });
        expect(staff.get(e.actor_staff_id!)?.role).toBe(e.actor_role);
        expect(e.public).toBe(check.ok && check.transition.public ? 1 : 0);
        if (e.action === 'assign_inspector') facts.hasInspector = true;
        if (e.action === 'file_inspection_report') facts.hasInspectionReport = true;
        if (e.action === 'recommend') facts.hasRecommendation = true;
        if (e.action === 'return_for_correction') {
          facts.hasRecommendation = false;
          returns++;
        }
        if (e.action === 'approve' || e.action === 'reject') facts.hasDecision = true;
        if (e.action === 'reject') rejects++;
        if (e.to_state !== state) stepStarted = e.created_at;
        state = e.to_state as RequestState;
      }
      expect(c.state).toBe(state);
      expect(c.step_started_at).toBe(stepStarted);
      expect(c.updated_at).toBe(timeline.at(-1)!.created_at);
      expect(c.closed_at !== null).toBe(wf.terminal.includes(state));
      expect(c.fee_paid_at !== null).toBe(c.fee_payment_ref !== null);
      expect(c.recommendation !== null).toBe(facts.hasRecommendation);

      // Visited cases: an active inspection by the assigned inspector, with the service's specialty.
      const mine = inspections.filter((i) => i.request_id === c.id && i.active === 1);
      expect(mine).toHaveLength(facts.hasInspector ? 1 : 0);
      if (facts.hasInspector) {
        const i = mine[0]!;
        expect(i.inspector_id).toBe(c.assigned_inspector_id);
        // As assignInspector: the district's inspector with the specialty, or the city's when the district has none.
        const local = [...staff.values()].some((s) => s.role === 'inspector' && s.district_id === c.district_id && s.specialty === c.inspector_specialty);
        expect(staff.get(i.inspector_id)).toMatchObject({ role: 'inspector', specialty: c.inspector_specialty, ...(local ? { district_id: c.district_id } : {}) });
        expect(i.submitted_at !== null).toBe(facts.hasInspectionReport);
        if (i.submitted_at) expect(i.visited_at! < i.submitted_at).toBe(true);
      }
      // Answered cases: one response with the decision, delivered iff the case was.
      const answered = timeline.some((e) => e.action === 'issue_response');
      expect(responses.has(c.id)).toBe(answered);
      if (answered) {
        const r = responses.get(c.id)!;
        expect(r.decision).toBe(c.decision);
        expect(r.letter_number).toMatch(/^\d{4}\/\d{1,2}\/\d{5}$/);
        expect(r.delivered_at !== null).toBe(state === 'delivered');
      }
    }
    expect(returns).toBeGreaterThan(0);
    expect(rejects).toBeGreaterThan(0);
    // Letter numbers are unique and the next answer continues the register.
    const letters = [...responses.values()].map((r) => r.letter_number);
    expect(new Set(letters).size).toBe(letters.length);
  });

  it('the cases work in the app: a reviewer’s queue and a case page', async () => {
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    const queue = await reviewer.get('/api/requests?pageSize=5');
    expect(queue.statusCode, queue.body).toBe(200);
    const first = queue.json().items[0];
    expect(first).toBeDefined();
    const page = await reviewer.get(`/api/requests/${first.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().timeline.length).toBeGreaterThan(1);
  });

  it('the same seed gives the same cases', async () => {
    const other = await createTestApp();
    try {
      await generateHistory(other.db, { cases: 40, from: jalaliMonthStart(other.clock.now(), 2), now: other.clock.now(), seed: 11, rebuildRollups: false });
      const again = await createTestApp();
      try {
        await generateHistory(again.db, { cases: 40, from: jalaliMonthStart(again.clock.now(), 2), now: again.clock.now(), seed: 11, rebuildRollups: false });
        const shape = (db: TestApp['db']) =>
          db.selectFrom('requests').select(['tracking_code', 'service_code', 'state', 'created_at', 'closed_at', 'fee_paid_at', 'due_at']).orderBy('tracking_code').execute();
        expect(await shape(again.db)).toEqual(await shape(other.db));
      } finally {
        await again.close();
      }
    } finally {
      await other.close();
    }
  }, 60_000);
});
