/**
 * Many nodes on one PostgreSQL (issue 14, decision 0038): two real server processes (the bundle, as
 * `npm start` runs it) on one database and one Redis, both polling the queues. Shows that
 * background work is done once (SMS from the outbox and webhook deliveries: each sent exactly once
 * although both servers take rows), that rate limits are shared (the public tracking limit counts
 * the calls on both), and that a session is valid on both (signed in on one, used on the other,
 * signed out on one, refused on the other). Then `WORKERS=2`: one port, two worker processes
 * answering, a killed worker replaced, SIGTERM drains both.
 *
 * PostgreSQL only (vitest.config.ts gives `*.pg.api.test.ts` to the api-postgres project alone):
 * several app servers on one SQLite file is not a deployment we offer.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { enqueueOutboxes } from '../platform/outbox.js';
import { enqueueWebhook } from '../modules/clients/index.js';
import { freePort, serverDatabase, startServer, type ServerDatabase, type ServerProcess } from './server-process.js';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
/** Rows put in each queue at once, while both servers poll. */
const JOBS = 120;

let sdb: ServerDatabase;
let dir: string;
let prefix: string;
let a: ServerProcess;
let b: ServerProcess;
const smsLog = (name: string) => path.join(dir, `sms-${name}.log`);

/** A receiver for the webhooks: counts each delivery id it is sent. */
const hooks = new Map<string, number>();
const receiver = http.createServer((req, res) => {
  const id = String(req.headers['miz-delivery']);
  hooks.set(id, (hooks.get(id) ?? 0) + 1);
  req.resume().on('end', () => res.writeHead(204).end());
});

function env(name: string, port: number): Record<string, string> {
  return {
    ...sdb.env, PORT: String(port), SEED_DEMO: 'true', DEMO_HISTORY_MONTHS: '0', LOG_LEVEL: 'warn', OTP_SECRET: 'o'.repeat(32),
    NOTIFY_POLL_MS: '100', LETTER_POLL_MS: '0', ESCALATION_POLL_MS: '0', SMS_PROVIDER: 'log', SMS_LOG_FILE: smsLog(name),
    REDIS_URL, REDIS_KEY_PREFIX: prefix, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  };
}

async function call(server: ServerProcess, method: 'GET' | 'POST', url: string, opts: { cookie?: string; body?: object } = {}) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function signIn(server: ServerProcess, username: string): Promise<string> {
  const res = await call(server, 'POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  sdb = await serverDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-two-'));
  prefix = `miz-test-${randomBytes(6).toString('hex')}:`;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // One after the other: the first migrates and seeds, the second finds it done.
  a = await startServer(env('a', await freePort()));
  b = await startServer(env('b', await freePort()));
}, 180_000);

