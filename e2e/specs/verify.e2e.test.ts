/** /verify/:serial: a notary checks an answer letter from its QR code, and the PDF they were handed. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, usernameOf, type Client } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import { expectAccessible, expectVazirmatn, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { useE2e } from '../fixtures/server.js';
import { VerifyPage } from '../pages/VerifyPage.js';
import { printDueLetters } from '../../server/modules/letters/index.js';

const e2e = useE2e();
let serial: string;
let letterNumber: string;
let pdf: Buffer;
let approver: Client;

const persian = (ascii: string) => ascii.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

beforeAll(async () => {
  const operator = await signIn(e2e.t.app, await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 }));
  approver = await signIn(e2e.t.app, 'd3-approver');
  const property = await districtProperty(e2e.t.db, 3);
  const form = { notaryOfficeNumber: 128, notaryCity: 'اصفهان', notaryLetterNumber: '۱۴۰۵/۲۳۱۸', buyerNationalCode: '0499370899', transferType: 'sale' };
  const kase = await registerCase(operator, property, 'notary_transfer_inquiry', form, { notary_letter: true, ownership_deed: true, owner_national_card: true });
  let res = await operator.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
  res = await (await signIn(e2e.t.app, 'd3-reviewer1')).post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'بدون تخلف' });
  res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version });
  res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: res.json().version });
  expect(res.statusCode, res.body).toBe(200);
  await printDueLetters(e2e.t.app.ctx); // the letter job, as the server's poller would run it
  ({ serial } = (await operator.get(`/api/requests/${kase.id}`)).json().response.letter);
  letterNumber = res.json().response.letterNumber;
  pdf = (await operator.get(`/api/requests/${kase.id}/letter`)).rawPayload;
});

describe('verifying a letter', () => {
  it('shows the facts of a genuine letter, and says the very file handed over is identical to the issued one', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const verify = new VerifyPage(page, e2e.baseUrl);
    await verify.goto(serial);
    expect(await verify.verdict.innerText()).toBe('این نامه را شهرداری اصفهان صادر کرده است و معتبر است.');
    const facts = await verify.facts.innerText();
    for (const expected of [persian(letterNumber), 'استعلام دفترخانه برای نقل و انتقال', 'تنظیم سند انتقال رسمی در دفترخانه استعلام‌کننده', 'سردفتر محترم دفتر اسناد رسمی شماره ۱۲۸ اصفهان', '۸ آذر ۱۴۰۵']) {
      expect(facts).toContain(expected);
    }
    expect(facts).toMatch(/[۰-۹]{2}\*{6}[۰-۹]{2}/); // the postal code, masked
    expect(await verify.hash.innerText()).toBe(createHash('sha256').update(pdf).digest('hex'));

    await verify.compare('letter.pdf', pdf);
    expect(await verify.fileResult.innerText()).toBe('این نامه با نسخه صادرشده یکسان است.');
    await expectVazirmatn(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly that a tampered file does not match', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const verify = new VerifyPage(page, e2e.baseUrl);
    await verify.goto(serial);
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    await verify.compare('letter.pdf', tampered);
    await expect.poll(() => verify.fileResult.innerText()).toContain('این فایل با نامه صادرشده مطابقت ندارد.');
    await expectAccessible(page);
    await screenshot(page, 'verify-mismatch');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a serial typed from the paper, and says when there is no such letter', async () => {
    const { page, context } = await openPage(e2e.browser);
    const verify = new VerifyPage(page, e2e.baseUrl);
    await verify.goto();
    await verify.ask('ABCD-EFGH-JKMN');
    await expect.poll(() => verify.alert.innerText()).toContain('نامه‌ای با این شناسه صادر نشده است');
    await page.getByRole('button', { name: 'استعلام نامه دیگر' }).click();
    await verify.ask(`${serial.slice(0, 4)}-${serial.slice(4, 8)}-${serial.slice(8)}`.toLowerCase());
    await verify.verdict.waitFor();
    expect(page.url()).toMatch(/\/verify\/[\w-]+$/);
    await expectAccessible(page);
    await context.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
    it(`screenshot at ${viewport} size`, async () => {
      const { page, context } = await openPage(e2e.browser, viewport);
      const verify = new VerifyPage(page, e2e.baseUrl);
      await verify.goto(serial);
      await verify.compare('letter.pdf', pdf);
      await verify.fileResult.waitFor();
      await expectVazirmatn(page);
      await screenshot(page, `verify-${viewport}`);
      await context.close();
    });
  }

  it('a revoked letter says so, with the reason', async () => {
    const res = await approver.post(`/api/letters/${serial}/revoke`, { reason: 'صدور بر اساس سند نادرست' });
    expect(res.statusCode, res.body).toBe(200);
    const { page, context } = await openPage(e2e.browser);
    const verify = new VerifyPage(page, e2e.baseUrl);
    await verify.goto(serial);
    const verdict = await verify.verdict.innerText();
    expect(verdict).toContain('این نامه باطل شده است و اعتبار ندارد.');
    expect(verdict).toContain('علت ابطال: صدور بر اساس سند نادرست');
    await verify.compare('letter.pdf', pdf);
    expect(await verify.fileResult.innerText()).toBe('این فایل همان نامه صادرشده است، اما نامه باطل شده است.');
    await expectAccessible(page);
    await screenshot(page, 'verify-revoked');
    await context.close();
  });
});
