import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { ACTIVE_OFFICES_PER_DISTRICT, OFFICES } from '../../seed/isfahan.data.js';
import { newId } from '../../platform/ids.js';
import { rebuildOpenVisits } from '../requests/index.js';
import { casesWaitingForVisit, districtProperty, registerCase } from '../../test/factories.js';

let t: TestApp;
let admin: Client;
let auditor: Client;
let operator: Client;
let reviewer3: Client;
const districtIds = new Map<number, string>();

beforeAll(async () => {
  t = await createTestApp();
  [admin, auditor, operator, reviewer3] = await Promise.all([
    signIn(t.app, 'admin'),
    signIn(t.app, 'auditor'),
    signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 })),
    signIn(t.app, 'd3-reviewer1'),
  ]);
  for (const d of await t.db.selectFrom('districts').select(['id', 'number']).execute()) districtIds.set(d.number, d.id);
});
afterAll(async () => t?.close());

const district = (n: number) => districtIds.get(n)!;
const fieldsOf = (res: { json(): { error: { fields?: { field: string }[] } } }) => res.json().error.fields!.map((f) => f.field).sort();
const count = async (table: 'offices' | 'staff' | 'audit_log') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = () => t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

describe('districts', () => {
  it("lists the city's 15 districts in order, with active desks and inspectors, to any staff", async () => {
    const res = await operator.get('/api/districts');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { number: number; activeOffices: number; inspectors: number }[];
    expect(items.map((d) => d.number)).toEqual([...Array(15).keys()].map((i) => i + 1));
    expect(items.map((d) => d.activeOffices)).toEqual([...ACTIVE_OFFICES_PER_DISTRICT]);
    expect(items.reduce((s, d) => s + d.inspectors, 0)).toBe(32);
    expect(items.find((d) => d.number === 5)!.inspectors).toBe(3);
  });

  it('requires a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/districts' })).statusCode).toBe(401);
  });

  it("lets the city admin set a district's desk target (8 by default), with its audit row; others may not", async () => {
    expect((await operator.get('/api/districts')).json().items.every((d: { deskTarget: number }) => d.deskTarget === 8)).toBe(true);
    const res = await admin.patch(`/api/districts/${district(9)}`, { deskTarget: 10 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: 9, deskTarget: 10 });
    expect(await lastAudit()).toMatchObject({ action: 'district.update', entity_id: district(9) });
    expect(JSON.parse((await lastAudit()).details!)).toEqual({ changes: { deskTarget: { from: 8, to: 10 } } });
    expect((await admin.patch(`/api/districts/${district(9)}`, { deskTarget: -1 })).statusCode).toBe(400);
    expect((await admin.patch(`/api/districts/${newId()}`, { deskTarget: 9 })).statusCode).toBe(404);
    expect((await operator.patch(`/api/districts/${district(9)}`, { deskTarget: 9 })).statusCode).toBe(403);
    await admin.patch(`/api/districts/${district(9)}`, { deskTarget: 8 });
  });
});

