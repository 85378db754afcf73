import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, nationalCode, registerCase } from '../../test/factories.js';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../../platform/actor.js';
import { findPersonInScope, findPersonsInScope, keepsMobile, searchPersonRows } from './persons.queries.js';

/** The same code with its check digit changed. */
function withWrongCheckDigit(code: string): string {
  return code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
}

const VALID_LEGAL_ID = '10380284790';

let t: TestApp;
let operator: Client;
let auditor: Client;
let reviewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  auditor = await signIn(t.app, 'auditor');
  reviewer = await signIn(t.app, 'd3-reviewer1');
});
afterAll(async () => t?.close());

async function rowCounts() {
  const count = async (table: 'persons' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { persons: await count('persons'), audit: await count('audit_log') };
}

async function auditRows(action: string, entityId?: string) {
  let q = t.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}

describe('registering persons', () => {
  it('registers a natural person and answers the record', async () => {
    const code = nationalCode('127100001');
    const res = await operator.post('/api/persons', {
      kind: 'natural', nationalCode: code, firstName: 'مریم', lastName: 'کاظمی', fatherName: 'حسن', mobile: '09131234567',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.any(String), kind: 'natural', nationalCode: code, firstName: 'مریم', lastName: 'کاظمی', fatherName: 'حسن',
      companyName: null, mobile: '09131234567', displayName: 'مریم کاظمی', createdAt: expect.any(String), updatedAt: expect.any(String),
      can: { edit: true, seeIdentifiers: true },
    });
    expect(await auditRows('person.create', body.id)).toHaveLength(1);
  });

  it('registers a legal person by its national id', async () => {
    const res = await operator.post('/api/persons', { kind: 'legal', nationalCode: VALID_LEGAL_ID, companyName: 'شرکت ساختمانی زاینده‌رود' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'legal', nationalCode: VALID_LEGAL_ID, firstName: null, displayName: 'شرکت ساختمانی زاینده‌رود' });
  });

  it('refuses a wrong check digit with a Persian field error and writes nothing', async () => {
    const before = await rowCounts();
    const res = await operator.post('/api/persons', {
      kind: 'natural', nationalCode: withWrongCheckDigit(nationalCode('127100002')), firstName: 'رضا', lastName: 'نوری',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'nationalCode', messageFa: 'کد ملی معتبر نیست' })]);
    const legal = await operator.post('/api/persons', { kind: 'legal', nationalCode: '10380284791', companyName: 'شرکت نمونه' });
    expect(legal.statusCode).toBe(400);
    expect(legal.json().error.fields).toEqual([expect.objectContaining({ field: 'nationalCode', messageFa: 'شناسه ملی معتبر نیست' })]);
    expect(await rowCounts()).toEqual(before);
  });

  it('asks for the fields of the kind of person and refuses the other kind’s', async () => {
    const before = await rowCounts();
    const noLastName = await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode('127100003'), firstName: 'رضا' });
    expect(noLastName.statusCode).toBe(400);
    expect(noLastName.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['lastName']);
    const mixed = await operator.post('/api/persons', { kind: 'legal', nationalCode: VALID_LEGAL_ID, companyName: 'شرکت', firstName: 'رضا' });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['firstName']);
    const badMobile = await operator.post('/api/persons', {
      kind: 'natural', nationalCode: nationalCode('127100003'), firstName: 'رضا', lastName: 'نوری', mobile: '0913123', extra: 1,
    });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'mobile']);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a duplicate national code with 409 and a pointer to the registered person', async () => {
    const code = nationalCode('127100004');
    const first = await operator.post('/api/persons', { kind: 'natural', nationalCode: code, firstName: 'سارا', lastName: 'رحیمی' });
    expect(first.statusCode).toBe(201);
    const again = await operator.post('/api/persons', { kind: 'natural', nationalCode: code, firstName: 'سارا', lastName: 'رحیمی‌زاده' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE_PERSON', details: { personId: first.json().id } });
  });

  it('registers one person when two desks register the same citizen at once', async () => {
    const body = { kind: 'natural', nationalCode: nationalCode('127100005'), firstName: 'نادر', lastName: 'صالحی' };
    const other = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
    const answers = await Promise.all([operator.post('/api/persons', body), other.post('/api/persons', body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.statusCode === 201)!.json();
    expect(answers.find((a) => a.statusCode === 409)!.json().error.details).toEqual({ personId: winner.id });
  });

  it('accepts Persian digits and stores ASCII', async () => {
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: '۰۴۹۹۳۷۰۸۹۹', firstName: 'کاوه', lastName: 'امینی', mobile: '۰۹۱۳۷۶۵۴۳۲۱' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nationalCode: '0499370899', mobile: '09137654321' });
    const row = await t.db.selectFrom('persons').select(['national_code', 'mobile']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ national_code: '0499370899', mobile: '09137654321' });
  });

  it('lets only staff with person.write register', async () => {
    const body = { kind: 'natural', nationalCode: nationalCode('127100006'), firstName: 'بهرام', lastName: 'شریفی' };
    expect((await auditor.post('/api/persons', body)).statusCode).toBe(403);
    expect((await reviewer.post('/api/persons', body)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/persons', payload: body })).statusCode).toBe(401);
    expect((await (await signIn(t.app, 'admin')).post('/api/persons', body)).statusCode).toBe(201);
  });
});

