/**
 * Standing check 10 (issue 11): every operation of the OpenAPI document, sent at least 100 hostile
 * requests as a role that reaches it. Never a 5xx, never a stack trace or a driver's message in the
 * answer, and no row written by a request that was refused (table counts before and after).
 * Run it alone: `nice npx vitest run --project api-sqlite server/test/fuzz.api.test.ts` (see docs/development.md).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { InjectOptions } from 'fastify';
import { createTestApp, signIn, usernameOf, type TestApp } from './app.js';
import { act, districtProperty, INSPECTION_DOCS, INSPECTION_FORM, registerCase, UNPAID, visitAndReport, type SeededProperty } from './factories.js';
import { newApiClient, newApiKey } from './inquiries.js';
import { TEST_DB } from './db.js';
import type { SmsMessage } from '../platform/sms.js';
import { casesFor, encodeBody, LEAKS, operationsOf, queryText, validValue, type Case, type KnownValues, type Operation } from './fuzz.js';
import { appTables } from './tables.js';

/** At least this many cases per operation (the issue's figure), at most MAX. */
const MIN_CASES = 100;
const MAX_CASES = 120;
/**
 * Each request from its own address, outside the sign-in helpers' 127.0.0.1: per-address limits
 * would otherwise answer 429 before the input is read, and fuzzed sign-ins lock out no test user.
 */
let requestNo = 0;
const nextAddress = () => (requestNo++, `10.${(requestNo >> 16) & 255}.${(requestNo >> 8) & 255}.${requestNo & 255}`);

let t: TestApp;
const inbox: SmsMessage[] = [];
let blankPdf: Buffer;