afterAll(async () => {
  for (const s of [a, b]) {
    s?.signal('SIGKILL');
    await s?.exited;
  }
  receiver.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await sdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('two servers on one PostgreSQL', () => {
  it(`deliver ${JOBS} SMS and ${JOBS} webhooks queued at once, each exactly once, both servers taking rows`, async () => {
    const db = sdb.db;
    const admin = await signIn(a, 'admin');
    const staff = await db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const client = await call(a, 'POST', '/api/api-clients', {
      cookie: admin,
      body: { kind: 'bank', nameFa: 'بانک آزمون دو سرور', officialCode: '7070', webhookUrl: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`, webhookEvents: ['inquiry.answered'] },
    });
    expect(client.status, JSON.stringify(client.body)).toBe(201);

    const run = randomBytes(4).toString('hex');
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      await enqueueOutboxes(
        trx,
        Array.from({ length: JOBS }, (_, i) => ({
          eventType: 'request.answer_ready', aggregateType: 'staff', aggregateId: staff.id, idempotencyKey: `two-servers:${run}:${i}`,
          payload: { trackingCode: String(1_000_000_000 + i), toStaffId: staff.id },
        })),
        now,
      );
      for (let i = 0; i < JOBS; i++) await enqueueWebhook(trx, client.body.id, 'inquiry.answered', `two-servers:${run}:${i}`, { n: i }, now);
    });

    const outbox = () => db.selectFrom('outbox').select(['idempotency_key', 'status', 'attempts']).where('idempotency_key', 'like', `two-servers:${run}:%`).execute();
    const deliveries = () => db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts']).where('client_id', '=', client.body.id).execute();
    await until('every SMS sent', async () => (await outbox()).every((r) => r.status === 'sent'));
    await until('every webhook delivered', async () => (await deliveries()).every((r) => r.status === 'delivered'));

    // Each server has its own SMS log: a message sent by both would be in both.
    const sent = (name: string) =>
      fs.readFileSync(smsLog(name), 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { key: string }).key).filter((k) => k.startsWith(`two-servers:${run}:`));
    const [byA, byB] = [sent('a'), sent('b')];
    console.log(`two servers: SMS sent by A ${byA.length}, by B ${byB.length}; webhooks received ${[...hooks.values()].reduce((n, x) => n + x, 0)} for ${JOBS} deliveries`);
    expect(byA.length, 'server A took SMS rows').toBeGreaterThan(0);
    expect(byB.length, 'server B took SMS rows').toBeGreaterThan(0);
    expect([...byA, ...byB].sort()).toEqual(Array.from({ length: JOBS }, (_, i) => `two-servers:${run}:${i}`).sort());
    expect((await outbox()).map((r) => r.attempts)).toEqual(Array(JOBS).fill(1));

    const rows = await deliveries();
    expect(rows).toHaveLength(JOBS);
    expect(rows.map((r) => r.attempts)).toEqual(Array(JOBS).fill(1));
    expect([...hooks.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
    expect([...hooks.values()]).toEqual(Array(JOBS).fill(1));
  }, 120_000);

  it('count the public tracking limit across both servers', async () => {
    // Any call to the route counts (a malformed one too); what is counted is the caller's address.
    const track = (server: ServerProcess) => call(server, 'GET', '/api/public/requests/12345?nationalCode=12');
    const first = await track(a);
    const limit = Number(first.headers.get('x-ratelimit-limit'));
    expect(limit).toBeGreaterThan(1);
    const statuses = [first.status];
    for (let i = 1; i < limit; i++) {
      const res = await track(i % 2 === 0 ? a : b);
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(limit - i - 1);
      statuses.push(res.status);
    }
    expect(statuses).not.toContain(429);
    // The limit is used up: on both servers, whichever the last call went to.
    expect((await track(a)).status).toBe(429);
    expect((await track(b)).status).toBe(429);
  });

  it('honour a session on both: signed in on one, used on the other; signed out on one, refused on the other', async () => {
    const cookie = await signIn(a, 'auditor');
    expect((await call(b, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await call(b, 'POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await call(a, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });
});

describe('WORKERS=2', () => {
  it('serves on one port from two worker processes, replaces a killed worker, and drains both on SIGTERM', async () => {
    // The two servers above are done with: their start-ups and polls would only slow this one's on a small machine.
    for (const s of [a, b]) {
      s.signal('SIGTERM');
      await s.exited;
    }
    const cluster = await startServer({ ...env('c', await freePort()), WORKERS: '2', LOG_LEVEL: 'info' }, 120_000);
    try {
      // A new connection each time: the primary hands connections to the workers in turn.
      const get = () =>
        new Promise<number>((resolve, reject) => {
          http.get(`${cluster.url}/healthz`, { agent: false }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject);
        });
      const answeredBy = async () => {
        const before = cluster.output().length;
        for (let i = 0; i < 10; i++) expect(await get()).toBe(200);
        const pids = cluster
          .output()
          .slice(before)
          .split('\n')
          .filter((line) => line.includes('"request completed"'))
          .map((line) => (JSON.parse(line) as { pid: number }).pid);
        return new Set(pids);
      };
      const workers = await answeredBy();
      expect(workers.size).toBe(2);
      expect(workers).not.toContain(cluster.pid);

      const [killed] = workers;
      process.kill(killed!, 'SIGKILL');
      await cluster.waitForLine(/a worker died; starting another/, 30_000);
      await cluster.waitForLine(/Server listening/, 120_000);
      const after = await answeredBy();
      expect(after.size).toBe(2);
      expect(after).not.toContain(killed);

      cluster.signal('SIGTERM');
      expect(await cluster.exited).toBe(0);
      expect(cluster.output()).toMatch(/all workers stopped/);
    } finally {
      cluster.signal('SIGKILL');
    }
  }, 300_000);
});
