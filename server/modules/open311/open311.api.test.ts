import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { STATE_LABELS_EN, STATE_LABELS_FA } from '../../../contracts/workflow.js';
import { createTestApp, signIn, type Client, type TestApp } from '../../test/app.js';
import { act, districtProperty } from '../../test/factories.js';
import { SERVICES } from '../catalog/index.js';

let t: TestApp;
let admin: Client;
let key: string;
let bankOnlyKey: string;
let clientId: string;

interface Property {
  id: string;
  postalCode: string;
  renovationCode: string;
  address: string;
  lat: number | null;
  lng: number | null;
  ownerNationalCode: string;
  ownerName: string;
}
let home: Property;

/** Everything a GET answered, to look for personal data in at the end. */
const published: string[] = [];

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
});

async function get(path: string, remoteAddress = '127.0.0.1') {
  const res = await t.app.inject({ method: 'GET', url: `/open311/v2/${path}`, remoteAddress });
  published.push(res.body);
  return res;
}

function formBody(fields: Record<string, string | string[] | undefined>): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v ?? []].flat()) body.append(k, one);
  return body.toString();
}

const post = (format: 'json' | 'xml', fields: Record<string, string | string[] | undefined>) =>
  t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload: formBody(fields), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });

const SUBMITTER = { first_name: 'ماهرخ', last_name: 'امیرخانی‌نیا', phone: '09131112233', email: 'narges@example.ir' };

const inspectionRequest = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  api_key: key,
  service_code: 'property_inspection',
  address_string: 'اصفهان، نزدیک میدان',
  'attribute[postal_code]': home.postalCode,
  'attribute[national_code]': home.ownerNationalCode,
  'attribute[visitReason]': 'new_file',
  'attribute[requestedDate]': '2026-12-01T10:00:00+03:30',
  description: 'دیوار شمالی ترک خورده است',
  media_url: 'https://photos.example.ir/wall.jpg',
  ...SUBMITTER,
  ...overrides,
});

