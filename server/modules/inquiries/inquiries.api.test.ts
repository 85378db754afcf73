import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { act, completeInspectionCase, type SeededProperty } from '../../test/factories.js';
import { askWith, bankInquiry, newApiClient, newApiKey, propertyWithPostal } from '../../test/inquiries.js';
import { sealStepMonths } from '../reports/index.js';
import { settleAnsweredInquiries } from './inquiries.service.js';

let t: TestApp;
let admin: Client;
let bankKey: string;
let inspected: SeededProperty & { postalCode: string };
let uninspected: SeededProperty & { postalCode: string };

const newClient = (body: object = {}) => newApiClient(admin, body);
const newKey = (clientId: string, scopes: string[], expiresAt?: string) => newApiKey(admin, clientId, scopes, expiresAt);
const withPostal = (n: number) => propertyWithPostal(t.db, n);
const ask = (key: string, body: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => askWith(t)(key, body, headers, remoteAddress);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  const client = await newClient();
  expect(client.webhookSecret).toBeTruthy();
  bankKey = await newKey(client.id, ['bank']);
  inspected = await withPostal(2);
  uninspected = await withPostal(10);
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 2 }));
  await completeInspectionCase(t, op, inspected, 2);
});
afterAll(async () => t?.close());

describe('keys', () => {
  it('are shown once and stored hashed', async () => {
    const client = (await admin.get('/api/api-clients')).json().items[0];
    const keys = (await admin.get(`/api/api-clients/${client.id}/keys`)).json().items;
    expect(keys[0].key).toBeUndefined();
    const stored = await t.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(bankKey);
  });

  it('revoked and expired keys get 401; a key scoped to bank inquiries gets 403 on another type', async () => {
    const client = await newClient({ nameFa: 'بانک تست' });
    const key = await newKey(client.id, ['bank'], '2026-12-01T00:00:00.000Z');
    const keys = (await admin.get(`/api/api-clients/${client.id}/keys`)).json().items;
    expect((await ask(key, { ...bankInquiry(inspected), type: 'notary_transfer', buyerNationalCode: '0499370899', transferType: 'sale' })).statusCode).toBe(403);
    const other = await newKey(client.id, ['bank']);
    await admin.post(`/api/api-clients/${client.id}/keys/${keys[0].id}/revoke`);
    const revoked = await ask(key, bankInquiry(inspected));
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.messageFa).toContain('باطل');
    expect((await ask(other, bankInquiry(inspected))).statusCode).toBe(200); // rotation: the other key still works
    t.clock.set('2027-12-01T00:00:00.000Z');
    try {
      expect((await ask(other, bankInquiry(inspected))).statusCode).toBe(401);
    } finally {
      t.clock.set('2026-11-29T08:00:00.000Z');
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/inquiries', payload: bankInquiry(inspected) })).statusCode).toBe(401);
  });

  it('refuses a Jalali date sent as the Gregorian letter date, and a year out of range, changing nothing', async () => {
    const before = (await t.db.selectFrom('inquiries').select('id').execute()).length;
    for (const letterDate of ['1405-08-29', '2926-01-01', '2026-02-30']) {
      const res = await ask(bankKey, { ...bankInquiry(uninspected), letterDate });
      expect(res.statusCode, letterDate).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'letterDate', code: 'format' })]);
      expect(res.json().error.fields[0].messageFa).toContain('میلادی');
    }
    expect((await t.db.selectFrom('inquiries').select('id').execute()).length).toBe(before);
    expect((await ask(bankKey, { ...bankInquiry(inspected), letterDate: '2026-11-19' })).statusCode).toBe(200);
  });

  it("holds both paths to the city's form: what a case would refuse is refused at once too, named by the field sent", async () => {
    const long = 'ب'.repeat(55);
    const before = (await t.db.selectFrom('inquiries').select('id').execute()).length;
    for (const property of [inspected, uninspected]) {
      const letter = await ask(bankKey, { ...bankInquiry(property), letterNumber: long });
      expect(letter.statusCode, letter.body).toBe(400);
      expect(letter.json().error.fields).toEqual([expect.objectContaining({ field: 'letterNumber', code: 'too_long' })]);
      const zero = await ask(bankKey, { ...bankInquiry(property), loanAmountRials: 0 });
      expect(zero.statusCode, zero.body).toBe(400);
      expect(zero.json().error.fields).toEqual([expect.objectContaining({ field: 'loanAmountRials', code: 'minimum' })]);
    }
    expect((await t.db.selectFrom('inquiries').select('id').execute()).length).toBe(before);
  });

  it('names on the case the person asked about when no file holds them', async () => {
    const property = await withPostal(13);
    const stranger = '0012345679';
    const res = await ask(bankKey, { ...bankInquiry(property), subjectNationalCode: stranger });
    expect(res.statusCode, res.body).toBe(202);
    const kase = await t.db.selectFrom('requests').select('id').where('tracking_code', '=', res.json().case.trackingCode).executeTakeFirstOrThrow();
    const line = await t.db.selectFrom('request_events').select('note').where('request_id', '=', kase.id).where('action', '=', 'register').executeTakeFirstOrThrow();
    expect(line.note).toContain('۰۰۱۲۳۴۵۶۷۹');
  });

  it('names the plate field a number too large for it is in, not the body', async () => {
    const res = await ask(bankKey, { ...bankInquiry(inspected), property: { plate: { main: 2_147_483_648, sub: 1, registrySection: 5 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'property.plate.main', code: 'maximum' })]);
  });

  it('takes the Bearer scheme in any letter case', async () => {
    const read = (authorization: string) => t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: { authorization } });
    expect((await read(`bearer ${bankKey}`)).statusCode).toBe(200);
    expect((await read(`BEARER ${bankKey}`)).statusCode).toBe(200);
    expect((await read(`Basic ${bankKey}`)).statusCode).toBe(401);
  });

  it('limits each client to its rate and answers 429 with Retry-After', async () => {
    const client = await newClient({ nameFa: 'بانک پرتکرار', rateLimitPerMinute: 2 });
    const key = await newKey(client.id, ['bank']);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await ask(key, bankInquiry(inspected))).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    const limited = await ask(key, bankInquiry(inspected));
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it("refuses calls from outside the client's address list", async () => {
    const client = await newClient({ nameFa: 'بانک با فهرست نشانی', allowedIps: ['10.20.30.40'] });
    const key = await newKey(client.id, ['bank']);
    expect((await ask(key, bankInquiry(inspected), {}, '10.20.30.40')).statusCode).toBe(200);
    expect((await ask(key, bankInquiry(inspected), {}, '10.20.30.41')).statusCode).toBe(403);
  });
});

