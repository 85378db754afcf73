/**
 * Forms that help (issue 10, item 11): irreversible decisions asked about first, a failed form
 * brought to its first problem, fields not red before anything is typed, «همه ارائه شد» leaving the
 * documents that apply only in some cases, and the receipt's expected answer being the case's due time.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../../server/test/app.js';
import { act, districtProperty, registerCase, visitAndReport } from '../../server/test/factories.js';
import type { SmsMessage } from '../../server/platform/sms.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { CasePage } from '../pages/CasePage.js';
import { CitizenPage } from '../pages/CitizenPage.js';
import { IntakePage } from '../pages/IntakePage.js';
import { ReceiptPage } from '../pages/ReceiptPage.js';
import { TrackPage } from '../pages/TrackPage.js';
import { faDigits } from '../pages/widgets.js';

const inbox: SmsMessage[] = [];
const e2e = useE2e({ sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
const DESK = 'o10573449-op1'; // a desk in district 3
const SERVICE = 'تشکیل پرونده و درخواست بازدید';

/** A district-3 case waiting on the approver's decision, brought there through the API. */
async function awaitingDecision() {
  const desk = await signIn(e2e.t.app, DESK);
  const kase = await registerCase(desk, await districtProperty(e2e.t.db, 3));
  await visitAndReport(e2e.t, kase);
  return act(await signIn(e2e.t.app, 'd3-reviewer1'), kase.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
}

async function caseAs(username: string, caseId: string, viewport: Viewport = 'desktop') {
  const opened = await openPage(e2e.browser, viewport);
  const logged = consoleErrors(opened.page);
  await signInThroughApi(opened.context, e2e.baseUrl, username);
  await opened.page.goto(`${e2e.baseUrl}/requests/${caseId}`);
  const kase = new CasePage(opened.page);
  await kase.header.waitFor();
  return { ...opened, logged, kase };
}

/** The case as the server has it now. */
async function stored(caseId: string) {
  return e2e.t.db.selectFrom('requests').select(['state', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** Whether the focused element shows a problem and is on screen. */
function focusedProblem(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    return { invalid: el.getAttribute('aria-invalid'), label: (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label'), onScreen: box.top >= 0 && box.bottom <= window.innerHeight };
  });
}

/** Generous for a machine shared by several test runs; nothing here waits on time passing. */
const SLOW = 150_000;
/** The case the issue test answers, for the hand-over test. */
let issuedId = '';

describe('irreversible decisions ask first', () => {
  it('approve: «بازگشت» or Escape leave the case as it was, «بله» approves; the question is worked from the keyboard', async () => {
    const waiting = await awaitingDecision();
    const trackingFa = faDigits(waiting.trackingCode);
    const { page, context, errors, logged, kase } = await caseAs('d3-approver', waiting.id);
    await page.getByLabel('شرایط تایید (هر شرط در یک سطر؛ اختیاری)').fill('نصب تابلوی مشخصات');

    // The question says what will happen, with the conditions; going back changes nothing.
    await kase.press('تایید درخواست');
    const approve = kase.confirmation('تایید درخواست');
    await approve.waitFor();
    const question = await approve.innerText();
    expect(question).toContain(`درخواست با کد رهگیری ${trackingFa} تایید می‌شود`);
    expect(question).toMatch(/با این شرایط:\s*نصب تابلوی مشخصات/);
    expect(question).toContain('این کار برگشت‌پذیر نیست.');
    // «بازگشت» has the focus, so Enter never decides by accident.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('بازگشت');
    await expectAccessible(page);
    await screenshot(page, 'confirm-approve-desktop');
    await approve.getByRole('button', { name: 'بازگشت' }).click();
    await approve.waitFor({ state: 'hidden' });
    expect(await stored(waiting.id)).toEqual({ state: 'awaiting_decision', version: waiting.version });
    // Escape closes it the same way.
    await kase.press('تایید درخواست');
    await approve.waitFor();
    await page.keyboard.press('Escape');
    await approve.waitFor({ state: 'hidden' });
    expect(await stored(waiting.id)).toEqual({ state: 'awaiting_decision', version: waiting.version });

    // From the keyboard: back one step from «بازگشت» to «بله، تایید شود», then Enter.
    await kase.press('تایید درخواست');
    await approve.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('بله، تایید شود');
    await page.keyboard.press('Enter');
    await kase.reached('approved');
    expect((await stored(waiting.id)).state).toBe('approved');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, SLOW);

  it('issue the final answer: the question names the decision; back first, then yes', async () => {
    const waiting = await awaitingDecision();
    await act(await signIn(e2e.t.app, 'd3-approver'), waiting.id, 'approve', {});
    const trackingFa = faDigits(waiting.trackingCode);
    const { context, errors, logged, kase } = await caseAs('d3-approver', waiting.id);
    await kase.panel('صدور پاسخ نهایی').waitFor();
    await kase.press('صدور پاسخ نهایی');
    const issue = kase.confirmation('صدور پاسخ نهایی');
    await issue.waitFor();
    expect(await issue.innerText()).toContain(`پاسخ نهایی درخواست با کد رهگیری ${trackingFa} (تایید) صادر می‌شود`);
    const before = await stored(waiting.id);
    await issue.getByRole('button', { name: 'بازگشت' }).click();
    await issue.waitFor({ state: 'hidden' });
    expect(await stored(waiting.id)).toEqual(before);
    await kase.take('صدور پاسخ نهایی');
    await kase.reached('response_issued');
    issuedId = waiting.id;
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, SLOW);

  it('hand-over: the question names the receiver', async () => {
    expect(issuedId, 'the test above issues the answer').not.toBe('');
    const waiting = (await (await signIn(e2e.t.app, DESK)).get(`/api/requests/${issuedId}`)).json();
    const desk = await caseAs(DESK, waiting.id, 'phone');
    await desk.kase.press('تحویل پاسخ به مالک');
    const deliver = desk.kase.confirmation('تحویل پاسخ به مالک');
    await deliver.waitFor();
    expect(await deliver.innerText()).toContain(`تحویل پاسخ به ${waiting.applicant.displayName} با کد ملی ${faDigits(waiting.applicant.nationalCode)} ثبت و پرونده بسته می‌شود.`);
    await screenshot(desk.page, 'confirm-deliver-phone');
    await deliver.getByRole('button', { name: 'بازگشت' }).click();
    await deliver.waitFor({ state: 'hidden' });
    expect((await stored(waiting.id)).state).toBe('response_issued');
    await desk.kase.take('تحویل پاسخ به مالک');
    await desk.kase.reached('delivered');
    expect(desk.errors).toEqual([]);
    expect(desk.logged).toEqual([]);
    await desk.context.close();
  }, SLOW);

  it('reject: the reasons are asked for first (the cursor put in the field), then the question lists them', async () => {
    const waiting = await awaitingDecision();
    const { page, context, errors, logged, kase } = await caseAs('d3-approver', waiting.id);
    const reject = kase.confirmation('رد درخواست');
    // Nothing typed: no question, the problem shown and focused.
    await kase.take('رد درخواست');
    await kase.panel('رد درخواست').getByText('دست‌کم یک مورد بنویسید').waitFor();
    await expect.poll(() => focusedProblem(page)).toMatchObject({ invalid: 'true', onScreen: true });
    expect(await reject.count()).toBe(0);
    await page.getByLabel('دلایل رد (هر دلیل در یک سطر)').fill('اضافه بنای بدون مجوز\nعدم رعایت عقب‌نشینی');
    await kase.press('رد درخواست');
    await reject.waitFor();
    expect(await reject.innerText()).toMatch(/به این دلایل:\s*اضافه بنای بدون مجوز\s*عدم رعایت عقب‌نشینی/);
    await reject.getByRole('button', { name: 'بازگشت' }).click();
    await reject.waitFor({ state: 'hidden' });
    expect(await stored(waiting.id)).toEqual({ state: 'awaiting_decision', version: waiting.version });
    await kase.take('رد درخواست');
    await kase.reached('rejected');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, SLOW);
});

describe('intake', () => {
  it('«همه ارائه شد» ticks the documents every case needs, never the power of attorney; a failed send goes to its first problem', async () => {
    const property = await districtProperty(e2e.t.db, 3);
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/requests/new?propertyId=${property.id}`);
    const intake = new IntakePage(page);
    await intake.waitFor();
    await intake.chooseService(SERVICE);

    await page.getByRole('button', { name: 'همه ارائه شد' }).click();
    const box = (name: string) => page.getByRole('checkbox', { name });
    expect(await box('سند مالکیت (الزامی)').isChecked()).toBe(true);
    expect(await box('کارت ملی مالک (الزامی)').isChecked()).toBe(true);
    expect(await box('فیش پرداخت عوارض نوسازی سال جاری').isChecked()).toBe(true);
    // The power of attorney stands apart, with when it applies, and is left as it was.
    const apart = page.getByRole('group', { name: 'مدارک موردی: فقط اگر لازم است، یکی‌یکی علامت بزنید' });
    expect(await apart.innerText()).toContain('فقط اگر وکیل مالک درخواست را ثبت می‌کند');
    const attorney = apart.getByRole('checkbox', { name: 'وکالت‌نامه رسمی (در صورت مراجعه وکیل)' });
    expect(await attorney.isChecked()).toBe(false);
    // Still ticked by hand when an attorney comes, and «همه ارائه شد» does not undo it.
    await attorney.check();
    await page.getByRole('button', { name: 'همه ارائه شد' }).click();
    expect(await attorney.isChecked()).toBe(true);
    await attorney.uncheck();
    await screenshot(page, 'intake-documents-phone');

    // Sent from the bottom of a long form with a required field empty: the page goes to it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await intake.submit();
    await expect.poll(() => focusedProblem(page)).toEqual({ invalid: 'true', label: expect.stringContaining('علت درخواست بازدید'), onScreen: true });
    expect(page.url()).toContain('/requests/new');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, SLOW);

  it("the receipt's expected answer is the case's due day, as the case page shows it", async () => {
    const property = await districtProperty(e2e.t.db, 3);
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/requests/new?propertyId=${property.id}`);
    const intake = new IntakePage(page);
    await intake.waitFor();
    await intake.chooseService(SERVICE);
    await page.getByRole('button', { name: 'همه ارائه شد' }).click();
    await intake.chooseOption('علت درخواست بازدید', 'تشکیل پرونده جدید');
    await intake.markPaid('۶۶۰۰۱۲');
    await intake.submit();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}\/receipt$/);
    const caseId = page.url().split('/').at(-2)!;
    const receipt = new ReceiptPage(page);
    await receipt.trackingCode.waitFor();
    const receiptDue = await page.getByTestId('receipt-due').innerText();
    expect(await receipt.receipt.innerText()).toMatch(new RegExp(`تاریخ تقریبی پاسخ\\s*${receiptDue}`));
    await page.goto(`${e2e.baseUrl}/requests/${caseId}`);
    const kase = new CasePage(page);
    const due = await kase.header.getByTestId('case-due').innerText();
    expect(due).toContain(`موعد پاسخ پرونده: ${receiptDue} ساعت`);
    // Both are the server's due_at for the case, on the Tehran calendar.
    const { due_at } = await e2e.t.db.selectFrom('requests').select('due_at').where('id', '=', caseId).executeTakeFirstOrThrow();
    const tehranDay = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(due_at!));
    expect(tehranDay.replace(/\u200f/g, '')).toBe(receiptDue);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, SLOW);
});

describe('fields are not red before anything is typed', () => {
  it('the citizen portal: the mobile and the SMS code fields; then checked on sending', async () => {
    const property = await districtProperty(e2e.t.db, 3);
    const mobile = (await e2e.t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow()).mobile!;
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    const citizen = new CitizenPage(page, e2e.baseUrl);
    await citizen.goto();
    const invalid = () => page.locator('[aria-invalid="true"]').count();
    expect(await invalid()).toBe(0);
    await citizen.requestCode(faDigits(mobile));
    // The code field has just appeared, empty: no problem shown yet.
    expect(await page.getByLabel('کد ورود').getAttribute('aria-invalid')).not.toBe('true');
    expect(await invalid()).toBe(0);
    await screenshot(page, 'citizen-code-fresh-phone');
    // Sent empty: now it is asked for.
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await expect.poll(() => page.getByLabel('کد ورود').getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the public tracking page', async () => {
    const { page, context } = await openPage(e2e.browser, 'phone');
    const track = new TrackPage(page, e2e.baseUrl);
    await track.goto();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await page.getByLabel('کد ملی').focus();
    await page.getByLabel('کد رهگیری').focus();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await context.close();
  });
});
