/**
 * Identifiers and names as clerks and citizens type them (decision 0019), through the API:
 * cross-spellings of a name find one another in every search (persons, property files, the case
 * list), the case list's box finds codes typed in Persian digits, and national codes, mobiles and
 * postal codes are accepted in the forms people write them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../test/app.js';
import { registerCase } from '../test/factories.js';
import type { SmsMessage } from './sms.js';
import { up as rebuildSearchKeys } from '../db/migrations/20261206T0021_search_keys.js';
import { up as composeNames } from '../db/migrations/20261208T0010_names_composed.js';

const ZWNJ = '\u200c';
const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
/** A valid national code from nine digits (the check digit computed here, independently). */
function nationalCode(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

/** The three ways a clerk writes the one name. */
const FORMS = { joined: 'محمدحسین', zwnj: `محمد${ZWNJ}حسین`, spaced: 'محمد حسین' } as const;
type Form = keyof typeof FORMS;
/** Each stored form with its own family name, so a search finds that person and no other. */
const FAMILY: Record<Form, string> = { joined: 'بیدآبادی‌نیا', zwnj: 'سنبلستانی', spaced: 'قهفرخی‌زاده' };

/** The oracle: every stored form is found by every typed form (the 6 cross-spellings, and each by itself). */
const TABLE: [stored: Form, typed: Form][] = [
  ['joined', 'joined'], ['joined', 'zwnj'], ['joined', 'spaced'],
  ['zwnj', 'joined'], ['zwnj', 'zwnj'], ['zwnj', 'spaced'],
  ['spaced', 'joined'], ['spaced', 'zwnj'], ['spaced', 'spaced'],
];

let t: TestApp;
let operator: Client;
const inbox: SmsMessage[] = [];
let districtId: string;
const person = {} as Record<Form, { id: string; nationalCode: string }>;
const file = {} as Record<Form, { id: string; postalCode: string; plate: { main: number; sub: number; registrySection: number } }>;
const kase = {} as Record<Form, { id: string; trackingCode: string }>;

beforeAll(async () => {
  t = await createTestApp(undefined, { sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
  operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  districtId = (await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow()).id;
  let n = 0;
  for (const form of Object.keys(FORMS) as Form[]) {
    n++;
    const p = await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode(`12950000${n}`), firstName: FORMS[form], lastName: FAMILY[form] });
    expect(p.statusCode, p.body).toBe(201);
    person[form] = p.json();
    const plate = { main: 41_000 + n, sub: 7, registrySection: 5 };
    const f = await operator.post('/api/properties', {
      districtId, renovationCode: `3-${900 + n}-7-0-0-0`, plate, postalCode: `81749${n}3461`, address: `اصفهان، خیابان آزمون، کوچه ${n}`,
      landUse: 'مسکونی', landArea: 200, owners: [{ personId: person[form].id, shareDang: 6 }],
    });
    expect(f.statusCode, f.body).toBe(201);
    file[form] = { ...f.json(), plate };
    kase[form] = await registerCase(operator, { id: file[form].id, ownerId: person[form].id, ownerNationalCode: person[form].nationalCode });
  }
});
afterAll(async () => t?.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);
const query = (q: string) => encodeURIComponent(q);

describe('a name found in any of its spellings', () => {
  it('persons: every stored form is found by every typed form (9 of 9)', async () => {
    for (const [stored, typed] of TABLE) {
      const res = await operator.get(`/api/persons?q=${query(`${FORMS[typed]} ${FAMILY[stored]}`)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res), `stored «${FORMS[stored]}», typed «${FORMS[typed]}»`).toEqual([person[stored].id]);
    }
  });

  it('property files, through their owners: 9 of 9', async () => {
    for (const [stored, typed] of TABLE) {
      const res = await operator.get(`/api/properties?q=${query(`${FORMS[typed]} ${FAMILY[stored]}`)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res), `stored «${FORMS[stored]}», typed «${FORMS[typed]}»`).toEqual([file[stored].id]);
    }
  });

  it('the case list box, by the applicant: 9 of 9', async () => {
    for (const [stored, typed] of TABLE) {
      const res = await operator.get(`/api/requests?q=${query(`${FORMS[typed]} ${FAMILY[stored]}`)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res), `stored «${FORMS[stored]}», typed «${FORMS[typed]}»`).toEqual([kase[stored].id]);
    }
  });

  it('the variants a clerk types: Arabic ي/ك, a ZWNJ left out of the family name, the first name alone', async () => {
    const arabic = await operator.get(`/api/persons?q=${query('محمد حسين بيدآبادي نيا')}`);
    expect(ids(arabic)).toEqual([person.joined.id]);
    const noMadda = await operator.get(`/api/requests?q=${query('بیدابادینیا')}`);
    expect(ids(noMadda)).toEqual([kase.joined.id]);
    const firstNames = await operator.get(`/api/persons?q=${query(FORMS.spaced)}&pageSize=200`);
    expect(ids(firstNames)).toEqual(expect.arrayContaining([person.joined.id, person.zwnj.id, person.spaced.id]));
    const otherName = await operator.get(`/api/persons?q=${query(`محمدحسن ${FAMILY.joined}`)}`);
    expect(ids(otherName)).toEqual([]);
  });

  it('the migration rebuilds keys written the old way (ZWNJ read as a space)', async () => {
    await t.db.updateTable('persons').set({ search_text: 'محمد حسین بیدآبادی نیا' }).where('id', '=', person.joined.id).execute();
    await t.db.updateTable('properties').set({ search_text: 'اصفهان، خیابان آزمون، کوچه 1 محمد حسین بیدآبادی نیا' }).where('id', '=', file.joined.id).execute();
    expect(ids(await operator.get(`/api/persons?q=${query(`${FORMS.joined} ${FAMILY.joined}`)}`))).toEqual([]);
    await rebuildSearchKeys(t.db);
    const stored = await t.db.selectFrom('persons').select('search_text').where('id', '=', person.joined.id).executeTakeFirstOrThrow();
    expect(stored.search_text).toBe('محمدحسینبیدابادینیا');
    const fileKey = await t.db.selectFrom('properties').select('search_text').where('id', '=', file.joined.id).executeTakeFirstOrThrow();
    expect(fileKey.search_text).toBe('اصفهانخیابانازمونکوچه1محمدحسینبیدابادینیا');
    expect(ids(await operator.get(`/api/persons?q=${query(`${FORMS.joined} ${FAMILY.joined}`)}`))).toEqual([person.joined.id]);
  });

  it('a name typed with its madda apart, or with a direction override, is stored composed and clean and found by what a clerk types', async () => {
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: nationalCode('129500077'), firstName: '\u202eمریم', lastName: '\u0627\u0653زادگان' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ firstName: 'مریم', lastName: 'آزادگان' });
    for (const typed of ['آزادگان', 'ازادگان', '\u0627\u0653زادگان']) expect(ids(await operator.get(`/api/persons?q=${query(typed)}`)), typed).toEqual([res.json().id]);
  });

  it('the migration composes names and addresses stored before, drops their direction controls, and makes their keys again', async () => {
    await t.db.updateTable('persons').set({ first_name: '\u202eمحمد\u202c', last_name: '\u0627\u0653زاده\u2067', search_text: 'stale' }).where('id', '=', person.spaced.id).execute();
    await t.db.updateTable('properties').set({ address: 'اصفهان، کوچه \u0627\u0653بان', search_text: 'stale' }).where('id', '=', file.spaced.id).execute();
    await composeNames(t.db);
    const stored = await t.db.selectFrom('persons').select(['first_name', 'last_name', 'search_text']).where('id', '=', person.spaced.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ first_name: 'محمد', last_name: 'آزاده', search_text: 'محمدازاده' });
    const fileRow = await t.db.selectFrom('properties').select(['address', 'search_text']).where('id', '=', file.spaced.id).executeTakeFirstOrThrow();
    expect(fileRow.address).toBe('اصفهان، کوچه آبان');
    expect(fileRow.search_text).toBe('اصفهانکوچهابانمحمدازاده');
    expect(ids(await operator.get(`/api/persons?q=${query('ازاده')}`))).toContain(person.spaced.id);
  });

  it('staff and offices are searched with the same key (computed in SQL)', async () => {
    const admin = await signIn(t.app, 'admin');
    const staff = await t.db.selectFrom('staff').select(['id', 'first_name', 'last_name']).where('first_name', 'is not', null).where('last_name', 'is not', null).orderBy('username').executeTakeFirstOrThrow();
    // The name typed with no space between first and last name, as «محمدحسین» is.
    const typed = `${staff.first_name}${staff.last_name}`.replace(/[\s\u200c]/g, '');
    const res = await admin.get(`/api/staff?q=${query(typed)}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(res)).toContain(staff.id);
  });
});

describe('the case list box finds codes typed in Persian digits', () => {
  it('tracking code, with or without dashes and spaces', async () => {
    const code = kase.spaced.trackingCode;
    const arabicIndic = code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    for (const typed of [fa(code), `${fa(code.slice(0, 4))}-${fa(code.slice(4, 7))}-${fa(code.slice(7))}`, `${fa(code.slice(0, 5))} ${fa(code.slice(5))}`, arabicIndic]) {
      expect(ids(await operator.get(`/api/requests?q=${query(typed)}`)), typed).toEqual([kase.spaced.id]);
    }
  });

  it('national code (applicant or owner), as on the card with dashes', async () => {
    const code = person.zwnj.nationalCode;
    for (const typed of [fa(code), `${fa(code.slice(0, 3))}-${fa(code.slice(3, 9))}-${fa(code.slice(9))}`]) {
      expect(ids(await operator.get(`/api/requests?q=${query(typed)}`)), typed).toEqual([kase.zwnj.id]);
    }
  });

  it('postal code, with the dash in the middle', async () => {
    const code = file.joined.postalCode;
    for (const typed of [fa(code), `${fa(code.slice(0, 5))}-${fa(code.slice(5))}`]) {
      expect(ids(await operator.get(`/api/requests?q=${query(typed)}`)), typed).toEqual([kase.joined.id]);
    }
  });

  it('registry plate main/sub and main/sub/section', async () => {
    const p = file.zwnj.plate;
    for (const typed of [fa(`${p.main}/${p.sub}`), fa(`${p.main} / ${p.sub} / ${p.registrySection}`)]) {
      expect(ids(await operator.get(`/api/requests?q=${query(typed)}`)), typed).toEqual([kase.zwnj.id]);
    }
    expect(ids(await operator.get(`/api/requests?q=${query(fa(`${p.main}/${p.sub}/${p.registrySection + 1}`))}`))).toEqual([]);
  });

  it('nothing for digits that are no code (and no error)', async () => {
    const res = await operator.get(`/api/requests?q=${query('۱۲۳')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });
});

describe('identifiers accepted as people write them', () => {
  let padded: { id: string; nationalCode: string; mobile: string };

  it('a national code that lost its leading zeros (8 digits, Persian), a mobile with +98 and spaces', async () => {
    const code = nationalCode('003950417');
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: fa(code.slice(2)), firstName: 'زهرا', lastName: 'دهقان', mobile: '+98 913 555 0101' });
    expect(res.statusCode, res.body).toBe(201);
    padded = res.json();
    expect(padded).toMatchObject({ nationalCode: code, mobile: '09135550101' });
    const stored = await t.db.selectFrom('persons').select(['national_code', 'mobile']).where('id', '=', padded.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ national_code: code, mobile: '09135550101' });
    // Found again by its 9-digit form, and a second registration by the 10-digit form is the duplicate it is.
    expect(ids(await operator.get(`/api/persons?nationalCode=${code.slice(1)}`))).toEqual([padded.id]);
    const again = await operator.post('/api/persons', { kind: 'natural', nationalCode: code, firstName: 'زهرا', lastName: 'دهقان' });
    expect(again.statusCode).toBe(409);
  });

  it('a code whose first three digits are in no region list passes on its check digit alone', async () => {
    const code = nationalCode('999123456'); // the library's verifyIranianNationalId refuses it
    const res = await operator.post('/api/persons', { kind: 'natural', nationalCode: code, firstName: 'سارا', lastName: 'نادری' });
    expect(res.statusCode, res.body).toBe(201);
    const wrong = await operator.post('/api/persons', { kind: 'natural', nationalCode: code.slice(0, 9) + String((Number(code[9]) + 1) % 10), firstName: 'سارا', lastName: 'نادری' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([expect.objectContaining({ field: 'nationalCode', code: 'invalid_national_code' })]);
    const same = await operator.post('/api/persons', { kind: 'natural', nationalCode: '3333333333', firstName: 'سارا', lastName: 'نادری' });
    expect(same.statusCode).toBe(400);
  });

  it('mobiles in every form are stored as 09xxxxxxxxx; a wrong one is refused', async () => {
    for (const [typed, stored] of [['0098-913-555-0102', '09135550102'], ['۹۸۹۱۳۵۵۵۰۱۰۳', '09135550103'], ['۰۹۱۳ ۵۵۵ ۰۱۰۴', '09135550104']] as const) {
      const res = await operator.patch(`/api/persons/${padded.id}`, { mobile: typed });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().mobile).toBe(stored);
    }
    const bad = await operator.patch(`/api/persons/${padded.id}`, { mobile: '+98 313 555 0101' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('mobile');
  });

  it('the citizen signs in with the mobile written +98 …, and public tracking takes the 9-digit code', async () => {
    await operator.patch(`/api/persons/${padded.id}`, { mobile: '09135550101' });
    const res = await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { mobile: '+98 913 555 0101' }, remoteAddress: '10.77.0.1' });
    expect(res.statusCode).toBe(202);
    expect(inbox.at(-1)!.to).toBe('09135550101');

    const mine = await registerCase(operator, { id: file.joined.id, ownerId: padded.id, ownerNationalCode: padded.nationalCode });
    const tracking = `${fa(mine.trackingCode.slice(0, 5))}-${fa(mine.trackingCode.slice(5))}`;
    const tracked = await t.app.inject({ method: 'GET', url: `/api/public/requests/${encodeURIComponent(tracking)}?nationalCode=${fa(padded.nationalCode.slice(1))}`, remoteAddress: '10.77.0.2' });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().trackingCode).toBe(mine.trackingCode);
  });

  it('a postal code with its dash and in Persian digits opens a file; one starting with 0 is refused', async () => {
    const res = await operator.post('/api/properties', {
      districtId, renovationCode: '3-990-7-0-0-0', plate: { main: 41_900, sub: 7, registrySection: 5 }, postalCode: '۸۱۷۴۹-۷۳۴۶۱',
      address: 'اصفهان، خیابان آزمون، کوچه ۹۹', landUse: 'مسکونی', landArea: 200, owners: [{ personId: padded.id, shareDang: 6 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().postalCode).toBe('8174973461');
    const found = await operator.get(`/api/properties?postalCode=${query('۸۱۷۴۹-۷۳۴۶۱')}`);
    expect(ids(found)).toEqual([res.json().id]);
    const zero = await operator.post('/api/properties', {
      districtId, renovationCode: '3-991-7-0-0-0', plate: { main: 41_901, sub: 7, registrySection: 5 }, postalCode: '0174973461',
      address: 'اصفهان، خیابان آزمون، کوچه ۹۸', landUse: 'مسکونی', landArea: 200, owners: [{ personId: padded.id, shareDang: 6 }],
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['postalCode']);
  });
});