const requestCount = async () => (await t.db.selectFrom('requests').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  const client = await admin.post('/api/api-clients', { kind: 'agency', nameFa: 'سامانه شهروندی اصفهان من', officialCode: 'ISF-APP', rateLimitPerMinute: 100, webhookEvents: [] });
  expect(client.statusCode, client.body).toBe(201);
  clientId = client.json().id;
  const issue = async (scopes: string[]) => {
    const res = await admin.post(`/api/api-clients/${clientId}/keys`, { scopes, expiresAt: '2027-11-29T00:00:00.000Z' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().key as string;
  };
  key = await issue(['open311']);
  bankOnlyKey = await issue(['bank']);

  const owner = await districtProperty(t.db, 3);
  const row = await t.db
    .selectFrom('properties')
    .select(['postal_code', 'renovation_code', 'address', 'lat', 'lng'])
    .where('id', '=', owner.id)
    .executeTakeFirstOrThrow();
  const person = await t.db.selectFrom('persons').select(['first_name', 'last_name']).where('id', '=', owner.ownerId).executeTakeFirstOrThrow();
  home = {
    id: owner.id, postalCode: row.postal_code!, renovationCode: row.renovation_code!, address: row.address, lat: row.lat, lng: row.lng,
    ownerNationalCode: owner.ownerNationalCode, ownerName: `${person.first_name} ${person.last_name}`,
  };
});
afterAll(async () => t?.close());

describe('discovery and services', () => {
  it('answers the discovery document in JSON and XML', async () => {
    const json = await get('discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = json.json();
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost:3000/open311/v2', changeset: d.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
    ]);
    expect(d.key_service).toContain('open311');

    const res = await get('discovery.xml');
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const doc = xml.parse(res.body).discovery;
    expect(doc.changeset).toBe(d.changeset);
    expect(doc.endpoints.endpoint[0]).toEqual({ ...d.endpoints[0], formats: { format: ['text/xml', 'application/json'] } });
  });

  it('lists the active catalog as services, in JSON and XML', async () => {
    const list = (await get('services.json')).json();
    expect(list.map((s: { service_code: string }) => s.service_code).sort()).toEqual(SERVICES.map((s) => s.code).sort());
    const def = SERVICES.find((s) => s.code === 'property_inspection')!;
    expect(list.find((s: { service_code: string }) => s.service_code === 'property_inspection')).toEqual({
      service_code: 'property_inspection', service_name: def.nameFa, description: def.descriptionFa, metadata: true, type: 'batch',
      keywords: `${def.nameEn}, بازدید, inspection`, group: 'inspection',
    });
    const english = (await get('services.json?locale=en')).json();
    expect(english.find((s: { service_code: string }) => s.service_code === 'property_inspection').service_name).toBe(def.nameEn);

    const services = xml.parse((await get('services.xml')).body).services.service;
    expect(services).toHaveLength(SERVICES.length);
    expect(services.find((s: { service_code: string }) => s.service_code === 'bank_inquiry')).toMatchObject({ metadata: 'true', type: 'batch', group: 'inquiry', service_name: 'استعلام بانک' });

    await t.db.updateTable('services').set({ active: 0 }).where('code', '=', 'agency_inquiry').execute();
    try {
      expect((await get('services.json')).json().map((s: { service_code: string }) => s.service_code)).not.toContain('agency_inquiry');
      expect((await get('services/agency_inquiry.json')).statusCode).toBe(404);
    } finally {
      await t.db.updateTable('services').set({ active: 1 }).where('code', '=', 'agency_inquiry').execute();
    }
  });

  it("defines a service's attributes: the property and applicant, then its form", async () => {
    const res = await get('services/property_inspection.json');
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.service_code).toBe('property_inspection');
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['postal_code', 'renovation_code', 'national_code', 'visitReason', 'requestedDate', 'contactMobile', 'notes']);
    expect(def.attributes.map((a: { order: number }) => a.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(def.attributes[2]).toMatchObject({ variable: true, code: 'national_code', datatype: 'string', required: true });
    const reason = def.attributes[3];
    expect(Object.keys(reason)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(reason).toMatchObject({ datatype: 'singlevaluelist', required: true, datatype_description: null, description: 'علت درخواست بازدید' });
    expect(reason.values[0]).toEqual({ key: 'new_file', name: 'تشکیل پرونده جدید' });
    expect(def.attributes.find((a: { code: string }) => a.code === 'requestedDate')).toMatchObject({ datatype: 'datetime', required: false });
    expect(def.attributes.find((a: { code: string }) => a.code === 'notes')).toMatchObject({ datatype: 'text' });
    expect(def.attributes.find((a: { code: string }) => a.code === 'notes')).not.toHaveProperty('values');

    const certificate = xml.parse((await get('services/completion_certificate.xml')).body).service_definition;
    expect(certificate.service_code).toBe('completion_certificate');
    const parking = certificate.attributes.attribute.find((a: { code: string }) => a.code === 'hasParking');
    expect(parking).toMatchObject({ variable: 'true', datatype: 'singlevaluelist', required: 'true', order: '8' });
    expect(parking.values.value.map((v: { key: string }) => v.key)).toEqual(['true', 'false']);
    expect(certificate.attributes.attribute.find((a: { code: string }) => a.code === 'floorsCount')).toMatchObject({ datatype: 'number', datatype_description: 'عدد صحیح از ۱ تا ۶۰' });
  });

  it('answers an unknown service with 404 in the spec’s error format', async () => {
    const json = await get('services/no_such_service.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('no_such_service') }]);
    const res = await get('services/no_such_service.xml');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.parse(res.body).errors.error).toEqual([{ code: '404', description: expect.stringContaining('no_such_service') }]);
  });
});

describe('a service request, end to end', () => {
  let first: { service_request_id: string; token: string };
  let second: { service_request_id: string; token: string };

  it('is sent form-encoded with an api_key and answers its id, a token and a notice (JSON)', async () => {
    const res = await post('json', inspectionRequest());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0])).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
    expect(body[0]).toMatchObject({ service_request_id: expect.stringMatching(/^\d{10}$/), token: expect.any(String), account_id: null });
    expect(body[0].service_notice).toContain('اصل مدارک');
    first = body[0];

    const kase = await t.db
      .selectFrom('requests')
      .innerJoin('districts', 'districts.id', 'requests.district_id')
      .innerJoin('offices', 'offices.id', 'requests.office_id')
      .select(['requests.id', 'requests.form', 'requests.property_id', 'requests.service_code', 'districts.number', 'offices.district_id as office_district', 'requests.district_id'])
      .where('requests.tracking_code', '=', first.service_request_id)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ property_id: home.id, service_code: 'property_inspection', number: 3 });
    expect(kase.office_district).toBe(kase.district_id);
    expect(JSON.parse(kase.form)).toEqual({ visitReason: 'new_file', requestedDate: '2026-12-01' });
    const note = await t.db.selectFrom('request_events').select('note').where('request_id', '=', kase.id).where('action', '=', 'register').executeTakeFirstOrThrow();
    expect(note.note).toContain('سامانه شهروندی اصفهان من');
    expect(note.note).toContain(SUBMITTER.phone);
    const audited = await t.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'in', ['api.call', 'open311.request']).execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['api.call', 'open311.request']));
    expect(audited.some((a) => a.action === 'api.call' && JSON.parse(a.details!).url === '/open311/v2/requests.json' && JSON.parse(a.details!).status === 200)).toBe(true);
  });

  it('is answered in XML too; address_id names the property by its renovation code', async () => {
    const res = await post('xml', {
      api_key: key, service_code: 'completion_certificate', address_id: home.renovationCode, 'attribute[national_code]': home.ownerNationalCode,
      'attribute[buildingPermitNumber]': 'پ-۱۴۰۲-۷۷', 'attribute[supervisorEngineer]': 'مهندس ناظر', 'attribute[builtArea]': '320.5', 'attribute[floorsCount]': '۴',
      'attribute[hasParking]': 'true',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const request = xml.parse(res.body).service_requests.request;
    expect(request).toHaveLength(1);
    expect(request[0]).toMatchObject({ service_request_id: expect.stringMatching(/^\d{10}$/), token: expect.any(String), account_id: '' });
    second = request[0];
    const kase = await t.db.selectFrom('requests').select(['form', 'property_id']).where('tracking_code', '=', second.service_request_id).executeTakeFirstOrThrow();
    expect(kase.property_id).toBe(home.id);
    expect(JSON.parse(kase.form)).toEqual({ buildingPermitNumber: 'پ-1402-77', supervisorEngineer: 'مهندس ناظر', builtArea: 320.5, floorsCount: 4, hasParking: true });
  });

  it('is found in the list with the spec’s filters, in JSON and XML', async () => {
    const ids = (res: { json(): { service_request_id: string }[] }) => res.json().map((r) => r.service_request_id);
    const mine = await get('requests.json?service_code=property_inspection&status=open&start_date=2026-11-29T00:00:00Z&end_date=2026-11-30T00:00:00Z');
    expect(mine.statusCode).toBe(200);
    expect(ids(mine)).toContain(first.service_request_id);
    expect(ids(mine)).not.toContain(second.service_request_id);
    expect(ids(await get('requests.json'))).toEqual(expect.arrayContaining([first.service_request_id, second.service_request_id]));
    expect(ids(await get('requests.json?status=closed'))).not.toContain(first.service_request_id);
    expect(ids(await get('requests.json?start_date=2026-11-29T12:00:00%2B03:30'))).not.toContain(first.service_request_id);
    // An unescaped '+' in the zone arrives as a space; it is read as the '+' it was.
    expect(ids(await get('requests.json?start_date=2026-11-29T08:00:00+03:30'))).toContain(first.service_request_id);
    expect(ids(await get('requests.json?end_date=2026-11-28T00:00:00Z'))).toEqual([]);
    expect(ids(await get('requests.json?service_code=&status=&jurisdiction_id=isfahan.ir'))).toEqual(ids(await get('requests.json')));
    // Another city's is never answered for this one.
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?jurisdiction_id=tehran' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=tehran.ir' })).statusCode).toBe(404);
    // service_request_id overrides every other filter.
    const both = await get(`requests.json?service_request_id=${first.service_request_id},${second.service_request_id}&status=closed&service_code=bank_inquiry`);
    expect(ids(both).sort()).toEqual([first.service_request_id, second.service_request_id].sort());

    const listed = xml.parse((await get('requests.xml?service_code=completion_certificate,property_inspection&status=open')).body).service_requests.request;
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expect.arrayContaining([first.service_request_id, second.service_request_id]));
  });

  it('is read back by its id with the spec’s fields, in JSON and XML', async () => {
    const res = await get(`requests/${first.service_request_id}.json`);
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    expect(Object.keys(r)).toEqual([
      'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
      'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
    ]);
    const state = (await t.db.selectFrom('requests').select('state').where('tracking_code', '=', first.service_request_id).executeTakeFirstOrThrow()).state as keyof typeof STATE_LABELS_FA;
    expect(r).toMatchObject({
      service_request_id: first.service_request_id, status: 'open', status_notes: STATE_LABELS_FA[state], service_name: 'تشکیل پرونده و درخواست بازدید',
      service_code: 'property_inspection', description: 'دیوار شمالی ترک خورده است', agency_responsible: 'شهرداری منطقه ۳ اصفهان',
      requested_datetime: '2026-11-29T05:30:00Z', address: home.address, address_id: home.renovationCode, zipcode: home.postalCode, lat: home.lat, long: home.lng,
      media_url: 'https://photos.example.ir/wall.jpg',
    });
    expect(r.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(r.service_notice).toContain('پیگیری در');

    const english = (await get(`requests/${first.service_request_id}.json?locale=en`)).json()[0];
    expect(english).toMatchObject({ status_notes: STATE_LABELS_EN[state], agency_responsible: 'Isfahan Municipality, District 3' });

    const asXml = xml.parse((await get(`requests/${first.service_request_id}.xml`)).body).service_requests.request;
    expect(asXml).toHaveLength(1);
    expect(asXml[0]).toMatchObject({ service_request_id: first.service_request_id, status: 'open', zipcode: home.postalCode, address_id: home.renovationCode });

    expect((await get('requests/1111111111.json')).statusCode).toBe(404);
    const unknown = await get('requests/not-a-code.xml');
    expect(unknown.statusCode).toBe(404);
    expect(xml.parse(unknown.body).errors.error[0].code).toBe('404');
  });

  it('resolves its token to its id, in JSON and XML', async () => {
    expect((await get(`tokens/${first.token}.json`)).json()).toEqual([{ service_request_id: first.service_request_id, token: first.token }]);
    expect(xml.parse((await get(`tokens/${second.token}.xml`)).body).service_requests.request).toEqual([{ service_request_id: second.service_request_id, token: second.token }]);
    expect((await get('tokens/0190f0b2-0000-7000-8000-000000000000.json')).statusCode).toBe(404);
  });

  it('is closed once the case is cancelled', async () => {
    const kase = await t.db.selectFrom('requests').select('id').where('tracking_code', '=', second.service_request_id).executeTakeFirstOrThrow();
    await act(admin, kase.id, 'cancel', { reason: 'درخواست تکراری' });
    const [r] = (await get(`requests/${second.service_request_id}.json`)).json();
    expect(r).toMatchObject({ status: 'closed', status_notes: STATE_LABELS_FA.cancelled, expected_datetime: null, description: null, media_url: null });
    expect(r.updated_datetime).toBe('2026-11-29T05:30:00Z');
    const closed = (await get('requests.json?status=closed')).json().map((x: { service_request_id: string }) => x.service_request_id);
    expect(closed).toContain(second.service_request_id);
    expect(closed).not.toContain(first.service_request_id);
  });

  it("opens an inquiry only with the inquiry's own scope, in the name on the client record; lists it without its location", async () => {
    const bankInquiry = (apiKey: string) =>
      post('json', {
        api_key: apiKey, service_code: 'bank_inquiry', address_id: home.renovationCode, 'attribute[national_code]': home.ownerNationalCode,
        'attribute[bankName]': 'بانک مرکزی', 'attribute[branchCode]': '1234', 'attribute[bankLetterNumber]': 'ب/۱۴۰۵/۹', 'attribute[purpose]': 'mortgage',
      });
    // The citizens' app (an agency's key with the open311 scope) cannot file a bank's inquiry.
    const before = await requestCount();
    expect((await bankInquiry(key)).statusCode).toBe(403);
    expect(await requestCount()).toBe(before);
    const bank = (await admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک ملت', officialCode: '1234', rateLimitPerMinute: 100, webhookEvents: [] })).json();
    const bankKey = (await admin.post(`/api/api-clients/${bank.id}/keys`, { scopes: ['open311', 'bank'], expiresAt: '2027-11-29T00:00:00.000Z' })).json().key as string;
    const res = await bankInquiry(bankKey);
    expect(res.statusCode, res.body).toBe(200);
    // The bank named is the client's, whatever the request said.
    const form = await t.db.selectFrom('requests').select('form').where('tracking_code', '=', res.json()[0].service_request_id).executeTakeFirstOrThrow();
    expect(JSON.parse(form.form)).toMatchObject({ bankName: 'بانک ملت' });
    const [r] = (await get(`requests/${res.json()[0].service_request_id}.json`)).json();
    expect(r).toMatchObject({ service_code: 'bank_inquiry', status: 'open', address: null, address_id: null, zipcode: null, lat: null, long: null });
  });
});

