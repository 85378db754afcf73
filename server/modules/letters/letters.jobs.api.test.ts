/**
 * The letter job and the letter at the desk (decision 0013): the decision and the instant bank
 * answer commit without printing; the job prints each letter once, also when two passes run at
 * once; the desk's prints are audited one row per copy; the hand-over records the serial handed
 * over; the citizen downloads their own letter (and nobody else's). Real Chromium, counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';
import { askWith, bankInquiry, newApiClient, newApiKey, propertyWithPostal } from '../../test/inquiries.js';
import { completeInspectionCase } from '../../test/factories.js';
import { letters, runLetterJob, sha256 } from '../../test/letters.js';
import { chromiumPrinter, type PdfPrinter } from '../../platform/pdf.js';
import { printDueLetters } from './letters.jobs.js';
import { backoffMs } from '../../platform/retry.js';
import type { SmsMessage } from '../../platform/sms.js';

const BANK_FORM = { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' };
const BANK_DOCS = { bank_letter: true, ownership_deed: true, owner_national_card: true };

/** The real printer, counting its prints. */
function countingPrinter(): PdfPrinter & { prints: number } {
  const real = chromiumPrinter();
  const printer = {
    prints: 0,
    print: async (html: string) => {
      printer.prints++;
      return real.print(html);
    },
    close: () => real.close(),
  };
  return printer;
}

let t: TestApp;
let printer: ReturnType<typeof countingPrinter>;
let op: Client;
let approver: Client;
let property: SeededProperty;
let tmp: string;
const inbox: SmsMessage[] = [];

/** A bank inquiry case (no visit) taken to the decision; returns the case as the approver sees it then. */
async function approvedCase() {
  const kase = await registerCase(op, property, 'bank_inquiry', BANK_FORM, BANK_DOCS);
  let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
  res = await (await signIn(t.app, 'd3-reviewer1')).post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'پرونده بدون تخلف' });
  res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version, conditions: CONDITIONS });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const CONDITIONS = ['ارائه بیمه‌نامه مسئولیت', 'رعایت عقب‌نشینی 2 متری'];

