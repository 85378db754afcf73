import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';
import { createCtx } from '../../app.js';
import { parseConfig } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { claim, deliverDue } from './notifications.worker.js';
import { backoffMs } from '../../platform/retry.js';
import { kavenegarProvider, logFileProvider } from './sms.js';
import { SmsSendError, type SmsMessage, type SmsProvider } from '../../platform/sms.js';
import { renderSms } from './notifications.templates.js';

let t: TestApp;
let ctx: Ctx;
let op: Client;
let property: SeededProperty;

/** A provider that, like Kavenegar with a localid, never delivers one key twice; it fails the first `failFirst` sends of each key. */
function fakeProvider(failFirst = 0) {
  const delivered = new Map<string, SmsMessage>();
  const calls: string[] = [];
  const provider: SmsProvider = {
    async send(m) {
      calls.push(m.idempotencyKey);
      if (calls.filter((k) => k === m.idempotencyKey).length <= failFirst) throw new SmsSendError('provider down');
      if (!delivered.has(m.idempotencyKey)) delivered.set(m.idempotencyKey, m);
      return { providerMessageId: `id-${delivered.size}` };
    },
  };
  return { provider, delivered, calls };
}

const outboxOf = (requestId: string) => t.db.selectFrom('outbox').selectAll().where('aggregate_id', '=', requestId).orderBy('created_at').execute();

beforeAll(async () => {
  t = await createTestApp();
  ctx = createCtx(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data' }), { db: t.db, clock: t.clock });
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 6 }));
  property = await districtProperty(t.db, 6);
});
afterAll(async () => t?.close());

