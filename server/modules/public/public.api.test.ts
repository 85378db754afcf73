import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('public tracking', () => {
  it('needs no sign-in, validates its input, and is rate-limited per address', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/public/requests/12345?nationalCode=12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['trackingCode']);
    const badCode = await t.app.inject({ method: 'GET', url: '/api/public/requests/1234567890?nationalCode=12' });
    expect(badCode.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['nationalCode']);

    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/requests/1234567890?nationalCode=0499370899', remoteAddress: '10.9.8.7' });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(18);
    const limited = await t.app.inject({ method: 'GET', url: '/api/public/requests/1234567890?nationalCode=0499370899', remoteAddress: '10.9.8.7' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    const other = await t.app.inject({ method: 'GET', url: '/api/public/requests/1234567890?nationalCode=0499370899', remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(404);
  });

  it('serves the API documentation page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
