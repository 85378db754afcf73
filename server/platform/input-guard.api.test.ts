/**
 * The edge refuses hostile input before any work, with the one error shape and nothing written:
 * non-finite numbers (issue 11, defect 3), deep JSON (defect 4) and NUL characters (defect 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let admin: Client;
let district3: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  district3 = (await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

const deskTarget = async () => (await t.db.selectFrom('districts').select('desk_target').where('id', '=', district3).executeTakeFirstOrThrow()).desk_target;
const tariff = async () =>
  (await t.db.selectFrom('excavation_tariffs').select('rials_per_meter').where('street_type', '=', 'alley').executeTakeFirstOrThrow()).rials_per_meter;
const fields = (res: { json(): { error: { fields?: { field: string; code: string }[] } } }) => res.json().error.fields ?? [];

describe('non-finite numbers', () => {
  for (const value of ['Infinity', '-Infinity', '1e309', '+Infinity']) {
    it(`${value} as a number is a 400 on the field and changes nothing`, async () => {
      const [target, rials] = [await deskTarget(), await tariff()];
      const a = await admin.patch(`/api/districts/${district3}`, { deskTarget: value });
      expect(a.statusCode).toBe(400);
      expect(fields(a)[0]).toMatchObject({ field: 'deskTarget' });
      const b = await admin.put('/api/excavation-tariffs/alley', { rialsPerMeter: value });
      expect(b.statusCode).toBe(400);
      expect(await deskTarget()).toBe(target);
      expect(await tariff()).toBe(rials);
      // The lists that used to break on a stored Infinity still answer.
      expect((await admin.get('/api/districts')).statusCode).toBe(200);
      expect((await admin.get('/api/excavation-tariffs')).statusCode).toBe(200);
    });
  }

  it('an address that cannot be decoded is a 400 in the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/verify/%ZZ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', messageFa: 'نشانی درخواست خوانا نیست', fields: [{ field: '(url)' }] });
  });

  it('a non-finite number in the query is refused too', async () => {
    const res = await admin.get('/api/requests?limit=Infinity');
    expect(res.statusCode).toBe(400);
  });
});

describe('deep and malformed JSON', () => {
  it('4,000 levels of nesting (8 KB) is a 400 on unauthenticated sign-in, not a stack overflow', async () => {
    const payload = '{"username":' + '['.repeat(4000) + ']'.repeat(4000) + ',"password":"x"}';
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(fields(res)[0]).toMatchObject({ field: '(body)', code: 'too_deep' });
  });

  it('brackets inside strings do not count as nesting', async () => {
    const payload = JSON.stringify({ username: '['.repeat(5000), password: 'not-the-password' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).not.toBe(500);
    expect(fields(res).some((f) => f.code === 'too_deep')).toBe(false);
  });

  it('a prototype-poisoning body is a 400', async () => {
    const payload = '{"username":"admin","password":"x","__proto__":{"isAdmin":true}}';
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
  });

  it('broken and empty JSON are 400s in the one error shape', async () => {
    for (const payload of ['{"username":', '']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('NUL characters', () => {
  it('in a sign-in body, a search query and a path are 400s, never 500s, on either database', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(fields(login)[0]).toMatchObject({ field: 'username', code: 'nul_character' });
    expect((await admin.get('/api/persons?q=%00ali')).statusCode).toBe(400);
    expect((await admin.get('/api/requests/%00')).statusCode).toBe(400);
  });

  it('in a field of a write, nothing is stored', async () => {
    const count = async () => Number((await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await admin.post('/api/persons', { kind: 'natural', nationalCode: '0499370899', firstName: 'علی\u0000', lastName: 'رضایی' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)[0]).toMatchObject({ field: 'firstName', code: 'nul_character' });
    expect(await count()).toBe(before);
  });
});
