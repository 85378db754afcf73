/**
 * Excavation permits end to end: a utility asks by API, the route is measured and charged, overlaps
 * are flagged; the district approver decides, the permit letter is printed (real Chromium, once)
 * and the client's webhook is queued.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { isValidTrackingCode } from '../../platform/ids.js';
import { refillLetterFacts, runLetterJob } from '../../test/letters.js';

let t: TestApp;
let admin: Client;
let approver: Client;
let waterKey: string;
let bankKey: string;
let tariffs: Record<string, number>;

const UTILITY = 'شرکت آب و فاضلاب استان اصفهان';
/** Each test digs its own street, 0.01° of longitude (about 940 m) apart, so their overlaps stay their own. */
const street = (n: number, offsetMeters = 0) => 51.6 + n * 0.01 + offsetMeters / (111_195 * Math.cos((32.65 * Math.PI) / 180));
/** A trench along a meridian: 0.001° of latitude, about 111.2 m. */
const north = (lng: number) => ({ type: 'LineString', coordinates: [[lng, 32.65], [lng, 32.651]] });
const permit = (route: object, body: object = {}) => ({
  route, widthMeters: 0.6, depthMeters: 1.2, streetType: 'secondary', startDate: '2026-12-05', endDate: '2026-12-12',
  purpose: 'تعویض خط لوله آب', contractorName: 'شرکت ساختمانی زاینده‌رود', contractorMobile: '09131234567', districtNumber: 3, ...body,
});
const dig = (key: string, body: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/excavations', payload: body, headers: { authorization: `Bearer ${key}`, ...headers } });
const asClient = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const count = async () => (await t.db.selectFrom('excavation_permits').select('id').execute()).length;

async function newKey(body: object, scopes: string[]) {
  const client = await admin.post('/api/api-clients', { rateLimitPerMinute: 1000, ...body });
  expect(client.statusCode, client.body).toBe(201);
  const key = await admin.post(`/api/api-clients/${client.json().id}/keys`, { scopes, expiresAt: '2027-11-29T00:00:00.000Z' });
  return key.json().key as string;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  approver = await signIn(t.app, 'd3-approver');
  waterKey = await newKey(
    { kind: 'utility', nameFa: UTILITY, officialCode: '10260', webhookUrl: 'https://abfa-isfahan.example.ir/hooks/miz', webhookEvents: ['excavation.decided'] },
    ['excavation'],
  );
  bankKey = await newKey({ kind: 'bank', nameFa: 'بانک ملت شعبه چهارباغ', officialCode: '1234', webhookEvents: [] }, ['bank']);
  const list = await admin.get('/api/excavation-tariffs');
  expect(list.statusCode, list.body).toBe(200);
  tariffs = Object.fromEntries(list.json().items.map((i: { streetType: string; rialsPerMeter: number }) => [i.streetType, i.rialsPerMeter]));
});
afterAll(async () => t?.close());

