/**
 * What the fuzzer (fuzz.api.test.ts) found, each pinned by its own test so it stays fixed even if
 * the fuzzer's generators change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from './app.js';
import { districtProperty } from './factories.js';
import { SmsSendError } from '../platform/sms.js';

let t: TestApp;
let admin: Client;
/** The SMS provider, which a test can make fail as an unreachable Kavenegar would. */
const sms = { down: false, sent: 0 };

beforeAll(async () => {
  t = await createTestApp(undefined, {
    sms: { send: async () => (sms.down ? Promise.reject(new SmsSendError('SMS provider unreachable (test)')) : { providerMessageId: String(++sms.sent) }) },
  });
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => t?.close());

describe('a page far past the end of a list', () => {
  // page=1e308 made an OFFSET SQLite cannot read: a 500 on every list (platform/schemas.ts PageNumber).
  const LISTS = ['/api/properties', '/api/offices', '/api/staff', '/api/holidays', '/api/audit', '/api/requests', '/api/outbox', '/api/excavations', '/api/followup/cases'];
  for (const list of LISTS) {
    it(`${list}?page=1e308 is a 400 on page; page 10,000 is an empty page`, async () => {
      const huge = await admin.get(`${list}?page=1e308`);
      expect(huge.statusCode, huge.body).toBe(400);
      expect(huge.json().error.fields[0]).toMatchObject({ field: 'page' });
      const last = await admin.get(`${list}?page=10000`);
      expect(last.statusCode, last.body).toBe(200);
      expect(last.json().items).toEqual([]);
    });
  }
});

describe('a request that fails rolls back what it wrote', () => {
  // Found reading the routes that write before a call that can fail: the one-time code was stored,
  // then the SMS provider failed and the citizen got a 500 with a live, undelivered code that
  // counted against the number's limit of codes. Now the code is withdrawn and the answer is the
  // one an unknown number gets, so an outage does not tell who is on file.
  it('a sign-in code the SMS provider could not send is not kept, and the answer is the usual 202, not a 500', async () => {
    const property = await districtProperty(t.db, 4);
    const { mobile } = await t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow();
    const codes = async () => (await t.db.selectFrom('citizen_otps').select('id').where('mobile', '=', mobile).execute()).length;
    sms.down = true;
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { mobile }, remoteAddress: '10.77.0.1' });
      expect(res.statusCode, res.body).toBe(202);
      expect(await codes()).toBe(0);
    } finally {
      sms.down = false;
    }
    const again = await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { mobile }, remoteAddress: '10.77.0.1' });
    expect(again.statusCode, again.body).toBe(202);
    expect(await codes()).toBe(1);
  });
});