describe('offices', () => {
  it('lists all 95 desks of the demo (75 active, 20 inactive) and filters by status', async () => {
    expect((await operator.get('/api/offices')).json().total).toBe(95);
    expect((await operator.get('/api/offices?status=active')).json().total).toBe(75);
    expect((await operator.get('/api/offices?status=inactive')).json().total).toBe(20);
  });

  it('pages: page 2 by government code holds the 21st to 40th desks', async () => {
    const all = OFFICES.map((o) => o.govCode).sort();
    const res = await reviewer3.get('/api/offices?sort=govCode&order=asc&page=2&pageSize=20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 95, page: 2, pageSize: 20 });
    expect(body.items.map((o: { govCode: string }) => o.govCode)).toEqual(all.slice(20, 40));
    const last = (await reviewer3.get('/api/offices?sort=govCode&order=desc&page=5&pageSize=20')).json();
    expect(last.items.map((o: { govCode: string }) => o.govCode)).toEqual(all.slice(0, 15).reverse());
  });

  it('shows each desk with its district and active staff count', async () => {
    const res = await admin.get(`/api/offices?districtId=${district(7)}&status=active&pageSize=50`);
    const items = res.json().items;
    expect(items).toHaveLength(ACTIVE_OFFICES_PER_DISTRICT[6]!);
    for (const o of items) {
      expect(o.district).toEqual({ id: district(7), number: 7, nameFa: expect.any(String) });
      expect(o.staffCount).toBe(3);
      expect(Object.keys(o).sort()).toEqual(
        ['addressFa', 'createdAt', 'district', 'govCode', 'id', 'nameFa', 'openingHoursFa', 'phone', 'staffCount', 'status', 'updatedAt'],
      );
    }
  });

  it('searches by name (Arabic letters and Persian digits in the query are normalised) and by code', async () => {
    // «دفتر پیشخوان خدمات دولت <name> (کد ...)»: the fifth word is the desk's own name.
    const office = OFFICES.find((o) => /[یک]/.test(o.nameFa.split(' ')[4]!))!;
    const byCode = await operator.get(`/api/offices?q=${office.govCode}`);
    expect(byCode.json().items.map((o: { govCode: string }) => o.govCode)).toEqual([office.govCode]);
    const word = office.nameFa.split(' ')[4]!;
    const arabic = word.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    const byName = (await operator.get(`/api/offices?q=${encodeURIComponent(arabic)}&pageSize=200`)).json();
    expect(byName.total).toBeGreaterThan(0);
    for (const o of byName.items) expect(o.nameFa).toContain(word);
    expect((await operator.get('/api/offices?q=%25')).json().total).toBe(0);
  });

  it("shows a desk's opening hours and lets the city admin change them", async () => {
    const first = (await operator.get('/api/offices?pageSize=1')).json().items[0];
    expect(first.openingHoursFa).toMatch(/شنبه/);
    const res = await admin.patch(`/api/offices/${first.id}`, { openingHoursFa: 'شنبه تا چهارشنبه ۸ تا ۱۶' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().openingHoursFa).toBe('شنبه تا چهارشنبه 8 تا 16'); // digits are stored ASCII, shown Persian
    await admin.patch(`/api/offices/${first.id}`, { openingHoursFa: first.openingHoursFa });
  });

  it('answers 404 for an unknown desk and 400 for a malformed id', async () => {
    expect((await operator.get(`/api/offices/${newId()}`)).statusCode).toBe(404);
    expect((await operator.get('/api/offices/nope')).statusCode).toBe(400);
  });

  const body = () => ({
    govCode: '99000001',
    nameFa: 'دفتر پیشخوان آزمایشی',
    districtId: district(4),
    addressFa: 'اصفهان، خیابان آزمایش، پلاک ۱',
    phone: '03131234567',
  });

  it('lets the city admin register a desk, with its audit row', async () => {
    // Typed on an Arabic keyboard (ي): stored with the Persian ی.
    const res = await admin.post('/api/offices', { ...body(), nameFa: 'دفتر پيشخوان آزمايشي' });
    expect(res.statusCode).toBe(201);
    const office = res.json();
    expect(office).toMatchObject({ govCode: '99000001', nameFa: 'دفتر پیشخوان آزمایشی', status: 'active', staffCount: 0, district: { number: 4 } });
    expect((await operator.get(`/api/offices/${office.id}`)).json()).toEqual(office);
    expect(await lastAudit()).toMatchObject({ action: 'office.create', entity_type: 'office', entity_id: office.id });
  });

  it('refuses a duplicate government code with 409 and writes nothing', async () => {
    const [offices, audits] = [await count('offices'), await count('audit_log')];
    const res = await admin.post('/api/offices', { ...body(), nameFa: 'دفتر دیگر' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'govCode', code: 'duplicate' }] });
    expect([await count('offices'), await count('audit_log')]).toEqual([offices, audits]);
  });

  it('answers bad input with 400 and field errors, and writes nothing', async () => {
    const [offices, audits] = [await count('offices'), await count('audit_log')];
    const res = await admin.post('/api/offices', { govCode: '1234', nameFa: 'د', addressFa: 'x', phone: '3131234567', status: 'closed', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['addressFa', 'districtId', 'extra', 'govCode', 'nameFa', 'phone', 'status']);
    expect(res.json().error.fields[0].messageFa).toMatch(/[\u0600-\u06FF]/);
    const elsewhere = await admin.post('/api/offices', { ...body(), govCode: '99000002', districtId: newId() });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields).toMatchObject([{ field: 'districtId', code: 'not_found' }]);
    expect([await count('offices'), await count('audit_log')]).toEqual([offices, audits]);
  });

  it('forbids desk staff, reviewers and the auditor to register or edit desks', async () => {
    const office = OFFICES[0]!;
    const id = (await admin.get(`/api/offices?q=${office.govCode}`)).json().items[0].id;
    for (const c of [operator, reviewer3, auditor]) {
      expect((await c.post('/api/offices', { ...body(), govCode: '99000003' })).statusCode).toBe(403);
      expect((await c.patch(`/api/offices/${id}`, { status: 'suspended' })).statusCode).toBe(403);
    }
  });

  it('renames, moves and suspends a desk; its staff move district with it', async () => {
    const office = OFFICES.find((o) => o.active && o.districtNumber === 2)!;
    const id = (await admin.get(`/api/offices?q=${office.govCode}`)).json().items[0].id;
    const res = await admin.patch(`/api/offices/${id}`, { nameFa: 'دفتر پیشخوان نو', districtId: district(9), status: 'suspended' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, nameFa: 'دفتر پیشخوان نو', status: 'suspended', district: { number: 9 }, staffCount: 3 });
    const staff = await t.db.selectFrom('staff').select('district_id').where('office_id', '=', id).execute();
    expect(staff.map((s) => s.district_id)).toEqual([district(9), district(9), district(9)]);
    const audit = await lastAudit();
    expect(audit.action).toBe('office.update');
    expect(JSON.parse(audit.details!).changes).toMatchObject({
      districtId: { from: district(2), to: district(9) },
      status: { from: 'active', to: 'suspended' },
    });
    expect((await admin.patch(`/api/offices/${id}`, {})).statusCode).toBe(400);
    expect((await admin.patch(`/api/offices/${newId()}`, { status: 'active' })).statusCode).toBe(404);
  });
});

