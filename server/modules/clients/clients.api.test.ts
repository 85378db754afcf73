/** The city admin's view of API clients: live key counts in the list, and a client's webhook delivery log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../test/app.js';
import { enqueueWebhook } from './clients.webhooks.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => t?.close());

const newClient = async (nameFa: string, body: object = {}) => {
  const res = await admin.post('/api/api-clients', { kind: 'bank', nameFa, officialCode: '5678', rateLimitPerMinute: 60, webhookEvents: [], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
};

describe('the admin list of API clients', () => {
  it('counts the keys that work today (not revoked, not expired)', async () => {
    const client = await newClient('بانک رفاه شعبه شمس‌آبادی');
    const issue = (expiresAt: string) => admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['bank'], expiresAt });
    const live = (await issue('2027-06-01T00:00:00.000Z')).json();
    await issue('2026-12-01T00:00:00.000Z');
    await issue('2027-06-01T00:00:00.000Z');
    await admin.post(`/api/api-clients/${client.id}/keys/${live.id}/revoke`);
    const count = async () => (await admin.get('/api/api-clients')).json().items.find((c: { id: string }) => c.id === client.id).activeKeys;
    expect(await count()).toBe(2);
    t.clock.set('2026-12-02T06:00:00.000Z');
    admin = await signIn(t.app, 'admin');
    expect(await count()).toBe(1);
  });
});

describe("a client's webhook delivery log for the admin", () => {
  it('is paged, newest first, for the city admin only; an unknown client is 404', async () => {
    const client = await newClient('بانک سپه شعبه هشت‌بهشت', { webhookUrl: 'https://hooks.example.ir/miz', webhookEvents: ['inquiry.answered'] });
    const other = await newClient('بانک ملی شعبه جلفا', { webhookUrl: 'https://hooks.example.ir/other', webhookEvents: ['inquiry.answered'] });
    const base = t.clock.now().getTime();
    for (let i = 0; i < 3; i++) {
      await enqueueWebhook(t.db, client.id, 'inquiry.answered', `inquiry.answered:test-${i}`, { inquiryId: `q${i}` }, new Date(base + i * 60_000));
    }
    await enqueueWebhook(t.db, other.id, 'inquiry.answered', 'inquiry.answered:other', { inquiryId: 'x' }, new Date(base));

    const first = await admin.get(`/api/api-clients/${client.id}/webhook-deliveries?page=1&pageSize=2`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.json().items.map((d: { payload: { data: { inquiryId: string } } }) => d.payload.data.inquiryId)).toEqual(['q2', 'q1']);
    expect(first.json().items[0]).toMatchObject({ eventType: 'inquiry.answered', status: 'pending', attempts: 0 });
    const second = await admin.get(`/api/api-clients/${client.id}/webhook-deliveries?page=2&pageSize=2`);
    expect(second.json().items.map((d: { payload: { data: { inquiryId: string } } }) => d.payload.data.inquiryId)).toEqual(['q0']);

    expect((await (await signIn(t.app, 'd3-approver')).get(`/api/api-clients/${client.id}/webhook-deliveries`)).statusCode).toBe(403);
    expect((await admin.get('/api/api-clients/00000000-0000-7000-8000-000000000000/webhook-deliveries')).statusCode).toBe(404);
  });
});

describe('the open API rate limit', () => {
  it("counts a client's calls across every route of the open API, its webhook delivery log included", async () => {
    const client = await newClient('بانک پرتکرار شعبه نقش جهان', { rateLimitPerMinute: 3 });
    const key = (await admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['bank'], expiresAt: '2027-06-01T00:00:00.000Z' })).json().key as string;
    const call = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    const unknownInquiry = '/api/v1/inquiries/0190a1b2-0000-7000-8000-000000000000';
    const codes = [
      (await call('/api/v1/webhooks/deliveries')).statusCode,
      (await call(unknownInquiry)).statusCode,
      (await call('/api/v1/webhooks/deliveries')).statusCode,
      (await call(unknownInquiry)).statusCode,
      (await call('/api/v1/excavations/0190a1b2-0000-7000-8000-000000000000')).statusCode,
    ];
    expect(codes).toEqual([200, 404, 200, 429, 429]);
    const limited = await call('/api/v1/webhooks/deliveries');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Every call is audited, the refused ones too.
    const audited = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'api.call').where('entity_id', '=', client.id).orderBy('seq').execute();
    expect(audited.map((a) => (JSON.parse(a.details ?? '{}') as { status: number }).status)).toEqual([200, 404, 200, 429, 429, 429]);
  });

  it('is declared by every open API route: a route without one stops the server at start', async () => {
    const { default: Fastify } = await import('fastify');
    const { default: rateLimit } = await import('@fastify/rate-limit');
    const { registerApiAudit } = await import('./clients.auth.js');
    const app = Fastify();
    const start = async () => {
      await app.register(rateLimit, { global: false });
      await app.register(async (scope) => {
        registerApiAudit(scope, t.app.ctx);
        scope.get('/api/v1/unlimited', { config: {} }, async () => ({}));
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/GET \/api\/v1\/unlimited: an open API route must declare its rate limit/);
  });
});

describe("a client's record", () => {
  it('refuses an address list entry that is not an IP address, and stores each in one form a call is compared with', async () => {
    const client = await newClient('بانک با فهرست نشانی شعبه میدان');
    for (const bad of [['...'], ['::::'], ['10.0.0.1', 'aaa'], ['10.0.0.1/33']]) {
      const res = await admin.patch(`/api/api-clients/${client.id}`, { allowedIps: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.fields.map((f: { field: string; code: string }) => f.code)).toContain('invalid_ip');
    }
    expect((await admin.patch(`/api/api-clients/${client.id}`, { allowedIps: ['2001:DB8:0:0:0:0:0:1', '::ffff:10.1.2.3'] })).statusCode).toBe(200);
    const stored = await t.db.selectFrom('api_clients').select('allowed_ips').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.allowed_ips!)).toEqual(['2001:db8::1', '10.1.2.3']);
    const key = (await admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['bank'], expiresAt: '2027-06-01T00:00:00.000Z' })).json().key as string;
    const from = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: { authorization: `Bearer ${key}` }, remoteAddress });
    expect((await from('2001:db8::1')).statusCode).toBe(200);
    expect((await from('10.1.2.3')).statusCode).toBe(200);
    expect((await from('10.1.2.4')).statusCode).toBe(403);

    // A bank's branches call from a range: CIDR, stored as its network.
    // A malformed entry is one precise field error, not one per branch of the schema.
    const malformed = await admin.patch(`/api/api-clients/${client.id}`, { allowedIps: ['10.0.0.0/'] });
    expect(malformed.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['allowedIps.0:pattern']);
    expect((await admin.patch(`/api/api-clients/${client.id}`, { allowedIps: ['10.20.7.9/16', '2001:db8:1::/48'] })).statusCode).toBe(200);
    const ranges = await t.db.selectFrom('api_clients').select('allowed_ips').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(JSON.parse(ranges.allowed_ips!)).toEqual(['10.20.0.0/16', '2001:db8:1::/48']);
    expect((await from('10.20.200.1')).statusCode).toBe(200);
    expect((await from('::ffff:10.20.0.5')).statusCode).toBe(200);
    expect((await from('2001:db8:1:ff::7')).statusCode).toBe(200);
    expect((await from('10.21.0.1')).statusCode).toBe(403);
    expect((await from('2001:db8:2::1')).statusCode).toBe(403);
  });

  it('refuses a webhook URL that is not http(s), or names this machine with a trailing dot', async () => {
    const client = await newClient('بانک با وب‌هوک نادرست');
    const problem = async (webhookUrl: string) => (await admin.patch(`/api/api-clients/${client.id}`, { webhookUrl })).json().error.fields[0].code;
    expect(await problem('ftp://example.com/x')).toBe('not_http');
    expect(await problem('http://localhost./x')).toBe('private_address');
    expect(await problem('https://user:secret@hooks.example.ir/x')).toBe('credentials_in_url');
  });

  it("takes a notary office's number as its official code, 1 to 9999", async () => {
    const res = await admin.post('/api/api-clients', { kind: 'notary', nameFa: 'دفترخانه ۱۲۳۴۵', officialCode: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'officialCode', code: 'notary_office_number' });
    expect((await admin.post('/api/api-clients', { kind: 'notary', nameFa: 'دفترخانه ۱۲۳', officialCode: '123' })).statusCode).toBe(201);
  });
});