/** Who can call: a header set per role, and nobody (last: on a tie a signed-in caller gets further). */
type Credential = { name: string; headers: Record<string, string>; query?: Record<string, string> };
let credentials: Credential[] = [];
let known: KnownValues = {};
let property: SeededProperty;
let desk: Awaited<ReturnType<typeof signIn>>;
let reviewer: Awaited<ReturnType<typeof signIn>>;
let approver: Awaited<ReturnType<typeof signIn>>;
let pathValues: Record<string, string> = {};
/** Values of one operation's fields where the shared ones do not fit (by `METHOD /path`). */
let knownFor: Record<string, KnownValues> = {};

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  blankPdf = Buffer.from(await doc.save());
  t = await createTestApp(undefined, {
    sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) },
    // Letters and reports are printed by a stand-in: the fuzzer is about input, not Chromium.
    pdf: { print: async () => blankPdf, close: async () => {} },
  });
  property = await districtProperty(t.db, 3);
  const admin = await signIn(t.app, 'admin');
  desk = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  approver = await signIn(t.app, 'd3-approver');
  const kase = await registerCase(desk, property);
  await visitAndReport(t, kase);
  const inspector = (await t.db.selectFrom('staff').select('username').where('id', '=', kase.inspector.id).executeTakeFirstOrThrow()).username;

  const owner = await t.db.selectFrom('persons').select(['mobile', 'national_code']).where('id', '=', property.ownerId).executeTakeFirstOrThrow();
  expect((await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { mobile: owner.mobile } })).statusCode).toBe(202);
  const code = inbox.at(-1)!.text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).match(/\d{6}/)![0];
  const verified = await t.app.inject({ method: 'POST', url: '/api/citizen/otp/verify', payload: { mobile: owner.mobile, code } });
  const citizenCookie = String(verified.headers['set-cookie']).split(';')[0]!;

  const client = await newApiClient(admin, { kind: 'utility', rateLimitPerMinute: 6000 });
  const apiKey = await newApiKey(admin, client.id, ['bank', 'notary_transfer', 'agency', 'excavation', 'open311']);
  // The client whose settings and keys are fuzzed: another one, so a revoke or a pause does not stop the key above.
  const spare = await newApiClient(admin, { officialCode: '4321' });
  await newApiKey(admin, spare.id, ['bank']);
  const spareKey = (await t.db.selectFrom('api_keys').select('id').where('client_id', '=', spare.id).executeTakeFirstOrThrow()).id;
  const permit = await t.app.inject({
    method: 'POST', url: '/api/v1/excavations', headers: { authorization: `Bearer ${apiKey}` },
    payload: {
      route: { type: 'LineString', coordinates: [[51.6689, 32.6521], [51.6689, 32.6531]] }, widthMeters: 0.6, depthMeters: 1.2, streetType: 'secondary',
      startDate: '2026-12-05', endDate: '2026-12-12', purpose: 'تعویض لوله آب', contractorName: 'شرکت ساختمانی زاینده', contractorMobile: '09131234567', districtNumber: 3,
    },
  });
  expect(permit.statusCode, permit.body).toBe(201);

  const cookieOf = async (username: string) => ({ cookie: (await signIn(t.app, username)).cookie });
  credentials = [
    { name: 'admin', headers: { cookie: admin.cookie } },
    { name: 'desk', headers: { cookie: desk.cookie } },
    { name: 'reviewer', headers: { cookie: reviewer.cookie } },
    { name: 'approver', headers: { cookie: approver.cookie } },
    { name: 'inspector', headers: await cookieOf(inspector) },
    { name: 'followup', headers: await cookieOf('d3-followup1') },
    { name: 'auditor', headers: await cookieOf('auditor') },
    { name: 'citizen', headers: { cookie: citizenCookie } },
    { name: 'api key', headers: { authorization: `Bearer ${apiKey}` } },
    { name: 'open311 key', headers: {}, query: { api_key: apiKey } },
    { name: 'none', headers: {} },
  ];

  const district3 = (await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow()).id;
  const deskOffice = (await t.db.selectFrom('staff').select('office_id').where('username', '=', desk.username).executeTakeFirstOrThrow()).office_id!;
  const otherOffice = (await t.db.selectFrom('offices').select('id').where('district_id', '=', district3).where('id', '!=', deskOffice).executeTakeFirstOrThrow()).id;
  const spareStaff = (await t.db.selectFrom('staff').select('id').where('role', '=', 'inspector').orderBy('username', 'desc').executeTakeFirstOrThrow()).id;
  const services = await t.db.selectFrom('services').select('code').orderBy('code', 'desc').execute();
  const postal = (await t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow()).postal_code!;
  const holiday = (await t.db.selectFrom('holidays').select('id').orderBy('date', 'desc').executeTakeFirstOrThrow()).id;
  const outbox = (await t.db.selectFrom('outbox').select('id').executeTakeFirstOrThrow()).id;

  known = {
    propertyId: property.id, applicantPersonId: property.ownerId, personId: property.ownerId, serviceCode: 'property_inspection', service_code: 'property_inspection',
    nationalCode: owner.national_code, mobile: owner.mobile, postalCode: postal, trackingCode: kase.trackingCode,
    inspectorId: kase.inspector.id, officeId: otherOffice, districtId: district3, password: 'Fuzz-Passw0rd-2026', newPassword: 'Fuzz-Passw0rd-2027',
    username: 'fuzz.user', scopes: ['bank'], webhookUrl: 'https://93.184.215.14/hooks/fuzz', code: '123456', districtNumber: 3,
    companyName: undefined, reference: '70012345', serviceCodes: ['property_inspection'], govCode: '10999001', month: '1405-09',
    renovationCode: '3-120-45', visitedAt: t.clock.now().toISOString(), shareDang: 6, form: INSPECTION_FORM, documents: INSPECTION_DOCS,
    loanAmountRials: 1_000_000, api_key: apiKey, q: 'رضایی',
    route: { type: 'LineString', coordinates: [[51.6789, 32.6521], [51.6789, 32.6531]] },
    checklist: kase.service.inspectionChecklist.map((i: { code: string }) => ({ code: i.code, ok: true })),
  };
  const otherInspector = (await t.db.selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id').select('staff.id')
    .where('districts.number', '=', 3).where('staff.role', '=', 'inspector').where('staff.id', '!=', kase.inspector.id)
    .where('staff.specialty', '=', (await t.db.selectFrom('staff').select('specialty').where('id', '=', kase.inspector.id).executeTakeFirstOrThrow()).specialty).orderBy('staff.username').executeTakeFirst())?.id ?? kase.inspector.id;
  const staffBody = { role: 'office_operator', officeId: otherOffice, districtId: undefined, specialty: undefined, username: 'fuzz.staff' };
  knownFor = {
    'POST /api/staff': staffBody, 'PATCH /api/staff/{id}': staffBody,
    'POST /api/requests/{id}/assign-inspector': { inspectorId: otherInspector },
    'POST /api/requests/{id}/schedule-visit': { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' },
  };
  pathValues = {
    '/api/persons/{id}': property.ownerId, '/api/properties/{id}': property.id, '/api/districts/{id}': district3,
    '/api/offices/{id}': otherOffice, '/api/offices/{officeId}': otherOffice, '/api/staff/{id}': spareStaff, '/api/holidays/{id}': holiday,
    '/api/services/{code}': services[0]!.code, '/api/holiday-lists/{year}': '1406', '/api/auth/lockouts/{username}': 'fuzz.user',
    '/api/requests/{id}': kase.id, '/api/citizen/requests/{id}': kase.id, '/api/outbox/{id}': outbox, '/api/api-clients/{id}': spare.id, '{serial}': 'ABCD-EFGH-2345',
    '/keys/{keyId}': spareKey, '/api/v1/excavations/{id}': permit.json().id, '/api/excavations/{id}': permit.json().id,
    '/api/excavation-tariffs/{streetType}': 'alley', '/api/public/requests/{trackingCode}': kase.trackingCode, '{format}': 'json',
    '/services/{service_code}': 'property_inspection', '/requests/{service_request_id}': kase.id,
  };
}, 120_000);
afterAll(async () => t?.close());

