/**
 * The letter of an inquiry: printed (by the real Chromium) right after an instant answer, fetched by
 * the client that asked and no other, read back with pdftotext, verified publicly by serial, revoked
 * by the district of the property; and the letter of an inquiry answered later through a case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { act, completeInspectionCase, type SeededProperty } from '../../test/factories.js';
import { fa, jalali, letters, pdfText, refillLetterFacts, runLetterJob, sha256, switchablePrinter } from '../../test/letters.js';
import { askWith, bankInquiry, newApiClient, newApiKey, propertyWithPostal } from '../../test/inquiries.js';

let t: TestApp;
let admin: Client;
let bankKey: string;
let otherKey: string;
let inspected: SeededProperty & { postalCode: string };
let tmp: string;
let printer: ReturnType<typeof switchablePrinter>;

async function newKey(nameFa: string, scopes: string[]) {
  return newApiKey(admin, (await newApiClient(admin, { nameFa })).id, scopes);
}
const ask = (key: string, body: object) => askWith(t)(key, body);
const get = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const verify = (serial: string) => t.app.inject({ method: 'GET', url: `/api/public/verify/${serial}` });
const withPostal = (n: number) => propertyWithPostal(t.db, n);

beforeAll(async () => {
  printer = switchablePrinter();
  t = await createTestApp(undefined, { pdf: printer });
  admin = await signIn(t.app, 'admin');
  bankKey = await newKey('بانک ملت شعبه چهارباغ', ['bank']);
  otherKey = await newKey('بانک صادرات شعبه نقش جهان', ['bank']);
  inspected = await withPostal(2);
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 2 }));
  await completeInspectionCase(t, op, inspected, 2);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-inquiry-letter-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let instant: { id: string; answer: { letterNumber: string; validUntil: string }; letter: { serial: string; letterNumber: string; verifyUrl: string; downloadUrl: string; revokedAt: string | null } };
let pdf: Buffer;

describe('the letter of an instant answer', () => {
  it('is queued with the answer, not printed in it: its serial, number (in the register of the property district) and addresses are in the answer; the letter job prints it', async () => {
    await runLetterJob(t); // the letters of the cases that inspected the file, so the count below is this answer's
    printer.down = true; // the answer must not touch the printer at all
    let res;
    try {
      res = await ask(bankKey, bankInquiry(inspected));
    } finally {
      printer.down = false;
    }
    expect(res.statusCode, res.body).toBe(200);
    instant = res.json();
    expect(await t.db.selectFrom('letters').select('id').where('inquiry_id', '=', instant.id).execute()).toEqual([]);
    const job = await t.db.selectFrom('letter_jobs').selectAll().where('inquiry_id', '=', instant.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 0, serial: instant.letter.serial, kind: 'inquiry_answer' });
    expect(await runLetterJob(t)).toEqual({ printed: 1, retried: 0, failed: 0 });
    expect((await t.db.selectFrom('letters').select('serial').where('inquiry_id', '=', instant.id).executeTakeFirstOrThrow()).serial).toBe(instant.letter.serial);
    expect(instant.answer.letterNumber).toMatch(/^1405\/2\/\d{5}$/);
    expect(instant.letter).toEqual({
      serial: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{12}$/),
      letterNumber: instant.answer.letterNumber,
      verifyUrl: `http://localhost:3000/verify/${instant.letter.serial}`,
      downloadUrl: `/api/v1/inquiries/${instant.id}/letter`,
      revokedAt: null,
    });
    expect((await get(bankKey, `/api/v1/inquiries/${instant.id}`)).json().letter).toEqual(instant.letter);
  });

  it('is a PDF that states the number, the inquiry type, the person (masked), the addressee and the validity', async () => {
    const res = await get(bankKey, instant.letter.downloadUrl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-content-sha256']).toBe(sha256(pdf));
    const file = path.join(tmp, 'inquiry.pdf');
    fs.writeFileSync(file, pdf);
    // One sheet, the verification block with the signature (it ran onto a page of its own).
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/^Pages:\s+1$/m);
    const text = letters(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
    const code = inspected.ownerNationalCode;
    for (const expected of [
      fa(instant.answer.letterNumber),
      'موضوع: پاسخ استعلام بانک',
      'بانک ملت شعبه چهارباغ',
      'عطف به نامه شماره', // the bank's own number, ب/۱۴۰۵/۷۷۱, is reordered by poppler's bidi
      'شخص موضوع',
      fa(`${code.slice(0, 2)}******${code.slice(-2)}`), // the national code, masked (poppler moves the comma beside it)
      'نتیجه بررسی: بدون مانع',
      `مهلت اعتبار: تا پایان ${jalali(instant.answer.validUntil)}`,
      'سامانه میز خدمت (پاسخ خودکار)',
      'شهرداری منطقه ۲',
      instant.letter.verifyUrl,
    ]) {
      expect(text, expected).toContain(letters(expected));
    }
    expect(text).not.toContain(letters(fa(code)));
  });

  it('is genuine on the public verification page, as an inquiry answer', async () => {
    const res = await verify(instant.letter.serial);
    expect(res.statusCode, res.body).toBe(200);
    const code = inspected.ownerNationalCode;
    expect(res.json()).toMatchObject({
      kind: 'inquiry_answer', kindFa: 'پاسخ فوری استعلام', letterNumber: instant.answer.letterNumber, decision: 'confirmed', decisionFa: 'بدون مانع',
      service: { code: 'bank_inquiry', nameFa: 'استعلام بانک' }, districtNumber: 2,
      // Whom the letter itself is addressed to, word for word.
      addresseeFa: 'ریاست محترم بانک ملت شعبه چهارباغ، شعبه کد ۱۲۳۴',
      subjectNationalCode: `${code.slice(0, 2)}******${code.slice(-2)}`,
      validity: { until: instant.answer.validUntil, untilFa: jalali(instant.answer.validUntil), expired: false },
      revoked: false, sha256: sha256(pdf),
    });
    expect(res.body).not.toContain(code);
    expect(res.body).not.toContain(inspected.postalCode);
  });

  it('keeps the facts it was issued with: the back-fill of migration 0050 writes the same', async () => {
    const before = (await verify(instant.letter.serial)).json();
    const row = await t.db.selectFrom('letters').select(['public_facts', 'district_id']).where('serial', '=', instant.letter.serial).executeTakeFirstOrThrow();
    await t.db.updateTable('letters').set({ public_facts: null, district_id: null }).where('serial', '=', instant.letter.serial).execute();
    await refillLetterFacts(t);
    expect(await t.db.selectFrom('letters').select(['public_facts', 'district_id']).where('serial', '=', instant.letter.serial).executeTakeFirstOrThrow()).toEqual(row);
    expect((await verify(instant.letter.serial)).json()).toEqual(before);
  });

  it("is the asking client's only: another client's key gets 404, and an unknown inquiry 404", async () => {
    expect((await get(otherKey, instant.letter.downloadUrl)).statusCode).toBe(404);
    expect((await get(otherKey, `/api/v1/inquiries/${instant.id}`)).statusCode).toBe(404);
    expect((await get(bankKey, '/api/v1/inquiries/00000000-0000-0000-0000-000000000000/letter')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: instant.letter.downloadUrl })).statusCode).toBe(401);
  });

  it("is revoked by the approver of the property's district (not another district's), and the public page says so", async () => {
    const url = `/api/letters/${instant.letter.serial}/revoke`;
    const reason = 'پاسخ بر پایه بازدید نادرست صادر شده بود';
    expect((await (await signIn(t.app, 'd3-approver')).post(url, { reason })).statusCode).toBe(404);
    const res = await (await signIn(t.app, 'd2-approver')).post(url, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect((await verify(instant.letter.serial)).json()).toMatchObject({ kind: 'inquiry_answer', revoked: true, revokeReasonFa: reason, sha256: sha256(pdf) });
    // The client reading its inquiry is told as well.
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/inquiries/${instant.id}`, headers: { authorization: `Bearer ${bankKey}` } });
    expect(read.json().letter).toMatchObject({ serial: instant.letter.serial, revokedAt: expect.any(String) });
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'letter.revoke').execute();
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ inquiryId: instant.id, serial: instant.letter.serial });
  });

  it('when printing fails the answer still stands (its letter reserved), and the first download prints it, once', async () => {
    const res = await ask(bankKey, bankInquiry(inspected));
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json();
    expect(answered).toMatchObject({ status: 'answered', letter: { letterNumber: answered.answer.letterNumber }, answer: { decision: 'confirmed' } });
    printer.down = true;
    try {
      expect(await runLetterJob(t)).toEqual({ printed: 0, retried: 1, failed: 0 });
    } finally {
      printer.down = false;
    }
    const [a, b] = await Promise.all([get(bankKey, `/api/v1/inquiries/${answered.id}/letter`), get(bankKey, `/api/v1/inquiries/${answered.id}/letter`)]);
    const printed = [a, b].filter((r) => r.statusCode === 200);
    expect(printed.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b].filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(202);
      expect(r.headers['retry-after']).toBe('2');
    }
    const stored = await t.db.selectFrom('letters').selectAll().where('inquiry_id', '=', answered.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.serial).toBe(answered.letter.serial);
    for (const r of printed) expect(sha256(r.rawPayload)).toBe(stored[0]!.sha256);
  });
});

describe('whom the letter is addressed to', () => {
  /** The bank's own letter and branch, as a bank's system sends them. */
  const ADDRESSED = { letterNumber: '7712/403', letterDate: '2026-11-20', branch: { name: 'میدان انقلاب', code: '2280' } };
  let mellat: string;
  beforeAll(async () => {
    mellat = await newKey('بانک ملت', ['bank']); // its client record's official code is 1234
  });

  const letterOf = async (key: string, body: object) => {
    const res = await ask(key, body);
    expect(res.statusCode, res.body).toBe(200);
    const got = await get(key, res.json().letter.downloadUrl);
    expect(got.statusCode).toBe(200);
    return pdfText(got.rawPayload);
  };

  it("names the organisation (its client record), the branch and the letter number and date the inquiry gave; no placeholder", async () => {
    const raw = await letterOf(mellat, { ...bankInquiry(inspected), ...ADDRESSED });
    const text = letters(raw);
    // poppler moves the closing parenthesis of «(کد ۲۲۸۰)» before the digits: the parts are checked.
    for (const expected of ['ریاست محترم بانک ملت، شعبه میدان انقلاب (کد', '۲۲۸۰', `عطف به نامه شماره ۷۷۱۲/۴۰۳ مورخ ${jalali('2026-11-20')}`]) {
      expect(text, expected).toContain(letters(expected));
    }
    for (const word of ['استعلام', 'تسهیلات']) expect(raw, word).toContain(word);
    for (const wrong of ['طبق مدارک', 'استعالم', 'تسهیالت']) expect(raw, wrong).not.toContain(wrong);
    const row = await t.db.selectFrom('inquiries').select(['letter_number', 'letter_date', 'branch_name', 'branch_code']).where('letter_number', '=', '7712/403').executeTakeFirstOrThrow();
    expect(row).toEqual({ letter_number: '7712/403', letter_date: '2026-11-20', branch_name: 'میدان انقلاب', branch_code: '2280' });
  });

  it("leaves out what it was not given: no date, and the branch by the client record's code", async () => {
    const text = letters(await letterOf(mellat, { ...bankInquiry(inspected), letterNumber: '7713' }));
    expect(text).toContain(letters('ریاست محترم بانک ملت، شعبه کد ۱۲۳۴'));
    expect(text).toContain(letters('عطف به نامه شماره ۷۷۱۳'));
    expect(text).not.toContain('مورخ');
    expect(text).not.toContain('طبقمدارک');
  });

  it('refuses a branch on a notary inquiry, and a date that is not one (400, field by field)', async () => {
    const notary = await newApiKey(admin, (await newApiClient(admin, { kind: 'notary', nameFa: 'دفتر اسناد رسمی ۱۲۸ اصفهان', officialCode: '128' })).id, ['notary_transfer']);
    const res = await ask(notary, {
      type: 'notary_transfer', property: { postalCode: inspected.postalCode }, subjectNationalCode: inspected.ownerNationalCode, letterNumber: '55',
      buyerNationalCode: inspected.ownerNationalCode, transferType: 'sale', branch: { name: 'مرکزی' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'branch', code: 'not_applicable' })]);
    expect((await ask(mellat, { ...bankInquiry(inspected), letterDate: '1405/08/29' })).statusCode).toBe(400);
  });
});

