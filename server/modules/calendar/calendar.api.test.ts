import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { officialHolidays } from '../../platform/holidays.js';
import { newId } from '../../platform/ids.js';
import { loadHolidays } from './calendar.service.js';

let t: TestApp;
let admin: Client;
let operator: Client;
let auditor: Client;

beforeAll(async () => {
  t = await createTestApp(); // Sunday 8 Azar 1405: the seed holds the holidays of 1405 and 1406
  [admin, operator, auditor] = await Promise.all([
    signIn(t.app, 'admin'),
    signIn(t.app, await usernameOf(t.db, 'office_operator')),
    signIn(t.app, 'auditor'),
  ]);
});
afterAll(async () => t?.close());

const holidayCount = async () => Number((await t.db.selectFrom('holidays').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = () => t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

describe('listing holidays', () => {
  it('lists a Solar Hijri year by date, with Gregorian and Jalali dates, to any staff', async () => {
    const expected = officialHolidays(1405);
    const res = await operator.get('/api/holidays?year=1405&order=asc&pageSize=100');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(expected.length);
    expect(body.items.map((h: { date: string }) => h.date)).toEqual(expected.map((h) => h.date));
    expect(body.items[0]).toMatchObject({ date: '2026-03-21', jalali: { year: 1405, month: 1, day: 1 }, titleFa: expect.stringContaining('عید نوروز'), kind: 'solar' });
    const newest = (await operator.get('/api/holidays?year=1405&pageSize=1')).json();
    expect(newest.items[0].jalali).toEqual({ year: 1405, month: 12, day: 29 });
  });

  it('pages, and without a year lists every year held', async () => {
    const all = [...officialHolidays(1405), ...officialHolidays(1406)].map((h) => h.date);
    const page2 = (await auditor.get('/api/holidays?order=asc&page=2&pageSize=10')).json();
    expect(page2.total).toBe(all.length);
    expect(page2.items.map((h: { date: string }) => h.date)).toEqual(all.slice(10, 20));
    expect((await auditor.get('/api/holidays?year=1399')).json()).toMatchObject({ total: 0, items: [] });
    expect((await auditor.get('/api/holidays?year=99')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/holidays' })).statusCode).toBe(401);
  });
});

describe('editing holidays', () => {
  const closure = { date: '2026-12-02', titleFa: 'تعطیلی به دلیل آلودگی هوا', titleEn: 'Air-pollution closure' };
  let closureId: string;

  it('lets the city admin add a one-off closure, with an audit row', async () => {
    const res = await admin.post('/api/holidays', closure);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...closure, jalali: { year: 1405, month: 9, day: 11 }, kind: 'special' });
    closureId = res.json().id;
    expect(await lastAudit()).toMatchObject({ action: 'holiday.create', entity_type: 'holiday', entity_id: closureId });
    const cityId = (await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
    expect((await loadHolidays(t.db, cityId)).has('2026-12-02')).toBe(true);
  });

  it('refuses a second holiday on the same date with 409', async () => {
    const before = await holidayCount();
    const res = await admin.post('/api/holidays', { ...closure, date: '2026-03-21' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toMatchObject([{ field: 'date', code: 'duplicate' }]);
    expect(await holidayCount()).toBe(before);
  });

  it('answers bad input with 400 field errors and adds nothing', async () => {
    const before = await holidayCount();
    const res = await admin.post('/api/holidays', { date: '2026-02-30', titleFa: '', kind: 'weekend' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['date', 'kind', 'titleEn', 'titleFa']);
    expect(await holidayCount()).toBe(before);
  });

  it('moves and retitles a holiday; a taken date is 409, an unknown one 404', async () => {
    const res = await admin.patch(`/api/holidays/${closureId}`, { date: '2026-12-01', titleEn: 'Air-pollution closure (moved)' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-12-01', titleFa: closure.titleFa, titleEn: 'Air-pollution closure (moved)' });
    expect(JSON.parse((await lastAudit()).details!).changes).toEqual({
      date: { from: '2026-12-02', to: '2026-12-01' },
      titleEn: { from: closure.titleEn, to: 'Air-pollution closure (moved)' },
    });
    expect((await admin.patch(`/api/holidays/${closureId}`, { date: '2026-03-22' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/holidays/${newId()}`, { titleEn: 'x-x' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/holidays/${closureId}`, {})).statusCode).toBe(400);
  });

  it('is for the city admin only', async () => {
    for (const c of [operator, auditor]) {
      expect((await c.post('/api/holidays', { ...closure, date: '2026-12-09' })).statusCode).toBe(403);
      expect((await c.patch(`/api/holidays/${closureId}`, { titleEn: 'nope' })).statusCode).toBe(403);
      expect((await c.delete(`/api/holidays/${closureId}`)).statusCode).toBe(403);
    }
  });

  it('deletes for real; the audit row keeps what was removed', async () => {
    const res = await admin.delete(`/api/holidays/${closureId}`);
    expect(res.statusCode).toBe(204);
    expect(await t.db.selectFrom('holidays').select('id').where('id', '=', closureId).executeTakeFirst()).toBeUndefined();
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'holiday.delete', entity_id: closureId });
    expect(JSON.parse(audit.details!)).toMatchObject({ date: '2026-12-01', titleFa: closure.titleFa });
    expect((await admin.delete(`/api/holidays/${closureId}`)).statusCode).toBe(404);
  });
});

describe('due dates against the stored calendar', () => {
  const due = (from: string, days: number) => operator.get(`/api/calendar/due-date?from=${encodeURIComponent(from)}&days=${days}`);

  it('crosses a Thursday half day and a Friday', async () => {
    // Wed 25 Nov 10:00 Tehran + 2: Thu 0.5, Fri 0, Sat 1, Sun 1 -> end of Sunday 29 Nov.
    const res = await due('2026-11-25T06:30:00Z', 2);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dueAt: '2026-11-29T20:29:59.999Z', workingDays: 2.5 });
  });

  it('skips a holiday as soon as it is added, and counts again once it is removed', async () => {
    const added = await admin.post('/api/holidays', { date: '2026-11-28', titleFa: 'تعطیلی آزمایشی', titleEn: 'Test closure' });
    expect((await due('2026-11-25T06:30:00Z', 2)).json()).toEqual({ dueAt: '2026-11-30T20:29:59.999Z', workingDays: 2.5 });
    await admin.delete(`/api/holidays/${added.json().id}`);
    expect((await due('2026-11-25T10:00:00+03:30', 2)).json().dueAt).toBe('2026-11-29T20:29:59.999Z');
  });

  it('skips Nowruz and 29 Esfand from the seeded calendar', async () => {
    // Wed 26 Esfand 1405 + 3: Thu 0.5, then 29 Esfand .. 4 Farvardin off, Thu 0.5, Sat 1, Sun 1 -> Sun 8 Farvardin.
    expect((await due('2027-03-17T06:30:00Z', 3)).json()).toEqual({ dueAt: '2027-03-28T20:29:59.999Z', workingDays: 3 });
  });

  it('answers 0 days with the end of the same Tehran day, and bad input with 400', async () => {
    expect((await due('2026-11-29T05:30:00Z', 0)).json()).toEqual({ dueAt: '2026-11-29T20:29:59.999Z', workingDays: 0 });
    for (const bad of ['from=2026-11-29&days=1', 'from=soon&days=1', 'from=2026-11-29T05:30:00Z&days=-1', 'from=2026-11-29T05:30:00Z&days=1.3', 'days=1']) {
      const res = await operator.get(`/api/calendar/due-date?${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });
});