describe('staff', () => {
  it('lists staff without password hashes; personal data only for those who manage or audit', async () => {
    const asAdmin = await admin.get('/api/staff?role=inspector&pageSize=50');
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json().total).toBe(32);
    expect(asAdmin.body).not.toMatch(/password|argon2/i);
    expect(asAdmin.json().items[0]).toMatchObject({ nationalCode: expect.stringMatching(/^\d{10}$/), mobile: expect.stringMatching(/^09/) });
    expect((await auditor.get('/api/staff?role=inspector')).json().items[0].nationalCode).toMatch(/^\d{10}$/);
    const asOperator = await operator.get('/api/staff?role=inspector');
    expect(asOperator.statusCode).toBe(200);
    expect(asOperator.body).not.toMatch(/argon2/);
    expect(asOperator.json().items[0]).toMatchObject({ nationalCode: null, mobile: null, role: 'inspector', specialty: expect.any(String) });
  });

  it('filters by role, district, desk and text', async () => {
    const d5 = (await admin.get(`/api/staff?role=inspector&districtId=${district(5)}`)).json();
    expect(d5.total).toBe(3);
    const office = OFFICES.find((o) => o.active && o.districtNumber === 11)!;
    const officeId = (await admin.get(`/api/offices?q=${office.govCode}`)).json().items[0].id;
    const desk = (await admin.get(`/api/staff?officeId=${officeId}&sort=username&order=asc`)).json();
    expect(desk.items.map((s: { username: string }) => s.username)).toEqual([`o${office.govCode}-manager`, `o${office.govCode}-op1`, `o${office.govCode}-op2`]);
    expect(desk.items[0]).toMatchObject({ role: 'office_manager', office: { id: officeId, govCode: office.govCode }, district: { number: 11 } });
    const found = (await admin.get('/api/staff?q=d7-approver')).json();
    expect(found.items.map((s: { username: string }) => s.username)).toEqual(['d7-approver']);
  });

  const newInspector = () => ({
    username: 'inspector.new',
    firstName: 'مریم',
    lastName: 'کاظمی',
    nationalCode: '1270000012',
    mobile: '09131110000',
    role: 'inspector',
    districtId: district(6),
    specialty: 'civil',
    password: 'a-long-initial-pass',
  });

  it('creates an inspector whose password works, with an audit row', async () => {
    const res = await admin.post('/api/staff', newInspector());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'inspector.new', role: 'inspector', specialty: 'civil', district: { number: 6 }, office: null, active: true });
    expect(res.body).not.toMatch(/password/i);
    expect(await lastAudit()).toMatchObject({ action: 'staff.create', entity_id: res.json().id });
    const inspector = await signIn(t.app, 'inspector.new', 'a-long-initial-pass');
    expect((await inspector.get('/api/auth/me')).json()).toMatchObject({ role: 'inspector' });
  });

  it('refuses a taken username with 409 and writes nothing', async () => {
    const before = await count('staff');
    const res = await admin.post('/api/staff', { ...newInspector(), username: 'admin' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toMatchObject([{ field: 'username', code: 'duplicate' }]);
    expect(await count('staff')).toBe(before);
  });

  it("checks each role's anchors: desk, district and specialty", async () => {
    const [staff, audits] = [await count('staff'), await count('audit_log')];
    const inspector = await admin.post('/api/staff', {
      ...newInspector(), username: 'insp2', nationalCode: '1270000013', districtId: undefined, specialty: undefined, officeId: newId(),
    });
    expect(inspector.statusCode).toBe(400);
    expect(fieldsOf(inspector)).toEqual(['districtId', 'nationalCode', 'officeId', 'specialty']);
    const desk = await admin.post('/api/staff', { ...newInspector(), username: 'op.new', role: 'office_operator', specialty: undefined, districtId: undefined });
    expect(desk.statusCode).toBe(400);
    expect(desk.json().error.fields).toMatchObject([{ field: 'officeId', code: 'required' }]);
    const nowhere = await admin.post('/api/staff', { ...newInspector(), username: 'rev.new', role: 'district_reviewer', specialty: undefined, districtId: newId() });
    expect(nowhere.json().error.fields).toMatchObject([{ field: 'districtId', code: 'not_found' }]);
    expect([await count('staff'), await count('audit_log')]).toEqual([staff, audits]);
  });

  it('answers malformed input with 400 field errors: pattern, check digit, short password', async () => {
    const before = await count('staff');
    const res = await admin.post('/api/staff', { ...newInspector(), username: 'Bad Name', mobile: '0913', password: 'short', role: 'boss' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['mobile', 'password', 'role', 'username']);
    const checkDigit = await admin.post('/api/staff', { ...newInspector(), username: 'insp3', nationalCode: '1270000013' });
    expect(checkDigit.statusCode).toBe(400);
    expect(checkDigit.json().error.fields).toMatchObject([{ field: 'nationalCode', code: 'invalid_national_code' }]);
    expect(await count('staff')).toBe(before);
  });

  it('creates a desk operator in the desk district; only the admin may', async () => {
    const office = OFFICES.find((o) => o.active && o.districtNumber === 12)!;
    const officeId = (await admin.get(`/api/offices?q=${office.govCode}`)).json().items[0].id;
    const input = { ...newInspector(), username: 'op.twelve', role: 'office_operator', officeId, districtId: undefined, specialty: undefined };
    for (const c of [operator, reviewer3, auditor]) expect((await c.post('/api/staff', input)).statusCode).toBe(403);
    const res = await admin.post('/api/staff', input);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ office: { id: officeId }, district: { number: 12 }, specialty: null });
  });

  it('moves a reviewer to city-wide work and back to a district, dropping anchors that no longer apply', async () => {
    const id = (await admin.get('/api/staff?q=d8-reviewer2')).json().items[0].id;
    const toOperator = await admin.patch(`/api/staff/${id}`, { role: 'office_operator' });
    expect(toOperator.statusCode).toBe(400);
    expect(toOperator.json().error.fields).toMatchObject([{ field: 'officeId', code: 'required' }]);
    const auditorRole = await admin.patch(`/api/staff/${id}`, { role: 'auditor' });
    expect(auditorRole.json()).toMatchObject({ role: 'auditor', district: null, office: null });
    const back = await admin.patch(`/api/staff/${id}`, { role: 'district_reviewer', districtId: district(8) });
    expect(back.json()).toMatchObject({ role: 'district_reviewer', district: { number: 8 } });
    const wrong = await admin.patch(`/api/staff/${id}`, { specialty: 'civil' });
    expect(wrong.json().error.fields).toMatchObject([{ field: 'specialty', code: 'not_applicable' }]);
    const audit = await lastAudit();
    expect(JSON.parse(audit.details!).changes).toEqual({ role: { from: 'auditor', to: 'district_reviewer' }, districtId: { from: null, to: district(8) } });
  });

  it('deactivating ends the sessions at once', async () => {
    const username = await usernameOf(t.db, 'followup_officer', { districtNumber: 2 });
    const victim = await signIn(t.app, username);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);
    const id = (await admin.get(`/api/staff?q=${username}`)).json().items[0].id;
    const res = await admin.patch(`/api/staff/${id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    expect(JSON.parse((await lastAudit()).details!)).toMatchObject({ changes: { active: { from: true, to: false } }, sessionsEnded: 1 });
  });

  it('the admin cannot lock themselves out; others cannot edit staff; unknown staff is 404', async () => {
    const me = (await admin.get('/api/auth/me')).json().id;
    expect((await admin.patch(`/api/staff/${me}`, { active: false })).statusCode).toBe(409);
    expect((await admin.patch(`/api/staff/${me}`, { role: 'auditor' })).statusCode).toBe(409);
    expect((await auditor.patch(`/api/staff/${me}`, { active: false })).statusCode).toBe(403);
    expect((await admin.patch(`/api/staff/${newId()}`, { active: true })).statusCode).toBe(404);
  });
});

describe('inspectors and their load', () => {
  /** Cases written straight into the table, as a bulk load writes them; the kept open-visit counts are then counted again, as after a load. */
  async function assign(inspectorUsername: string, states: string[]) {
    const [inspector, office, service, person, property, creator] = await Promise.all([
      t.db.selectFrom('staff').select(['id', 'district_id']).where('username', '=', inspectorUsername).executeTakeFirstOrThrow(),
      t.db.selectFrom('offices').select(['id', 'city_id']).where('status', '=', 'active').limit(1).executeTakeFirstOrThrow(),
      t.db.selectFrom('services').select(['id', 'code']).limit(1).executeTakeFirstOrThrow(),
      t.db.selectFrom('persons').select('id').limit(1).executeTakeFirstOrThrow(),
      t.db.selectFrom('properties').select('id').limit(1).executeTakeFirstOrThrow(),
      t.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow(),
    ]);
    const at = t.clock.now().toISOString();
    for (const state of states) {
      await t.db
        .insertInto('requests')
        .values({
          id: newId(), city_id: office.city_id, district_id: inspector.district_id!, office_id: office.id, property_id: property.id,
          applicant_person_id: person.id, service_id: service.id, service_code: service.code, tracking_code: newId().slice(-10),
          state, version: 1, form: '{}', documents: '{}', fee_rials: 0, assigned_inspector_id: inspector.id, recommendation: null,
          recommendation_note: null, decision: null, decision_note: null, step_started_at: at, step_due_at: null, created_by: creator.id,
          created_at: at, updated_at: at, closed_at: null, cancel_reason: null,
        })
        .execute();
    }
    await rebuildOpenVisits(t.db, office.city_id);
  }

  it('a district reviewer sees only their district, lightest load first', async () => {
    const d3 = await t.db
      .selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id')
      .select('staff.username').where('staff.role', '=', 'inspector').where('districts.number', '=', 3).orderBy('staff.username').execute();
    const [busy, free] = d3.map((s) => s.username) as [string, string];
    await assign(busy, ['inspector_assigned', 'visit_scheduled', 'district_review']);
    const res = await reviewer3.get('/api/inspectors');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { username: string; openAssignments: number }) => [i.username, i.openAssignments])).toEqual([[free, 0], [busy, 2]]);
    expect(res.json().items[0].district.number).toBe(3);
    expect((await reviewer3.get(`/api/inspectors?districtId=${district(5)}`)).json().items).toEqual([]);
  });

  it('city staff see every district and can filter by district and specialty', async () => {
    expect((await admin.get('/api/inspectors')).json().items).toHaveLength(33); // 32 seeded + the one created above
    const d5 = (await auditor.get(`/api/inspectors?districtId=${district(5)}`)).json().items;
    expect(d5.map((i: { specialty: string }) => i.specialty).sort()).toEqual(['architecture', 'civil', 'urbanism']);
    const urbanism = (await admin.get('/api/inspectors?specialty=urbanism')).json().items;
    expect(urbanism).toHaveLength(15);
    expect((await admin.get('/api/inspectors?specialty=plumbing')).statusCode).toBe(400);
  });

  it("an intake's automatic assignment shows at once, and every figure is the cases waiting for a visit", async () => {
    const listed = async () => new Map((await reviewer3.get('/api/inspectors')).json<{ items: { id: string; openAssignments: number }[] }>().items.map((i) => [i.id, i.openAssignments]));
    const before = await listed();
    const intake = await registerCase(operator, await districtProperty(t.db, 3));
    expect(intake.state).toBe('inspector_assigned');
    const after = await listed();
    expect(after.get(intake.inspector.id)).toBe(before.get(intake.inspector.id)! + 1);
    const waiting = await casesWaitingForVisit(t.db);
    for (const [id, n] of after) expect(n, id).toBe(waiting.get(id) ?? 0);
  });
});
