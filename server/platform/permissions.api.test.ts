/**
 * The permission matrix, checked against the routes the app really registers: every route x every
 * caller (anonymous, each staff role, a citizen, an API client) x, for routes that name a case,
 * file, person, letter or permit, a target in the caller's own scope, in another office of the same
 * district and in another district. The expected answers are declared once, by hand, in
 * server/test/permissions.matrix.ts; how a cell is judged is said there and in decision 0023.
 *
 * The world: offices O1 and O2 in district 1, O3 in district 2. Desk staff sign in at O1, district
 * staff in district 1, the inspector is the one assigned to case A. Cases A (O1), B (O2, another
 * inspector) and C (O3) are walked to an issued answer letter, each with a document; the citizen
 * is A's applicant; API client K1 owns one inquiry and one permit, K2 the others.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'kysely';
import type { InjectOptions } from 'fastify';
import { ROLES, type Role } from '../../contracts/roles.js';
import { newId } from './ids.js';
import { createTestApp, freshSignIn, signIn, type Client, type TestApp } from '../test/app.js';
import { act, completeInspectionCase, registerCase, visitAndReport, type SeededProperty } from '../test/factories.js';
import { newApiClient, newApiKey } from '../test/inquiries.js';
import { runLetterJob } from '../test/letters.js';
import { MATRIX, reachOf, type Caller, type Entry, type Place } from '../test/permissions.matrix.js';
import type { SmsMessage } from './sms.js';
import { appTables } from '../test/tables.js';

const CALLERS: Caller[] = ['anonymous', ...ROLES, 'citizen', 'apiClient'];
const PLACES: Place[] = ['own', 'otherOffice', 'otherDistrict'];
const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));
const WEB_APP_BUILT = fs.existsSync(`${WEB_DIST}/index.html`);

let t: TestApp;
const credentials = {} as Record<Caller, Record<string, string>>;
/** Path parameters per target kind and place (fixed kinds use 'own'); `search`: how a list finds it. */
type Params = Record<string, string>;
const targets: Record<string, Partial<Record<Place, Params>>> = {};
let apiKey = '';

const pdfPrinter = { print: async () => Buffer.from('%PDF-1.4\n% matrix\n%%EOF\n'), close: async () => {} };
const inbox: SmsMessage[] = [];

/** A demo property file of the district whose owners share no mobile with `avoid`. */
async function propertyOf(districtNumber: number, avoid: string[]): Promise<SeededProperty & { mobile: string }> {
  const rows = await t.db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'persons.id as ownerId', 'persons.national_code', 'persons.mobile'])
    .where('districts.number', '=', districtNumber)
    .orderBy('properties.file_number')
    .execute();
  for (const id of new Set(rows.map((r) => r.id))) {
    const owners = rows.filter((r) => r.id === id);
    if (owners.some((o) => !o.mobile || avoid.includes(o.mobile))) continue;
    const o = owners[0]!;
    return { id: o.id, ownerId: o.ownerId, ownerNationalCode: o.national_code, mobile: o.mobile! };
  }
  throw new Error(`no property in district ${districtNumber}`);
}

/** A property file's id, and the search that finds it in the registry (its postal code). */
async function fileSearch(property: SeededProperty): Promise<Params> {
  const row = await t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow();
  return { id: property.id, search: `postalCode=${row.postal_code}` };
}

/** A file's owner, and the search that finds them among persons (their national code). */
const ownerSearch = (property: SeededProperty): Params => ({ id: property.ownerId, search: `nationalCode=${property.ownerNationalCode}` });

async function officesOf(districtNumber: number) {
  return t.db
    .selectFrom('offices')
    .innerJoin('districts', 'districts.id', 'offices.district_id')
    .select(['offices.id', 'offices.gov_code'])
    .where('districts.number', '=', districtNumber)
    .where('offices.status', '=', 'active')
    .orderBy('offices.gov_code')
    .execute();
}

