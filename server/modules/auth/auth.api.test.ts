import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, freshSignIn as signIn, type TestApp } from '../../test/app.js';
import { DEMO_PASSWORD } from '../../seed/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('staff sign-in', () => {
  it('signs in with an HttpOnly, SameSite=Strict session cookie and answers /me', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'd3-reviewer1', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/mk_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.json()).toMatchObject({ username: 'd3-reviewer1', role: 'district_reviewer', district: { number: 3 } });
    const stored = await t.db.selectFrom('sessions').select('id').execute();
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it('refuses a wrong password with 401 and the one error shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', messageFa: expect.stringContaining('نادرست') });
  });

  it('answers 400 with field errors for a malformed body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['extra', 'password', 'username']);
  });

  it('requires a session for staff routes and ends it on sign-out', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const c = await signIn(t.app, 'auditor');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes the password and ends other sessions', async () => {
    const a = await signIn(t.app, 'd5-reviewer1');
    const b = await signIn(t.app, 'd5-reviewer1');
    const wrong = await a.post('/api/auth/password', { currentPassword: 'bad', newPassword: 'a-new-password-1405' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('currentPassword');
    const ok = await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-1405' });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await expect(signIn(t.app, 'd5-reviewer1', 'a-new-password-1405')).resolves.toBeTruthy();
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', database: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
  });
});