describe('the letter of an inquiry answered through a case', () => {
  it('has no letter while pending (404); once the case is answered, the answer refers to the case letter and serves it', async () => {
    const uninspected = await withPostal(10);
    const res = await ask(bankKey, { ...bankInquiry(uninspected), letterNumber: '9021/17', letterDate: '2026-11-22', branch: { name: 'چهارباغ پایین' } });
    expect(res.statusCode, res.body).toBe(202);
    const pending = res.json();
    expect(pending.letter).toBeNull();
    const early = await get(bankKey, `/api/v1/inquiries/${pending.id}/letter`);
    expect(early.statusCode).toBe(404);
    expect(early.json().error.messageFa).toBe('این استعلام هنوز پاسخ داده نشده است');

    const kase = await t.db
      .selectFrom('requests')
      .innerJoin('offices', 'offices.id', 'requests.office_id')
      .select(['requests.id', 'offices.gov_code'])
      .where('requests.tracking_code', '=', pending.case.trackingCode)
      .executeTakeFirstOrThrow();
    const step = async (username: string, action: string, body: object = {}) => act(await signIn(t.app, username), kase.id, action, body);
    await step(`o${kase.gov_code}-op1`, 'send-to-district');
    await step('d10-reviewer1', 'recommend', { recommendation: 'approve', note: 'پرونده بدون مانع' });
    await step('d10-approver', 'approve');
    await step('d10-approver', 'issue-response');
    await runLetterJob(t);

    const answered = (await get(bankKey, `/api/v1/inquiries/${pending.id}`)).json();
    expect(answered.status).toBe('answered');
    const caseLetter = await t.db.selectFrom('letters').selectAll().where('request_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(answered.letter).toEqual({
      serial: caseLetter.serial, letterNumber: answered.answer.letterNumber,
      verifyUrl: `http://localhost:3000/verify/${caseLetter.serial}`, downloadUrl: `/api/v1/inquiries/${pending.id}/letter`, revokedAt: null,
    });
    const letter = await get(bankKey, answered.letter.downloadUrl);
    expect(letter.statusCode).toBe(200);
    expect(sha256(letter.rawPayload)).toBe(caseLetter.sha256);
    // The case's letter is addressed as the inquiry asked: the desk's form was filled from it.
    const text = letters(pdfText(letter.rawPayload));
    for (const expected of ['ریاست محترم بانک ملت شعبه چهارباغ، شعبه چهارباغ پایین (کد', '۱۲۳۴', `عطف به نامه شماره ۹۰۲۱/۱۷ مورخ ${jalali('2026-11-22')}`]) {
      expect(text, expected).toContain(letters(expected));
    }
    expect(text).not.toContain('طبقمدارک');
    expect((await get(otherKey, answered.letter.downloadUrl)).statusCode).toBe(404);
  });
});
