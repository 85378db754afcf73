/**
 * SLA clocks through the API: due times on the working calendar, the pause while a case waits on
 * the citizen, and the moments at-risk and overdue flip, per step and for the whole case.
 * property_inspection's SLA: 1 (registered) + 3 + 2 + 3 + 2 + 1 (approved | rejected) + 10 = 22
 * working days for the whole case; 3 for inspector_assigned, 3 for district_review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { act, assignedInspector, districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';
import { pushDueAt } from '../../platform/sla.js';
import { loadHolidays } from '../calendar/index.js';

const AT_RISK = 0.75; // the default AT_RISK_PERCENT

interface Setup {
  t: TestApp;
  op: () => Promise<Client>;
  reviewer: () => Promise<Client>;
  property: SeededProperty;
}

async function setUp(start?: string): Promise<Setup> {
  const t = await createTestApp(start);
  const opName = await usernameOf(t.db, 'office_operator', { districtNumber: 3 });
  // signIn reuses a session and signs in again once the moved clock has expired it.
  return { t, op: () => signIn(t.app, opName), reviewer: () => signIn(t.app, 'd3-reviewer1'), property: await districtProperty(t.db, 3) };
}

const tehran = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+03:30`)).toISOString();
/** The last millisecond of a Tehran day: where every due time falls. */
const endOf = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+03:30`)).toISOString();

async function getCase(s: Setup, id: string) {
  const res = await (await s.op()).get(`/api/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** From intake (inspector assigned) to district review, as the inspector; returns the case. */
async function toDistrictReview(s: Setup, kase: { id: string; inspector: { id: string } | null; service: { inspectionChecklist: { code: string }[] } }, visitDate: string) {
  const inspector = await assignedInspector(s.t, kase);
  await act(inspector, kase.id, 'schedule-visit', { date: visitDate, windowStart: '09:00', windowEnd: '11:00' });
  return act(inspector, kase.id, 'inspection-report', {
    findings: 'مطابق سند؛ تخلفی مشاهده نشد.',
    checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })),
    violations: [],
    gps: { lat: 32.65, lng: 51.67 },
    visitedAt: s.t.clock.now().toISOString(),
  });
}

