import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { newId, newTrackingCode } from '../../platform/ids.js';
import { nationalCode } from '../../test/factories.js';
import { fileNumberFa } from '../../../contracts/fileNumber.js';

let t: TestApp;
let operator: Client; // a desk in district 3
let district: Map<number, string>;
let owners: { id: string; nationalCode: string }[];

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const rows = await t.db.selectFrom('districts').select(['id', 'number']).execute();
  district = new Map(rows.map((d) => [d.number, d.id]));
  owners = [];
  for (const [nine, firstName, lastName] of [
    ['129400001', 'علی', 'گلشیری'],
    ['129400002', 'نرگس', 'شفیعی'],
    ['129400003', 'یوسف', 'کرمانی'],
  ] as const) {
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode(nine), firstName, lastName });
    owners.push(res.json());
  }
});
afterAll(async () => t?.close());

let serial = 0;
/** A valid file in a district with identifiers no other test uses, two owners 3 + 3 dang. */
function newFile(districtNumber = 3, overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    districtId: district.get(districtNumber),
    renovationCode: `${districtNumber}-${400 + serial}-7-0-0-0`,
    plate: { main: 30_000 + serial, sub: 12, registrySection: 5 },
    postalCode: `8174${String(serial).padStart(6, '0')}`,
    address: `اصفهان، خیابان آزمایش، کوچه ${serial}`,
    lat: 32.65,
    lng: 51.67,
    landArea: 250.5,
    landUse: 'مسکونی',
    floors: 3,
    units: 4,
    owners: [
      { personId: owners[0]!.id, shareDang: 3 },
      { personId: owners[1]!.id, shareDang: 3 },
    ],
    ...overrides,
  };
}