async function issue(kase: { id: string; version: number }) {
  const res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: kase.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const pdfText = (bytes: Buffer) => {
  const file = path.join(tmp, `${sha256(bytes)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
};

beforeAll(async () => {
  printer = countingPrinter();
  t = await createTestApp(undefined, { pdf: printer, sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  approver = await signIn(t.app, 'd3-approver');
  property = await districtProperty(t.db, 3);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-letter-jobs-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let issued: { id: string; version: number; trackingCode: string };
let serial: string;

describe('the decision and the letter job', () => {
  it('«صدور پاسخ نهایی» commits without printing: the serial is reserved, the letter is pending', async () => {
    const kase = await approvedCase();
    const before = printer.prints;
    issued = await issue(kase);
    expect(printer.prints).toBe(before);
    const status = (await op.get(`/api/requests/${issued.id}/letter/status`)).json();
    expect(status).toMatchObject({ status: 'pending', prints: 0, revoked: false, sha256: null, letterNumber: expect.stringMatching(/^1405\/3\/\d{5}$/) });
    serial = status.serial;
    expect(serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(status.serialGrouped).toBe(`${serial.slice(0, 4)}-${serial.slice(4, 8)}-${serial.slice(8)}`);
    const job = await t.db.selectFrom('letter_jobs').selectAll().where('request_id', '=', issued.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ serial, status: 'pending', attempts: 0, kind: 'final_answer', locked_until: null });
    // The timeline records which letter the answer is.
    const line = (await op.get(`/api/requests/${issued.id}`)).json().timeline.find((e: { action: string }) => e.action === 'issue_response');
    expect(line.data).toMatchObject({ letterSerial: serial });
    expect(await t.db.selectFrom('letters').select('id').where('request_id', '=', issued.id).execute()).toEqual([]);
  });

  it('the job prints it once: a second pass finds nothing to do', async () => {
    const before = printer.prints;
    expect(await runLetterJob(t)).toEqual({ printed: 1, retried: 0, failed: 0 });
    expect(printer.prints).toBe(before + 1);
    expect(await runLetterJob(t)).toEqual({ printed: 0, retried: 0, failed: 0 });
    expect(printer.prints).toBe(before + 1);
    const status = (await op.get(`/api/requests/${issued.id}/letter/status`)).json();
    expect(status).toMatchObject({ status: 'printed', serial, prints: 0, verifyPath: `/verify/${serial}` });
    const letter = await t.db.selectFrom('letters').selectAll().where('request_id', '=', issued.id).executeTakeFirstOrThrow();
    expect(letter.serial).toBe(serial);
    expect(status.sha256).toBe(letter.sha256);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details', 'actor_staff_id', 'city_id']).where('entity_id', '=', letter.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['letter.issue']);
    // Printed by the job, with no actor: the letter's city's.
    expect(audit[0]!.city_id).toBe(letter.city_id);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ requestId: issued.id, serial, sha256: letter.sha256, attempts: 1 });
  }, 120_000); // prints with Chromium: slow on a busy machine

  it('two passes at the same moment print a letter once', async () => {
    const kase = await issue(await approvedCase());
    const before = printer.prints;
    const [a, b] = await Promise.all([printDueLetters(t.app.ctx), printDueLetters(t.app.ctx)]);
    expect(a.printed + b.printed).toBe(1);
    expect(printer.prints).toBe(before + 1);
    expect(await t.db.selectFrom('letters').select('id').where('request_id', '=', kase.id).execute()).toHaveLength(1);
    const job = await t.db.selectFrom('letter_jobs').selectAll().where('request_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'printed', attempts: 1, locked_until: null });
  });

  it('a failing printer is retried with backoff and given up after the last attempt; a download still prints it', async () => {
    const kase = await issue(await approvedCase());
    const real = printer.print;
    printer.print = () => Promise.reject(new Error('Chromium is not there (test)'));
    try {
      const attempts = [];
      for (let i = 0; i < 5; i++) {
        attempts.push(await runLetterJob(t));
        t.clock.advance(backoffMs(i + 1) + 1000); // just past this attempt's backoff
      }
      expect(attempts.map((x) => (x.retried ? 'retried' : x.failed ? 'failed' : 'none'))).toEqual(['retried', 'retried', 'retried', 'retried', 'failed']);
    } finally {
      printer.print = real;
    }
    expect((await op.get(`/api/requests/${kase.id}/letter/status`)).json()).toMatchObject({ status: 'failed' });
    expect(await runLetterJob(t)).toEqual({ printed: 0, retried: 0, failed: 0 });
    const res = await op.get(`/api/requests/${kase.id}/letter`);
    expect(res.statusCode).toBe(200);
    expect((await op.get(`/api/requests/${kase.id}/letter/status`)).json()).toMatchObject({ status: 'printed' });
  });

  it("a bank's instant answer commits without printing, with the letter's serial, number and addresses; the job prints it", async () => {
    const admin = await signIn(t.app, 'admin');
    const client = await newApiClient(admin);
    const key = await newApiKey(admin, client.id, ['bank']);
    const file = await propertyWithPostal(t.db, 2);
    await completeInspectionCase(t, await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 2 })), file, 2);
    await runLetterJob(t);
    const before = printer.prints;
    const res = await askWith(t)(key, bankInquiry(file));
    expect(res.statusCode, res.body).toBe(200);
    expect(printer.prints).toBe(before);
    const answer = res.json();
    expect(answer.letter).toEqual({
      serial: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{12}$/), letterNumber: answer.answer.letterNumber,
      verifyUrl: `http://localhost:3000/verify/${answer.letter.serial}`, downloadUrl: `/api/v1/inquiries/${answer.id}/letter`, revokedAt: null,
    });
    expect(await runLetterJob(t)).toEqual({ printed: 1, retried: 0, failed: 0 });
    const pdf = await t.app.inject({ method: 'GET', url: answer.letter.downloadUrl, headers: { authorization: `Bearer ${key}` } });
    expect(pdf.statusCode).toBe(200);
    expect(letters(pdfText(pdf.rawPayload))).toContain(letters(answer.letter.verifyUrl));
  }, 120_000); // prints with Chromium: slow on a busy machine
});

