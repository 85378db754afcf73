import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import type { SmsMessage } from '../../platform/sms.js';

let t: TestApp;
const inbox: SmsMessage[] = [];
let mobile: string;
let caseId: string;

const post = (url: string, payload: object, cookie?: string, remoteAddress = '10.1.1.1') =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress, headers: cookie ? { cookie } : {} });
const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
const lastCode = () => toAscii(inbox.at(-1)!.text).match(/\d{6}/)![0];

async function signInCitizen(m: string, ip: string) {
  expect((await post('/api/citizen/otp', { mobile: m }, undefined, ip)).statusCode).toBe(202);
  const res = await post('/api/citizen/otp/verify', { mobile: m, code: lastCode() }, undefined, ip);
  expect(res.statusCode, res.body).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

beforeAll(async () => {
  t = await createTestApp(undefined, { sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
  const property = await districtProperty(t.db, 8);
  const owner = await t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow();
  mobile = owner.mobile!;
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 8 }));
  caseId = (await registerCase(op, property)).id;
});
afterAll(async () => t?.close());

describe('citizen sign-in by one-time code', () => {
  it('sends a 6-digit code by SMS and never stores it in clear', async () => {
    const res = await post('/api/citizen/otp', { mobile }, undefined, '10.2.0.1');
    expect(res.statusCode).toBe(202);
    expect(inbox.at(-1)!.to).toBe(mobile);
    const code = lastCode();
    const rows = await t.db.selectFrom('citizen_otps').selectAll().where('mobile', '=', mobile).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(code);
  });

  it('answers an unknown number exactly like a known one, and sends nothing', async () => {
    const before = inbox.length;
    const known = await post('/api/citizen/otp', { mobile }, undefined, '10.2.0.2');
    const unknown = await post('/api/citizen/otp', { mobile: '09139999999' }, undefined, '10.2.0.2');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(inbox.length).toBe(before + 1);
  });

  it('locks a code after 5 wrong tries; the right code then fails too', async () => {
    const m = '09130000001';
    await t.db.insertInto('persons').values({ id: '01930000-0000-7000-8000-000000000001', kind: 'natural', national_code: '0499370899', first_name: 'تست', last_name: 'قفل', father_name: null, company_name: null, mobile: m, search_text: 'تست قفل', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    await post('/api/citizen/otp', { mobile: m }, undefined, '10.3.0.1');
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await post('/api/citizen/otp/verify', { mobile: m, code: wrong }, undefined, `10.3.1.${i}`);
      expect(res.json().error.fields[0].code).toBe('wrong_code');
    }
    const locked = await post('/api/citizen/otp/verify', { mobile: m, code }, undefined, '10.3.2.1');
    expect(locked.statusCode).toBe(400);
    expect(locked.json().error.fields[0].code).toBe('locked');
  });

  it('40 parallel guesses from 40 addresses compare no more than 5; a right code among the first tries still signs in', async () => {
    const m = '09130000002';
    await t.db.insertInto('persons').values({ id: '01930000-0000-7000-8000-000000000002', kind: 'natural', national_code: '0499370902', first_name: 'تست', last_name: 'رگبار', father_name: null, company_name: null, mobile: m, search_text: 'تست رگبار', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    await post('/api/citizen/otp', { mobile: m }, undefined, '10.4.0.1');
    const code = lastCode();
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => post('/api/citizen/otp/verify', { mobile: m, code: wrong(i) }, undefined, `10.4.1.${i}`)));
    const codes = burst.map((r) => r.json().error.fields[0].code as string);
    expect(codes.filter((c) => c === 'wrong_code')).toHaveLength(5);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(35);
    const row = await t.db.selectFrom('citizen_otps').select('attempts').where('mobile', '=', m).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);

    // A fresh code: three wrong guesses and the right one at once; all four are compared, the right one wins.
    t.clock.advance(3 * 60_000);
    await post('/api/citizen/otp', { mobile: m }, undefined, '10.4.0.2');
    const fresh = lastCode();
    const mixed = await Promise.all([...[1, 2, 3].map((i) => String((Number(fresh) + i) % 1_000_000).padStart(6, '0')), fresh].map((c, i) => post('/api/citizen/otp/verify', { mobile: m, code: c }, undefined, `10.4.2.${i}`)));
    expect(mixed.map((r) => r.statusCode)).toEqual([400, 400, 400, 200]);
  });

  it('expires a code after 2 minutes', async () => {
    await post('/api/citizen/otp', { mobile }, undefined, '10.4.0.1');
    const code = lastCode();
    t.clock.advance(2 * 60_000 + 1000);
    const res = await post('/api/citizen/otp/verify', { mobile, code }, undefined, '10.4.0.1');
    expect(res.json().error.fields[0].code).toBe('expired');
  });

  it('limits codes per number and per address', async () => {
    t.clock.advance(11 * 60_000); // a fresh window
    const m = '09131112233';
    for (let i = 0; i < 3; i++) expect((await post('/api/citizen/otp', { mobile: m }, undefined, `10.5.0.${i}`)).statusCode).toBe(202);
    const fourth = await post('/api/citizen/otp', { mobile: m }, undefined, '10.5.0.9');
    expect(fourth.statusCode).toBe(429);
    // When to ask again, as every 429 says: within the ten-minute window.
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(fourth.headers['retry-after'])).toBeLessThanOrEqual(600);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('/api/citizen/otp', { mobile: `0913200000${i}` }, undefined, '10.6.0.1')).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sends no more codes to one number than the limit, however many asks arrive at once', async () => {
    const m = '09131114455';
    const asks = await Promise.all(Array.from({ length: 12 }, (_, i) => post('/api/citizen/otp', { mobile: m }, undefined, `10.8.${i}.1`)));
    expect(asks.filter((r) => r.statusCode === 202)).toHaveLength(3);
    expect(asks.filter((r) => r.statusCode === 429)).toHaveLength(9);
    expect(await t.db.selectFrom('citizen_otps').select('id').where('mobile', '=', m).execute()).toHaveLength(3);
  });
});