describe('asking for a permit', () => {
  it('measures a line along a meridian (0.001° ≈ 111.2 m) and charges length × the tariff', async () => {
    const res = await dig(waterKey, permit(north(street(1))));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ status: 'submitted', streetType: 'secondary', widthMeters: 0.6, depthMeters: 1.2, districtNumber: 3, overlaps: [], letter: null });
    expect(isValidTrackingCode(p.trackingCode)).toBe(true);
    expect(Math.abs(p.lengthMeters - 111.2)).toBeLessThan(0.5);
    expect(p.areaSquareMeters).toBeCloseTo(p.lengthMeters * 0.6, 2);
    expect(p.feeRials).toBe(Math.round(p.lengthMeters * tariffs.secondary!));

    const row = await t.db.selectFrom('excavation_permits').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    // The bbox is the footprint's: the line widened by 0.3 m on each side.
    expect(row.min_lng).toBeLessThan(street(1));
    expect(row.max_lng).toBeGreaterThan(street(1));
    expect(JSON.parse(row.geometry)).toEqual(north(street(1)));
    const audit = await t.db.selectFrom('audit_log').select(['details', 'city_id']).where('action', '=', 'excavation.submit').where('entity_id', '=', p.id).execute();
    expect(audit).toHaveLength(1);
    // The utility's city's: its auditors see it, no other city's.
    expect(audit[0]!.city_id).toBe(row.city_id);

    expect((await asClient(waterKey, `/api/v1/excavations/${p.id}`)).json()).toEqual(p);
  });

  it("takes a polygon as a trench of the given width: its length is its area / width", async () => {
    const lng = street(2);
    const dx = 0.0001; // about 9.4 m east-west at 32.65°N
    const block = { type: 'Feature', properties: { name: 'میدان' }, geometry: { type: 'Polygon', coordinates: [[[lng, 32.65], [lng + dx, 32.65], [lng + dx, 32.651], [lng, 32.651], [lng, 32.65]]] } };
    const res = await dig(waterKey, permit(block, { widthMeters: 10, streetType: 'main' }));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    const area = 111.195 * 9.36; // m²
    expect(Math.abs(p.lengthMeters - area / 10)).toBeLessThan(0.5);
    expect(p.areaSquareMeters).toBeCloseTo(p.lengthMeters * 10, 1);
    expect(p.feeRials).toBe(Math.round(p.lengthMeters * tariffs.main!));
  });

  it.each([
    ['a bow-tie polygon', { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.671, 32.651], [51.671, 32.65], [51.67, 32.651], [51.67, 32.65]]] }, 'self_intersecting'],
    ['an empty line', { type: 'LineString', coordinates: [] }, 'too_few_points'],
    ['a one-point line', { type: 'LineString', coordinates: [[51.67, 32.65]] }, 'too_few_points'],
    ['a point', { type: 'Point', coordinates: [51.67, 32.65] }, 'wrong_type'],
    ['latitude and longitude swapped', { type: 'LineString', coordinates: [[32.65, 51.67], [32.651, 51.67]] }, 'outside_iran'],
  ])('refuses %s: 400 on the field route, nothing written', async (_what, route, code) => {
    const before = await count();
    const res = await dig(waterKey, permit(route));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'route', code })]);
    expect(res.json().error.fields[0].messageFa).toMatch(/مسیر|نقاط/);
    expect(await count()).toBe(before);
  });

  it('refuses bad dimensions, dates and districts with their fields', async () => {
    const fields = async (body: object) => (await dig(waterKey, permit(north(street(3)), body))).json().error.fields.map((f: { field: string }) => f.field);
    expect(await fields({ widthMeters: 25 })).toEqual(['widthMeters']);
    expect(await fields({ depthMeters: 0 })).toEqual(['depthMeters']);
    expect(await fields({ startDate: '2026-11-28' })).toEqual(['startDate']);
    expect(await fields({ endDate: '2026-12-01' })).toEqual(['endDate']);
    expect(await fields({ endDate: '2027-06-30' })).toEqual(['endDate']);
    expect(await fields({ districtNumber: 42 })).toEqual(['districtNumber']);
    expect(await fields({ streetType: 'highway' })).toEqual(['streetType']);
    expect(await count()).toBe(2);
  });

  it('flags a live permit on the same street at overlapping dates, not one at other dates or far away', async () => {
    const lng = street(4);
    const first = (await dig(waterKey, permit(north(lng)))).json();
    const same = (await dig(waterKey, permit(north(lng), { startDate: '2026-12-10', endDate: '2026-12-20' }))).json();
    expect(same.overlaps).toEqual([{ trackingCode: first.trackingCode, startDate: '2026-12-05', endDate: '2026-12-12' }]);
    // Side by side, 1 m apart: half widths of 0.3 m and 1 m make 1.3 m, so the footprints meet; 1.5 m apart they do not.
    const beside = (await dig(waterKey, permit(north(street(4, 1)), { widthMeters: 2 }))).json();
    expect(beside.overlaps.map((o: { trackingCode: string }) => o.trackingCode).sort()).toEqual([first.trackingCode, same.trackingCode].sort());
    expect((await dig(waterKey, permit(north(street(4, -1.5)), { widthMeters: 2 }))).json().overlaps).toEqual([]);
    const later = (await dig(waterKey, permit(north(lng), { startDate: '2027-01-10', endDate: '2027-01-20' }))).json();
    expect(later.overlaps).toEqual([]);
    const away = (await dig(waterKey, permit(north(street(4, 50))))).json();
    expect(away.overlaps).toEqual([]);

    // The district sees the flag on both sides: the first permit shows those that found it later.
    const seen = (await approver.get(`/api/excavations/${first.id}`)).json();
    expect(seen.overlaps.map((o: { id: string }) => o.id).sort()).toEqual([same.id, beside.id].sort());
    expect(seen.route).toEqual(north(lng));

    // A rejected permit no longer counts.
    const rejected = await approver.post(`/api/excavations/${first.id}/decide`, { version: 1, decision: 'reject', note: 'هم‌زمان با آسفالت‌ریزی خیابان است' });
    expect(rejected.json().status).toBe('rejected');
    const after = (await dig(waterKey, permit(north(lng), { startDate: '2026-12-06', endDate: '2026-12-11' }))).json();
    expect(after.overlaps.map((o: { trackingCode: string }) => o.trackingCode).sort()).toEqual([same.trackingCode, beside.trackingCode].sort());
  });

  it('a key scoped to bank inquiries gets 403, and nothing is written', async () => {
    const before = await count();
    const res = await dig(bankKey, permit(north(street(5))));
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await dig('mk_000000000000_' + 'x'.repeat(32), permit(north(street(5))))).statusCode).toBe(401);
  });

  it('a retry with the same Idempotency-Key creates nothing and answers the same; another body with it is 409', async () => {
    const headers = { 'idempotency-key': 'abfa-1405-000123' };
    const first = await dig(waterKey, permit(north(street(6))), headers);
    expect(first.statusCode).toBe(201);
    const before = await count();
    const again = await dig(waterKey, permit(north(street(6))), headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count()).toBe(before);
    expect((await dig(waterKey, permit(north(street(6)), { depthMeters: 2 }), headers)).statusCode).toBe(409);
  });

  it("another client's permit is 404", async () => {
    const mine = (await dig(waterKey, permit(north(street(7))))).json();
    const gasKey = await newKey({ kind: 'utility', nameFa: 'شرکت گاز استان اصفهان', officialCode: '10261', webhookEvents: [] }, ['excavation']);
    expect((await asClient(gasKey, `/api/v1/excavations/${mine.id}`)).statusCode).toBe(404);
    expect((await asClient(gasKey, `/api/v1/excavations/${mine.id}/letter`)).statusCode).toBe(404);
  });
});

