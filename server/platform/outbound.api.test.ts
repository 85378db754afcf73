/**
 * Webhook URLs may not point inside the network (issue 11, defect 9): refused at registration,
 * and at delivery on the address the name resolves to then.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../test/app.js';
import { guardedFetch, webhookUrlProblem } from './outbound.js';

let t: TestApp;
let admin: Client;
let receiver: http.Server;
let hits = 0;
let port = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  receiver = http.createServer((_req, res) => {
    hits++;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver?.close();
  await t?.close();
});

const client = (webhookUrl: string) =>
  admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک آزمایشی', officialCode: '77', rateLimitPerMinute: 60, webhookUrl, webhookEvents: ['inquiry.answered'] });

describe('registration', () => {
  const inside = [
    'http://127.0.0.1:5432/x', 'http://localhost:3000/hook', 'http://10.1.2.3/hook', 'http://172.16.0.1/hook', 'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'http://[fd00::1]/hook', 'http://[::ffff:127.0.0.1]/hook', 'http://0.0.0.0/hook',
    'http://100.64.0.1/hook', 'http://0x7f000001/hook', 'http://2130706433/hook', 'ftp://hooks.example.ir/x', 'http://printer.local/x',
  ];
  for (const url of inside) {
    it(`refuses ${url} with a 400 on webhookUrl and stores nothing`, async () => {
      const before = await t.db.selectFrom('api_clients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await client(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain('webhookUrl');
      const after = await t.db.selectFrom('api_clients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  }

  it('accepts a public address, and refuses changing it to an inside one', async () => {
    const res = await client('https://hooks.bank.example.ir/miz');
    expect(res.statusCode).toBe(201);
    const patched = await admin.patch(`/api/api-clients/${res.json().id}`, { webhookUrl: `http://127.0.0.1:${port}/x` });
    expect(patched.statusCode).toBe(400);
  });

  it('lets the operator allow a host by name', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', ['127.0.0.1'])).toBeNull();
    expect(webhookUrlProblem('http://hooks.internal/x', ['hooks.internal'])).toBeNull();
    expect(webhookUrlProblem('http://hooks.internal/x', [])).toBe('private_address');
  });
});

describe('delivery', () => {
  /** A resolver that says every name is the test receiver on loopback: DNS that changed after registration. */
  const rebinding = ((_host: string, _opts: unknown, cb: (e: null, a: dns.LookupAddress[]) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof dns.lookup;

  it('refuses to connect when a public name resolves to an inside address at delivery time', async () => {
    const fetchPublic = guardedFetch([], rebinding);
    await expect(fetchPublic(`http://hooks.bank.example.ir:${port}/x`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(hits).toBe(0);
  });

  it('refuses a literal inside address at delivery, and reaches it only when the host is allowed', async () => {
    await expect(guardedFetch([])(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' })).rejects.toThrow(/public/);
    expect(hits).toBe(0);
    const res = await guardedFetch(['127.0.0.1'])(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    expect(hits).toBe(1);
  });

  it('an allowed name still connects through the resolver', async () => {
    const res = await guardedFetch(['hooks.test'], rebinding)(`http://hooks.test:${port}/x`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    expect(hits).toBe(2);
  });
});