describe('the outbox', () => {
  it('intake writes exactly one event with the case; a refused action writes none', async () => {
    const kase = await registerCase(op, property);
    const rows = await outboxOf(kase.id);
    expect(rows.map((r) => r.event_type)).toEqual(['request.registered']);
    expect(rows[0]!.idempotency_key).toBe(`request:${kase.id}:1`);
    const stale = await op.post(`/api/requests/${kase.id}/resubmit`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(await outboxOf(kase.id)).toHaveLength(1);
  });
});

describe('the notification worker', () => {
  it("signs a case's message with its own city's name", async () => {
    const kase = await registerCase(op, property);
    const city = await t.db.selectFrom('requests').select('city_id').where('id', '=', kase.id).executeTakeFirstOrThrow();
    const before = await t.db.selectFrom('cities').select('name_fa').where('id', '=', city.city_id).executeTakeFirstOrThrow();
    await t.db.updateTable('cities').set({ name_fa: 'کاشان' }).where('id', '=', city.city_id).execute();
    try {
      const { provider, delivered } = fakeProvider();
      await deliverDue(ctx, provider, { maxAttempts: 5 });
      const text = delivered.get(`request:${kase.id}:1`)?.text ?? '';
      expect(text.endsWith('\nشهرداری کاشان - میز خدمت'), text).toBe(true);
      expect(text).not.toContain('اصفهان');
    } finally {
      await t.db.updateTable('cities').set({ name_fa: before.name_fa }).where('id', '=', city.city_id).execute();
    }
  });

  it('retries with backoff: a provider that fails twice then succeeds delivers once', async () => {
    const kase = await registerCase(op, property);
    const { provider, delivered, calls } = fakeProvider(2);
    for (let i = 0; i < 3; i++) {
      await deliverDue(ctx, provider, { maxAttempts: 5 });
      t.clock.advance(backoffMs(i + 1) + 1000);
    }
    const key = `request:${kase.id}:1`;
    expect(calls.filter((k) => k === key)).toHaveLength(3);
    expect(delivered.get(key)?.text).toContain('کد رهگیری');
    // Signed by the case's city, as the database names it.
    const city = await t.db.selectFrom('cities').select('name_fa').executeTakeFirstOrThrow();
    expect(delivered.get(key)?.text.endsWith(`\nشهرداری ${city.name_fa} - میز خدمت`)).toBe(true);
    const [row] = await outboxOf(kase.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    await deliverDue(ctx, provider, { maxAttempts: 5 });
    expect(calls.filter((k) => k === key)).toHaveLength(3); // nothing sent again
  });

  it('waits out the backoff before retrying', async () => {
    await registerCase(op, property);
    const { provider, calls } = fakeProvider(1);
    await deliverDue(ctx, provider, { maxAttempts: 5 });
    const before = calls.length;
    t.clock.advance(backoffMs(1) - 5000);
    await deliverDue(ctx, provider, { maxAttempts: 5 });
    expect(calls.length).toBe(before);
  });

  it('a worker killed between sending and recording does not send twice after restart', async () => {
    const kase = await registerCase(op, property);
    const { provider, delivered } = fakeProvider();
    const [row] = await outboxOf(kase.id);
    // The first worker claims the row and the provider accepts the message; then the process dies.
    expect(await claim(t.db, row!.id, t.clock.now())).toBe(true);
    await provider.send({ to: '09130000000', text: 'x', idempotencyKey: row!.idempotency_key });
    // A second worker cannot take it while the lease holds...
    await deliverDue(ctx, provider, { maxAttempts: 5 });
    expect((await outboxOf(kase.id))[0]!.status).toBe('pending');
    // ...and after the lease it sends with the same key, which the provider does not deliver again.
    t.clock.advance(61_000);
    await deliverDue(ctx, provider, { maxAttempts: 5 });
    expect((await outboxOf(kase.id))[0]!.status).toBe('sent');
    expect([...delivered.keys()].filter((k) => k === row!.idempotency_key)).toHaveLength(1);
  });

  it('dead-letters after the last attempt; the admin resends it and it is delivered', async () => {
    const kase = await registerCase(op, property);
    const failing = fakeProvider(100);
    for (let i = 0; i < 3; i++) {
      await deliverDue(ctx, failing.provider, { maxAttempts: 3 });
      t.clock.advance(backoffMs(3) + 1000);
    }
    const [row] = await outboxOf(kase.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, last_error: 'provider down' });

    const admin = await signIn(t.app, 'admin');
    const list = (await admin.get('/api/outbox?status=dead')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(row!.id);
    expect((await op.get('/api/outbox')).statusCode).toBe(403);
    const res = await admin.post(`/api/outbox/${row!.id}/resend`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('pending');
    expect((await admin.post(`/api/outbox/${row!.id}/resend`)).statusCode).toBe(409);
    const ok = fakeProvider();
    await deliverDue(ctx, ok.provider, { maxAttempts: 3 });
    expect((await outboxOf(kase.id))[0]!.status).toBe('sent');
  });

  it('skips events that send no message', async () => {
    const kase = await registerCase(op, property);
    const manager = await signIn(t.app, (await usernameOf(t.db, 'office_operator', { districtNumber: 6 })).replace(/-op1$/, '-manager'));
    const current = (await manager.get(`/api/requests/${kase.id}`)).json();
    await manager.post(`/api/requests/${kase.id}/cancel`, { version: current.version, reason: 'انصراف متقاضی' });
    await deliverDue(ctx, fakeProvider().provider, { maxAttempts: 3 });
    const rows = await outboxOf(kase.id);
    expect(rows.find((r) => r.event_type === 'request.cancelled')?.status).toBe('skipped');
  });
});

describe('SMS providers and texts', () => {
  it('the log provider writes a key once', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sms-')), 'sms.log');
    const p = logFileProvider(file);
    const a = await p.send({ to: '09131234567', text: 'سلام', idempotencyKey: 'k1' });
    const b = await p.send({ to: '09131234567', text: 'سلام', idempotencyKey: 'k1' });
    expect(b.providerMessageId).toBe(a.providerMessageId);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('the Kavenegar-compatible provider posts receptor, message and localid, and reads the message id', async () => {
    const seen: { url: string; body: string }[] = [];
    const fetchOk = (async (url: string, init: RequestInit) => {
      seen.push({ url, body: (init.body as URLSearchParams).toString() });
      return new Response(JSON.stringify({ return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 8792343 }] }), { status: 200 });
    }) as unknown as typeof fetch;
    const p = kavenegarProvider({ url: 'http://sms.test', apiKey: 'KEY', sender: '10004346' }, fetchOk);
    expect(await p.send({ to: '09131234567', text: 'متن', idempotencyKey: 'request:1:1' })).toEqual({ providerMessageId: '8792343' });
    expect(seen[0]!.url).toBe('http://sms.test/v1/KEY/sms/send.json');
    const params = new URLSearchParams(seen[0]!.body);
    expect(Object.fromEntries(params)).toEqual({ receptor: '09131234567', message: 'متن', localid: 'request:1:1', sender: '10004346' });
    const fetchRefused = (async () => new Response(JSON.stringify({ return: { status: 418, message: 'اعتبار کافی نیست' } }), { status: 418 })) as unknown as typeof fetch;
    await expect(kavenegarProvider({ url: 'http://sms.test', apiKey: 'KEY', sender: null }, fetchRefused).send({ to: '1', text: 'x', idempotencyKey: 'k' })).rejects.toThrow(SmsSendError);
  });

  it('Persian templates with Persian digits and Jalali dates, signed by the city the message comes from', () => {
    expect(renderSms('request.registered', { trackingCode: '1234567890' }, 'اصفهان')).toContain('کد رهگیری: ۱۲۳۴۵۶۷۸۹۰');
    const visit = renderSms('inspection.scheduled', { trackingCode: '1234567890', date: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' }, 'شیراز')!;
    expect(visit).toContain('دوشنبه');
    expect(visit).toContain('۹ آذر');
    expect(visit).toContain('۰۹:۰۰');
    expect(visit.endsWith('\nشهرداری شیراز - میز خدمت')).toBe(true);
    expect(visit).not.toContain('اصفهان');
    expect(renderSms('request.cancelled', {}, 'اصفهان')).toBeNull();
  });
});
