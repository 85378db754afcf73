/**
 * Holiday lists through the API: the seeded official list of 1405 and provisional list of 1406, the
 * admin's warning and «تأیید فهرست», the daily reminder, the official data replacing a provisional
 * list, and due dates across Nowruz of a year the city holds no confirmed list for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { createCtx } from '../../app.js';
import { parseConfig } from '../../config.js';
import { fromJalali } from '../../platform/calendar.js';
import { renderSms } from '../notifications/index.js';
import { remindHolidayLists, syncHolidayLists } from './calendar.lists.js';
import { loadHolidays } from './calendar.service.js';

const ctxOf = (t: TestApp) => createCtx(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data' }), { db: t.db, clock: t.clock });
const tehran = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+03:30`)).toISOString();
const endOf = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+03:30`)).toISOString();

describe('the seeded lists and the admin warning (8 Azar 1405)', () => {
  let t: TestApp;
  let admin: Client;
  let operator: Client;
  const lastAudit = () => t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const datesOf = async (year: number) =>
    (await t.db.selectFrom('holidays').select('date').where('date', '>=', fromJalali(year, 1, 1)).where('date', '<', fromJalali(year + 1, 1, 1)).orderBy('date').execute()).map((r) => r.date);

  beforeAll(async () => {
    t = await createTestApp();
    [admin, operator] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, await usernameOf(t.db, 'office_operator'))]);
  });
  afterAll(async () => t?.close());

  it('holds the official list of 1405 and a provisional 1406, and names 1406 as unsettled', async () => {
    const res = await operator.get('/api/holiday-lists');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((l: { year: number; status: string }) => [l.year, l.status])).toEqual([[1405, 'official'], [1406, 'provisional']]);
    expect(body.items[0]).toMatchObject({ officialAvailable: true, confirmedAt: null, source: expect.stringContaining('ایلنا') });
    expect(body.items[1]).toMatchObject({ officialAvailable: false, source: expect.stringContaining('رؤیت هلال') });
    expect(body.unsettled).toEqual([1406]);
    const dates = await datesOf(1405);
    expect(dates).toHaveLength(25);
    expect(dates).toContain('2026-08-04'); // Arbaeen, official
    expect(dates).not.toContain('2026-08-03'); // Arbaeen, Umm al-Qura
    expect(await datesOf(1406)).toContain('2027-03-21'); // Nowruz 1406
  });

  it('sends the city admin one reminder a day while 1406 is provisional', async () => {
    const ctx = ctxOf(t);
    expect(await remindHolidayLists(ctx)).toEqual({ sent: 1 });
    expect(await remindHolidayLists(ctx)).toEqual({ sent: 0 });
    const row = await t.db.selectFrom('outbox').selectAll().where('event_type', '=', 'calendar.holidays_unconfirmed').executeTakeFirstOrThrow();
    const adminId = (await t.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect(JSON.parse(row.payload)).toEqual({ toStaffId: adminId, years: [1406] });
    expect(renderSms(row.event_type, JSON.parse(row.payload), 'اصفهان')).toContain('فهرست تعطیلات رسمی سال ۱۴۰۶ موقت است');
  });

  it('refuses «تأیید فهرست» to anyone but the city admin, and for a year not held', async () => {
    expect((await operator.post('/api/holiday-lists/1406/confirm')).statusCode).toBe(403);
    expect((await admin.post('/api/holiday-lists/1399/confirm')).statusCode).toBe(404);
    expect((await admin.post('/api/holiday-lists/1405/confirm')).statusCode).toBe(409); // official: nothing to confirm
    expect((await admin.post('/api/holiday-lists/99/confirm')).statusCode).toBe(400);
  });

  it('has no official 1406 to apply yet', async () => {
    const res = await admin.post('/api/holiday-lists/1406/official');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.messageFa).toContain('فهرست رسمی این سال هنوز در سامانه نیست');
  });

  it('confirms 1406, audited; the warning and the reminder stop', async () => {
    const res = await admin.post('/api/holiday-lists/1406/confirm');
    expect(res.statusCode).toBe(200);
    expect(res.json().unsettled).toEqual([]);
    expect(res.json().items[1]).toMatchObject({ year: 1406, status: 'confirmed', confirmedByName: expect.any(String), confirmedAt: t.clock.now().toISOString() });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'holiday_list.confirm', entity_type: 'holiday_list', actor_role: 'city_admin' });
    expect(JSON.parse(audit.details!)).toEqual({ year: 1406, from: 'provisional', to: 'confirmed' });
    expect((await admin.post('/api/holiday-lists/1406/confirm')).statusCode).toBe(409);
    t.clock.advance(24 * 3600_000);
    expect(await remindHolidayLists(ctxOf(t))).toEqual({ sent: 0 });
  });

  it('replaces a provisional list with the official data it ships, keeping one-off closures', async () => {
    // The clock moved a day on: sign in again. Then make 1405 what a database from before 0018 holds:
    // provisional, with Arbaeen on the Umm al-Qura day.
    [admin, operator] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, operator.username)]);
    const closure = await admin.post('/api/holidays', { date: '2026-12-02', titleFa: 'تعطیلی به دلیل آلودگی هوا', titleEn: 'Air-pollution closure' });
    expect(closure.statusCode).toBe(201);
    await t.db.updateTable('holiday_lists').set({ status: 'provisional', source: 'Umm al-Qura (ICU), before 0018' }).where('year', '=', 1405).execute();
    await t.db.updateTable('holidays').set({ date: '2026-08-03' }).where('date', '=', '2026-08-04').execute();
    expect((await operator.get('/api/holiday-lists')).json().unsettled).toEqual([1405]);

    expect(await syncHolidayLists(ctxOf(t))).toEqual({ written: 1 });
    const dates = await datesOf(1405);
    expect(dates).toContain('2026-08-04');
    expect(dates).not.toContain('2026-08-03');
    expect(dates).toContain('2026-12-02');
    expect(dates).toHaveLength(26);
    expect(await lastAudit()).toMatchObject({ action: 'holiday_list.official', actor_staff_id: null });
    expect((await operator.get('/api/holiday-lists')).json()).toMatchObject({ unsettled: [], items: [{ year: 1405, status: 'official' }, { year: 1406, status: 'confirmed' }] });
    expect(await syncHolidayLists(ctxOf(t))).toEqual({ written: 0 });

    // The admin can do the same by hand, audited under their name.
    await t.db.updateTable('holiday_lists').set({ status: 'provisional' }).where('year', '=', 1405).execute();
    const res = await admin.post('/api/holiday-lists/1405/official');
    expect(res.statusCode).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'holiday_list.official', actor_role: 'city_admin' });
    expect((await admin.post('/api/holiday-lists/1405/official')).statusCode).toBe(409);
  });

  it('writes the provisional list of a later year on request (1407), once', async () => {
    expect((await operator.post('/api/holiday-lists/1407')).statusCode).toBe(403);
    const res = await admin.post('/api/holiday-lists/1407');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((l: { year: number; status: string }) => [l.year, l.status])).toEqual([[1405, 'official'], [1406, 'confirmed'], [1407, 'provisional']]);
    expect(await datesOf(1407)).toContain('2028-07-13'); // Arbaeen 1450 on the model's Safar
    expect(await lastAudit()).toMatchObject({ action: 'holiday_list.create', actor_role: 'city_admin' });
    expect((await admin.post('/api/holiday-lists/1407')).statusCode).toBe(409);
  });
});

describe('due dates across Nowruz 1407, with no confirmed list (registered Tuesday 24 Esfand 1406)', () => {
  let t: TestApp;
  let operator: Client;
  let cityId: string;

  beforeAll(async () => {
    t = await createTestApp(tehran('2028-03-14', '10:00'));
    operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
    cityId = (await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('the seed wrote 1406 and 1407 as provisional lists: the admin is warned of both', async () => {
    expect((await operator.get('/api/holiday-lists')).json()).toMatchObject({ unsettled: [1406, 1407], items: [{ year: 1406, status: 'provisional' }, { year: 1407, status: 'provisional' }] });
  });

  it('a new case skips 29 Esfand and Nowruz 1-4 Farvardin 1407', async () => {
    const kase = await registerCase(operator, await districtProperty(t.db, 3));
    expect(kase.state).toBe('inspector_assigned');
    // 3 working days from Tue 24 Esfand: Wed 1, Thu 1.5, Fri 0, Sat 28 Esfand 2.5, Sun 29 Esfand off,
    // Mon-Thu 1-4 Farvardin off, Fri off, Sat 6 Farvardin 3.5.
    expect(kase.stepDueAt).toBe(endOf('2028-03-25'));
  });

  it('with no 1407 list held at all, the calendar still skips Nowruz (computed, never "no data")', async () => {
    await t.db.deleteFrom('holidays').where('date', '>=', fromJalali(1407, 1, 1)).execute();
    await t.db.deleteFrom('holiday_lists').where('year', '=', 1407).execute();
    const holidays = await loadHolidays(t.db, cityId);
    for (const d of ['2028-03-20', '2028-03-21', '2028-03-22', '2028-03-23', '2028-03-31', '2028-04-01']) expect(holidays.has(d), d).toBe(true);
    expect(holidays.has('2028-03-26')).toBe(false);
    const res = await operator.get(`/api/calendar/due-date?from=${encodeURIComponent(tehran('2028-03-14', '10:00'))}&days=3`);
    expect(res.json()).toEqual({ dueAt: endOf('2028-03-25'), workingDays: 3.5 });
    const kase = await registerCase(operator, await districtProperty(t.db, 3));
    expect(kase.stepDueAt).toBe(endOf('2028-03-25'));
  });
});