describe('the letter at the desk', () => {
  it('every print and reprint is an audit row of its own; a download is not counted as a print', async () => {
    const first = await op.get(`/api/requests/${issued.id}/letter?print=true`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    t.clock.advance(60_000);
    const second = await approver.get(`/api/requests/${issued.id}/letter?print=true`);
    expect(sha256(second.rawPayload)).toBe(sha256(first.rawPayload));
    await op.get(`/api/requests/${issued.id}/letter`);
    const letter = await t.db.selectFrom('letters').select('id').where('serial', '=', serial).executeTakeFirstOrThrow();
    const rows = await t.db.selectFrom('audit_log').select(['action', 'actor_staff_id', 'details']).where('entity_id', '=', letter.id).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['letter.issue', 'letter.print', 'letter.print', 'letter.download']);
    const staff = await t.db.selectFrom('staff').select(['id', 'username']).where('username', 'in', [op.username, approver.username]).execute();
    const idOf = (u: string) => staff.find((s) => s.username === u)!.id;
    expect(rows[1]).toMatchObject({ actor_staff_id: idOf(op.username) });
    expect(rows[2]).toMatchObject({ actor_staff_id: idOf(approver.username) });
    expect(rows.slice(1, 3).map((r) => JSON.parse(r.details!))).toEqual([
      expect.objectContaining({ requestId: issued.id, serial, copy: 1 }),
      expect.objectContaining({ requestId: issued.id, serial, copy: 2 }),
    ]);
    expect((await op.get(`/api/requests/${issued.id}/letter/status`)).json().prints).toBe(2);
  });

  it("the status and the print stay in the case's scope: another district's desk gets 404", async () => {
    const stranger = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
    expect((await stranger.get(`/api/requests/${issued.id}/letter/status`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/requests/${issued.id}/letter?print=true`)).statusCode).toBe(404);
  });

  it('a case without an answer has no letter status (404)', async () => {
    const kase = await registerCase(op, property, 'bank_inquiry', BANK_FORM, BANK_DOCS);
    expect((await op.get(`/api/requests/${kase.id}/letter/status`)).statusCode).toBe(404);
  });

  it('the hand-over records which letter (serial) the owner received', async () => {
    const current = (await op.get(`/api/requests/${issued.id}`)).json();
    const res = await op.post(`/api/requests/${issued.id}/deliver`, { version: current.version, receivedByName: 'مالک پرونده', receivedByNationalCode: property.ownerNationalCode });
    expect(res.statusCode, res.body).toBe(200);
    const delivered = res.json();
    expect(delivered.response.deliveredLetterSerial).toBe(serial);
    expect(delivered.timeline.find((e: { action: string }) => e.action === 'deliver').data).toMatchObject({ letterSerial: serial, receivedByName: 'مالک پرونده' });
    const row = await t.db.selectFrom('responses').select('delivered_letter_serial').where('request_id', '=', issued.id).executeTakeFirstOrThrow();
    expect(row.delivered_letter_serial).toBe(serial);
  });
});

describe("the citizen's copy", () => {
  const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  async function signInCitizen(mobile: string, ip: string) {
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
    expect((await post('/api/citizen/otp', { mobile })).statusCode).toBe(202);
    const code = toAscii(inbox.at(-1)!.text).match(/\d{6}/)![0];
    const res = await post('/api/citizen/otp/verify', { mobile, code });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }
  const mobileOf = async (personId: string) => (await t.db.selectFrom('persons').select('mobile').where('id', '=', personId).executeTakeFirstOrThrow()).mobile!;

  it('downloads their own letter: a PDF with its serial; the download is audited', async () => {
    const cookie = await signInCitizen(await mobileOf(property.ownerId), '10.9.0.1');
    const view = await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${issued.id}`, headers: { cookie } });
    expect(view.json().answer.letter).toEqual({ serial, status: 'printed', revoked: false, downloadUrl: `/api/citizen/requests/${issued.id}/letter` });
    // The owner sees the conditions the approval holds on, as the desk does.
    expect(view.json().answer.conditions).toEqual(CONDITIONS);
    const res = await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${issued.id}/letter`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(letters(pdfText(res.rawPayload))).toContain(letters(`/verify/${serial}`));
    const letter = await t.db.selectFrom('letters').select(['id', 'sha256']).where('serial', '=', serial).executeTakeFirstOrThrow();
    expect(sha256(res.rawPayload)).toBe(letter.sha256);
    const audit = await t.db.selectFrom('audit_log').select(['details', 'city_id']).where('action', '=', 'citizen.letter_download').where('entity_id', '=', letter.id).execute();
    expect(audit).toHaveLength(1);
    // The citizen's copy is the case's city's to see.
    expect(audit[0]!.city_id).toBe((await t.db.selectFrom('requests').select('city_id').where('id', '=', issued.id).executeTakeFirstOrThrow()).city_id);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ requestId: issued.id, serial });
  });

  it("another citizen gets 404 for it, and nobody signed out gets it", async () => {
    const other = await districtProperty(t.db, 5);
    const cookie = await signInCitizen(await mobileOf(other.ownerId), '10.9.0.2');
    const res = await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${issued.id}/letter`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${issued.id}/letter` })).statusCode).toBe(401);
  });

  it('a letter not yet printed is printed for the citizen on download', async () => {
    const kase = await issue(await approvedCase());
    const cookie = await signInCitizen(await mobileOf(property.ownerId), '10.9.0.3');
    const view = await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${kase.id}`, headers: { cookie } });
    expect(view.json().answer.letter).toMatchObject({ status: 'pending' });
    const before = printer.prints;
    const res = await t.app.inject({ method: 'GET', url: `/api/citizen/requests/${kase.id}/letter`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(printer.prints).toBe(before + 1);
    expect(await runLetterJob(t)).toEqual({ printed: 0, retried: 0, failed: 0 });
  });
});