describe('refusals in the spec’s error format', () => {
  it('a missing, unknown or wrongly scoped api_key is 403, in JSON and XML', async () => {
    const before = await requestCount();
    const bad = await post('json', inspectionRequest({ api_key: 'mk_000000000000_notarealkeynotarealkeynotarealkey1' }));
    expect(bad.statusCode).toBe(403);
    expect(bad.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const missing = await post('xml', inspectionRequest({ api_key: undefined }));
    expect(missing.statusCode).toBe(403);
    expect(xml.parse(missing.body).errors.error).toEqual([{ code: '403', description: expect.any(String) }]);
    const scoped = await post('json', inspectionRequest({ api_key: bankOnlyKey }));
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json()[0].description).toContain('Open311');
    expect(await requestCount()).toBe(before);
  });

  it('takes the api_key from the query as well', async () => {
    const res = await t.app.inject({
      method: 'POST', url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`, payload: formBody({ ...inspectionRequest(), api_key: undefined, 'attribute[visitReason]': 'renovation' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('an address that cannot be decoded is 400 in the spec’s format, JSON or XML, and elsewhere in the product’s', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/%ZZ.json' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 400, description: '(url): نشانی درخواست خوانا نیست' }]);
    const inXml = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/%ZZ.xml', headers: { 'accept-language': 'en' } });
    expect(inXml.statusCode).toBe(400);
    expect(inXml.headers['content-type']).toContain('text/xml');
    expect(xml.parse(inXml.body).errors.error).toEqual([{ code: '400', description: '(url): The address of the request cannot be read' }]);
    const product = await t.app.inject({ method: 'GET', url: '/api/public/verify/%ZZ' });
    expect(product.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: '(url)' }] });
  });

  it('an unknown service is 404', async () => {
    const res = await post('json', inspectionRequest({ service_code: 'no_such_service' }));
    expect(res.statusCode).toBe(404);
    expect(res.json()[0].code).toBe(404);
  });

  it('a missing required attribute is 400 naming it, and nothing is written', async () => {
    const before = await requestCount();
    const res = await post('json', inspectionRequest({ 'attribute[visitReason]': undefined }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: 'attribute[visitReason]: این فیلد الزامی است' }]);
    const english = await post('xml', inspectionRequest({ 'attribute[visitReason]': 'flying', 'attribute[national_code]': undefined, locale: 'en' }));
    expect(english.statusCode).toBe(400);
    expect(xml.parse(english.body).errors.error.map((e: { description: string }) => e.description)).toEqual([
      'attribute[national_code]: This field is required',
      'attribute[visitReason]: Choose one of the listed options',
    ]);
    expect(await requestCount()).toBe(before);
  });

  it('bad location, property, applicant, or values are 400, and nothing is written', async () => {
    const before = await requestCount();
    const descriptions = async (fields: Record<string, string | string[] | undefined>) => {
      const res = await post('json', inspectionRequest(fields));
      expect(res.statusCode, res.body).toBe(400);
      return res.json().map((e: { description: string }) => e.description.split(':')[0]);
    };
    expect(await descriptions({ address_string: undefined })).toEqual(['lat']);
    expect(await descriptions({ lat: '32.65' })).toEqual(['long']);
    expect(await descriptions({ lat: 'north', long: '51.6' })).toEqual(['lat']);
    expect(await descriptions({ 'attribute[postal_code]': '8199999999' })).toEqual(['attribute[postal_code]']);
    expect(await descriptions({ 'attribute[national_code]': '0499370899' })).toEqual(['attribute[national_code]']);
    expect(await descriptions({ 'attribute[national_code]': '1234567890', 'attribute[postal_code]': undefined })).toEqual(['attribute[postal_code]', 'attribute[national_code]']);
    expect(await descriptions({ 'attribute[visitReason][]': ['new_file', 'other'], 'attribute[visitReason]': undefined, 'attribute[colour]': 'red' })).toEqual([
      'attribute[visitReason]', 'attribute[colour]',
    ]);
    expect(await descriptions({ media_url: 'javascript:alert(1)' })).toEqual(['media_url']);
    expect(await descriptions({ surprise: 'field' })).toEqual(['surprise']);
    expect(await descriptions({ 'attribute[__proto__]': 'x' })).toEqual(['attribute[__proto__]']);
    expect(await requestCount()).toBe(before);
  });

  it('a date window over 90 days, or upside down, is 400', async () => {
    const wide = await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z');
    expect(wide.statusCode).toBe(400);
    expect(wide.json()[0].description).toContain('۹۰');
    expect((await get('requests.xml?start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z')).statusCode).toBe(400);
    expect((await get('requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('requests.json?status=pending')).statusCode).toBe(400);
  });

  it('public reads are limited per address (429 in the spec’s format, with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await get('services.json', '10.3.1.1')).statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await get('services.xml', '10.3.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(xml.parse(limited.body).errors.error[0].code).toBe('429');
    expect((await get('services.json', '10.3.1.2')).statusCode).toBe(200);
  });
});

describe('privacy and documentation', () => {
  it('no GET answer carries a national code, a person’s name or the submitter’s contact', async () => {
    const everything = published.join('\n');
    expect(published.length).toBeGreaterThan(30);
    for (const secret of [home.ownerNationalCode, home.ownerName, `${SUBMITTER.first_name} ${SUBMITTER.last_name}`, SUBMITTER.last_name, SUBMITTER.phone, SUBMITTER.email]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/national_code"?:\s*"?\d{10}/);
  });

  it('documents every Open311 route in the OpenAPI document, in both formats', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/open311/v2/'));
    expect(paths.sort()).toEqual([
      '/open311/v2/discovery.{format}', '/open311/v2/requests.{format}', '/open311/v2/requests/{service_request_id}.{format}',
      '/open311/v2/services.{format}', '/open311/v2/services/{service_code}.{format}', '/open311/v2/tokens/{token}.{format}',
    ]);
    const create = doc.paths['/open311/v2/requests.{format}'].post;
    expect(create.tags).toEqual(['open311']);
    expect(Object.keys(create.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(create.responses['200'].content).sort()).toEqual(['application/json', 'text/xml']);
    expect(Object.keys(create.responses['403'].content).sort()).toEqual(['application/json', 'text/xml']);
    expect(doc.components.securitySchemes.open311).toMatchObject({ type: 'apiKey', name: 'api_key' });
  });
});
