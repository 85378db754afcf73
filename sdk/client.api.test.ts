import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../server/test/app.js';
import { districtProperty } from '../server/test/factories.js';
import { createMizClient } from './client.js';

let t: TestApp;
let baseUrl: string;
let apiKey: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const admin = await signIn(t.app, 'admin');
  const client = (await admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک سپه شعبه مرکزی', officialCode: '0101', rateLimitPerMinute: 60, webhookEvents: [] })).json();
  apiKey = (await admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['bank'], expiresAt: '2027-12-01T00:00:00.000Z' })).json().key;
});
afterAll(async () => t?.close());

describe('the typed open-API client', () => {
  it('asks an inquiry over HTTP and reads it back, typed end to end', async () => {
    const property = await districtProperty(t.db, 12);
    const postalCode = (await t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow()).postal_code!;
    const miz = createMizClient({ baseUrl, apiKey });
    const asked = await miz.POST('/api/v1/inquiries', {
      body: { type: 'bank', property: { postalCode }, subjectNationalCode: property.ownerNationalCode, letterNumber: 'س/۱۴۰۵/۱', purpose: 'facility' },
      params: { header: { 'idempotency-key': 'sdk-test-0001' } },
    });
    expect(asked.response.status).toBe(202);
    expect(asked.data?.case?.trackingCode).toMatch(/^\d{10}$/);
    const read = await miz.GET('/api/v1/inquiries/{id}', { params: { path: { id: asked.data!.id } } });
    expect(read.data).toMatchObject({ id: asked.data!.id, status: 'pending', letter: null });
    const noLetter = await miz.inquiryLetter(asked.data!.id);
    expect(noLetter.response.status).toBe(404);
    expect(noLetter.pdf).toBeUndefined();
    expect(noLetter.error?.error.messageFa).toBe('این استعلام هنوز پاسخ داده نشده است');
    const log = await miz.GET('/api/v1/webhooks/deliveries', { params: { query: { page: 1, pageSize: 10 } } });
    expect(log.data?.total).toBe(0);
    const refused = await createMizClient({ baseUrl, apiKey: 'mk_000000000000_' + 'x'.repeat(32) }).GET('/api/v1/inquiries/{id}', { params: { path: { id: asked.data!.id } } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
