/**
 * The answer letter at the desk and the citizen's copy, through the UI: the approver issues the
 * answer and sees the letter being prepared; the letter job prints it; the desk prints it after the
 * decision and again after the hand-over (two audited prints); the printed PDF's serial verifies on
 * /verify; the citizen signs in to the portal and downloads their own letter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { signIn, usernameOf } from '../../server/test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../server/test/factories.js';
import { printDueLetters } from '../../server/modules/letters/index.js';
import type { SmsMessage } from '../../server/platform/sms.js';
import { consoleErrors, expectAccessible, openPage, screenshot } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { CasePage } from '../pages/CasePage.js';
import { CitizenPage } from '../pages/CitizenPage.js';
import { VerifyPage } from '../pages/VerifyPage.js';

const inbox: SmsMessage[] = [];
const e2e = useE2e({ sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
const persian = (ascii: string) => ascii.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const grouped = (serial: string) => serial.match(/.{1,4}/g)!.join('-');

let property: SeededProperty;
let desk: string;
let caseId: string;
let trackingCode: string;
let serial: string;
let tmp: string;

const pdfText = (bytes: Buffer) => {
  const file = path.join(tmp, `${createHash('sha256').update(bytes).digest('hex')}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/[\u200e\u200f\u202a-\u202e\s]/g, '');
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-e2e-letters-'));
  property = await districtProperty(e2e.t.db, 3);
  desk = await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 });
  const operator = await signIn(e2e.t.app, desk);
  // A bank's inquiry, taken through the district to the approver's decision by API.
  const kase = await registerCase(operator, property, 'bank_inquiry', { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' }, { bank_letter: true, ownership_deed: true, owner_national_card: true });
  caseId = kase.id;
  trackingCode = kase.trackingCode;
  let res = await operator.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
  res = await (await signIn(e2e.t.app, 'd3-reviewer1')).post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'بدون تخلف' });
  res = await (await signIn(e2e.t.app, 'd3-approver')).post(`/api/requests/${kase.id}/approve`, { version: res.json().version });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function caseAs(username: string, viewport: 'desktop' | 'phone' = 'desktop') {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  const logged = consoleErrors(opened.page);
  await signInThroughApi(opened.context, e2e.baseUrl, username);
  await opened.page.goto(`${e2e.baseUrl}/requests/${caseId}`);
  const kase = new CasePage(opened.page);
  await kase.header.waitFor();
  return { ...opened, logged, kase };
}

const printRows = async () => {
  const letter = await e2e.t.db.selectFrom('letters').select('id').where('serial', '=', serial).executeTakeFirst();
  if (!letter) return [];
  return e2e.t.db.selectFrom('audit_log').select(['action', 'actor_staff_id', 'details']).where('entity_id', '=', letter.id).where('action', '=', 'letter.print').orderBy('seq').execute();
};

/** «چاپ نامه پاسخ»: the PDF opens in a new tab (the browser's print view); the server audits the copy. */
async function printLetter(context: BrowserContext, page: Page, copies: number) {
  const letterPanel = page.getByTestId('case-letter');
  const opened = context.waitForEvent('page');
  await letterPanel.getByRole('link', { name: 'چاپ نامه پاسخ' }).click();
  const tab = await opened;
  await expect.poll(async () => (await printRows()).length, { timeout: 15_000 }).toBe(copies);
  await tab.close();
  await expect.poll(() => letterPanel.innerText(), { timeout: 15_000 }).toContain(`${persian(String(copies))} نسخه`);
}