describe('finding and reading persons', () => {
  let ali: { id: string; nationalCode: string };

  beforeAll(async () => {
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode('128200001'), firstName: 'علی', lastName: 'یزدان‌پناه' });
    ali = res.json();
  });

  it('finds «علی» when searched as «علي», and ZWNJ or a space alike', async () => {
    const res = await operator.get(`/api/persons?q=${encodeURIComponent('علي يزدان پناه')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: ali.id, displayName: 'علی یزدان‌پناه' }] });
  });

  it('finds by national code exactly, in Persian digits too', async () => {
    const persianDigits = ali.nationalCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const res = await operator.get(`/api/persons?nationalCode=${encodeURIComponent(persianDigits)}`);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([ali.id]);
    // Nine digits are read as a code that lost its leading zero (decision 0019), so a prefix finds nobody.
    const partial = await operator.get(`/api/persons?nationalCode=${ali.nationalCode.slice(0, 9)}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.json().items).toEqual([]);
    const tooShort = await operator.get(`/api/persons?nationalCode=${ali.nationalCode.slice(0, 7)}`);
    expect(tooShort.statusCode).toBe(400);
  });

  it('audits a search that finds persons with the query, not the results', async () => {
    const before = (await auditRows('person.search')).length;
    await operator.get(`/api/persons?q=${encodeURIComponent('یزدان')}`);
    const rows = await auditRows('person.search');
    expect(rows).toHaveLength(before + 1);
    expect(JSON.parse(rows.at(-1)!.details!)).toEqual({ q: 'یزدان', nationalCode: null });
    await operator.get(`/api/persons?q=${encodeURIComponent('نام‌ناموجود')}`);
    expect(await auditRows('person.search')).toHaveLength(before + 1);
  });

  it('pages and sorts', async () => {
    // The auditor sees every code in full (the desk sees the seed's citizens masked), so the order shows.
    const page = await auditor.get(`/api/persons?q=${encodeURIComponent('ری')}&pageSize=5&page=2&sort=nationalCode&order=asc`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThan(10);
    const codes = body.items.map((p: { nationalCode: string }) => p.nationalCode);
    expect(codes).toEqual([...codes].sort());
    expect((await operator.get('/api/persons?q=ab&sort=age')).statusCode).toBe(400);
    const asDesk = (await operator.get(`/api/persons?q=${encodeURIComponent('ری')}&pageSize=5&page=2&sort=nationalCode&order=asc`)).json();
    expect(asDesk.items.map((p: { id: string }) => p.id)).toEqual(body.items.map((p: { id: string }) => p.id));
  });

  it('asks for a name or a national code instead of listing the register', async () => {
    const res = await operator.get('/api/persons');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('q');
  });

  it('reads a person and audits the read', async () => {
    const res = await operator.get(`/api/persons/${ali.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ali.id, firstName: 'علی', lastName: 'یزدان‌پناه' });
    const rows = await auditRows('person.read', ali.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity_type: 'person', actor_role: 'office_operator' });
  });

  it('keeps persons out of district staff’s reach unless their cases involve them', async () => {
    expect((await reviewer.get(`/api/persons/${ali.id}`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/persons?nationalCode=${ali.nationalCode}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await auditor.get(`/api/persons/${ali.id}`)).statusCode).toBe(200);
    expect((await operator.get('/api/persons/0192f000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await operator.get('/api/persons/not-an-id')).statusCode).toBe(400);
  });
});

describe('correcting a person', () => {
  it('changes names and mobile, audits which fields changed, and finds the new name', async () => {
    const created = (await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode('128300001'), firstName: 'حمید', lastName: 'قاسمی' })).json();
    const res = await operator.patch(`/api/persons/${created.id}`, { lastName: 'قاسمی‌نژاد', mobile: '09130000001', fatherName: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lastName: 'قاسمی‌نژاد', mobile: '09130000001', fatherName: null, displayName: 'حمید قاسمی‌نژاد' });
    const rows = await auditRows('person.update', created.id);
    expect(JSON.parse(rows[0]!.details!)).toEqual({ changed: ['lastName', 'mobile'] });
    const found = await operator.get(`/api/persons?q=${encodeURIComponent('قاسمي نژاد')}`);
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    const cleared = await operator.patch(`/api/persons/${created.id}`, { mobile: null });
    expect(cleared.json().mobile).toBeNull();
  });

  it('refuses fields of the other kind, bad values and unknown fields, changing nothing', async () => {
    const company = (await operator.get(`/api/persons?nationalCode=${VALID_LEGAL_ID}`)).json().items[0];
    const wrongKind = await operator.patch(`/api/persons/${company.id}`, { firstName: 'رضا' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.fields[0].field).toBe('firstName');
    const bad = await operator.patch(`/api/persons/${company.id}`, { companyName: '', nationalCode: '1234567890' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['companyName', 'nationalCode']);
    expect((await operator.get(`/api/persons/${company.id}`)).json()).toEqual(company);
  });

  it('is for staff with person.write, within scope', async () => {
    const anyone = (await operator.get(`/api/persons?q=${encodeURIComponent('یزدان')}`)).json().items[0];
    expect((await auditor.patch(`/api/persons/${anyone.id}`, { mobile: '09130000002' })).statusCode).toBe(403);
    expect((await reviewer.patch(`/api/persons/${anyone.id}`, { mobile: '09130000002' })).statusCode).toBe(403);
    expect((await operator.patch('/api/persons/0192f000-0000-7000-8000-000000000000', { mobile: '09130000002' })).statusCode).toBe(404);
  });
});

describe('persons across cities', () => {
  it("another city's staff find a person by the national code on the card, by nothing else, and cannot open or change the record", async () => {
    const code = nationalCode('127100077');
    const created = (await operator.post('/api/persons', { kind: 'natural', nationalCode: code, firstName: 'ستاره', lastName: 'شهرستانی', mobile: '09131230077' })).json<{ id: string }>();
    const otherCity = newId();
    await t.db.insertInto('cities').values({ id: otherCity, code: 'shiraz', name_fa: 'شیراز', name_en: 'Shiraz', province_fa: 'فارس', created_at: new Date().toISOString() }).execute();
    const paging = { page: 1, pageSize: 50, sort: 'createdAt', order: 'desc' } as const;
    for (const role of ['city_admin', 'auditor'] as const) {
      const elsewhere: Actor = { staffId: newId(), role, cityId: otherCity, officeId: null, districtId: null, name: 'x', ip: '10.0.0.1' };
      // The record, the name search: not theirs.
      expect(await findPersonInScope(t.db, elsewhere, created.id), role).toBeUndefined();
      expect((await searchPersonRows(t.db, elsewhere, { q: 'شهرستانی' }, paging)).rows.map((r) => r.id), role).not.toContain(created.id);
      // The national code at intake, and the owners the clerk found by it: found, to take the record rather than make a second.
      expect((await searchPersonRows(t.db, elsewhere, { nationalCode: code }, paging)).rows.map((r) => r.id), role).toEqual([created.id]);
      expect((await findPersonsInScope(t.db, elsewhere, [created.id], { atIntake: true })).map((r) => r.id), role).toEqual([created.id]);
    }
    // Its mobile, which signs the citizen in everywhere, is kept by the city that registered them; a
    // record no desk registered, by a city only while the person has no case or file in another.
    const isfahan = (await t.db.selectFrom('cities').select('id').where('id', '!=', otherCity).executeTakeFirstOrThrow()).id;
    expect(await keepsMobile(t.db, created.id, isfahan)).toBe(true);
    expect(await keepsMobile(t.db, created.id, otherCity)).toBe(false);
    // A record from before desks were recorded (migration 20261206T0018), the applicant of an Isfahan case.
    const property = await districtProperty(t.db, 3);
    await registerCase(operator, property);
    const applicant = { id: property.ownerId };
    await t.db.updateTable('persons').set({ created_by_office_id: null }).where('id', '=', applicant.id).execute();
    expect(await keepsMobile(t.db, applicant.id, isfahan)).toBe(true);
    expect(await keepsMobile(t.db, applicant.id, otherCity)).toBe(false);
    // Its own city still finds it by name and opens it: registered by one of its desks.
    const here = await auditor.get(`/api/persons/${created.id}`);
    expect(here.statusCode).toBe(200);
    expect((await operator.get(`/api/persons?q=${encodeURIComponent('شهرستانی')}`)).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(created.id);
  });
});
