import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/app.js';
import { act, districtProperty } from '../../test/factories.js';
import { createCtx } from '../../app.js';
import { parseConfig } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { backoffMs } from '../../platform/retry.js';
import { settleAnsweredInquiries } from '../inquiries/index.js';
import { deliverWebhooks } from './clients.webhooks.js';
import { sign, verify } from '../../../contracts/webhook-signature.js';

let t: TestApp;
let ctx: Ctx;
let receiver: http.Server;
let secret: string;
let apiKey: string;
/** What the test receiver got, and whether each signature verified. */
const received: { body: string; verified: boolean; delivery: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  // The test's receiver listens on loopback: the operator allows that host by name.
  t = await createTestApp(undefined, {}, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  ctx = createCtx(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }), { db: t.db, clock: t.clock });
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ body, verified: verify(secret, req.headers['miz-signature'] as string, body, Math.floor(t.clock.now().getTime() / 1000)), delivery: String(req.headers['miz-delivery']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const admin = await signIn(t.app, 'admin');
  const client = (
    await admin.post('/api/api-clients', {
      kind: 'notary', nameFa: 'دفترخانه اسناد رسمی شماره ۱۲ اصفهان', officialCode: '12', rateLimitPerMinute: 100,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/miz`, webhookEvents: ['inquiry.answered'],
    })
  ).json();
  secret = client.webhookSecret;
  apiKey = (await admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['notary_transfer'], expiresAt: '2027-12-01T00:00:00.000Z' })).json().key;
});
afterAll(async () => {
  receiver?.close();
  await t?.close();
});

describe('webhooks', () => {
  it('deliver a signed inquiry.answered event once, retrying a receiver that was down; the client sees the log', async () => {
    const property = await districtProperty(t.db, 11);
    const postal = (await t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow()).postal_code!;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/inquiries', headers: { authorization: `Bearer ${apiKey}` },
      payload: { type: 'notary_transfer', property: { postalCode: postal }, subjectNationalCode: property.ownerNationalCode, letterNumber: '۱۲/۴۵۶', buyerNationalCode: '0499370899', transferType: 'sale' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const inquiry = res.json();
    const kase = await t.db.selectFrom('requests').innerJoin('offices', 'offices.id', 'requests.office_id').select(['requests.id', 'offices.gov_code']).where('tracking_code', '=', inquiry.case.trackingCode).executeTakeFirstOrThrow();
    await act(await signIn(t.app, `o${kase.gov_code}-op1`), kase.id, 'send-to-district');
    await act(await signIn(t.app, 'd11-reviewer1'), kase.id, 'recommend', { recommendation: 'approve', note: 'مانعی برای نقل و انتقال نیست' });
    const approver = await signIn(t.app, 'd11-approver');
    await act(approver, kase.id, 'approve');
    await act(approver, kase.id, 'issue-response');

    expect(await settleAnsweredInquiries(ctx)).toBe(1);
    expect(await settleAnsweredInquiries(ctx)).toBe(0); // noticed once
    failNext = 1;
    expect((await deliverWebhooks(ctx, { maxAttempts: 5 })).delivered).toBe(0);
    expect(received).toHaveLength(0);
    await deliverWebhooks(ctx, { maxAttempts: 5 }); // still backing off
    expect(received).toHaveLength(0);
    t.clock.advance(backoffMs(1) + 1000);
    expect((await deliverWebhooks(ctx, { maxAttempts: 5 })).delivered).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.verified).toBe(true);
    const event = JSON.parse(received[0]!.body);
    expect(event).toMatchObject({ type: 'inquiry.answered', data: { inquiryId: inquiry.id, answer: { decision: 'confirmed' } } });
    await deliverWebhooks(ctx, { maxAttempts: 5 });
    expect(received).toHaveLength(1);

    const log = (await t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: { authorization: `Bearer ${apiKey}` } })).json();
    expect(log.items[0]).toMatchObject({ id: received[0]!.delivery, status: 'delivered', attempts: 2, lastStatusCode: 204 });
    const polled = (await t.app.inject({ method: 'GET', url: `/api/v1/inquiries/${inquiry.id}`, headers: { authorization: `Bearer ${apiKey}` } })).json();
    expect(polled.status).toBe('answered');
  });

  it('signatures fail for a changed body, a wrong secret or an old timestamp (replay)', () => {
    const body = '{"type":"inquiry.answered"}';
    const now = 1_800_000_000;
    const header = sign('s3cret', now, body);
    expect(verify('s3cret', header, body, now)).toBe(true);
    expect(verify('s3cret', header, body.replace('answered', 'answerex'), now)).toBe(false);
    expect(verify('other', header, body, now)).toBe(false);
    expect(verify('s3cret', header, body, now + 301)).toBe(false);
    expect(verify('s3cret', undefined, body, now)).toBe(false);
  });
});
