/**
 * Standing check 12 (issue 11): crash and durability, and graceful shutdown. The real server runs
 * as a child process on a database of its own; desk intakes, payments, cancellations and bank
 * inquiries (some sent twice at once with one Idempotency-Key, as a retrying bank would) are driven
 * at it over HTTP at once, it is killed with SIGKILL at a random moment and started again, 20
 * times. After each restart every acknowledged (2xx) write must be whole, nothing half-done may
 * exist, and the audit chain must verify. Then SIGTERM with a request in flight (its body still
 * arriving): it finishes with 201 and is durable, a new call is not served, and the server exits 0.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { verifyAuditChain } from '../platform/audit.js';
import { INSPECTION_DOCS, INSPECTION_FORM } from './factories.js';
import { freePort, serverDatabase, startServer, type ServerDatabase, type ServerProcess } from './server-process.js';

const CYCLES = 20;
const WORKERS = 6;

let sdb: ServerDatabase;
let server: ServerProcess;
let env: Record<string, string>;
let deskCookie: string;
let managerCookie: string;
let apiKey: string;
let startedAt: string;
let deskProperties: { id: string; ownerId: string }[];
let inquiryProperties: { postalCode: string; ownerNationalCode: string }[];

/** What the server acknowledged (answered 2xx): each must be found whole after any crash. */
type Ack =
  | { kind: 'intake'; caseId: string }
  | { kind: 'payment'; caseId: string }
  | { kind: 'cancel'; caseId: string }
  | { kind: 'inquiry'; inquiryId: string; trackingCode: string };

interface Call {
  status: number;
  body: any;
}

