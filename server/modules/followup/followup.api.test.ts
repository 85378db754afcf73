import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { slaState } from '../../platform/sla.js';

let t: TestApp;
let cases: { id: string; trackingCode: string; stepDueAt: string }[];

beforeAll(async () => {
  t = await createTestApp(); // Sunday 2026-11-29 09:00 Tehran
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const property = await districtProperty(t.db, 3);
  cases = [await registerCase(op, property), await registerCase(op, property)];
});
afterAll(async () => t?.close());

describe('the follow-up chase list', () => {
  it('is empty while cases are on time, shows them at risk near the due time, then overdue, with their holder', async () => {
    expect(cases[0]!.stepDueAt).toBe('2026-12-02T20:29:59.999Z'); // inspection step: 3 working days, end of Wednesday
    let officer = await signIn(t.app, 'd3-followup1');
    expect((await officer.get('/api/followup/cases')).json().total).toBe(0);

    t.clock.set('2026-12-02T08:30:00.000Z'); // Wednesday 12:00 Tehran: about 90% of the step used
    officer = await signIn(t.app, 'd3-followup1');
    let list = (await officer.get('/api/followup/cases')).json();
    expect(list.items.map((i: { risk: string }) => i.risk)).toEqual(['at_risk', 'at_risk']);

    t.clock.set('2026-12-03T06:00:00.000Z'); // Thursday morning: past due
    officer = await signIn(t.app, 'd3-followup1');
    list = (await officer.get('/api/followup/cases?risk=overdue')).json();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ risk: 'overdue', state: 'inspector_assigned', holder: { kind: 'inspector', titleFa: 'مامور بازدید' } });
    expect(list.items[0].holder.name).toBeTruthy();
    expect(list.byStep).toEqual([{ state: 'inspector_assigned', labelFa: 'ارجاع به مامور بازدید', overdue: 2, atRisk: 0 }]);
    expect(list.byOffice).toHaveLength(1);
    expect(list.byOffice[0].overdue).toBe(2);
  });

  it('records a chase on the case (internal timeline line) and shows it as the last follow-up', async () => {
    const officer = await signIn(t.app, 'd3-followup1');
    const kase = cases[0]!;
    const res = await officer.post(`/api/requests/${kase.id}/followups`, { note: 'با مامور بازدید تماس گرفته شد', contacted: 'مامور بازدید', promisedDate: '2026-12-05' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0]).toMatchObject({ note: 'با مامور بازدید تماس گرفته شد', promisedDate: '2026-12-05', state: 'inspector_assigned' });
    const list = (await officer.get('/api/followup/cases')).json();
    const item = list.items.find((i: { requestId: string }) => i.requestId === kase.id);
    expect(item.lastFollowup).toMatchObject({ promisedDate: '2026-12-05' });
    const full = (await officer.get(`/api/requests/${kase.id}`)).json();
    const line = full.timeline.find((e: { action: string }) => e.action === 'followup_note');
    expect(line).toMatchObject({ public: false, labelFa: 'پیگیری مسئول پیگیری منطقه' });
  });

  it('is scoped to the district, refuses bad input, and only follow-up officers write chases', async () => {
    const other = await signIn(t.app, 'd5-followup1');
    expect((await other.get('/api/followup/cases')).json().total).toBe(0);
    expect((await other.post(`/api/requests/${cases[0]!.id}/followups`, { note: 'خارج از حوزه' })).statusCode).toBe(404);
    const officer = await signIn(t.app, 'd3-followup1');
    const past = await officer.post(`/api/requests/${cases[1]!.id}/followups`, { note: 'تاریخ گذشته', promisedDate: '2026-11-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('promisedDate');
    expect((await officer.post(`/api/requests/${cases[1]!.id}/followups`, { note: '' })).statusCode).toBe(400);
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    expect((await reviewer.post(`/api/requests/${cases[1]!.id}/followups`, { note: 'بررسی' })).statusCode).toBe(403);
  });
});

describe('slaState', () => {
  const start = '2026-01-01T00:00:00.000Z';
  const due = '2026-01-01T10:00:00.000Z';
  it.each([
    ['2026-01-01T07:29:59.000Z', 'on_time'],
    ['2026-01-01T07:30:00.000Z', 'at_risk'],
    ['2026-01-01T10:00:00.000Z', 'at_risk'],
    ['2026-01-01T10:00:00.001Z', 'overdue'],
  ])('at %s the step is %s', (now, risk) => {
    expect(slaState(start, due, new Date(now), 0.75)).toBe(risk);
  });
});