describe('the answer letter at the desk', () => {
  it('the approver issues the answer and sees the letter being prepared, then the letter', async () => {
    const approver = await caseAs('d3-approver');
    await approver.kase.panel('صدور پاسخ نهایی').waitFor();
    await approver.kase.take('صدور پاسخ نهایی');
    await approver.kase.reached('response_issued');
    const panel = approver.page.getByTestId('case-letter');
    await approver.page.locator('[data-testid="case-letter"][data-status="pending"]').waitFor();
    expect(await panel.innerText()).toContain('در حال آماده‌سازی نامه...');
    serial = (await panel.getAttribute('data-serial'))!;
    expect(serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(await panel.innerText()).toContain(grouped(serial));
    await screenshot(approver.page, 'letter-preparing-desktop');
    // The letter job (the server's poller; run here by the test, whose clock is its own).
    expect(await printDueLetters(e2e.t.app.ctx)).toMatchObject({ printed: 1 });
    await approver.page.locator('[data-testid="case-letter"][data-status="printed"]').waitFor({ timeout: 15_000 });
    expect(await panel.innerText()).toContain('معتبر');
    expect(approver.logged).toEqual([]);
    await approver.context.close();
  });

  it('the desk prints it after the decision and again after the hand-over: two audited prints, and the serial verifies', async () => {
    const operator = await caseAs(desk);
    const panel = operator.page.getByTestId('case-letter');
    await operator.page.locator('[data-testid="case-letter"][data-status="printed"]').waitFor();
    const text = await panel.innerText();
    expect(text).toContain(grouped(serial));
    expect(text).toContain('هنوز چاپ نشده');
    await expectAccessible(operator.page);
    await screenshot(operator.page, 'letter-desk-desktop');
    await printLetter(operator.context, operator.page, 1);

    await operator.kase.take('تحویل پاسخ به مالک');
    await operator.kase.reached('delivered');
    expect(await operator.kase.section('پاسخ نهایی').innerText()).toContain(grouped(serial));
    const handOver = (await operator.kase.timelineItems.allInnerTexts()).find((x) => x.includes('تحویل پاسخ به مالک'))!;
    expect(handOver).toContain(grouped(serial));
    await printLetter(operator.context, operator.page, 2);

    const staff = await e2e.t.db.selectFrom('staff').select('id').where('username', '=', desk).executeTakeFirstOrThrow();
    const rows = await printRows();
    expect(rows.map((r) => r.actor_staff_id)).toEqual([staff.id, staff.id]);
    expect(rows.map((r) => JSON.parse(r.details!))).toEqual([
      expect.objectContaining({ requestId: caseId, serial, copy: 1 }),
      expect.objectContaining({ requestId: caseId, serial, copy: 2 }),
    ]);
    const delivered = await e2e.t.db.selectFrom('responses').select('delivered_letter_serial').where('request_id', '=', caseId).executeTakeFirstOrThrow();
    expect(delivered.delivered_letter_serial).toBe(serial);

    // The printed PDF (what the tab showed) carries the serial, and the desk opens its verification page.
    const pdf = await operator.context.request.get(`${e2e.baseUrl}/api/requests/${caseId}/letter`);
    const bytes = await pdf.body();
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(bytes)).toContain(`/verify/${serial}`);
    const opened = operator.context.waitForEvent('page');
    await panel.getByRole('link', { name: 'صفحه استعلام اصالت نامه' }).click();
    const verifyTab = await opened;
    const verify = new VerifyPage(verifyTab, e2e.baseUrl);
    await verify.verdict.waitFor();
    expect(verifyTab.url()).toBe(`${e2e.baseUrl}/verify/${serial}`);
    expect(await verify.verdict.innerText()).toContain('معتبر است');
    await verify.compare('letter.pdf', bytes);
    await expect.poll(() => verify.fileResult.innerText()).toBe('این نامه با نسخه صادرشده یکسان است.');
    await screenshot(verifyTab, 'letter-verify-from-desk');
    await verifyTab.close();
    expect(operator.logged).toEqual([]);
    expect(operator.errors).toEqual([]);
    await operator.context.close();
  }, 180_000); // two prints, a hand-over and the verification page: slow on a busy machine

  it('the case page with its letter reads at 360 px', async () => {
    const operator = await caseAs(desk, 'phone');
    await operator.page.locator('[data-testid="case-letter"][data-status="printed"]').waitFor();
    await operator.page.getByTestId('case-letter').scrollIntoViewIfNeeded();
    await screenshot(operator.page, 'letter-desk-phone');
    await operator.context.close();
  });
});

describe("the citizen's copy", () => {
  it('the citizen signs in to the portal and downloads their own letter, a PDF with its serial', async () => {
    const mobile = (await e2e.t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow()).mobile!;
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    const citizen = new CitizenPage(page, e2e.baseUrl);
    await citizen.goto();
    await citizen.requestCode(persian(mobile));
    await citizen.enterCode(inbox.at(-1)!.text.match(/[۰-۹]{6}/)![0]);
    await page.getByRole('heading', { name: 'درخواست‌های من' }).waitFor();
    await citizen.openRequest(persian(trackingCode));
    const download = page.getByRole('link', { name: 'دریافت نامه پاسخ (پی‌دی‌اف)' });
    await download.waitFor();
    expect(await page.getByText(grouped(serial)).count()).toBe(1);
    await screenshot(page, 'letter-citizen-phone');
    const href = (await download.getAttribute('href'))!;
    const res = await context.request.get(new URL(href, e2e.baseUrl).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(bytes)).toContain(`/verify/${serial}`);
    const audit = await e2e.t.db.selectFrom('audit_log').select('details').where('action', '=', 'citizen.letter_download').execute();
    expect(audit.map((a) => JSON.parse(a.details!).serial)).toEqual([serial]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