async function call(agent: Agent, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: object): Promise<Call> {
  const res = await request(`${server.url}${path}`, {
    method, dispatcher: agent,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : null };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

beforeAll(async () => {
  sdb = await serverDatabase();
  env = {
    ...sdb.env, PORT: String(await freePort()), SEED_DEMO: 'true', DEMO_HISTORY_MONTHS: '0', LOG_LEVEL: 'warn',
    NOTIFY_POLL_MS: '200', LETTER_POLL_MS: '0', ESCALATION_POLL_MS: '0', SMS_PROVIDER: 'log', OTP_SECRET: 'x'.repeat(32),
  };
  server = await startServer(env);
  startedAt = new Date().toISOString();
  const agent = new Agent();
  const signIn = async (username: string) => {
    const res = await request(`${server.url}/api/auth/login`, {
      method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    await res.body.text();
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  };
  const desk = await sdb.db
    .selectFrom('staff')
    .innerJoin('offices', 'offices.id', 'staff.office_id')
    .select(['staff.username', 'staff.office_id', 'offices.district_id'])
    .where('staff.role', '=', 'office_operator')
    .where('staff.active', '=', 1)
    .orderBy('staff.username')
    .executeTakeFirstOrThrow();
  deskCookie = await signIn(desk.username);
  // The desk's manager cancels (an operator may not).
  const manager = await sdb.db.selectFrom('staff').select('username').where('role', '=', 'office_manager').where('office_id', '=', desk.office_id).executeTakeFirstOrThrow();
  managerCookie = await signIn(manager.username);
  const owned = sdb.db
    .selectFrom('properties')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'properties.postal_code', 'persons.id as ownerId', 'persons.national_code'])
    .orderBy('properties.file_number');
  deskProperties = (await owned.where('properties.district_id', '=', desk.district_id).limit(20).execute()).map((p) => ({ id: p.id, ownerId: p.ownerId }));
  inquiryProperties = (await owned.where('properties.postal_code', 'is not', null).limit(40).execute()).map((p) => ({ postalCode: p.postal_code!, ownerNationalCode: p.national_code }));
  expect(deskProperties.length).toBeGreaterThan(0);

  const admin = { cookie: await signIn('admin') };
  const client = await call(agent, 'POST', '/api/api-clients', admin, { kind: 'bank', nameFa: 'بانک آزمون خرابی', officialCode: '9090', rateLimitPerMinute: 6000, webhookEvents: [] });
  expect(client.status).toBe(201);
  const key = await call(agent, 'POST', `/api/api-clients/${client.body.id}/keys`, admin, { scopes: ['bank'], expiresAt: '2030-01-01T00:00:00.000Z' });
  expect(key.status).toBe(201);
  apiKey = key.body.key;
  await agent.close();
}, 120_000);

afterAll(async () => {
  server?.signal('SIGKILL');
  await server?.exited;
  await sdb?.drop();
});

/** Intakes (half paid at the desk), payments, cancellations and bank inquiries, until told to stop. */
async function drive(agent: Agent, acks: Ack[], openCases: string[], unpaid: string[], stop: { now: boolean }) {
  const desk = { cookie: deskCookie };
  let n = 0;
  while (!stop.now) {
    n++;
    try {
      const r = Math.random();
      if (r < 0.35 || openCases.length === 0) {
        const p = pick(deskProperties);
        const paid = Math.random() < 0.5;
        const res = await call(agent, 'POST', '/api/requests', desk, {
          propertyId: p.id, applicantPersonId: p.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS,
          payment: paid ? { paid: true, reference: '70012345' } : { paid: false },
        });
        if (res.status === 201) {
          acks.push({ kind: 'intake', caseId: res.body.id });
          openCases.push(res.body.id);
          if (!paid) unpaid.push(res.body.id);
        }
      } else if (r < 0.5 && unpaid.length > 0) {
        const id = unpaid.splice(Math.floor(Math.random() * unpaid.length), 1)[0]!;
        const res = await call(agent, 'POST', `/api/requests/${id}/payment`, desk, { reference: `7100${n}` });
        if (res.status === 200) acks.push({ kind: 'payment', caseId: id });
      } else if (r < 0.65) {
        const id = pick(openCases);
        const manager = { cookie: managerCookie };
        const current = await call(agent, 'GET', `/api/requests/${id}`, manager);
        if (current.status !== 200 || current.body.state === 'cancelled') continue;
        const res = await call(agent, 'POST', `/api/requests/${id}/cancel`, manager, { version: current.body.version, reason: 'انصراف متقاضی از درخواست' });
        if (res.status === 200) acks.push({ kind: 'cancel', caseId: id });
      } else {
        const p = pick(inquiryProperties);
        const key = `crash-${Date.now()}-${Math.random()}`;
        const ask = () =>
          call(agent, 'POST', '/api/v1/inquiries', { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, {
            type: 'bank', property: { postalCode: p.postalCode }, subjectNationalCode: p.ownerNationalCode, letterNumber: 'ب/۱۴۰۵/۹۹', purpose: 'mortgage',
          });
        // Now and then the bank's retry races its first attempt (same key, same body).
        const answers = await Promise.allSettled(Math.random() < 0.3 ? [ask(), ask()] : [ask()]);
        for (const a of answers) {
          if (a.status === 'fulfilled' && (a.value.status === 202 || a.value.status === 200)) {
            acks.push({ kind: 'inquiry', inquiryId: a.value.body.id, trackingCode: a.value.body.case?.trackingCode ?? '' });
          }
        }
      }
    } catch {
      // The server was killed under this call: not acknowledged, so nothing is owed.
    }
  }
}

interface Findings {
  /** Acknowledged writes not found whole. */
  lost: string[];
  /** Half-done rows: a case without its timeline, audit or outbox row, a step without its line, an API case without its inquiry. */
  orphans: string[];
  auditRows: number;
}

/** Everything written since the test began, read straight from the database. */
async function inspect(acks: Ack[]): Promise<Findings> {
  const db = sdb.db;
  const requests = await db.selectFrom('requests').select(['id', 'state', 'version', 'created_by', 'created_at', 'fee_paid_at', 'tracking_code']).where('created_at', '>=', startedAt).execute();
  const ids = new Set(requests.map((r) => r.id));
  const events = (await db.selectFrom('request_events').select(['request_id', 'action', 'to_state']).where('created_at', '>=', startedAt).execute()).filter((e) => ids.has(e.request_id));
  const audits = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'action'])
    .where('entity_type', '=', 'request')
    .where('action', 'like', 'request.%')
    .where('action', '!=', 'request.read')
    .where('at', '>=', startedAt)
    .execute();
  const outbox = await db.selectFrom('outbox').select(['aggregate_id', 'event_type', 'idempotency_key']).where('aggregate_type', '=', 'request').where('created_at', '>=', startedAt).execute();
  const inquiries = await db.selectFrom('inquiries').select(['id', 'status', 'request_id', 'answer']).where('created_at', '>=', startedAt).execute();
  const open311 = await db.selectFrom('open311_requests').select('request_id').execute();
  const system = new Set((await db.selectFrom('staff').select('id').where('username', 'like', 'system-%').execute()).map((s) => s.id));

  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const eventsOf = group(events, (e) => e.request_id);
  const auditsOf = group(audits, (a) => a.entity_id);
  const outboxOf = group(outbox, (o) => o.aggregate_id);
  const byId = new Map(requests.map((r) => [r.id, r]));
  const inquiryCases = new Set([...inquiries.map((i) => i.request_id), ...open311.map((o) => o.request_id)]);

  const orphans: string[] = [];
  for (const r of requests) {
    const ev = eventsOf.get(r.id) ?? [];
    const au = auditsOf.get(r.id) ?? [];
    const ob = outboxOf.get(r.id) ?? [];
    const paidAtIntake = r.fee_paid_at !== null && r.fee_paid_at === r.created_at ? 1 : 0;
    // Every claimed version writes one timeline line and one audit row in its transaction; a fee paid at intake adds one line.
    if (ev.length !== Number(r.version) + paidAtIntake) orphans.push(`case ${r.tracking_code}: version ${r.version} but ${ev.length} timeline lines`);
    if (au.length !== Number(r.version)) orphans.push(`case ${r.tracking_code}: version ${r.version} but ${au.length} audit rows`);
    if (!ev.some((e) => e.action === 'register')) orphans.push(`case ${r.tracking_code}: no register line`);
    if (!ev.some((e) => e.to_state === r.state)) orphans.push(`case ${r.tracking_code}: in ${r.state} with no line that took it there`);
    if (!ob.some((o) => o.idempotency_key === `request:${r.id}:1`)) orphans.push(`case ${r.tracking_code}: no request.registered outbox row`);
    if (system.has(r.created_by) && !inquiryCases.has(r.id)) orphans.push(`case ${r.tracking_code}: opened by API with no inquiry`);
  }
  for (const i of inquiries) {
    if (i.status === 'pending' && !i.request_id) orphans.push(`inquiry ${i.id}: pending with no case`);
    if (i.status === 'answered' && !i.answer) orphans.push(`inquiry ${i.id}: answered with no answer`);
  }

  const lost: string[] = [];
  const inquiryById = new Map(inquiries.map((i) => [i.id, i]));
  for (const a of acks) {
    if (a.kind === 'inquiry') {
      const row = inquiryById.get(a.inquiryId);
      const kase = row?.request_id ? byId.get(row.request_id) : undefined;
      if (!row || (a.trackingCode && kase?.tracking_code !== a.trackingCode)) lost.push(`inquiry ${a.inquiryId}`);
      continue;
    }
    const r = byId.get(a.caseId);
    const ev = eventsOf.get(a.caseId) ?? [];
    const au = (auditsOf.get(a.caseId) ?? []).map((x) => x.action);
    const whole =
      r !== undefined &&
      (a.kind === 'intake'
        ? au.includes('request.register')
        : a.kind === 'payment'
          ? r.fee_paid_at !== null && ev.some((e) => e.action === 'record_payment') && au.includes('request.payment')
          : r.state === 'cancelled' && ev.some((e) => e.action === 'cancel') && au.includes('request.cancel') && (outboxOf.get(a.caseId) ?? []).some((o) => o.event_type === 'request.cancelled'));
    if (!whole) lost.push(`${a.kind} of case ${a.caseId}`);
  }
  const chain = await verifyAuditChain(db);
  if (!chain.ok) orphans.push(`audit chain broken at ${chain.brokenAt}`);
  return { lost, orphans, auditRows: chain.rows };
}

describe('crash and durability (standing check 12)', () => {
  const acks: Ack[] = [];
  const openCases: string[] = [];
  const unpaid: string[] = [];

  it(`keeps every acknowledged write whole across ${CYCLES} SIGKILLs under load, with nothing half-done and the audit chain intact`, async () => {
    const began = performance.now();
    const count = (kind: Ack['kind']) => acks.filter((a) => a.kind === kind).length;
    const kinds = ['intake', 'payment', 'cancel', 'inquiry'] as const;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // On a loaded machine a short cycle may acknowledge nothing, or no write of some kind: each kill
    // waits for a write acknowledged in its cycle, and a few cycles more are run until every kind has one.
    let cycle = 1;
    for (; cycle <= CYCLES || (kinds.some((k) => count(k) === 0) && cycle <= CYCLES + 10); cycle++) {
      const agent = new Agent({ connections: WORKERS });
      const stop = { now: false };
      const before = acks.length;
      const load = Array.from({ length: WORKERS }, () => drive(agent, acks, openCases, unpaid, stop));
      await sleep(300 + Math.random() * 1500);
      for (const until = Date.now() + 20_000; acks.length === before && Date.now() < until; ) await sleep(50);
      server.signal('SIGKILL');
      stop.now = true;
      await server.exited;
      await Promise.all(load);
      await agent.destroy();
      server = await startServer(env);
      const found = await inspect(acks);
      expect(found.lost, `cycle ${cycle}: acknowledged writes lost`).toEqual([]);
      expect(found.orphans, `cycle ${cycle}: half-done rows`).toEqual([]);
    }
    const found = await inspect(acks);
    console.log(
      `crash check (${process.env.TEST_DB ?? 'sqlite'}): ${cycle - 1} SIGKILL cycles in ${((performance.now() - began) / 1000).toFixed(0)} s; ` +
        `${acks.length} acknowledged writes (${count('intake')} intakes, ${count('payment')} payments, ${count('cancel')} cancellations, ${count('inquiry')} inquiries); ` +
        `lost ${found.lost.length}, orphans ${found.orphans.length}; audit chain of ${found.auditRows} rows verified`,
    );
    expect(acks.length).toBeGreaterThan(CYCLES);
    for (const kind of kinds) expect(count(kind), `${kind}s acknowledged`).toBeGreaterThan(0);
  }, 600_000);

  it('on SIGTERM stops accepting, finishes the request in flight (201, durable) and exits 0', async () => {
    server.signal('SIGKILL');
    await server.exited;
    const metricsPort = await freePort();
    server = await startServer({ ...env, LOG_LEVEL: 'info', METRICS_PORT: String(metricsPort) });
    // Its background passes are timed, by job, on the metrics port.
    const passesTimed = async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return ['outbox', 'inquiries', 'webhooks', 'auditSealer'].map((job) => Number(new RegExp(`^mk_background_pass_seconds_count\\{job="${job}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0));
    };
    for (let i = 0; i < 100 && (await passesTimed()).includes(0); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Math.min(...(await passesTimed()))).toBeGreaterThan(0);
    const p = deskProperties[0]!;
    const body = Buffer.from(JSON.stringify({
      propertyId: p.id, applicantPersonId: p.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS, payment: { paid: true, reference: '70012345' },
    }));
    // An intake whose body is still arriving: the server has begun it (logged) and cannot finish it before SIGTERM lands.
    const intake = http.request(`${server.url}/api/requests`, { method: 'POST', headers: { cookie: deskCookie, 'content-type': 'application/json', 'content-length': body.length } });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      intake.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      intake.on('error', reject);
    });
    intake.write(body.subarray(0, 10));
    await server.waitForLine(/(?=.*incoming request)(?=.*"url":"\/api\/requests")/, 30_000);
    server.signal('SIGTERM');
    await server.waitForLine(/shutting down/, 30_000);
    // No longer accepting: a new call is not served (refused, or reset if it reached the socket as it closed).
    const late = await request(`${server.url}/api/auth/me`).then((r) => String(r.statusCode), (e: Error & { code?: string }) => e.code ?? e.message);
    intake.end(body.subarray(10));
    const res = await answered;
    const code = await server.exited;
    console.log(`graceful shutdown: the intake in flight at SIGTERM answered ${res.status}; a new call meanwhile got ${late}; exit code ${code}`);
    expect(res.status, res.body).toBe(201);
    expect(['ECONNREFUSED', 'ECONNRESET', '503']).toContain(late);
    expect(code).toBe(0);
    const found = await inspect([{ kind: 'intake', caseId: JSON.parse(res.body).id }]);
    expect(found.lost).toEqual([]);
    expect(found.orphans).toEqual([]);
  }, 120_000);
});
