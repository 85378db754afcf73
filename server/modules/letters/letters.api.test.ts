/**
 * Answer letters end to end: issued with the answer, printed by the real Chromium (one browser for
 * the file), read back with poppler (pdftoppm, pdftotext) as a person and a machine would, verified
 * publicly by serial and hash, revoked by the district. Few letters are printed: each takes a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';
import { fa, jalali, letters, pdfText, refillLetterFacts, runLetterJob, sha256, switchablePrinter } from '../../test/letters.js';

const BANK_FORM = { bankName: 'بانک ملت', branchName: 'چهارباغ', branchCode: '1234', bankLetterNumber: '7712/403', bankLetterDate: '2026-11-20', purpose: 'mortgage' };
const BANK_DOCS = { bank_letter: true, ownership_deed: true, owner_national_card: true };
const BANK_PURPOSE = 'ارائه به بانک استعلام‌کننده برای اعطای تسهیلات یا ترهین ملک';

let t: TestApp;
let op: Client;
let approver: Client;
let property: SeededProperty;
let tmp: string;
let printer: ReturnType<typeof switchablePrinter>;

/** A bank inquiry (no visit) taken to an issued answer by the district of the property. */
async function answeredInquiry(conditions: string[] = []) {
  const kase = await registerCase(op, property, 'bank_inquiry', BANK_FORM, BANK_DOCS);
  let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
  res = await (await signIn(t.app, 'd3-reviewer1')).post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'پرونده بدون تخلف' });
  res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version, conditions });
  res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: res.json().version, conditions });
  expect(res.statusCode, res.body).toBe(200);
  await runLetterJob(t);
  return (await op.get(`/api/requests/${kase.id}`)).json();
}

const verify = (serial: string) => t.app.inject({ method: 'GET', url: `/api/public/verify/${encodeURIComponent(serial)}` });