/** A path parameter's value: the longest entry whose key the path contains up to the parameter. */
function pathValue(op: Operation, name: string): string {
  const upTo = op.path.slice(0, op.path.indexOf(`{${name}}`) + name.length + 2);
  const hit = Object.keys(pathValues).filter((k) => upTo.endsWith(k)).sort((a, b) => b.length - a.length)[0];
  return hit ? pathValues[hit]! : '01a24a91-e93b-7633-b78a-80978b468ea9';
}

/**
 * A case in the state its action starts from, made for the operation (each action's own, so an
 * accepted request moves no other operation's case). Null for a route that is not a case action.
 */
async function caseFor(op: Operation): Promise<string | null> {
  const action = /^\/api\/requests\/\{id\}\/([a-z-]+)$/.exec(op.path)?.[1];
  if (op.method !== 'POST' || !action || ['documents', 'followups'].includes(action)) return null;
  if (['payment', 'send-to-district', 'cancel'].includes(action)) return (await registerCase(desk, property, undefined, undefined, undefined, UNPAID)).id;
  const kase = await registerCase(desk, property);
  if (['assign-inspector', 'schedule-visit'].includes(action)) return kase.id;
  if (action === 'inspection-report') {
    const inspector = credentials.find((c) => c.name === 'inspector')!;
    const current = (await desk.get(`/api/requests/${kase.id}`)).json();
    await t.app.inject({ method: 'POST', url: `/api/requests/${kase.id}/schedule-visit`, headers: inspector.headers, payload: { version: current.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' } });
    return kase.id;
  }
  await visitAndReport(t, kase);
  if (action === 'recommend' || action === 'resubmit') return kase.id;
  await act(reviewer, kase.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
  if (['approve', 'reject', 'return'].includes(action)) return kase.id;
  await act(approver, kase.id, 'approve', {});
  if (action === 'issue-response') return kase.id;
  await act(approver, kase.id, 'issue-response', {});
  return kase.id;
}

function request(op: Operation, c: Case, cred: Credential): InjectOptions {
  let url = op.path;
  for (const [name, value] of Object.entries(c.path)) url = url.replace(`{${name}}`, value.includes('%') ? value : encodeURIComponent(value));
  const query = new URLSearchParams(cred.query);
  for (const [name, value] of Object.entries(c.query)) if (value !== undefined) for (const v of queryText(value)) query.append(name, v);
  const qs = query.toString();
  const body = c.rawBody ?? (op.contentType ? encodeBody(c.body, op.contentType) : undefined);
  return {
    method: op.method, url: qs ? `${url}?${qs}` : url, remoteAddress: nextAddress(),
    headers: { ...cred.headers, ...(body !== undefined ? { 'content-type': c.contentType ?? op.contentType! } : {}) },
    ...(body !== undefined ? { payload: body } : {}),
  };
}

let countAll: RawBuilder<{ t: string; n: number | string }> | null = null;

/** Rows per table, in one query (built once). */
async function counts(): Promise<Map<string, number>> {
  if (!countAll) {
    const tables = await appTables(t.db);
    countAll = sql`${sql.join(tables.map((n) => sql`select ${n} as t, count(*) as n from ${sql.table(n)}`), sql` union all `)}`;
  }
  const rows = await countAll.execute(t.db);
  return new Map(rows.rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * What a refusal may write by design: failed-attempt counters, and audit rows that record the
 * attempt itself (a refused sign-in; every call of the open API, answered or not, is logged).
 */
const REFUSAL_MAY_WRITE = new Set(['throttles']);
const REFUSAL_AUDIT = new Set(['api.call', 'auth.sign_in_failed', 'auth.sign_in_throttled', 'auth.account_locked']);
let auditSeen = 0;

/** The tables a refused request wrote, beyond what a refusal may; audit rows judged by their action. */
async function writtenByRefusal(before: Map<string, number>, after: Map<string, number>): Promise<string[]> {
  const changed = [...after].filter(([table, n]) => n !== before.get(table) && !REFUSAL_MAY_WRITE.has(table));
  const out: string[] = [];
  for (const [table, n] of changed) {
    if (table === 'audit_log') {
      const actions = await t.db.selectFrom('audit_log').select('action').where('seq', '>', auditSeen).execute();
      const odd = actions.filter((a) => !REFUSAL_AUDIT.has(a.action));
      if (odd.length === 0) continue;
      out.push(`audit_log (${odd.map((a) => a.action).join(', ')})`);
    } else out.push(`${table} ${before.get(table)}→${n}`);
  }
  return out;
}

/** Remember where the audit log ends, so the next refusal's rows are told apart. */
async function markAudit(): Promise<void> {
  auditSeen = Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0);
}

const rank = (status: number) => (status < 300 ? 5 : status === 400 ? 4 : status === 409 || status === 422 ? 3 : status === 404 ? 2 : status === 429 ? 1 : 0);

it(`sends at least ${MIN_CASES} hostile requests to every operation, with no 5xx, no leak and nothing written on a refusal (${TEST_DB})`, async () => {
  const started = Date.now();
  const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
  const ops = operationsOf(t.app.swagger() as never).filter((op) => !only || only.test(`${op.method} ${op.path}`));
  const problems = new Set<string>();
  let sent = 0;
  let fiveXx = 0;
  const statuses = new Map<number, number>();
  for (const [index, op] of ops.entries()) {
    const caseId = await caseFor(op);
    const version = caseId ? (await t.db.selectFrom('requests').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version : undefined;
    const path = Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, caseId && p.name === 'id' ? caseId : pathValue(op, p.name)]));
    const query = Object.fromEntries(op.params.filter((p) => p.in === 'query' && p.required && p.schema.default === undefined).map((p) => [p.name, validValue(p.schema, p.name, known)]));
    const base: Case = { label: 'baseline', path, query, body: op.body ? validValue(op.body, '(body)', { ...known, ...knownFor[`${op.method} ${op.path}`], ...(version ? { version } : {}) }) : undefined };
    // The role that gets furthest with the valid request; a sign-out is only ever sent without a session.
    const candidates = op.path.endsWith('/logout') ? credentials.slice(-1) : credentials.filter((c) => !c.query || op.path.startsWith('/open311/'));
    let cred = candidates[0]!;
    let best = -1;
    let baseline = '';
    for (const c of candidates) {
      const res = await t.app.inject(request(op, base, c));
      sent++;
      if (res.statusCode >= 500) {
        fiveXx++;
        problems.add(`${op.method} ${op.path} baseline as ${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      if (rank(res.statusCode) > best) [best, cred, baseline] = [rank(res.statusCode), c, res.body.slice(0, 300)];
    }
    const cases = casesFor(op, base, MIN_CASES, MAX_CASES, index + 1);
    const opStatuses = new Map<number, number>();
    /**
     * Counting every table costs more than most requests, so a read is counted around its whole
     * batch, and case by case only when the batch wrote something (reads of persons are audited).
     */
    const run = async (countEach: boolean) => {
      await markAudit();
      let before = await counts();
      for (const c of cases) {
        const res = await t.app.inject(request(op, c, cred));
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        opStatuses.set(res.statusCode, (opStatuses.get(res.statusCode) ?? 0) + 1);
        const where = `${op.method} ${op.path} as ${cred.name}, ${c.label}`;
        if (res.statusCode >= 500) {
          fiveXx++;
          problems.add(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        if (res.statusCode >= 400 && LEAKS.test(res.body)) problems.add(`${where}: leaks ${res.body.slice(0, 300)}`);
        if (!countEach) continue;
        const after = await counts();
        if (res.statusCode >= 400) {
          const written = await writtenByRefusal(before, after);
          if (written.length) problems.add(`${where}: refused ${res.statusCode} but wrote ${written.join(', ')}`);
        }
        if (after.get('audit_log') !== before.get('audit_log')) await markAudit();
        before = after;
      }
      return countEach ? before : counts();
    };
    if (op.method !== 'GET') await run(true);
    else {
      const before = await counts();
      const after = await run(false);
      if ([...after].some(([table, n]) => n !== before.get(table))) await run(true);
    }
    if (process.env.FUZZ_VERBOSE) console.log(`${op.method} ${op.path} as ${cred.name} (baseline ${best}${best < 5 ? ` ${baseline}` : ''}): ${JSON.stringify(Object.fromEntries(opStatuses))}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz (${TEST_DB}): ${ops.length} operations fuzzed, ${sent} requests sent, ${fiveXx} 5xx, ${problems.size} problems, ${seconds} s; ` +
      `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
  );
  if (problems.size) console.log([...problems].slice(0, 60).join('\n'));
  expect([...problems]).toEqual([]);
  if (!only) expect(ops.length).toBeGreaterThan(100);
}, 600_000);