describe("the citizen's own cases", () => {
  it('sees owned property files and requests, reads one with its public timeline, proposes a visit date', async () => {
    t.clock.advance(11 * 60_000);
    const cookie = await signInCitizen(mobile, '10.7.0.1');
    const me = (await t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie } })).json();
    expect(me.properties.length).toBeGreaterThan(0);
    expect(me.requests.map((r: { id: string }) => r.id)).toContain(caseId);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${caseId}`, headers: { cookie } })).json();
    expect(detail.timeline[0].labelFa).toBe('ثبت درخواست در دفتر پیشخوان');

    // The picker offers exactly what the proposal accepts: from the third working day, no Fridays or holidays.
    const offered: string[] = detail.proposableDays;
    expect(offered.length).toBeGreaterThan(20);
    expect(offered.some((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 5)).toBe(false);
    expect(offered).not.toContain('2026-12-23'); // the birth of Imam Ali, 2 Dey 1405
    const before = new Date(Date.parse(`${offered[0]}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await post(`/api/citizen/requests/${caseId}/proposed-visit-date`, { date: before }, cookie)).statusCode).toBe(400);
    expect((await post(`/api/citizen/requests/${caseId}/proposed-visit-date`, { date: offered[0] }, cookie)).statusCode).toBe(200);

    const now = t.clock.now();
    const tooEarly = await post(`/api/citizen/requests/${caseId}/proposed-visit-date`, { date: now.toISOString().slice(0, 10) }, cookie);
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.fields[0].code).toBe('too_early');
    const ok = await post(`/api/citizen/requests/${caseId}/proposed-visit-date`, { date: '2026-12-16' }, cookie);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().proposedVisitDate).toBe('2026-12-16');
  });

  it("another citizen's request is 404; no session is 401", async () => {
    const stranger = await signInCitizen('09130000001', '10.8.0.1');
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${caseId}`, headers: { cookie: stranger } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/me' })).statusCode).toBe(401);
  });
});