beforeAll(async () => {
  printer = switchablePrinter();
  t = await createTestApp(undefined, { pdf: printer });
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  approver = await signIn(t.app, 'd3-approver');
  property = await districtProperty(t.db, 3);
  // A registration plate, so the letter has its «پلاک ثبتی» row.
  await t.db.updateTable('properties').set({ plate_main: 1795, plate_sub: 12, registry_section: 5 }).where('id', '=', property.id).where('plate_main', 'is', null).execute();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-letters-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let issued: { id: string; response: { letterNumber: string; validUntil: string; letter: { serial: string; sha256: string; revoked: boolean; downloadUrl: string } } };
let pdf: Buffer;

describe('the answer letter', () => {
  it('is printed when the answer is issued: a PDF that reads as Persian, with the number, decision, purpose and validity', async () => {
    issued = await answeredInquiry(['ترهین ملک منوط به تسویه عوارض نوسازی است']);
    const { letter } = issued.response;
    expect(letter).toMatchObject({ revoked: false, downloadUrl: `/api/requests/${issued.id}/letter` });
    expect(letter.serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);

    const res = await op.get(letter.downloadUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf)).toBe(letter.sha256);
    expect(res.headers['x-content-sha256']).toBe(letter.sha256);

    const file = path.join(tmp, 'letter.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(tmp, 'page1')]);
    const png = fs.readFileSync(path.join(tmp, 'page1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000); // a drawn A4 page, not a blank one (which is ~3 KB)

    const raw = pdfText(file);
    // Words with لا, as a bank's clerk searches or copies them (Vazirmatn's own لا glyph read back as «ال»).
    for (const word of ['استعلام', 'پلاک', 'تسهیلات']) expect(raw, word).toContain(word);
    for (const wrong of ['استعالم', 'پالک', 'تسهیالت', 'طبق مدارک']) expect(raw, wrong).not.toContain(wrong);
    const text = letters(raw);
    for (const expected of [
      'شهرداری اصفهان',
      'معاونت شهرسازی و معماری',
      fa(issued.response.letterNumber), // ۱۴۰۵/۳/۰۰۰۰۱, digits in their order
      'ریاست محترم بانک ملت، شعبه چهارباغ (کد', // poppler moves the «)» before the digits ۱۲۳۴
      `عطف به نامه شماره ۷۷۱۲/۴۰۳ مورخ ${jalali('2026-11-20')}`,
      'نتیجه بررسی: موافقت',
      'با درخواست «استعلام بانک» موافقت شد',
      BANK_PURPOSE,
      'ترهین ملک منوط به تسویه عوارض نوسازی است',
      `مهلت اعتبار: تا پایان ${jalali(issued.response.validUntil)}`,
      'تاییدکننده منطقه',
      `http://localhost:3000/verify/${letter.serial}`, // beside the QR code, which holds the same address
    ]) {
      expect(text, expected).toContain(letters(expected));
    }
  }, 120_000); // the first print starts Chromium: slow on a busy machine

  it('is one letter per answer: downloading again gives the same bytes, and each download is audited', async () => {
    const again = await approver.get(issued.response.letter.downloadUrl);
    expect(sha256(again.rawPayload)).toBe(issued.response.letter.sha256);
    const rows = await t.db.selectFrom('letters').select('serial').where('request_id', '=', issued.id).execute();
    expect(rows).toEqual([{ serial: issued.response.letter.serial }]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'letter.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['letter.download', 'letter.download', 'letter.issue']);
  });

  it("stays inside the case's scope: another district's desk gets 404", async () => {
    const stranger = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
    expect((await stranger.get(issued.response.letter.downloadUrl)).statusCode).toBe(404);
  });

  it('a case without an answer has no letter', async () => {
    const kase = await registerCase(op, property, 'bank_inquiry', BANK_FORM, BANK_DOCS);
    const res = await op.get(`/api/requests/${kase.id}/letter`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.messageFa).toBe('این پرونده هنوز پاسخ نهایی ندارد');
  });
});

describe('public verification', () => {
  it('a genuine serial shows the facts, masked, and the hash of the issued PDF', async () => {
    const res = await verify(issued.response.letter.serial);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      kind: 'final_answer', letterNumber: issued.response.letterNumber, decision: 'approved', decisionFa: 'موافقت',
      service: { code: 'bank_inquiry', nameFa: 'استعلام بانک' }, districtNumber: 3, addresseeFa: 'ریاست محترم بانک ملت، شعبه چهارباغ (کد ۱۲۳۴)',
      validity: { purposeFa: BANK_PURPOSE, until: issued.response.validUntil, untilFa: jalali(issued.response.validUntil), expired: false },
      revoked: false, revokedAt: null, revokeReasonFa: null,
    });
    expect(v.sha256).toBe(sha256(pdf));
    expect(v.issuedAtFa).toBe('۸ آذر ۱۴۰۵');
    const file = await t.db.selectFrom('properties').selectAll().where('id', '=', property.id).executeTakeFirstOrThrow();
    expect(v.property.postalCode).toBe(`${file.postal_code!.slice(0, 2)}******${file.postal_code!.slice(-2)}`);
    expect(v.property.plateMain).toBe(file.plate_main);
    expect(res.body).not.toContain(file.postal_code!);
    const owner = await t.db.selectFrom('persons').select(['first_name', 'last_name', 'national_code']).where('id', '=', property.ownerId).executeTakeFirstOrThrow();
    for (const secret of [owner.last_name!, owner.national_code]) expect(res.body).not.toContain(secret);
  });

  it('keeps the facts the letter was issued with: the back-fill of migration 0050 writes the same facts and district', async () => {
    const serial = issued.response.letter.serial;
    const before = (await verify(serial)).json();
    const columns = ['public_facts', 'city_id', 'district_id'] as const;
    const row = await t.db.selectFrom('letters').select(columns).where('serial', '=', serial).executeTakeFirstOrThrow();
    const job = await t.db.selectFrom('letter_jobs').select(columns).where('serial', '=', serial).executeTakeFirstOrThrow();
    expect(job).toEqual(row);
    await refillLetterFacts(t);
    expect(await t.db.selectFrom('letters').select(columns).where('serial', '=', serial).executeTakeFirstOrThrow()).toEqual(row);
    expect(await t.db.selectFrom('letter_jobs').select(columns).where('serial', '=', serial).executeTakeFirstOrThrow()).toEqual(row);
    expect((await verify(serial)).json()).toEqual(before);
  });

  it('reads a serial as a notary types it: lower case, in dashed groups', async () => {
    const s = issued.response.letter.serial;
    const typed = `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`.toLowerCase();
    expect((await verify(typed)).json().serial).toBe(s);
  });

  it('an unknown serial is 404', async () => {
    expect((await verify('ABCDEFGHJKMN')).statusCode).toBe(404);
    expect((await verify('!!!!!!!!!!!!')).statusCode).toBe(404);
  });

  it('one changed byte of the PDF no longer matches the published hash', async () => {
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    expect(sha256(tampered)).not.toBe((await verify(issued.response.letter.serial)).json().sha256);
  });
});

describe('when printing fails', () => {
  it('the answer still stands, the job tries again later, and the first download prints the letter, once', async () => {
    printer.down = true;
    let kase;
    try {
      kase = await answeredInquiry();
    } finally {
      printer.down = false;
    }
    expect(kase.state).toBe('response_issued');
    expect(kase.response.letter).toBeNull();
    const job = await t.db.selectFrom('letter_jobs').selectAll().where('request_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Chromium is not there (test)', locked_until: null });
    expect(job.next_attempt_at > t.clock.now().toISOString()).toBe(true);
    // Not due yet: the job leaves it alone; two desks download at once: one prints it, the other is told to come back.
    expect(await runLetterJob(t)).toEqual({ printed: 0, retried: 0, failed: 0 });
    const [a, b] = await Promise.all([op.get(`/api/requests/${kase.id}/letter`), approver.get(`/api/requests/${kase.id}/letter`)]);
    const printed = [a, b].filter((r) => r.statusCode === 200);
    expect(printed.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b].filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(202);
      expect(r.headers['retry-after']).toBe('2');
    }
    const after = (await op.get(`/api/requests/${kase.id}`)).json();
    expect(after.response.letter.serial).toBe(job.serial);
    for (const r of printed) expect(sha256(r.rawPayload)).toBe(after.response.letter.sha256);
    expect(await t.db.selectFrom('letters').select('id').where('request_id', '=', kase.id).execute()).toHaveLength(1);
    expect((await t.db.selectFrom('letter_jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('printed');
  });
});

describe('revocation', () => {
  it("only the district's approver (or the city admin) revokes, with a reason; the public page then says so", async () => {
    const serial = issued.response.letter.serial;
    const url = `/api/letters/${serial}/revoke`;
    const reason = 'صدور نامه بر اساس سند نادرست';
    expect((await op.post(url, { reason })).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'd3-reviewer1')).post(url, { reason })).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'd5-approver')).post(url, { reason })).statusCode).toBe(404);
    const empty = await approver.post(url, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].field).toBe('reason');
    expect((await verify(serial)).json().revoked).toBe(false);

    const res = await approver.post(url, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revoked: true, revokeReasonFa: reason, revokedAt: t.clock.now().toISOString() });
    expect((await verify(serial)).json()).toMatchObject({ revoked: true, revokeReasonFa: reason, sha256: sha256(pdf) });
    expect((await op.get(`/api/requests/${issued.id}`)).json().response.letter.revoked).toBe(true);

    const again = await (await signIn(t.app, 'admin')).post(url, { reason: 'بار دوم' });
    expect(again.statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'letter.revoke').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ serial, reason });
  });
});