describe('the district decides', () => {
  let submitted: { id: string; trackingCode: string };

  beforeAll(async () => {
    submitted = (await dig(waterKey, permit(north(street(8))))).json();
  });

  it("only the approver of the permit's district: another district's approver gets 404, other roles 403", async () => {
    const body = { version: 1, decision: 'approve', note: 'با رعایت شرایط موافقت می‌شود' };
    expect((await (await signIn(t.app, 'd5-approver')).post(`/api/excavations/${submitted.id}/decide`, body)).statusCode).toBe(404);
    expect((await (await signIn(t.app, 'd3-reviewer1')).post(`/api/excavations/${submitted.id}/decide`, body)).statusCode).toBe(403);
    expect((await admin.post(`/api/excavations/${submitted.id}/decide`, body)).statusCode).toBe(403);
    expect((await approver.post(`/api/excavations/${submitted.id}/decide`, { ...body, version: 2 })).json().error.code).toBe('STALE_VERSION');
  });

  it('approves: the permit is approved, its letter printed and verifiable, the webhook queued, all audited', async () => {
    const conditions = ['ترمیم آسفالت حداکثر 48 ساعت پس از پایان حفاری', 'نصب علائم هشدار شبانه'];
    const res = await approver.post(`/api/excavations/${submitted.id}/decide`, { version: 1, decision: 'approve', note: 'با رعایت شرایط زیر موافقت می‌شود', conditions });
    expect(res.statusCode, res.body).toBe(200);
    const decided = res.json();
    expect(decided).toMatchObject({ status: 'approved', version: 2, conditions, decidedBy: { name: expect.any(String) } });
    expect(decided.letter.number).toBe('1405/3/00001');
    expect(decided.letter.serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    // The decision queued the letter (serial reserved); the letter job prints it.
    expect(await t.db.selectFrom('letters').select('id').where('excavation_id', '=', submitted.id).execute()).toEqual([]);
    expect(await runLetterJob(t)).toMatchObject({ printed: 1 });

    const letter = await t.db.selectFrom('letters').selectAll().where('excavation_id', '=', submitted.id).executeTakeFirstOrThrow();
    expect(letter).toMatchObject({ kind: 'excavation_permit', serial: decided.letter.serial, letter_number: '1405/3/00001', request_id: null });

    const hooks = await t.db.selectFrom('webhook_deliveries').selectAll().where('event_key', '=', `excavation.decided:${submitted.id}`).execute();
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0]!.payload).data).toMatchObject({ excavationId: submitted.id, status: 'approved', conditions, letterUrl: `/api/v1/excavations/${submitted.id}/letter` });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', 'in', [submitted.id, letter.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['excavation.approve', 'excavation.submit', 'letter.issue']);

    // The client sees it, downloads the same PDF the district does, and anyone can check it.
    const mine = (await asClient(waterKey, `/api/v1/excavations/${submitted.id}`)).json();
    expect(mine).toMatchObject({ status: 'approved', letter: { number: '1405/3/00001', downloadUrl: `/api/v1/excavations/${submitted.id}/letter` } });
    const pdf = await asClient(waterKey, mine.letter.downloadUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(letter.sha256);
    expect((await approver.get(decided.letter.downloadUrl)).rawPayload.equals(pdf.rawPayload)).toBe(true);

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-permit-'));
    try {
      fs.writeFileSync(path.join(tmp, 'permit.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(tmp, 'permit.pdf'), '-']).toString('utf8');
      // pdftotext marks direction (moving spaces around) and writes the lam-alef ligature as ال: compare letter by letter.
      const letters = (x: string) => x.replace(/[\u200e\u200f\u202a-\u202e\s]/g, '').replace(/لا/g, 'ال');
      for (const expected of ['مجوز حفاری معبر', UTILITY, 'نصب علائم هشدار شبانه', 'خیابان فرعی']) expect(letters(text), expected).toContain(letters(expected));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }

    const verified = (await t.app.inject({ method: 'GET', url: `/api/public/verify/${decided.letter.serial}` })).json();
    expect(verified).toMatchObject({ kind: 'excavation_permit', addresseeFa: UTILITY, property: null, decision: 'approved', districtNumber: 3, sha256: letter.sha256, revoked: false });
    expect(verified.validity).toMatchObject({ until: '2026-12-12', expired: false });
  });

  it('a decided permit cannot be decided again (409)', async () => {
    const again = await approver.post(`/api/excavations/${submitted.id}/decide`, { version: 2, decision: 'reject', note: 'اشتباه' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  const verify = (serial: string) => t.app.inject({ method: 'GET', url: `/api/public/verify/${serial}` });
  const permitSerial = async () => (await t.db.selectFrom('letters').select('serial').where('excavation_id', '=', submitted.id).executeTakeFirstOrThrow()).serial;

  it('its letter keeps the public facts it was issued with: the back-fill of migration 0050 writes the same', async () => {
    const serial = await permitSerial();
    const before = (await verify(serial)).json();
    expect(before).toMatchObject({ kindFa: 'مجوز حفاری معبر', service: { code: 'excavation_permit', nameFa: 'مجوز حفاری معبر' } });
    const row = await t.db.selectFrom('letters').select(['public_facts', 'district_id']).where('serial', '=', serial).executeTakeFirstOrThrow();
    await t.db.updateTable('letters').set({ public_facts: null, district_id: null }).where('serial', '=', serial).execute();
    await refillLetterFacts(t);
    expect(await t.db.selectFrom('letters').select(['public_facts', 'district_id']).where('serial', '=', serial).executeTakeFirstOrThrow()).toEqual(row);
    expect((await verify(serial)).json()).toEqual(before);
  });

  it("its letter is revoked by the approver of the permit's district (not a reviewer, not another district's), and the public page says so", async () => {
    const serial = await permitSerial();
    const url = `/api/letters/${serial}/revoke`;
    const reason = 'مسیر حفاری با طرح بهسازی خیابان تداخل دارد';
    expect((await (await signIn(t.app, 'd3-reviewer1')).post(url, { reason })).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'd5-approver')).post(url, { reason })).statusCode).toBe(404);
    const res = await approver.post(url, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'excavation_permit', revoked: true, revokeReasonFa: reason, revokedAt: t.clock.now().toISOString() });
    expect((await verify(serial)).json()).toMatchObject({ revoked: true, revokeReasonFa: reason });
    expect((await admin.post(url, { reason: 'بار دوم' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'letter.revoke').execute();
    expect(audit.map((a) => JSON.parse(a.details!))).toEqual([expect.objectContaining({ excavationId: submitted.id, serial, reason })]);
  });
});

describe('the district list', () => {
  it("shows district staff their district, city roles the city, with overlap flags; desks get 403", async () => {
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    const mine = (await reviewer.get('/api/excavations?pageSize=200')).json();
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.items.every((p: { districtNumber: number }) => p.districtNumber === 3)).toBe(true);
    expect(mine.items.some((p: { overlaps: unknown[] }) => p.overlaps.length > 0)).toBe(true);
    const submitted = (await reviewer.get('/api/excavations?status=submitted&sort=startDate&order=asc')).json();
    expect(submitted.items.every((p: { status: string }) => p.status === 'submitted')).toBe(true);

    const elsewhere = (await dig(waterKey, permit(north(street(9)), { districtNumber: 5 }))).json();
    expect((await reviewer.get(`/api/excavations/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/excavations/${elsewhere.id}`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, 'auditor')).get('/api/excavations')).json().total).toBe(mine.total + 1);
    const desk = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
    expect((await desk.get('/api/excavations')).statusCode).toBe(403);
  });
});

describe('tariffs', () => {
  it('the city admin sets a tariff: new permits pay it, earlier ones keep their fee; others may not', async () => {
    expect(Object.keys(tariffs).sort()).toEqual(['alley', 'local', 'main', 'secondary', 'sidewalk']);
    const earlier = (await dig(waterKey, permit(north(street(10)), { streetType: 'alley' }))).json();
    const res = await admin.put('/api/excavation-tariffs/alley', { rialsPerMeter: 2_000_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ streetType: 'alley', streetTypeFa: 'کوچه', rialsPerMeter: 2_000_000 });
    const later = (await dig(waterKey, permit(north(street(11)), { streetType: 'alley' }))).json();
    expect(later.feeRials).toBe(Math.round(later.lengthMeters * 2_000_000));
    expect((await asClient(waterKey, `/api/v1/excavations/${earlier.id}`)).json().feeRials).toBe(earlier.feeRials);
    expect((await t.db.selectFrom('audit_log').select('details').where('action', '=', 'excavation_tariff.set').execute()).map((a) => JSON.parse(a.details!))).toEqual([
      { from: tariffs.alley, to: 2_000_000 },
    ]);

    expect((await approver.put('/api/excavation-tariffs/alley', { rialsPerMeter: 1 })).statusCode).toBe(403);
    expect((await admin.put('/api/excavation-tariffs/highway', { rialsPerMeter: 1 })).statusCode).toBe(400);
    expect((await admin.put('/api/excavation-tariffs/alley', { rialsPerMeter: 0 })).statusCode).toBe(400);
  });
});