describe('notary and agency inquiries', () => {
  it('a notary transfer is answered at once from a recent clean file; an agency inquiry on an uninspected file opens a case', async () => {
    const client = await newClient({ kind: 'notary', nameFa: 'دفترخانه اسناد رسمی ۴۲ اصفهان', officialCode: '42' });
    const key = await newKey(client.id, ['notary_transfer', 'agency']);
    const notary = await ask(key, { type: 'notary_transfer', property: { postalCode: inspected.postalCode }, subjectNationalCode: inspected.ownerNationalCode, letterNumber: '۴۲/۱۰۰', buyerNationalCode: '0499370899', transferType: 'sale' });
    expect(notary.statusCode, notary.body).toBe(200);
    expect(notary.json().answer).toMatchObject({ decision: 'confirmed', subjectIsOwner: true });
    expect(notary.json().answer.validForFa).toContain('دفترخانه');
    const agency = await ask(key, { type: 'agency', property: { postalCode: uninspected.postalCode }, subjectNationalCode: uninspected.ownerNationalCode, letterNumber: 'الف/۷', subject: 'وضعیت ملک برای پرونده مالیاتی' });
    expect(agency.statusCode, agency.body).toBe(202);
    const kase = await t.db.selectFrom('requests').select('service_code').where('tracking_code', '=', agency.json().case.trackingCode).executeTakeFirstOrThrow();
    expect(kase.service_code).toBe('agency_inquiry');
    const missing = await ask(key, { type: 'agency', property: { postalCode: uninspected.postalCode }, subjectNationalCode: uninspected.ownerNationalCode, letterNumber: 'الف/۸' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('subject');
  });
});

describe('an inquiry whose case is cancelled', () => {
  it('is closed, with when and why; the client is told once by webhook; a retry with its key gets the same closed answer', async () => {
    const client = await newClient({ nameFa: 'بانک با وب‌هوک لغو', webhookUrl: 'https://hooks.example.ir/closed', webhookEvents: ['inquiry.closed'] });
    const key = await newKey(client.id, ['bank']);
    const property = await withPostal(12);
    const headers = { 'idempotency-key': 'bank-closed-000001' };
    const pending = await ask(key, bankInquiry(property), headers);
    expect(pending.statusCode, pending.body).toBe(202);
    const kase = await t.db.selectFrom('requests').select(['id', 'version', 'office_id']).where('tracking_code', '=', pending.json().case.trackingCode).executeTakeFirstOrThrow();
    // The desk the case was opened at cancels it (its manager).
    const managerOfDesk = await t.db.selectFrom('staff').select('username').where('office_id', '=', kase.office_id).where('role', '=', 'office_manager').executeTakeFirstOrThrow();
    const manager = await signIn(t.app, managerOfDesk.username);
    const cancelled = await manager.post(`/api/requests/${kase.id}/cancel`, { version: kase.version, reason: 'مالک مراجعه نکرد' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    expect(await settleAnsweredInquiries(t.app.ctx)).toBe(1);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/inquiries/${pending.json().id}`, headers: { authorization: `Bearer ${key}` } });
    expect(read.json()).toMatchObject({ status: 'closed', answer: null, answeredAt: null, closed: { reason: 'مالک مراجعه نکرد' }, case: { state: 'cancelled' } });
    expect(await settleAnsweredInquiries(t.app.ctx)).toBe(0);
    const hooks = await t.db.selectFrom('webhook_deliveries').select(['event_type', 'payload']).where('client_id', '=', client.id).execute();
    expect(hooks.map((h) => h.event_type)).toEqual(['inquiry.closed']);
    expect(JSON.parse(hooks[0]!.payload).data).toMatchObject({ inquiryId: pending.json().id, reason: 'مالک مراجعه نکرد' });
    const again = await ask(key, bankInquiry(property), headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('closed');
  });
});

describe('bank inquiries', () => {
  it('are answered at once when the file is recent and clean', async () => {
    const res = await ask(bankKey, bankInquiry(inspected));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', case: null, answer: { decision: 'confirmed', subjectIsOwner: true, openViolations: 0 } });
    expect(res.json().answer.validForFa).toContain('بانک');
  });

  it('open a case at a desk of the district when the file cannot answer alone; the answer arrives by polling', async () => {
    const res = await ask(bankKey, bankInquiry(uninspected));
    expect(res.statusCode, res.body).toBe(202);
    const pending = res.json();
    expect(pending).toMatchObject({ status: 'pending', answer: null, case: { state: 'registered' } });
    const kase = await t.db
      .selectFrom('requests')
      .innerJoin('offices', 'offices.id', 'requests.office_id')
      .innerJoin('districts', 'districts.id', 'requests.district_id')
      .select(['requests.id', 'requests.service_code', 'offices.gov_code', 'districts.number'])
      .where('requests.tracking_code', '=', pending.case.trackingCode)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ service_code: 'bank_inquiry', number: 10 });

    const desk = await signIn(t.app, `o${kase.gov_code}-op1`);
    const step = (client: Client, action: string, body: object = {}) => act(client, kase.id, action, body);
    await step(desk, 'send-to-district');
    await step(await signIn(t.app, 'd10-reviewer1'), 'recommend', { recommendation: 'approve', note: 'پرونده بدون مانع' });
    await step(await signIn(t.app, 'd10-approver'), 'approve');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/inquiries/${pending.id}`, headers: { authorization: `Bearer ${bankKey}` } })).json().status).toBe('pending');
    await step(await signIn(t.app, 'd10-approver'), 'issue-response');
    const answered = (await t.app.inject({ method: 'GET', url: `/api/v1/inquiries/${pending.id}`, headers: { authorization: `Bearer ${bankKey}` } })).json();
    expect(answered).toMatchObject({ status: 'answered', answer: { decision: 'confirmed' } });
    expect(answered.answer.letterNumber).toMatch(/^1405\/10\/\d{5}$/);
  });

  it('a replayed Idempotency-Key returns the first answer and creates nothing; another body with it is 409', async () => {
    const headers = { 'idempotency-key': 'bank-req-000001' };
    const first = await ask(bankKey, bankInquiry(uninspected), headers);
    expect(first.statusCode).toBe(202);
    const count = async () => ({
      inquiries: (await t.db.selectFrom('inquiries').select('id').execute()).length,
      requests: (await t.db.selectFrom('requests').select('id').execute()).length,
    });
    const before = await count();
    const again = await ask(bankKey, bankInquiry(uninspected), headers);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(await count()).toEqual(before);
    const changed = await ask(bankKey, { ...bankInquiry(uninspected), letterNumber: 'دیگر' }, headers);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.details).toEqual({ reason: 'idempotency_key_reused' });
    // The same request with its fields in another order (another JSON library's retry) is the same request.
    const { purpose, letterNumber, subjectNationalCode, property, type } = bankInquiry(uninspected);
    const reordered = await ask(bankKey, { purpose, letterNumber, subjectNationalCode, property, type }, headers);
    expect(reordered.statusCode).toBe(202);
    expect(reordered.json()).toEqual(first.json());
    expect(await count()).toEqual(before);
  });

  it('answers only about the file every identifier sent points at: a postal code of one file and the plate of another match nothing', async () => {
    const plateOf = async (id: string) => {
      const p = await t.db.selectFrom('properties').select(['plate_main', 'plate_sub', 'registry_section', 'renovation_code']).where('id', '=', id).executeTakeFirstOrThrow();
      return { plate: { main: p.plate_main!, sub: p.plate_sub!, registrySection: p.registry_section! }, renovationCode: p.renovation_code! };
    };
    const mine = await plateOf(inspected.id);
    const other = await plateOf(uninspected.id);
    const before = (await t.db.selectFrom('inquiries').select('id').execute()).length;
    const mixed = await ask(bankKey, { ...bankInquiry(inspected), property: { postalCode: inspected.postalCode, plate: other.plate } });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.json().error.messageFa).toContain('پرونده ملکی');
    const wrongRenovation = await ask(bankKey, { ...bankInquiry(inspected), property: { postalCode: inspected.postalCode, renovationCode: other.renovationCode } });
    expect(wrongRenovation.statusCode).toBe(404);
    expect((await t.db.selectFrom('inquiries').select('id').execute()).length).toBe(before);
    const agreeing = await ask(bankKey, { ...bankInquiry(inspected), property: { postalCode: inspected.postalCode, ...mine } });
    expect(agreeing.statusCode).toBe(200);
  });

  it('50 parallel calls with one Idempotency-Key that need a case: one inquiry, one case, one set of notifications, 50 equal answers', async () => {
    const client = await newClient({ nameFa: 'بانک همزمان', rateLimitPerMinute: 1000 });
    const key = await newKey(client.id, ['bank']);
    const property = await withPostal(11);
    const casesOf = () => t.db.selectFrom('requests').select('id').where('property_id', '=', property.id).execute();
    expect(await casesOf()).toEqual([]);
    const answers = await Promise.all(Array.from({ length: 50 }, () => ask(key, bankInquiry(property), { 'idempotency-key': 'bank-burst-000050' })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(202));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);

    const inquiries = await t.db.selectFrom('inquiries').select(['request_id']).where('client_id', '=', client.id).execute();
    const cases = await casesOf();
    const caseIds = cases.map((c) => c.id);
    const outbox = await t.db.selectFrom('outbox').select(['event_type']).where('aggregate_id', 'in', caseIds).execute();
    const timeline = await t.db.selectFrom('request_events').select(['action']).where('request_id', 'in', caseIds).orderBy('created_at').orderBy('id').execute();
    const audited = await t.db.selectFrom('audit_log').select('action').where('entity_id', 'in', caseIds).where('action', 'like', 'request.%').where('action', '!=', 'request.read').execute();
    console.log(`50 same-key inquiries: ${inquiries.length} inquiries, ${cases.length} cases, ${outbox.length} outbox rows, ${timeline.length} timeline lines`);
    expect(inquiries).toEqual([{ request_id: caseIds[0] }]);
    expect(cases).toHaveLength(1);
    expect(outbox.map((o) => o.event_type)).toEqual(['request.registered']);
    // The fee is not paid at an API intake, so the case waits at the desk (decisions/0020): no assignment yet.
    expect(timeline.map((e) => e.action)).toEqual(['register']);
    expect(audited.map((a) => a.action)).toEqual(['request.register']);
  });

  it('bad input is 400 with field errors; an unknown property is 404; every call is audited', async () => {
    const noId = await ask(bankKey, { ...bankInquiry(inspected), property: {} });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.fields[0].field).toBe('property');
    const badCode = await ask(bankKey, { ...bankInquiry(inspected), subjectNationalCode: '1234567890' });
    expect(badCode.json().error.fields[0].field).toBe('subjectNationalCode');
    const noPurpose = await ask(bankKey, { ...bankInquiry(inspected), purpose: undefined });
    expect(noPurpose.json().error.fields[0].field).toBe('purpose');
    const unknown = await ask(bankKey, { ...bankInquiry(inspected), property: { postalCode: '8111111111' } });
    expect(unknown.statusCode).toBe(404);
    const audited = await t.db.selectFrom('audit_log').select(['details', 'city_id']).where('action', '=', 'api.call').execute();
    expect(audited.length).toBeGreaterThan(5);
    expect(audited.some((a) => JSON.parse(a.details!).status === 404)).toBe(true);
    // The bank's calls are its city's: that city's auditors see them, and no other city's.
    const bankCity = (await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
    expect(new Set(audited.map((a) => a.city_id))).toEqual(new Set([bankCity]));
    const inquiries = await t.db.selectFrom('audit_log').select('city_id').where('action', 'like', 'inquiry.%').execute();
    expect(inquiries.length).toBeGreaterThan(0);
    expect(inquiries.every((a) => a.city_id === bankCity)).toBe(true);
  });
});

