/**
 * Sign-in throttling (issue 11, defect 2): per normalised account, per address and per address
 * range, with exponential back-off and a lock the admin lifts; failures aggregated in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../test/app.js';
import { DEMO_PASSWORD } from '../../seed/seed.js';
import { ACCOUNT_POLICY, addressRange } from './auth.throttle.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
const auditCount = async (prefix: string) =>
  Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);

/** «d3-reviewer1» in 20 letter cases. */
const caseVariants = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => [...name].map((ch, j) => ((i >> (j % 5)) & 1 ? ch.toUpperCase() : ch)).join(''));

describe('per account', () => {
  it('letter case buys nothing: 20 case variants from one address get 5 guesses, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (const name of caseVariants('d3-reviewer1', 20)) statuses.push((await login(name, 'wrong-guess-1', '198.51.100.1')).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_POLICY.free + 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - ACCOUNT_POLICY.free - 1);
    const refused = await login('D3-REVIEWER1', DEMO_PASSWORD, '198.51.100.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { locked: false } });
    // After the wait the right password works and the run starts afresh.
    t.clock.advance(Number(refused.headers['retry-after']) * 1000);
    expect((await login('d3-reviewer1', DEMO_PASSWORD, '198.51.100.1')).statusCode).toBe(200);
    expect((await login('d3-reviewer1', 'wrong-guess-2', '198.51.100.1')).statusCode).toBe(401);
  });

  it('a parallel burst of 30 guesses at one account checks no more than the free ones', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login('d5-reviewer1', `burst-${i}`, `198.51.101.${i + 1}`)));
    expect(burst.filter((r) => r.statusCode === 401)).toHaveLength(ACCOUNT_POLICY.free + 1);
    expect(burst.filter((r) => r.statusCode === 500)).toHaveLength(0);
  });

  it('locks after 15 failures with the waits honoured; the right password is refused until the admin lifts the lock (audited)', async () => {
    const ip = '198.51.102.1';
    const before = await auditCount('auth.');
    for (let i = 0; i < ACCOUNT_POLICY.lockAfter!; i++) {
      const res = await login('d3-followup1', `guess-${i}`, ip);
      expect(res.statusCode).toBe(401);
      t.clock.advance(16 * 60 * 1000); // past the longest wait, inside the hour's window
    }
    const locked = await login('d3-followup1', DEMO_PASSWORD, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.details).toMatchObject({ locked: true });
    expect(locked.json().error.messageFa).toContain('قفل');
    // Fifteen failures wrote three audit rows: the first, the first slowed, the lock.
    expect((await auditCount('auth.')) - before).toBe(3);

    const list = await admin.get('/api/auth/lockouts');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(expect.objectContaining({ username: 'd3-followup1', failures: 15, staffId: expect.any(String) }));
    const operator = await signIn(t.app, 'o10573449-op1');
    expect((await operator.delete('/api/auth/lockouts/d3-followup1')).statusCode).toBe(403);
    expect((await admin.delete('/api/auth/lockouts/d3-followup1')).statusCode).toBe(204);
    expect((await admin.delete('/api/auth/lockouts/d3-followup1')).statusCode).toBe(404);
    const lifted = await t.db.selectFrom('audit_log').select(['action', 'details']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(lifted.action).toBe('auth.lockout_lifted');
    expect((await login('d3-followup1', DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('per address and range', () => {
  it('one address guessing across many usernames is slowed after 20 failures', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(`nobody-${i}`, 'x', '198.51.103.7')).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(21);
    expect(statuses.slice(21).every((s) => s === 429)).toBe(true);
    // Another address is not affected.
    expect((await login('nobody-x', 'x', '198.51.104.7')).statusCode).toBe(401);
  });

  it('many addresses of one /24 share the range limit', async () => {
    let ok401 = 0;
    let refused = 0;
    for (let a = 1; a <= 7; a++) {
      for (let i = 0; i < 16; i++) {
        const s = (await login(`range-${a}-${i}`, 'x', `203.0.113.${a}`)).statusCode;
        if (s === 401) ok401++;
        else if (s === 429) refused++;
      }
    }
    expect(ok401).toBe(101);
    expect(refused).toBe(7 * 16 - 101);
  });

  it('names address ranges for IPv4, mapped IPv4 and IPv6', () => {
    expect(addressRange('203.0.113.77')).toBe('203.0.113.0/24');
    expect(addressRange('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(addressRange('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressRange('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});

describe('password policy', () => {
  it('refuses short, common, username-bearing and one-character passwords with field errors', async () => {
    const c = await signIn(t.app, 'd5-reviewer1');
    const cases: Array<[string, string]> = [
      ['short-1', 'too_short'],
      ['qwertyuiop', 'common_password'],
      ['1234567890', 'common_password'],
      ['my-d5-reviewer1-pass', 'contains_username'],
      ['zzzzzzzzzzzz', 'one_character'],
    ];
    for (const [newPassword, code] of cases) {
      const res = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      const field = res.json().error.fields[0];
      expect(field.field).toBe('newPassword');
      if (newPassword !== 'short-1') expect(field.code).toBe(code);
    }
    const admin2 = await signIn(t.app, 'admin');
    const res = await admin2.post('/api/staff', {
      username: 'inspector-new', password: 'qwertyuiop', firstName: 'مینا', lastName: 'کاظمی', nationalCode: '0499370899',
      mobile: '09131234567', role: 'inspector', districtId: (await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow()).id, specialty: 'urbanism',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toContain('password:common_password');
  });
});
