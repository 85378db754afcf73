/**
 * Security headers on every answer (issue 11, defect 7) and the cross-site check on every
 * state-changing request with a session cookie (defect 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, freshSignIn, type TestApp } from '../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('a strict CSP (no inline script, no framing), nosniff, referrer and permissions policies on API answers and pages', async () => {
    for (const url of ['/api/auth/me', '/healthz', '/api/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(String(res.headers['permissions-policy'])).toContain('microphone=()');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('HSTS when the cookie is marked Secure (served over HTTPS)', async () => {
    const secure = await createTestApp(undefined, {}, { COOKIE_SECURE: 'true' });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});

describe('cross-site requests with a session', () => {
  it('a foreign Origin or Sec-Fetch-Site cannot sign out, change a district or upload; the session lives on', async () => {
    const admin = await freshSignIn(t.app, 'admin');
    const district = (await t.db.selectFrom('districts').select(['id', 'desk_target']).where('number', '=', 3).executeTakeFirstOrThrow());
    const foreign = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }, { referer: 'https://evil.example/page' }];
    for (const h of foreign) {
      const headers = { cookie: admin.cookie, ...h };
      const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
      expect(logout.statusCode, JSON.stringify(h)).toBe(403);
      expect(logout.json().error.details).toEqual({ reason: 'cross_site' });
      const patch = await t.app.inject({ method: 'PATCH', url: `/api/districts/${district.id}`, headers, payload: { deskTarget: 2 } });
      expect(patch.statusCode).toBe(403);
      const upload = await t.app.inject({
        method: 'POST', url: '/api/requests/01930000-0000-7000-8000-000000000000/documents', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndeed\r\n--x--\r\n',
      });
      expect(upload.statusCode).toBe(403);
    }
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect((await t.db.selectFrom('districts').select('desk_target').where('id', '=', district.id).executeTakeFirstOrThrow()).desk_target).toBe(district.desk_target);
  });

  it('the same origin (as the web app sends it) and non-browser clients pass', async () => {
    const admin = await freshSignIn(t.app, 'admin');
    const district = (await t.db.selectFrom('districts').select('id').where('number', '=', 4).executeTakeFirstOrThrow()).id;
    const same = await t.app.inject({ method: 'PATCH', url: `/api/districts/${district}`, headers: { cookie: admin.cookie, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }, payload: { deskTarget: 9 } });
    expect(same.statusCode, same.body).toBe(200);
    const bare = await t.app.inject({ method: 'PATCH', url: `/api/districts/${district}`, headers: { cookie: admin.cookie }, payload: { deskTarget: 8 } });
    expect(bare.statusCode).toBe(200);
    // Without a session cookie there is nothing to forge: the sign-in form itself is not blocked.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'admin', password: 'nope-wrong-1' } });
    expect(login.statusCode).toBe(401);
  });
});