describe('the dashboards', () => {
  it('count each inquiry in its client’s city and its file’s district (decision 0048)', async () => {
    // One more at once (district 2) and one through a case (district 10), beside those above.
    expect((await ask(bankKey, bankInquiry(inspected))).statusCode).toBe(200);
    expect((await ask(bankKey, bankInquiry(uninspected))).statusCode).toBe(202);
    const rows = await t.db
      .selectFrom('inquiries')
      .innerJoin('api_clients', 'api_clients.id', 'inquiries.client_id')
      .innerJoin('properties', 'properties.id', 'inquiries.property_id')
      .select(['inquiries.type', 'inquiries.status', 'inquiries.request_id', 'inquiries.city_id', 'inquiries.district_id', 'api_clients.city_id as clientCity', 'properties.district_id as fileDistrict'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect({ city: r.city_id, district: r.district_id }).toEqual({ city: r.clientCity, district: r.fileDistrict });

    const counted = (districtNumber: number | null) => {
      const mine = rows.filter((r) => districtNumber === null || r.district_id === districts.get(districtNumber));
      return ['bank', 'notary_transfer', 'agency'].map((type) => {
        const of = mine.filter((r) => r.type === type);
        return { type, instant: of.filter((r) => !r.request_id && r.status === 'answered').length, byCase: of.filter((r) => r.request_id).length, pending: of.filter((r) => r.status === 'pending').length };
      });
    };
    const districts = new Map((await t.db.selectFrom('districts').select(['id', 'number']).execute()).map((d) => [d.number, d.id]));
    for (const n of [null, 2, 10, 5]) {
      const res = await admin.get(`/api/dashboards/figures?from=2026-11-01&to=2026-12-30${n === null ? '' : `&districtId=${districts.get(n)}`}`);
      expect(res.statusCode, res.body).toBe(200);
      const table = res.json().tables.find((x: { key: string }) => x.key === 'inquiries');
      expect(table.rows.map((r: Record<string, unknown>) => ({ type: r.type, instant: r.instant, byCase: r.byCase, pending: r.pending })), `district ${n}`).toEqual(counted(n));
    }
    expect(counted(2)[0]!.instant).toBeGreaterThan(0);
    expect(counted(10)[0]!.byCase).toBeGreaterThan(0);
  });

  it('give the same counts once Azar is sealed (decision 0050): answered at once and by case from its month rows, pending live', async () => {
    const city = await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
    const district10 = (await t.db.selectFrom('districts').select('id').where('number', '=', 10).executeTakeFirstOrThrow()).id;
    const counts = async (query = '') => {
      const res = await (await signIn(t.app, 'admin')).get(`/api/dashboards/figures?from=2026-11-01&to=2026-12-30${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().tables.find((x: { key: string }) => x.key === 'inquiries').rows.map((r: Record<string, unknown>) => ({ type: r.type, instant: r.instant, byCase: r.byCase, pending: r.pending }));
    };
    const before = [await counts(), await counts(`&districtId=${district10}`)];
    t.clock.set('2026-12-23T08:30:00.000Z');
    expect(await sealStepMonths(t.db, t.clock.now())).toContain(`${city.id}|1405-09`);
    const sealed = await t.db.selectFrom('rollup_inquiries_monthly').selectAll().where('month', '=', '1405-09').execute();
    expect(sealed.reduce((n, r) => n + Number(r.instant) + Number(r.by_case), 0)).toBe(
      (await t.db.selectFrom('inquiries').select('id').where('created_at', '>=', '2026-11-21T20:30:00.000Z').where('created_at', '<', '2026-12-21T20:30:00.000Z').execute()).length,
    );
    expect([await counts(), await counts(`&districtId=${district10}`)]).toEqual(before);

    // The month's rows are what is read: a changed row changes the figure.
    const bank = sealed.find((r) => r.type === 'bank' && r.district_id === district10)!;
    await t.db.updateTable('rollup_inquiries_monthly').set({ by_case: Number(bank.by_case) + 5 }).where('city_id', '=', bank.city_id).where('month', '=', bank.month).where('district_id', '=', bank.district_id).where('type', '=', 'bank').execute();
    expect((await counts(`&districtId=${district10}`))[0].byCase).toBe(before[1]![0].byCase + 5);
    await t.db.updateTable('rollup_inquiries_monthly').set({ by_case: bank.by_case }).where('city_id', '=', bank.city_id).where('month', '=', bank.month).where('district_id', '=', bank.district_id).where('type', '=', 'bank').execute();

    // An inquiry answered after its month was sealed leaves pending; it is still counted by case.
    const pending = await t.db
      .selectFrom('inquiries')
      .select('id')
      .where('district_id', '=', district10)
      .where('type', '=', 'bank')
      .where('status', '=', 'pending')
      .where('created_at', '>=', '2026-10-31T20:30:00.000Z') // 1 Nov 2026 (10 Aban), 00:00 Tehran
      .where('created_at', '<', '2026-12-30T20:30:00.000Z')
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    await t.db.updateTable('inquiries').set({ status: 'answered', answered_at: t.clock.now().toISOString() }).where('id', 'in', pending.map((r) => r.id)).execute();
    const after = await counts(`&districtId=${district10}`);
    expect(after[0]).toEqual({ ...before[1]![0], pending: before[1]![0].pending - pending.length });
  });
});