describe('due dates on the working calendar', () => {
  let s: Setup;
  // Sunday 2026-12-20 10:00 Tehran; Wednesday 12-23 (Birth of Imam Ali) and Wednesday 2027-01-06 (Mab'ath) are official holidays.
  beforeAll(async () => (s = await setUp(tehran('2026-12-20', '10:00'))));
  afterAll(async () => s?.t.close());

  it('the seeded calendar has the holidays this test relies on', async () => {
    const city = await s.t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
    const holidays = await loadHolidays(s.t.db, city.id);
    expect(holidays.has('2026-12-23')).toBe(true);
    expect(holidays.has('2027-01-06')).toBe(true);
  });

  it('a step crosses an official holiday, a Thursday half day and a Friday', async () => {
    const kase = await registerCase(await s.op(), s.property);
    expect(kase.state).toBe('inspector_assigned');
    // 3 working days from Sunday: Mon 1, Tue 2, Wed holiday 0, Thu 2.5, Fri 0, Sat 3.5.
    expect(kase.stepDueAt).toBe(endOf('2026-12-26'));
    expect(kase.slaState).toBe('on_time');
  });

  it("the whole case's due time is 22 working days, across both holidays, Thursdays and Fridays", async () => {
    const kase = await registerCase(await s.op(), s.property);
    // Dec: 21(1) 22(2) 23(hol) 24(2.5) 26(3.5) 27(4.5) 28(5.5) 29(6.5) 30(7.5) 31(8); Jan: 2(9) 3(10) 4(11) 5(12) 6(hol) 7(12.5)
    // 9(13.5) 10(14.5) 11(15.5) 12(16.5) 13(17.5) 14(18) 16(19) 17(20) 18(21) 19(22).
    expect(kase.dueAt).toBe(endOf('2027-01-19'));
    expect(kase.sla).toBe('on_time');
    expect(kase.pausedSeconds).toBe(0);
  });

  it('an inquiry waits in registered for one working day: Thursday counts half, so it is due on Saturday', async () => {
    s.t.clock.set(tehran('2026-12-23', '10:00')); // Wednesday
    const kase = await registerCase(await s.op(), s.property, 'bank_inquiry',
      { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' },
      { bank_letter: true, ownership_deed: true, owner_national_card: true });
    expect(kase.state).toBe('registered');
    expect(kase.stepDueAt).toBe(endOf('2026-12-26'));
  });
});

describe('waiting on the citizen pauses the clock', () => {
  let s: Setup;
  beforeAll(async () => (s = await setUp())); // Sunday 2026-11-29 09:00 Tehran
  afterAll(async () => s?.t.close());

  it('returned: no step due, both clocks paused; resubmitted: the pause is reported and the due time moves later', async () => {
    const kase = await registerCase(await s.op(), s.property);
    // 22 working days from Sunday 11-29 (Wednesday 12-23 a holiday) end on Monday 12-28.
    expect(kase.dueAt).toBe(endOf('2026-12-28'));
    s.t.clock.set(tehran('2026-11-30', '11:00'));
    const reviewing = await toDistrictReview(s, kase, '2026-11-30');
    expect(reviewing.state).toBe('district_review');
    // A second case (taken in a day later) returned at the same moment stays returned for weeks.
    const long = await toDistrictReview(s, await registerCase(await s.op(), s.property), '2026-11-30');

    s.t.clock.set(tehran('2026-12-02', '10:00')); // Wednesday
    const reviewer = await s.reviewer();
    const returned = await act(reviewer, kase.id, 'return', { reasons: ['تصویر سند خوانا نیست'] });
    await act(reviewer, long.id, 'return', { reasons: ['امضای مالک در فرم نیست'] });
    expect(returned).toMatchObject({ state: 'returned_to_office', stepDueAt: null, slaState: null, sla: 'paused', pausedSeconds: 0, dueAt: endOf('2026-12-28') });

    // Wednesday 10:00 to Saturday 10:00: 14 h of Wednesday, half of Thursday's 24 h, Friday nothing, 10 h of Saturday = 1.5 working days.
    s.t.clock.set(tehran('2026-12-05', '10:00'));
    const resubmitted = await act(await s.op(), kase.id, 'resubmit', { note: 'سند جدید ارائه شد' });
    expect(resubmitted.state).toBe('district_review');
    expect(resubmitted.pausedSeconds).toBe(3 * 86_400);
    // Monday 12-28's end plus 1.5 working days: all of Tuesday 12-29, then half of Wednesday 12-30.
    expect(resubmitted.dueAt).toBe('2026-12-30T08:29:59.999Z'); // Wednesday 12:00 Tehran, less the due time's last millisecond
    expect(resubmitted.sla).toBe('on_time');
    expect(resubmitted.slaState).toBe('on_time');
    expect(resubmitted.stepDueAt).not.toBeNull();
    // The wait is reported apart, as the returned_to_office step (4,320 minutes), never late.
    const waited = await s.t.db.selectFrom('rollup_steps').select(['steps', 'late', 'minutes']).where('step', '=', 'returned_to_office').execute();
    expect(waited.map((r) => ({ steps: Number(r.steps), late: Number(r.late), minutes: Number(r.minutes) }))).toEqual([{ steps: 1, late: 0, minutes: 4320 }]);

    // Weeks later, past every due time the case had, the returned one is still only paused.
    s.t.clock.set(tehran('2027-01-20', '10:00'));
    const still = await getCase(s, long.id);
    expect(still).toMatchObject({ state: 'returned_to_office', slaState: null, sla: 'paused', stepDueAt: null });
    const listed = (await (await s.op()).get(`/api/requests?q=${long.trackingCode}`)).json().items[0];
    expect(listed).toMatchObject({ slaState: null, sla: 'paused', pausedSeconds: 0 });
    const overdue = (await (await s.op()).get('/api/requests?overdue=true&pageSize=100')).json().items.map((i: { id: string }) => i.id);
    expect(overdue).not.toContain(long.id);

    const back = await act(await s.op(), long.id, 'resubmit', {});
    const city = await s.t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
    const holidays = await loadHolidays(s.t.db, city.id);
    expect(back.pausedSeconds).toBe((Date.parse(tehran('2027-01-20', '10:00')) - Date.parse(tehran('2026-12-02', '10:00'))) / 1000);
    expect(back.dueAt).toBe(pushDueAt(long.dueAt, new Date(tehran('2026-12-02', '10:00')), new Date(tehran('2027-01-20', '10:00')), holidays));
    expect(Date.parse(back.dueAt)).toBeGreaterThan(s.t.clock.now().getTime());
    expect(back.sla).not.toBe('overdue');
  });
});

describe('at risk and overdue flip at the right moments', () => {
  let s: Setup;
  beforeAll(async () => (s = await setUp())); // Sunday 2026-11-29 09:00 Tehran
  afterAll(async () => s?.t.close());

  it('per step and for the whole case, in the case and in the list', async () => {
    const start = s.t.clock.now().getTime();
    const kase = await registerCase(await s.op(), s.property);
    expect(kase.stepDueAt).toBe(endOf('2026-12-02')); // inspector_assigned: 3 working days
    expect(kase.dueAt).toBe(endOf('2026-12-28'));

    const at = async (ms: number) => {
      s.t.clock.set(new Date(ms).toISOString());
      const c = await getCase(s, kase.id);
      const item = (await (await s.op()).get(`/api/requests?q=${kase.trackingCode}`)).json().items[0];
      expect(item.slaState).toBe(c.slaState);
      expect(item.sla).toBe(c.sla);
      return { step: c.slaState, overall: c.sla };
    };
    const minute = 60_000;
    const stepDue = Date.parse(kase.stepDueAt);
    const stepRisk = start + AT_RISK * (stepDue - start);
    expect(await at(stepRisk - minute)).toEqual({ step: 'on_time', overall: 'on_time' });
    expect(await at(stepRisk + minute)).toEqual({ step: 'at_risk', overall: 'on_time' });
    expect(await at(stepDue)).toEqual({ step: 'at_risk', overall: 'on_time' });
    expect(await at(stepDue + 1)).toEqual({ step: 'overdue', overall: 'on_time' });

    const due = Date.parse(kase.dueAt);
    const risk = start + AT_RISK * (due - start);
    expect((await at(risk - minute)).overall).toBe('on_time');
    expect((await at(risk + minute)).overall).toBe('at_risk');
    expect((await at(due)).overall).toBe('at_risk');
    expect(await at(due + 1)).toEqual({ step: 'overdue', overall: 'overdue' });

    // A closed case is no longer evaluated.
    const manager = await signIn(s.t.app, (await usernameOf(s.t.db, 'office_operator', { districtNumber: 3 })).replace(/-op1$/, '-manager'));
    const cancelled = await act(manager, kase.id, 'cancel', { reason: 'انصراف متقاضی' });
    expect(cancelled).toMatchObject({ state: 'cancelled', slaState: null, sla: null });
  });
});