async function open(body: Record<string, unknown>, as: Client = operator) {
  const res = await as.post('/api/properties', body);
  if (res.statusCode !== 201) throw new Error(`opening the file failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function counts() {
  const n = async (table: 'properties' | 'property_owners' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { properties: await n('properties'), owners: await n('property_owners'), audit: await n('audit_log') };
}

function fieldsOf(res: { json(): { error: { fields: { field: string }[] } } }): string[] {
  return res.json().error.fields.map((f) => f.field);
}

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((p) => p.id);
const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** A request on a file, filed at a desk, as the requests module would write it. */
async function fileRequest(propertyId: string, deskUsername: string, inspectorUsername?: string) {
  const desk = await t.db.selectFrom('staff').select(['id', 'office_id']).where('username', '=', deskUsername).executeTakeFirstOrThrow();
  const property = await t.db.selectFrom('properties').select(['city_id', 'district_id']).where('id', '=', propertyId).executeTakeFirstOrThrow();
  const applicant = await t.db.selectFrom('property_owners').select('person_id').where('property_id', '=', propertyId).executeTakeFirstOrThrow();
  const service = await t.db.selectFrom('services').select(['id', 'code']).orderBy('code').executeTakeFirstOrThrow();
  const inspector = inspectorUsername
    ? (await t.db.selectFrom('staff').select('id').where('username', '=', inspectorUsername).executeTakeFirstOrThrow()).id
    : null;
  const at = t.clock.now().toISOString();
  const row = {
    id: newId(), city_id: property.city_id, district_id: property.district_id, office_id: desk.office_id!, property_id: propertyId,
    applicant_person_id: applicant.person_id, service_id: service.id, service_code: service.code, tracking_code: newTrackingCode(),
    state: 'submitted', version: 1, form: '{}', documents: '{}', fee_rials: 0, assigned_inspector_id: inspector,
    recommendation: null, recommendation_note: null, decision: null, decision_note: null, step_started_at: at, step_due_at: null,
    created_by: desk.id, created_at: at, updated_at: at, closed_at: null, cancel_reason: null,
  };
  await t.db.insertInto('requests').values(row).execute();
  return row;
}

describe('opening a property file', () => {
  it('opens a file with two owners of 3 dang each and audits it', async () => {
    const body = newFile();
    const res = await operator.post('/api/properties', body);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toEqual({
      id: expect.any(String),
      fileNumber: expect.stringMatching(/^ISFAHAN-\d{7}$/),
      district: { id: district.get(3), number: 3, nameFa: expect.any(String) },
      renovationCode: body.renovationCode,
      plate: body.plate,
      postalCode: body.postalCode,
      address: body.address,
      lat: 32.65,
      lng: 51.67,
      landArea: 250.5,
      landUse: 'مسکونی',
      floors: 3,
      units: 4,
      owners: expect.arrayContaining([
        { person: { id: owners[0]!.id, kind: 'natural', nationalCode: owners[0]!.nationalCode, displayName: 'علی گلشیری' }, shareDang: 3 },
        { person: { id: owners[1]!.id, kind: 'natural', nationalCode: owners[1]!.nationalCode, displayName: 'نرگس شفیعی' }, shareDang: 3 },
      ]),
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      can: { edit: true, seeIdentifiers: true, registerRequest: true },
    });
    const shares = await t.db.selectFrom('property_owners').select('share_milli_dang').where('property_id', '=', file.id).execute();
    expect(shares.map((s) => s.share_milli_dang)).toEqual([3000, 3000]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'property.create').where('entity_id', '=', file.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ fileNumber: file.fileNumber });
  });

  it('numbers files one after another', async () => {
    const a = await open(newFile());
    const b = await open(newFile());
    const seq = (f: { fileNumber: string }) => Number(f.fileNumber.split('-')[1]);
    expect(seq(b)).toBe(seq(a) + 1);
  });

  it('keeps shares exact to a thousandth of a dang', async () => {
    const file = await open(
      newFile(3, { owners: [{ personId: owners[0]!.id, shareDang: 1.333 }, { personId: owners[1]!.id, shareDang: 1.667 }, { personId: owners[2]!.id, shareDang: 3 }] }),
    );
    expect(file.owners.map((o: { shareDang: number }) => o.shareDang)).toEqual([3, 1.667, 1.333]);
  });

  it('opens a file with only one identifier and few details', async () => {
    const { plate: _p, renovationCode: _r, lat: _a, lng: _b, landArea: _c, landUse: _d, floors: _e, units: _f, ...body } = newFile();
    const file = await open(body);
    expect(file).toMatchObject({ plate: null, renovationCode: null, lat: null, landUse: null, floors: null, postalCode: body.postalCode });
  });

  const refusals: [string, (b: ReturnType<typeof newFile>) => Record<string, unknown>, string[], string?][] = [
    ['shares of 3 + 2 dang', (b) => ({ ...b, owners: [{ personId: owners[0]!.id, shareDang: 3 }, { personId: owners[1]!.id, shareDang: 2 }] }), ['owners'], 'مجموع سهم مالکان باید ۶ دانگ باشد'],
    ['a 9-digit postal code', (b) => ({ ...b, postalCode: '817412345' }), ['postalCode']],
    ['a postal code starting with 0', (b) => ({ ...b, postalCode: '0174123456' }), ['postalCode'], 'کد پستی معتبر نیست'],
    ['a postal code of one repeated digit', (b) => ({ ...b, postalCode: '8888888888' }), ['postalCode']],
    ['an unknown owner', (b) => ({ ...b, owners: [b.owners[0], { personId: newId(), shareDang: 3 }] }), ['owners.1.personId']],
    ['the same owner twice', (b) => ({ ...b, owners: [b.owners[0], b.owners[0]] }), ['owners.1.personId']],
    ['a share with four decimals', (b) => ({ ...b, owners: [{ personId: owners[0]!.id, shareDang: 2.9995 }, { personId: owners[1]!.id, shareDang: 3.0005 }] }), ['owners.0.shareDang', 'owners.1.shareDang']],
    ['a zero share', (b) => ({ ...b, owners: [{ personId: owners[0]!.id, shareDang: 0 }, { personId: owners[1]!.id, shareDang: 6 }] }), ['owners.0.shareDang']],
    ['no owners', (b) => ({ ...b, owners: [] }), ['owners']],
    ['floors: "many"', (b) => ({ ...b, floors: 'many' }), ['floors']],
    ['a fractional number of units', (b) => ({ ...b, units: 2.5 }), ['units']],
    ['a land use not on the list', (b) => ({ ...b, landUse: 'کشاورزی' }), ['landUse']],
    ['a renovation code of another district', (b) => ({ ...b, renovationCode: '5-12-3-0-0-0' }), ['renovationCode'], 'کد نوسازی باید با شماره منطقه (۳) شروع شود'],
    ['a malformed renovation code', (b) => ({ ...b, renovationCode: '3-12' }), ['renovationCode']],
    ['half a plate', (b) => ({ ...b, plate: { main: 12, registrySection: 5 } }), ['plate.sub']],
    ['a latitude without longitude', (b) => ({ ...b, lng: null }), ['lng']],
    ['a point outside Iran', (b) => ({ ...b, lat: 51.67, lng: 32.65 }), ['lat', 'lng']],
    ['no identifier at all', (b) => ({ ...b, renovationCode: null, plate: null, postalCode: undefined }), ['renovationCode', 'plate', 'postalCode']],
    ['a district of no city of ours', (b) => ({ ...b, districtId: newId() }), ['districtId']],
    ['a short address', (b) => ({ ...b, address: 'اصف' }), ['address']],
    ['an unknown field', (b) => ({ ...b, color: 'blue' }), ['color']],
  ];
  it.each(refusals)('refuses %s with a field error and writes nothing', async (_what, change, fields, messageFa) => {
    const before = await counts();
    const res = await operator.post('/api/properties', change(newFile()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res).sort()).toEqual([...fields].sort());
    if (messageFa) expect(res.json().error.fields[0].messageFa).toBe(messageFa);
    expect(await counts()).toEqual(before);
  });

  describe('one file per property', () => {
    let existing: ReturnType<typeof newFile> & { id: string; fileNumber: string };
    beforeAll(async () => {
      const body = newFile();
      existing = { ...body, ...(await open(body)) };
    });

    it.each([
      ['postal code', (e: typeof existing) => ({ postalCode: e.postalCode }), ['postalCode']],
      ['registry plate', (e: typeof existing) => ({ plate: e.plate }), ['plate']],
      ['renovation code', (e: typeof existing) => ({ renovationCode: e.renovationCode }), ['renovationCode']],
      ['renovation code spelled with leading zeros', (e: typeof existing) => ({ renovationCode: e.renovationCode.replace(/^3-/, '03-') }), ['renovationCode']],
      ['postal code and plate', (e: typeof existing) => ({ postalCode: e.postalCode, plate: e.plate }), ['postalCode', 'plate']],
    ] as const)('answers a duplicate %s with 409 and a pointer to the file', async (_what, same, matchedOn) => {
      const before = await counts();
      const res = await operator.post('/api/properties', newFile(3, same(existing)));
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'DUPLICATE_PROPERTY',
        details: { propertyId: existing.id, fileNumber: existing.fileNumber, matchedOn },
        messageFa: expect.stringContaining(existing.fileNumber),
      });
      expect(await counts()).toEqual(before);
    });

    it('opens one file when two desks open the same property at once', async () => {
      const other = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
      const body = newFile();
      const before = await counts();
      const answers = await Promise.all([operator.post('/api/properties', body), other.post('/api/properties', body)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      const winner = answers.find((a) => a.statusCode === 201)!.json();
      expect(answers.find((a) => a.statusCode === 409)!.json().error.details).toEqual({
        propertyId: winner.id, fileNumber: winner.fileNumber, matchedOn: ['postalCode', 'plate', 'renovationCode'],
      });
      expect((await counts()).properties).toBe(before.properties + 1);
    });
  });

  it('is for staff with property.write', async () => {
    const auditor = await signIn(t.app, 'auditor');
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    expect((await auditor.post('/api/properties', newFile())).statusCode).toBe(403);
    expect((await reviewer.post('/api/properties', newFile())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/properties', payload: newFile() })).statusCode).toBe(401);
    const admin = await signIn(t.app, 'admin');
    expect((await admin.post('/api/properties', newFile(12))).statusCode).toBe(201);
  });
});

describe('finding property files', () => {
  let file: ReturnType<typeof newFile> & { id: string; fileNumber: string };
  let trackingCode: string;

  beforeAll(async () => {
    const body = newFile(3, { address: 'اصفهان، خیابان چهارباغ عباسی، کوچه یاس، پلاک ۱۲' });
    file = { ...body, ...(await open(body)) };
    trackingCode = (await fileRequest(file.id, operator.username)).tracking_code;
  });

  it.each([
    ['an owner’s national code', () => ({ nationalCode: owners[1]!.nationalCode })],
    ['an owner’s name, typed with Arabic letters', () => ({ q: 'علي گلشيري' })],
    ['part of the address', () => ({ q: 'چهارباغ عباسی، کوچه یاس' })],
    ['the postal code', () => ({ postalCode: file.postalCode })],
    ['the postal code in Persian digits', () => ({ postalCode: file.postalCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) })],
    ['the plate', () => ({ plateMain: file.plate.main, plateSub: file.plate.sub, registrySection: file.plate.registrySection })],
    ['the renovation code', () => ({ renovationCode: file.renovationCode })],
    ['a request’s tracking code', () => ({ trackingCode })],
    ['its file number', () => ({ fileNumber: file.fileNumber })],
    ['its file number as shown in Persian (اصفهان-۴۱)', () => ({ fileNumber: fileNumberFa(file.fileNumber) })],
  ])('finds a file by %s', async (_what, params) => {
    const res = await operator.get(`/api/properties?${q(params())}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toContain(file.id);
    const found = res.json().items.find((p: { id: string }) => p.id === file.id);
    expect(found.owners).toHaveLength(2);
  });

  it('finds a file with no request yet by its file number, and refuses a malformed one', async () => {
    const fresh = await open(newFile());
    expect(ids(await operator.get(`/api/properties?${q({ fileNumber: fileNumberFa(fresh.fileNumber) })}`))).toEqual([fresh.id]);
    const bad = await operator.get(`/api/properties?${q({ fileNumber: 'نامعلوم-۱' })}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('fileNumber');
  });

  it('finds exactly, and nothing when nothing matches', async () => {
    expect(ids(await operator.get(`/api/properties?${q({ postalCode: file.postalCode })}`))).toEqual([file.id]);
    expect((await operator.get(`/api/properties?${q({ q: 'نشانی‌ای که نیست' })}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await operator.get(`/api/properties?${q({ trackingCode: '1234567890' })}`)).json().total).toBe(0);
  });

  it('finds the seed’s files by owner name too', async () => {
    const seeded = await t.db
      .selectFrom('property_owners')
      .innerJoin('persons', 'persons.id', 'property_owners.person_id')
      .select(['property_owners.property_id', 'persons.first_name', 'persons.last_name'])
      .where('persons.national_code', 'not in', owners.map((o) => o.nationalCode))
      .executeTakeFirstOrThrow();
    const res = await operator.get(`/api/properties?${q({ q: `${seeded.first_name} ${seeded.last_name}`, pageSize: 200 })}`);
    expect(ids(res)).toContain(seeded.property_id);
  });

  it('filters by district, pages and sorts by file number', async () => {
    const res = await operator.get(`/api/properties?${q({ districtId: district.get(3)!, sort: 'fileNumber', order: 'asc', pageSize: 3 })}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(3);
    expect(body.total).toBeGreaterThan(3);
    expect(body.items.every((p: { district: { number: number } }) => p.district.number === 3)).toBe(true);
    const numbers = body.items.map((p: { fileNumber: string }) => p.fileNumber);
    expect(numbers).toEqual([...numbers].sort());
    expect((await operator.get('/api/properties?sort=address')).statusCode).toBe(400);
    expect((await operator.get('/api/properties?plateMain=abc')).statusCode).toBe(400);
  });

  it('audits a search that shows owners, with the query', async () => {
    await operator.get(`/api/properties?${q({ postalCode: file.postalCode })}`);
    const row = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'property.search').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.details!)).toEqual({ postalCode: file.postalCode });
  });

  it('finds a renamed owner’s files under the new name only', async () => {
    const person = (
      await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode('129400009'), firstName: 'بیژن', lastName: 'کرمانی‌فر' })
    ).json();
    const owned = await open(newFile(3, { owners: [{ personId: person.id, shareDang: 6 }] }));
    expect(ids(await operator.get(`/api/properties?${q({ q: 'بیژن کرمانی فر' })}`))).toEqual([owned.id]);
    expect((await operator.patch(`/api/persons/${person.id}`, { lastName: 'اصفهانیان' })).statusCode).toBe(200);
    expect(ids(await operator.get(`/api/properties?${q({ q: 'بیژن اصفهانیان' })}`))).toEqual([owned.id]);
    expect(ids(await operator.get(`/api/properties?${q({ q: 'بیژن کرمانی' })}`))).toEqual([]);
  });
});

describe('reading a property file', () => {
  let file3: { id: string };
  let file5: { id: string };
  let deskRequest: { id: string; tracking_code: string };
  let otherDeskRequest: { id: string };

  beforeAll(async () => {
    file3 = await open(newFile(3));
    file5 = await open(newFile(5));
    deskRequest = await fileRequest(file3.id, operator.username);
    otherDeskRequest = await fileRequest(file3.id, await usernameOf(t.db, 'office_operator', { districtNumber: 3, nth: 2 }));
  });

  it('shows owners and the requests the reader may see, and audits the read', async () => {
    const res = await operator.get(`/api/properties/${file3.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.owners).toHaveLength(2);
    expect(body.requests).toEqual([
      { id: deskRequest.id, trackingCode: deskRequest.tracking_code, serviceCode: expect.any(String), state: 'submitted', createdAt: expect.any(String) },
    ]);
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    const seenByDistrict = (await reviewer.get(`/api/properties/${file3.id}`)).json().requests.map((r: { id: string }) => r.id).sort();
    expect(seenByDistrict).toEqual([deskRequest.id, otherDeskRequest.id].sort());
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'property.read')
      .where('entity_id', '=', file3.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.actor_role)).toEqual(['office_operator', 'district_reviewer']);
  });

  it('is city-wide for desks: a district 5 desk finds and reads a district 3 file', async () => {
    const desk5 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
    expect((await desk5.get(`/api/properties/${file3.id}`)).statusCode).toBe(200);
    expect(ids(await desk5.get(`/api/properties?${q({ districtId: district.get(3)!, pageSize: 200 })}`))).toContain(file3.id);
  });

  it('keeps district staff to their district: 404 for another district’s file', async () => {
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    expect((await reviewer.get(`/api/properties/${file5.id}`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/properties/${file3.id}`)).statusCode).toBe(200);
    const list = (await reviewer.get('/api/properties?pageSize=200')).json();
    expect(list.items.every((p: { district: { number: number } }) => p.district.number === 3)).toBe(true);
    expect(list.items.map((p: { id: string }) => p.id)).not.toContain(file5.id);
  });

  it('shows an inspector only the files of their assignments', async () => {
    const idle = await signIn(t.app, await usernameOf(t.db, 'inspector', { districtNumber: 7 }));
    expect((await idle.get(`/api/properties/${file3.id}`)).statusCode).toBe(404);
    expect((await idle.get('/api/properties')).json()).toMatchObject({ items: [], total: 0 });

    const inspectorName = await usernameOf(t.db, 'inspector', { districtNumber: 5 });
    const assignment = await fileRequest(file5.id, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }), inspectorName);
    const inspector = await signIn(t.app, inspectorName);
    const res = await inspector.get(`/api/properties/${file5.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().requests.map((r: { id: string }) => r.id)).toEqual([assignment.id]);
    expect(ids(await inspector.get('/api/properties'))).toEqual([file5.id]);
    expect((await inspector.get(`/api/properties/${file3.id}`)).statusCode).toBe(404);
  });

  it('lets the auditor read anything and change nothing', async () => {
    const auditor = await signIn(t.app, 'auditor');
    const res = await auditor.get(`/api/properties/${file5.id}`);
    expect(res.statusCode).toBe(200);
    expect((await auditor.patch(`/api/properties/${file5.id}`, { version: res.json().version, floors: 9 })).statusCode).toBe(403);
  });

  it('answers 404 for a file that does not exist', async () => {
    expect((await operator.get(`/api/properties/${newId()}`)).statusCode).toBe(404);
    expect((await operator.patch(`/api/properties/${newId()}`, { version: 1, floors: 2 })).statusCode).toBe(404);
  });
});

describe('editing a property file', () => {
  it('saves with the loaded version, bumps it, and audits what changed', async () => {
    const file = await open(newFile());
    const res = await operator.patch(`/api/properties/${file.id}`, { version: 1, floors: 5, units: 9, landUse: 'مختلط' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, floors: 5, units: 9, landUse: 'مختلط', postalCode: file.postalCode });
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'property.update').where('entity_id', '=', file.id).execute();
    expect(audit.map((a) => JSON.parse(a.details!))).toEqual([
      {
        changed: ['landUse', 'floors', 'units'], version: 2,
        before: { landUse: 'مسکونی', floors: 3, units: 4 }, after: { landUse: 'مختلط', floors: 5, units: 9 },
      },
    ]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const file = await open(newFile());
    expect((await operator.patch(`/api/properties/${file.id}`, { version: 1, floors: 4 })).statusCode).toBe(200);
    const before = (await operator.get(`/api/properties/${file.id}`)).json();
    const auditBefore = await counts();
    const stale = await operator.patch(`/api/properties/${file.id}`, { version: 1, floors: 7, owners: [{ personId: owners[2]!.id, shareDang: 6 }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await counts()).owners).toBe(auditBefore.owners);
    const after = (await operator.get(`/api/properties/${file.id}`)).json();
    expect(after).toEqual(before);
  });

  it('lets one of two simultaneous edits of the same version win', async () => {
    const file = await open(newFile());
    const answers = await Promise.all([
      operator.patch(`/api/properties/${file.id}`, { version: 1, floors: 6 }),
      operator.patch(`/api/properties/${file.id}`, { version: 1, floors: 8 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect((await operator.get(`/api/properties/${file.id}`)).json()).toMatchObject({ version: 2, floors: winner.floors });
  });

  it('replaces the owners as a whole list, with the same rules', async () => {
    const file = await open(newFile());
    const bad = await operator.patch(`/api/properties/${file.id}`, { version: 1, owners: [{ personId: owners[2]!.id, shareDang: 5 }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['owners']);
    const res = await operator.patch(`/api/properties/${file.id}`, {
      version: 1,
      owners: [{ personId: owners[2]!.id, shareDang: 4.5 }, { personId: owners[0]!.id, shareDang: 1.5 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().owners.map((o: { person: { id: string }; shareDang: number }) => [o.person.id, o.shareDang])).toEqual([
      [owners[2]!.id, 4.5],
      [owners[0]!.id, 1.5],
    ]);
    expect(ids(await operator.get(`/api/properties?${q({ nationalCode: owners[1]!.nationalCode, pageSize: 200 })}`))).not.toContain(file.id);
    expect(ids(await operator.get(`/api/properties?${q({ nationalCode: owners[2]!.nationalCode, pageSize: 200 })}`))).toContain(file.id);
  });

  it('checks the edited file as a whole', async () => {
    const file = await open(newFile());
    const other = await open(newFile());
    const mismatch = await operator.patch(`/api/properties/${file.id}`, { version: 1, districtId: district.get(4) });
    expect(mismatch.statusCode).toBe(400);
    expect(fieldsOf(mismatch)).toEqual(['renovationCode']);
    const moved = await operator.patch(`/api/properties/${file.id}`, { version: 1, districtId: district.get(4), renovationCode: `4-${serial}-1-0-0-0` });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().district.number).toBe(4);
    const cleared = await operator.patch(`/api/properties/${file.id}`, { version: 2, renovationCode: null, plate: null, postalCode: null });
    expect(cleared.statusCode).toBe(400);
    expect(fieldsOf(cleared).sort()).toEqual(['plate', 'postalCode', 'renovationCode']);
    const duplicate = await operator.patch(`/api/properties/${file.id}`, { version: 2, postalCode: other.postalCode });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.details).toEqual({ propertyId: other.id, fileNumber: other.fileNumber, matchedOn: ['postalCode'] });
    const unchanged = await operator.patch(`/api/properties/${file.id}`, { version: 2, postalCode: file.postalCode });
    expect(unchanged.json().version).toBe(2);
  });

  it('keeps the search text in step with the address', async () => {
    const file = await open(newFile());
    await operator.patch(`/api/properties/${file.id}`, { version: 1, address: 'اصفهان، خیابان هزارجریب، کوچه نسترن' });
    expect(ids(await operator.get(`/api/properties?${q({ q: 'هزارجریب، کوچه نسترن' })}`))).toEqual([file.id]);
    expect(ids(await operator.get(`/api/properties?${q({ q: file.address })}`))).toEqual([]);
  });
});