/** A case of the office walked to its issued answer (the letter job prints the letter), with a document. */
async function caseWithLetter(op: Client, property: SeededProperty, districtNumber: number) {
  const kase = await registerCase(op, property);
  await visitAndReport(t, kase);
  const reviewer = await signIn(t.app, `d${districtNumber}-reviewer1`);
  const approver = await signIn(t.app, `d${districtNumber}-approver`);
  await act(reviewer, kase.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
  await act(approver, kase.id, 'approve', {});
  await act(approver, kase.id, 'issue-response', {});
  const doc = await upload(kase.id, { cookie: op.cookie });
  expect(doc.statusCode, doc.body).toBe(201);
  return { ...kase, documentId: doc.json().id as string };
}

let photo: Buffer;
function upload(caseId: string, headers: Record<string, string>) {
  const boundary = '----matrix';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ninspection_photo\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`;
  return t.app.inject({
    method: 'POST', url: `/api/requests/${caseId}/documents`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
    payload: Buffer.concat([Buffer.from(head), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const PERMIT = (districtNumber: number, n: number) => ({
  route: { type: 'LineString', coordinates: [[51.6 + n * 0.01, 32.65], [51.6 + n * 0.01, 32.651]] }, widthMeters: 0.6, depthMeters: 1.2, streetType: 'secondary',
  startDate: '2026-12-05', endDate: '2026-12-12', purpose: 'تعویض خط لوله آب', contractorName: 'شرکت ساختمانی زاینده‌رود', contractorMobile: '09131234567', districtNumber,
});

async function permitOf(key: string, districtNumber: number, n: number) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/excavations', payload: PERMIT(districtNumber, n), headers: { authorization: `Bearer ${key}` } });
  expect(res.statusCode, res.body).toBe(201);
  const approver = await signIn(t.app, `d${districtNumber}-approver`);
  const decided = await approver.post(`/api/excavations/${res.json().id}/decide`, { version: 1, decision: 'approve', note: 'با رعایت شرایط موافقت می‌شود' });
  expect(decided.statusCode, decided.body).toBe(200);
  return res.json().id as string;
}

async function inquiryOf(key: string, property: SeededProperty) {
  const row = await t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow();
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/inquiries', headers: { authorization: `Bearer ${key}` },
    payload: { type: 'bank', property: { postalCode: row.postal_code }, subjectNationalCode: property.ownerNationalCode, letterNumber: 'ب/۱۴۰۵/۷۷۱', purpose: 'mortgage' },
  });
  expect([200, 202], res.body).toContain(res.statusCode);
  return res.json().id as string;
}

async function citizenSession(mobile: string) {
  expect((await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { mobile } })).statusCode).toBe(202);
  const code = /\d{6}/.exec(inbox.at(-1)!.text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))))![0];
  const verified = await t.app.inject({ method: 'POST', url: '/api/citizen/otp/verify', payload: { mobile, code } });
  expect(verified.statusCode, verified.body).toBe(200);
  return String(verified.headers['set-cookie']).split(';')[0]!;
}

beforeAll(async () => {
  t = await createTestApp(undefined, { pdf: pdfPrinter, sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
  photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 20, g: 120, b: 90 } } }).png().toBuffer();
  const [o1, o2] = await officesOf(1);
  const [o3] = await officesOf(2);
  const opOf = (office: { gov_code: string }) => signIn(t.app, `o${office.gov_code}-op1`);

  const pA = await propertyOf(1, []);
  const pB = await propertyOf(1, [pA.mobile]);
  const pC = await propertyOf(2, [pA.mobile]);
  const a = await caseWithLetter(await opOf(o1!), pA, 1);
  const b = await caseWithLetter(await opOf(o2!), pB, 1);
  // District 1 has one inspector of the service's specialty: B is handed to its other inspector, so A's inspector does not hold it.
  const other = await t.db.selectFrom('staff').select('id').where('role', '=', 'inspector').where('district_id', '=', a.district.id).where('id', '!=', a.inspector.id).executeTakeFirstOrThrow();
  await t.db.updateTable('requests').set({ assigned_inspector_id: other.id }).where('id', '=', b.id).execute();
  const c = await caseWithLetter(await opOf(o3!), pC, 2);
  // K1's inquiry is answered at once (a recent clean inspection, nothing pending), so it has its letter.
  const pD = await propertyOf(1, [pA.mobile, pB.mobile]);
  await completeInspectionCase(t, await opOf(o1!), pD, 1);
  await runLetterJob(t);
  const serialOf = async (id: string) => (await t.db.selectFrom('letters').select('serial').where('request_id', '=', id).executeTakeFirstOrThrow()).serial;
  const [sA, sB, sC] = [await serialOf(a.id), await serialOf(b.id), await serialOf(c.id)];

  const admin = await signIn(t.app, 'admin');
  const k1 = await newApiClient(admin, { kind: 'utility', officialCode: 'MATRIX-1', rateLimitPerMinute: 6000 });
  const k2 = await newApiClient(admin, { kind: 'utility', officialCode: 'MATRIX-2', rateLimitPerMinute: 6000 });
  const scopes = ['bank', 'notary_transfer', 'agency', 'excavation', 'open311'];
  apiKey = await newApiKey(admin, k1.id, scopes);
  const otherKey = await newApiKey(admin, k2.id, scopes);
  const spareKey = (await admin.post(`/api/api-clients/${k2.id}/keys`, { scopes: ['bank'], expiresAt: '2027-11-29T00:00:00.000Z' })).json();
  const place = (own: Params, otherOffice: Params, otherDistrict: Params) => ({ own, otherOffice, otherDistrict });
  Object.assign(targets, {
    case: place({ id: a.id }, { id: b.id }, { id: c.id }),
    document: place({ id: a.documentId }, { id: b.documentId }, { id: c.documentId }),
    property: place(await fileSearch(pA), await fileSearch(pB), await fileSearch(pC)),
    person: place(ownerSearch(pA), ownerSearch(pB), ownerSearch(pC)),
    letter: place({ serial: sA }, { serial: sB }, { serial: sC }),
    citizenRequest: place({ id: a.id }, { id: b.id }, { id: c.id }),
    inquiry: place({ id: await inquiryOf(apiKey, pD) }, { id: await inquiryOf(otherKey, pB) }, { id: await inquiryOf(otherKey, pC) }),
  });
  targets.propertyEdit = targets.property!;
  targets.personEdit = targets.person!;
  const [e1, e2, e3] = [await permitOf(apiKey, 1, 1), await permitOf(otherKey, 1, 2), await permitOf(otherKey, 2, 3)];
  targets.excavation = place({ id: e1 }, { id: e2 }, { id: e3 });
  targets.apiExcavation = targets.excavation;
  await runLetterJob(t);

  // Things of the city that the matrix needs one of.
  const one = (params: Record<string, string>) => ({ own: params });
  const district = await t.db.selectFrom('districts').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
  const staff = await t.db.selectFrom('staff').select('id').where('username', '=', 'd1-reviewer2').executeTakeFirstOrThrow();
  const holiday = await admin.post('/api/holidays', { date: '2027-01-20', titleFa: 'تعطیل آزمایشی', titleEn: 'Matrix holiday' });
  expect(holiday.statusCode, holiday.body).toBe(201);
  const outbox = await t.db.selectFrom('outbox').select('id').limit(1).executeTakeFirstOrThrow();
  const now = t.clock.now().toISOString();
  const until = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  await t.db.insertInto('throttles').values({ key: 'account:matrix-locked', failures: 10, window_started_at: now, next_at: until, locked_until: until, updated_at: now }).execute();
  const open311 = await t.app.inject({
    method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: apiKey, service_code: 'property_inspection', address_string: 'اصفهان، نزدیک میدان', 'attribute[postal_code]': (await t.db.selectFrom('properties').select('postal_code').where('id', '=', pC.id).executeTakeFirstOrThrow()).postal_code!,
      'attribute[national_code]': pC.ownerNationalCode, 'attribute[visitReason]': 'new_file', first_name: 'ماهرخ', last_name: 'امیرخانی', phone: '09131112233',
    }).toString(),
  });
  expect(open311.statusCode, open311.body).toBe(200);
  Object.assign(targets, {
    office: one({ id: o1!.id, officeId: o1!.id }), district: one({ id: district.id }), staff: one({ id: staff.id }), service: one({ code: 'property_inspection' }),
    holiday: one({ id: holiday.json().id }), year: one({ year: '1405' }), streetType: one({ streetType: 'secondary' }), outbox: one({ id: outbox.id }),
    apiClient: one({ id: k2.id }), apiKey: one({ id: k2.id, keyId: spareKey.id }), lockout: one({ username: 'matrix-locked' }),
    trackingCode: one({ trackingCode: a.trackingCode }), serial: one({ serial: sA }),
    open311Request: one({ service_request_id: open311.json()[0].service_request_id }), open311Service: one({ service_code: 'property_inspection' }),
    open311Token: one({ token: open311.json()[0].token }), page: one({}),
  });
  // District 1's day plan (written directly: planning would reassign the cases above), one of its inspectors and their leave.
  const { city_id: cityId } = await t.db.selectFrom('districts').select('city_id').where('id', '=', district.id).executeTakeFirstOrThrow();
  const planId = newId();
  await t.db.insertInto('visit_plans').values({ id: planId, city_id: cityId, date: '2026-12-09', district_ids: JSON.stringify([district.id]), version: 1, seed: 1, travel_seconds: 0, unassigned: '[]', routes: '[]', planned_at: now, planned_by: staff.id, updated_at: now }).execute();
  const leaveId = newId();
  await t.db.insertInto('inspector_leave').values({ id: leaveId, city_id: cityId, staff_id: a.inspector.id, from_date: '2027-01-10', to_date: '2027-01-12', kind: 'leave', note: null, created_by: staff.id, created_at: now }).execute();
  Object.assign(targets, { plan: one({ planId }), leave: one({ id: leaveId }), inspector: one({ id: a.inspector.id }) });

  // Callers: desk staff of O1, district staff of district 1, A's inspector, A's applicant, K1.
  const usernames: Record<Role, string> = {
    office_operator: `o${o1!.gov_code}-op1`, office_manager: `o${o1!.gov_code}-manager`,
    inspector: (await t.db.selectFrom('staff').select('username').where('id', '=', a.inspector.id).executeTakeFirstOrThrow()).username,
    followup_officer: 'd1-followup1', district_reviewer: 'd1-reviewer1', district_approver: 'd1-approver', city_admin: 'admin', auditor: 'auditor',
  };
  for (const role of ROLES) {
    credentials[role] = { cookie: (await signIn(t.app, usernames[role])).cookie };
    spareSessions[role] = { cookie: (await freshSignIn(t.app, usernames[role])).cookie };
  }
  credentials.anonymous = spareSessions.anonymous = {};
  credentials.apiClient = spareSessions.apiClient = { authorization: `Bearer ${apiKey}` };
  credentials.citizen = { cookie: await citizenSession(pA.mobile) };
  spareSessions.citizen = { cookie: await citizenSession(pA.mobile) };
}, 240_000);
afterAll(async () => t?.close());

/** "GET /open311/v2/discovery.:format(^(json|xml)$)" -> "GET /open311/v2/discovery.:format"; HEAD twins of GET dropped. */
function servedRoutes(): string[] {
  const all = t.app.servedRoutes.map((r) => r.replace(/:(\w+)\((?:[^()]|\([^()]*\))*\)/g, ':$1'));
  return [...new Set(all)].filter((r) => !(r.startsWith('HEAD ') && all.includes(`GET ${r.slice(5)}`))).sort();
}

/**
 * Bodies that pass the schema, so a call reaches the scope check (which runs after validation);
 * version 999 is never current, so an allowed action answers 409 and changes nothing.
 */
const BODIES: Record<string, object> = {
  'PATCH /api/properties/:id': { version: 999 },
  'POST /api/requests/:id/payment': { version: 999, reference: '70012345' },
  'POST /api/requests/:id/assign-inspector': { version: 999 },
  'POST /api/requests/:id/schedule-visit': { version: 999, date: '2026-12-01', windowStart: '09:00', windowEnd: '10:00' },
  'POST /api/requests/:id/inspection-report': { version: 999, findings: 'مطابق سند', gps: { lat: 32.65, lng: 51.67 }, visitedAt: '2026-11-29T06:00:00.000Z' },
  'POST /api/requests/:id/send-to-district': { version: 999 },
  'POST /api/requests/:id/recommend': { version: 999, recommendation: 'approve', note: 'بدون تخلف' },
  'POST /api/requests/:id/approve': { version: 999 },
  'POST /api/requests/:id/reject': { version: 999, reasons: ['نقص مدارک'] },
  'POST /api/requests/:id/return': { version: 999, reasons: ['نقص مدارک'] },
  'POST /api/requests/:id/resubmit': { version: 999 },
  'POST /api/requests/:id/issue-response': { version: 999 },
  'POST /api/requests/:id/deliver': { version: 999, receivedByName: 'مالک پرونده', receivedByNationalCode: '0012345679' },
  'POST /api/requests/:id/cancel': { version: 999, reason: 'انصراف مالک' },
  'POST /api/requests/:id/followups': { note: 'تماس با دفتر' },
  'POST /api/letters/:serial/revoke': { reason: 'ابطال آزمایشی' },
  'POST /api/excavations/:id/decide': { version: 999, decision: 'approve', note: 'موافقت می‌شود' },
  'POST /api/citizen/requests/:id/proposed-visit-date': { date: '2026-12-05' },
  'POST /api/planning/plans/:planId/moves': { planVersion: 999, requestId: '00000000-0000-4000-8000-000000000000', inspectorId: '00000000-0000-4000-8000-000000000000', position: 0 },
  'POST /api/planning/appointments/:id/confirm': { version: 999, date: '2026-12-09', windowStart: '07:30', windowEnd: '09:30' },
};

/** Signing out ends the session: those cells spend a second one, kept for them. */
const SPENDS_SESSION = ['POST /api/auth/logout', 'POST /api/citizen/logout'];
const spareSessions = {} as Record<Caller, Record<string, string>>;

/** The caller's own address, so per-address limits (public reads, sign-in) count each caller apart. */
const addressOf = (caller: Caller) => `10.77.0.${CALLERS.indexOf(caller) + 1}`;

function call(route: string, caller: Caller, params: Params, query = '') {
  const [method, pattern] = route.split(' ') as [InjectOptions['method'], string];
  let url = pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'format' ? 'json' : encodeURIComponent(params[name] ?? 'x'))) + query;
  if (url.endsWith('*')) url = url.slice(0, -1) + (url.startsWith('/api/docs/') ? 'index.css' : url.startsWith('/assets/') ? fs.readdirSync(`${WEB_DIST}/assets`)[0] : 'cases/some-page');
  const headers = { ...(SPENDS_SESSION.includes(route) ? spareSessions[caller] : credentials[caller]) };
  const remoteAddress = addressOf(caller);
  if (route === 'POST /api/requests/:id/documents') return upload(params.id!, headers);
  if (pattern.startsWith('/open311/')) {
    const key = caller === 'apiClient' ? `api_key=${apiKey}` : '';
    if (method === 'POST') return t.app.inject({ method, url, remoteAddress, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: key });
    return t.app.inject({ method, url: key ? `${url}?${key}` : url, remoteAddress, headers });
  }
  const body = method === 'GET' || method === 'DELETE' ? undefined : (BODIES[route] ?? {});
  const accept = MATRIX[route]!.on === 'page' ? 'text/html' : 'application/json';
  return t.app.inject({ method, url, remoteAddress, headers: { ...headers, accept }, ...(body ? { payload: body } : {}) });
}

/**
 * The declared answers of one cell: 'allowed', or the statuses a denial may have. A role without
 * the permission is 403; where the target is also out of its reach, 404 is as right (a service
 * that asks the case's workflow finds the case first), and neither says more than the other.
 */
function expected(entry: Entry, caller: Caller, place: Place): 'allowed' | number[] {
  const reach = reachOf(entry.on);
  const inReach = !reach || (reach[caller] ?? []).includes(place);
  if (!entry.who.includes(caller)) {
    // A staff role on a staff route lacks the permission; any other caller has no credential the route takes (401).
    const staffRoute = entry.who.some((c) => (ROLES as readonly string[]).includes(c));
    if (!staffRoute || !(ROLES as readonly string[]).includes(caller)) return [entry.noCredential ?? 401];
    return inReach ? [403] : [403, 404];
  }
  return inReach ? 'allowed' : [reach.denied ?? 404];
}

/**
 * Rows per table, in one query, so a denied call is seen to write nothing. The open API audits
 * every call it answers, refusals included (clients.auth.ts): those audit rows are the point.
 */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await appTables(t.db);
  const count = (n: string) =>
    n === 'audit_log'
      ? sql`select ${sql.lit(n)} as name, count(*) as n from audit_log where action <> 'api.call'`
      : sql`select ${sql.lit(n)} as name, count(*) as n from ${sql.table(n)}`;
  const rows = (await sql<{ name: string; n: number | string }>`${sql.join(tables.map(count), sql` union all `)}`.execute(t.db)).rows;
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

describe('access before input', () => {
  it('checks the session and the permission before it validates the body: no field errors for a caller without the right', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/persons', payload: { kind: 'natural' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.fields).toBeUndefined();
    const operator = await t.app.inject({ method: 'POST', url: '/api/staff', headers: credentials.office_operator, payload: { username: 'x' } });
    expect(operator.statusCode).toBe(403);
    expect(operator.json().error.fields).toBeUndefined();
    const admin = await t.app.inject({ method: 'POST', url: '/api/staff', headers: credentials.city_admin, payload: { username: 'x' } });
    expect(admin.statusCode).toBe(400);
    expect(admin.json().error.fields.length).toBeGreaterThan(0);
  });
});

describe('the permission matrix', () => {
  it('has one entry for every route the app serves, and none for a route it does not', () => {
    const served = servedRoutes();
    const declared = Object.keys(MATRIX).filter((r) => WEB_APP_BUILT || MATRIX[r]!.on !== 'page');
    const routesWithoutEntry = served.filter((r) => !(r in MATRIX));
    const entriesWithoutRoute = declared.filter((r) => !served.includes(r));
    expect({ routesWithoutEntry, entriesWithoutRoute }, 'add or remove the entries in server/test/permissions.matrix.ts').toEqual({ routesWithoutEntry: [], entriesWithoutRoute: [] });
  });

  it('answers every route x caller x target as declared, and a denied call writes nothing', async () => {
    const started = performance.now();
    const failures: string[] = [];
    let cells = 0;
    let denied = 0;
    let listChecks = 0;
    // Reads first, deletions last: an allowed write may change its target (a letter revoked, a holiday removed).
    const order: Record<string, number> = { GET: 0, HEAD: 0, DELETE: 2 };
    const rank = (route: string) => order[route.split(' ')[0]!] ?? 1;
    const routes = servedRoutes().filter((r) => r in MATRIX).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const route of routes) {
      const entry = MATRIX[route]!;
      const places: Place[] = reachOf(entry.on) ? PLACES : ['own'];
      const cellsOf = CALLERS.flatMap((caller) => places.map((place) => ({ caller, place, want: expected(entry, caller, place) })));
      // The denials first, between two counts of every table; then the allowed calls, which may write.
      const before = await rowCounts();
      for (const phase of ['denied', 'allowed'] as const) {
        for (const { caller, place, want } of cellsOf.filter((c) => (c.want === 'allowed') === (phase === 'allowed'))) {
          const res = await call(route, caller, entry.on ? targets[entry.on]![place]! : {});
          cells++;
          const ok = want === 'allowed' ? ![401, 403, 404].includes(res.statusCode) : want.includes(res.statusCode);
          if (!ok) failures.push(`${route} as ${caller} on ${place}: expected ${want === 'allowed' ? want : want.join(' or ')}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (ok && want === 'allowed' && entry.lists) {
            for (const listed of PLACES) {
              const target = targets[entry.lists]![listed]!;
              const list = target.search ? (await call(route, caller, {}, `?${target.search}`)).body : res.body;
              const shown = list.includes(target.id!);
              listChecks++;
              if (shown !== (expected({ who: entry.who, on: entry.lists }, caller, listed) === 'allowed')) {
                failures.push(`${route} as ${caller}: the ${entry.lists} of ${listed} is ${shown ? 'listed, out of reach' : 'missing, in reach'}`);
              }
            }
          }
        }
        if (phase === 'denied') {
          denied += cellsOf.filter((c) => c.want !== 'allowed').length;
          const after = await rowCounts();
          const written = Object.keys(after).filter((n) => after[n] !== before[n]).map((n) => `${n} ${before[n]} -> ${after[n]}`);
          if (written.length > 0) failures.push(`${route}: denied calls wrote rows: ${written.join(', ')}`);
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`permission matrix (${process.env.TEST_DB ?? 'sqlite'}): ${routes.length} routes x ${CALLERS.length} callers (${ROLES.length} roles, anonymous, citizen, API client); ${cells} cells checked (${denied} denied, ${cells - denied} allowed) and ${listChecks} list contents in ${seconds} s; ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 180_000);
});
