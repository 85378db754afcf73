/** /citizen: sign-in by SMS code, the citizen's own requests and files, proposing a visit date. */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, usernameOf } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import type { SmsMessage } from '../../server/platform/sms.js';
import { expectAccessible, openPage, screenshot } from '../fixtures/browser.js';
import { useE2e } from '../fixtures/server.js';
import { CitizenPage } from '../pages/CitizenPage.js';

const inbox: SmsMessage[] = [];
const e2e = useE2e({ sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
const persian = (ascii: string) => ascii.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
let mobile: string;
let trackingCode: string;

beforeAll(async () => {
  const property = await districtProperty(e2e.t.db, 3);
  mobile = (await e2e.t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow()).mobile!;
  const operator = await signIn(e2e.t.app, await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 }));
  trackingCode = (await registerCase(operator, property)).trackingCode;
});

describe('the citizen portal', () => {
  it('signs in with a code typed in Persian digits, lists the requests, and takes a proposed visit date', async () => {
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    // The portal never asks who of the staff is signed in.
    const staffChecks: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/auth/me') && staffChecks.push(r.url())));
    const citizen = new CitizenPage(page, e2e.baseUrl);
    await citizen.goto();
    await expectAccessible(page);
    await screenshot(page, 'citizen-signin-phone');
    await citizen.requestCode(persian(mobile));
    const code = inbox.at(-1)!.text.match(/[۰-۹]{6}/)![0];
    await citizen.enterCode(code);
    await page.getByRole('heading', { name: 'درخواست‌های من' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'citizen-home-phone');
    await citizen.openRequest(persian(trackingCode));
    await page.getByText('ثبت درخواست در دفتر پیشخوان').waitFor();
    expect(await page.getByText('پاسخ نهایی هنوز صادر نشده است.').count()).toBe(1);
    await screenshot(page, 'citizen-request-phone');
    // 15 Azar 1405 (Sunday 2026-12-06): a working day well after the third working day from the test clock.
    await page.getByRole('button', { name: 'تاریخ پیشنهادی' }).click();
    await page.getByRole('button', { name: '۱۵ آذر ۱۴۰۵' }).click();
    await page.getByRole('button', { name: 'ثبت پیشنهاد' }).click();
    await page.getByText('تاریخ پیشنهادی شما: ۱۵ آذر ۱۴۰۵').waitFor();
    const stored = await e2e.t.db.selectFrom('requests').select('proposed_visit_date').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    expect(stored.proposed_visit_date).toBe('2026-12-06');

    // Signing out leaves nothing of the citizen on screen (a counter's screen is shared), and a
    // case's address opened afterwards asks for the code again instead of a dead end.
    // «خروج» is on the case's page too.
    await page.getByRole('button', { name: 'خروج' }).click();
    await page.getByLabel('شماره همراه').waitFor();
    expect(await page.getByText(persian(mobile)).count()).toBe(0);
    expect(await page.getByText(persian(trackingCode)).count()).toBe(0);
    const caseId = (await e2e.t.db.selectFrom('requests').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow()).id;
    await page.goto(`${e2e.baseUrl}/citizen/requests/${caseId}`);
    await page.getByLabel('شماره همراه').waitFor();
    expect(staffChecks).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
