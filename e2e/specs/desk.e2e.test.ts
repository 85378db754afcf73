/**
 * The desk (میز خدمت) through its screens only: open a property file with two owners (one
 * registered on the spot), register an inspection request, print the receipt, find the case again
 * by its tracking code typed in Persian digits, and open the case page; another district's desk
 * sees "not found" at the same address. Then the case page's action panels, each role in turn.
 */
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { signIn } from '../../server/test/app.js';
import { act, assignedInspector, districtProperty, registerCase, UNPAID } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { CasePage } from '../pages/CasePage.js';
import { DeskPage } from '../pages/DeskPage.js';
import { IntakePage } from '../pages/IntakePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { PropertyPage } from '../pages/PropertyPage.js';
import { ReceiptPage } from '../pages/ReceiptPage.js';
import { StaffShell } from '../pages/StaffShell.js';
import { faDigits, pickDate } from '../pages/widgets.js';

const e2e = useE2e();
const DESK = 'o10573449-op1'; // a desk in district 3
const OTHER_DISTRICT_DESK = 'o10837009-op1'; // a desk in district 5
const SERVICE = 'تشکیل پرونده و درخواست بازدید';
const POSTAL_CODE = '8175913579';

const ascii = (fa: string) => fa.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

/** A national code with its check digit (the last digit), as the national registry makes them. */
function withCheckDigit(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}

let existingOwner: { nationalCode: string; name: string };
let newOwnerCode: string;
let photo: Buffer;
/** What the desktop walk-through made, for the phone screenshots and the scope check. */
const made = { propertyId: '', caseId: '', trackingCode: '' };

beforeAll(async () => {
  const person = await e2e.t.db
    .selectFrom('persons')
    .select(['national_code', 'first_name', 'last_name'])
    .where('kind', '=', 'natural')
    .orderBy('national_code')
    .executeTakeFirstOrThrow();
  existingOwner = { nationalCode: person.national_code, name: `${person.first_name} ${person.last_name}` };
  newOwnerCode = withCheckDigit('003917452');
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a9d8f' } }).png().toBuffer();
});

describe('the desk', () => {
  it('opens a file with two owners, registers an inspection request, prints the receipt and finds the case by its tracking code', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);

    // Signed in through the form, as the operator does every morning.
    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn(DESK, DEMO_PASSWORD);
    const shell = new StaffShell(page);
    await shell.heading.getByText('کارتابل').waitFor();
    expect(await shell.menu.getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining(['جست‌وجوی پرونده', 'تشکیل پرونده ملک', 'درخواست‌ها']));

    // Nothing has this postal code yet: the empty state offers a new file.
    await shell.menu.getByRole('link', { name: 'جست‌وجوی پرونده' }).click();
    const desk = new DeskPage(page, e2e.baseUrl);
    await page.getByRole('heading', { level: 1, name: 'جست‌وجوی پرونده' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await desk.search(faDigits(POSTAL_CODE));
    await desk.nothingFound.waitFor();
    expect(await desk.kinds.innerText()).toContain('کد پستی');
    await expectAccessible(page);
    await screenshot(page, 'desk-search-desktop');
    await desk.newPropertyFromEmptyState();

    // The file: identifiers, and 3 + 3 dang between a registered owner and one registered here.
    const property = new PropertyPage(page);
    await property.heading.getByText('تشکیل پرونده ملک').waitFor();
    await property.fillIdentifiers({ postalCode: faDigits(POSTAL_CODE), plate: ['16301', '57', '10'], address: 'اصفهان، خیابان چهارباغ عباسی، کوچه ۱۲، پلاک ۴', landUse: 'مسکونی', landArea: '240' });
    await property.addOwner({ nationalCode: faDigits(existingOwner.nationalCode), shareDang: '3' });
    await property.addOwner({
      nationalCode: newOwnerCode,
      newPerson: { firstName: 'مریم', lastName: 'کاظمی', fatherName: 'علی', mobile: '۰۹۱۳۱۲۳۴۵۶۷' },
      shareDang: '3',
    });
    expect(await property.ownerRows.allInnerTexts()).toEqual([expect.stringContaining(existingOwner.name), expect.stringContaining('مریم کاظمی')]);
    await expect.poll(() => property.sharesTotal.innerText()).toBe('جمع سهم‌ها: ۳ از ۶ دانگ'.replace('۳', '۶'));
    await expectAccessible(page);
    await screenshot(page, 'desk-property-form-desktop');
    await property.save();
    await page.waitForURL(/\/properties\/[0-9a-f-]{36}$/);
    made.propertyId = page.url().split('/').pop()!;
    await property.heading.getByText(/^پرونده ملک اصفهان-/).waitFor();
    expect(await page.getByRole('region', { name: 'مالکان' }).innerText()).toContain('مریم کاظمی');

    // The request: its own form, the documents checklist, a scanned deed.
    await property.startRequest();
    const intake = new IntakePage(page);
    await intake.waitFor();
    await intake.chooseService(SERVICE);
    await intake.chooseOption('علت درخواست بازدید', 'تشکیل پرونده جدید');
    await intake.fill('تلفن همراه برای هماهنگی بازدید', '۰۹۱۳۱۲۳۴۵۶۷');
    await intake.fill('توضیحات', 'ملک کلنگی است؛ مالکان قصد نوسازی دارند.');
    // Sent without the required documents: each one is asked for.
    await intake.submit();
    await expect.poll(() => page.getByText('همه مدارک الزامی باید ارائه و علامت زده شود').count()).toBe(2);
    await intake.tick('سند مالکیت (الزامی)');
    await intake.tick('کارت ملی مالک (الزامی)');
    await intake.attach('سند مالکیت', { name: 'deed.png', mimeType: 'image/png', buffer: photo });
    // Paid on the card reader, so the case goes to its inspector with the intake.
    await intake.markPaid('۷۴۰۳۱۸۲۹');
    await expectAccessible(page);
    await screenshot(page, 'desk-intake-desktop');
    await intake.submit();

    // The receipt, on A5 and on a thermal roll, printed without the app's frame.
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}\/receipt$/);
    made.caseId = page.url().split('/').at(-2)!;
    const receipt = new ReceiptPage(page);
    await receipt.trackingCode.waitFor();
    made.trackingCode = ascii(await receipt.trackingCode.innerText());
    expect(made.trackingCode).toMatch(/^\d{10}$/);
    await receipt.qr.waitFor();
    await expect.poll(() => receipt.receipt.innerText()).toContain('۳٬۵۰۰٬۰۰۰ ریال');
    // The expected answer is the case's own due time (below, the case page shows the same day).
    const receiptDue = await page.getByTestId('receipt-due').innerText();
    expect(receiptDue).toMatch(/^[۰-۹]{1,2} [آ-ی]+ ۱۴۰۵$/);
    // The applicant is the file's first owner unless the clerk picks another.
    expect(await receipt.receipt.innerText()).toMatch(new RegExp(`متقاضی\\s*(مریم کاظمی|${existingOwner.name})`));
    // The server keeps ASCII digits; the page shows the address in Persian ones.
    expect(await receipt.receipt.innerText()).toContain('کوچه ۱۲، پلاک ۴');
    await expectAccessible(page);
    await screenshot(page, 'desk-receipt-desktop');

    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await receipt.chooseLayout('کاغذ حرارتی ۸۰ میلی‌متری');
    expect(await receipt.receipt.getAttribute('data-layout')).toBe('thermal');
    await receipt.print();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    await page.emulateMedia({ media: 'print' });
    expect(await receipt.receipt.isVisible()).toBe(true);
    expect(await shell.menu.isVisible()).toBe(false);
    expect(await shell.userName.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'چاپ' }).isVisible()).toBe(false);
    // Kept beside the screenshots, to look at the roll as the printer gets it.
    const pdf = await page.pdf({ preferCSSPageSize: true, path: path.resolve(import.meta.dirname, '../../test-results/screenshots/desk-receipt-thermal.pdf') });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // 80 mm wide (227 pt), as long as the receipt.
    expect(pdf.toString('latin1')).toMatch(/MediaBox \[0 0 227\.\d+ \d+/);
    await page.emulateMedia({ media: 'screen' });

    // Found again from the search box, the tracking code typed in Persian digits.
    await desk.goto();
    await desk.search(faDigits(made.trackingCode));
    await desk.caseResults.getByRole('link', { name: faDigits(made.trackingCode) }).waitFor();
    expect(await desk.propertyResults.innerText()).toContain('چهارباغ عباسی، کوچه ۱۲');
    await desk.caseResults.getByRole('link', { name: faDigits(made.trackingCode) }).click();

    // The case page: header, file, form values with their labels, the deed's thumbnail, the timeline.
    const kase = new CasePage(page);
    await kase.heading.getByText(`پرونده ${faDigits(made.trackingCode)}`).waitFor();
    expect(await kase.header.innerText()).toContain('ارجاع به مامور بازدید');
    expect(await kase.header.innerText()).toContain('در موعد');
    expect(await kase.header.getByTestId('case-due').innerText()).toContain(`موعد پاسخ پرونده: ${receiptDue} ساعت`);
    expect(await kase.section('اطلاعات درخواست').innerText()).toMatch(/علت درخواست بازدید\s*تشکیل پرونده جدید/);
    await kase.section('مدارک').getByRole('img', { name: 'پیش‌نمایش deed.png' }).waitFor();
    expect(await kase.section('بازدید').innerText()).toContain('مامور بازدید');
    await expect.poll(() => kase.timelineItems.count()).toBe(3); // registered, paid, assigned
    expect(await kase.timelineItems.first().innerText()).toMatch(/ثبت درخواست در دفتر پیشخوان[\s\S]*کارشناس دفتر پیشخوان[\s\S]*۸ آذر ۱۴۰۵/);
    // An operator has no action at this step; the panels are for the roles whose turn it is.
    expect(await page.getByRole('heading', { name: 'اقدام‌های شما' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'desk-case-desktop');

    // The office's list, filtered by the case's state.
    await shell.menu.getByRole('link', { name: 'درخواست‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'درخواست‌ها' }).waitFor();
    await page.getByRole('link', { name: faDigits(made.trackingCode) }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'desk-cases-desktop');

    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });

  it("answers another district's desk with not found at the case's address", async () => {
    expect(made.caseId, 'the walk-through above registers the case').not.toBe('');
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, OTHER_DISTRICT_DESK);
    await page.goto(`${e2e.baseUrl}/requests/${made.caseId}`);
    await page.getByRole('heading', { level: 1, name: 'پرونده پیدا نشد' }).waitFor();
    expect(await page.getByText(faDigits(made.trackingCode)).count()).toBe(0);
    // Said once, with what it means under it.
    expect(await page.getByText('پرونده پیدا نشد', { exact: true }).count()).toBe(1);
    // The browser logs the refused call itself; nothing else may go wrong.
    expect(errors).toEqual([]);
    expect(logged.filter((e) => !e.includes(`/api/requests/${made.caseId})`))).toEqual([]);
    await context.close();
  });
});

describe('a second file for the same property', () => {
  it('is refused with a link to the file that exists', async () => {
    expect(made.propertyId, 'the walk-through above opens the file').not.toBe('');
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/properties/new`);
    const property = new PropertyPage(page);
    await property.fillIdentifiers({ postalCode: POSTAL_CODE, plate: ['16302', '1', '10'], address: 'اصفهان، خیابان چهارباغ عباسی، کوچه ۱۲', landUse: 'تجاری', landArea: '120' });
    await property.addOwner({ nationalCode: existingOwner.nationalCode, shareDang: '6' });
    await property.save();
    const alert = page.getByRole('alert').filter({ hasText: 'برای این ملک قبلاً پرونده تشکیل شده است' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('کد پستی یکسان است');
    await alert.getByRole('link', { name: /^باز کردن پرونده اصفهان-/ }).click();
    await page.waitForURL(`${e2e.baseUrl}/properties/${made.propertyId}`);
    expect(errors).toEqual([]);
    // The browser logs the refused save's 409 itself.
    expect(logged.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await context.close();
  });
});

describe('the owners of a new file on a phone', () => {
  it('fit the card: each row with its share and its remove button in sight, the national code under the name', async () => {
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/properties/new`);
    const property = new PropertyPage(page);
    await property.addOwner({ nationalCode: existingOwner.nationalCode, shareDang: '6' });
    const row = page.getByTestId('owner-row').first();
    await row.waitFor();
    const remove = row.getByRole('button', { name: /^حذف/ });
    const card = page.locator('section[aria-labelledby="owners-title"]');
    const [button, box] = await Promise.all([remove.boundingBox(), card.boundingBox()]);
    expect(button!.x).toBeGreaterThanOrEqual(box!.x);
    expect(button!.x + button!.width).toBeLessThanOrEqual(box!.x + box!.width);
    // Nothing of the table is out of sight sideways: the whole row is there without scrolling it.
    const table = card.locator('table');
    expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(1);
    expect((await table.boundingBox())!.x).toBeGreaterThanOrEqual(box!.x);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('screenshots at phone size', () => {
  it('of the search, file form, intake, receipt, case and list pages', async () => {
    expect(made.caseId, 'the walk-through above registers the case').not.toBe('');
    const viewport: Viewport = 'phone';
    const { page, context, errors } = await openPage(e2e.browser, viewport);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    const shots: [string, string, string][] = [
      ['desk-search', `/search?q=${encodeURIComponent(faDigits(made.trackingCode))}`, 'درخواست‌ها (۱)'],
      ['desk-property-form', `/properties/${made.propertyId}/edit`, 'مالکان و سهم هر یک'],
      ['desk-intake', `/requests/new?propertyId=${made.propertyId}`, 'متقاضی'],
      ['desk-receipt', `/requests/${made.caseId}/receipt`, 'رسید ثبت درخواست خدمات شهرسازی'],
      ['desk-case', `/requests/${made.caseId}`, 'سوابق پرونده'],
      ['desk-cases', '/requests', 'درخواست‌ها'],
    ];
    for (const [name, path, heading] of shots) {
      await page.goto(`${e2e.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      await expectAccessible(page);
      await screenshot(page, `${name}-${viewport}`);
    }
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });
});

describe("the case page's action panels", () => {
  /** Signed in as `username`, the browser's clock on the server's (the date picker opens on "today"). */
  async function caseAs(username: string, caseId: string) {
    const opened = await openPage(e2e.browser);
    await opened.page.clock.setFixedTime(e2e.t.clock.now());
    const logged = consoleErrors(opened.page);
    await signInThroughApi(opened.context, e2e.baseUrl, username);
    await opened.page.goto(`${e2e.baseUrl}/requests/${caseId}`);
    const kase = new CasePage(opened.page);
    await kase.header.waitFor();
    return { ...opened, logged, kase };
  }

  it('take a case from the visit to the hand-over, each role with only its own panels', async () => {
    const desk = await signIn(e2e.t.app, DESK);
    const reviewerApi = await signIn(e2e.t.app, 'd3-reviewer1');
    const registered = await registerCase(desk, await districtProperty(e2e.t.db, 3));

    // The district reviewer sets the visit; someone else saving first is caught, not overwritten.
    const reviewer = await caseAs('d3-reviewer1', registered.id);
    expect(await reviewer.page.getByRole('form').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')))).toEqual(['assign_inspector', 'schedule_visit']);
    await expectAccessible(reviewer.page);
    await screenshot(reviewer.page, 'desk-case-panels-desktop');
    await pickDate(reviewer.page, reviewer.kase.panel('تعیین زمان بازدید'), 'تاریخ بازدید', '۹ آذر ۱۴۰۵');
    const before = (await reviewerApi.get(`/api/requests/${registered.id}`)).json();
    expect((await reviewerApi.post(`/api/requests/${registered.id}/schedule-visit`, { version: before.version, date: '2026-12-01', windowStart: '08:00', windowEnd: '09:00' })).statusCode).toBe(200);
    await reviewer.kase.take('تعیین زمان بازدید');
    await reviewer.kase.panel('تعیین زمان بازدید').getByText('این پرونده پس از باز شدن این صفحه تغییر کرده است', { exact: false }).waitFor();
    await reviewer.kase.panel('تعیین زمان بازدید').getByRole('button', { name: 'بارگذاری دوباره' }).click();
    await expect.poll(() => reviewer.kase.section('بازدید').innerText()).toContain('۱۰ آذر ۱۴۰۵، ساعت ۰۸:۰۰ تا ۰۹:۰۰');
    await reviewer.kase.take('تعیین زمان بازدید');
    await expect.poll(() => reviewer.kase.section('بازدید').innerText()).toContain('۹ آذر ۱۴۰۵، ساعت ۰۹:۰۰ تا ۱۱:۰۰');
    await reviewer.kase.reached('visit_scheduled');

    // The report is the inspector's own page; here it arrives through the API.
    const inspector = await assignedInspector(e2e.t, registered);
    const scheduled = (await inspector.get(`/api/requests/${registered.id}`)).json();
    const report = await inspector.post(`/api/requests/${registered.id}/inspection-report`, {
      version: scheduled.version,
      findings: 'ساختمان یک طبقه مسکونی؛ عقب‌نشینی ۲ متری رعایت نشده است.',
      measurements: { frontage: 12.5 },
      checklist: scheduled.service.inspectionChecklist.map((c: { code: string }, i: number) => ({ code: c.code, ok: i !== 2 })),
      violations: [{ descriptionFa: 'عدم رعایت عقب‌نشینی', severity: 'minor' }],
      gps: { lat: 32.6546, lng: 51.6680, accuracyM: 9 },
      visitedAt: e2e.t.clock.now().toISOString(),
    });
    expect(report.statusCode, report.body).toBe(200);

    await reviewer.page.reload();
    await reviewer.kase.panel('اظهار نظر کارشناس منطقه').waitFor();
    expect(await reviewer.kase.section('بازدید').innerText()).toMatch(/نامطابق\s*عقب‌نشینی و بر اصلاحی رعایت شده است/);
    expect(await reviewer.kase.section('بازدید').innerText()).toContain('عقب‌نشینی ۲ متری');
    // The recommendation's note is required: asked for before anything is sent.
    await reviewer.kase.take('اظهار نظر کارشناس منطقه');
    await reviewer.kase.panel('اظهار نظر کارشناس منطقه').getByText('دست‌کم سه نویسه بنویسید').waitFor();
    await reviewer.page.getByLabel('شرح نظر').fill('با شرط رعایت عقب‌نشینی موافقت شود.');
    await reviewer.kase.take('اظهار نظر کارشناس منطقه');
    await reviewer.kase.reached('awaiting_decision');
    expect(await reviewer.page.getByRole('form').count()).toBe(1); // only "return for correction" is left to the reviewer
    // The browser logs the stale save's 409 itself; nothing else went wrong.
    expect(reviewer.logged.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await reviewer.context.close();

    // The approver approves with a condition, then issues the answer.
    const approver = await caseAs('d3-approver', registered.id);
    await approver.page.getByLabel('شرایط تایید (هر شرط در یک سطر؛ اختیاری)').fill('رعایت عقب‌نشینی ۲ متری\n\nنصب تابلوی مشخصات');
    await approver.kase.take('تایید درخواست');
    await approver.kase.panel('صدور پاسخ نهایی').waitFor();
    await approver.kase.take('صدور پاسخ نهایی');
    await approver.kase.reached('response_issued');
    const answer = approver.kase.section('پاسخ نهایی');
    expect(await answer.innerText()).toMatch(/شماره نامه/);
    expect(await answer.innerText()).toContain('نصب تابلوی مشخصات');
    expect(approver.logged).toEqual([]);
    await approver.context.close();

    // Back at the desk the owner collects the answer; the receiver defaults to the applicant.
    const operator = await caseAs(DESK, registered.id);
    await operator.kase.take('تحویل پاسخ به مالک');
    await operator.kase.reached('delivered');
    expect(await operator.kase.section('پاسخ نهایی').innerText()).toMatch(/تحویل به\s*\S+/);
    expect(await operator.page.getByRole('form').count()).toBe(0);
    expect(await operator.kase.timelineItems.allInnerTexts()).toEqual([
      expect.stringContaining('ثبت درخواست در دفتر پیشخوان'),
      expect.stringContaining('ثبت پرداخت'),
      expect.stringContaining('ارجاع به مامور بازدید'),
      expect.stringContaining('تعیین زمان بازدید'),
      expect.stringContaining('تعیین زمان بازدید'),
      expect.stringContaining('ثبت گزارش بازدید'),
      expect.stringContaining('اظهار نظر کارشناس منطقه'),
      expect.stringContaining('تایید شهرداری منطقه'),
      expect.stringContaining('صدور پاسخ نهایی'),
      expect.stringContaining('تحویل پاسخ به مالک'),
    ]);
    await expectAccessible(operator.page);
    await screenshot(operator.page, 'desk-case-delivered-desktop');
    expect(operator.logged).toEqual([]);
    await operator.context.close();
  });

  it("cancel only after the desk manager confirms, with the reason on the case", async () => {
    const registered = await registerCase(await signIn(e2e.t.app, DESK), await districtProperty(e2e.t.db, 3));
    const manager = await caseAs('o10573449-manager', registered.id);
    await manager.kase.take('لغو درخواست');
    await manager.kase.panel('لغو درخواست').getByText('دست‌کم سه نویسه بنویسید').waitFor();
    await manager.page.getByLabel('علت لغو').fill('انصراف مالک از درخواست');
    await manager.kase.press('لغو درخواست');
    const dialog = manager.kase.confirmation('لغو درخواست');
    await dialog.getByRole('button', { name: 'بازگشت' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.kase.reached('inspector_assigned');
    await manager.kase.press('لغو درخواست');
    await dialog.getByRole('button', { name: 'بله، لغو شود' }).click();
    await manager.kase.reached('cancelled');
    expect(await manager.kase.section('لغو درخواست').innerText()).toMatch(/علت لغو\s*انصراف مالک از درخواست/);
    expect(manager.logged).toEqual([]);
    await manager.context.close();
  });
});

describe("the service fee and the case's clock on the case page", () => {
  /** 3,500,000 rials: property_inspection's fee, as the page writes it. */
  const FEE = '۳٬۵۰۰٬۰۰۰ ریال';

  it('a fee paid on the card reader at intake shows on the case page as paid, with its reference', async () => {
    const property = await districtProperty(e2e.t.db, 3);
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/requests/new?propertyId=${property.id}`);
    const intake = new IntakePage(page);
    await intake.waitFor();
    await intake.chooseService(SERVICE);
    await intake.chooseOption('علت درخواست بازدید', 'تشکیل پرونده جدید');
    await intake.fill('تلفن همراه برای هماهنگی بازدید', '۰۹۱۳۱۲۳۴۵۶۷');
    await intake.tick('سند مالکیت (الزامی)');
    await intake.tick('کارت ملی مالک (الزامی)');
    // «پرداخت شد» without the card reader's reference is asked about before anything is sent.
    await page.getByRole('checkbox', { name: 'پرداخت شد', exact: true }).check();
    await intake.submit();
    await page.getByText('شماره پیگیری پرداخت را وارد کنید', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0)); // the full-page shot starts at the top, the header in place
    expect(page.url()).toContain('/requests/new');
    // Typed on an English keyboard, shown in Persian digits.
    await intake.markPaid('74031829');
    expect(await page.getByLabel('شماره پیگیری کارتخوان', { exact: true }).inputValue()).toBe('۷۴۰۳۱۸۲۹');
    await expectAccessible(page);
    await screenshot(page, 'desk-intake-payment-desktop');
    await intake.submit();

    await page.waitForURL(/\/requests\/[0-9a-f-]{36}\/receipt$/);
    const caseId = page.url().split('/').at(-2)!;
    // The receipt tells the applicant the fee was paid, with the card reader's reference.
    await expect.poll(() => new ReceiptPage(page).receipt.innerText()).toMatch(/هزینه خدمت\s*۳٬۵۰۰٬۰۰۰ ریال — پرداخت شد، شماره پیگیری ۷۴۰۳۱۸۲۹/);
    await page.goto(`${e2e.baseUrl}/requests/${caseId}`);
    const kase = new CasePage(page);
    await kase.fee.waitFor();
    expect(await kase.fee.getAttribute('data-paid')).toBe('true');
    const fee = await kase.fee.innerText();
    expect(fee).toMatch(new RegExp(`^${FEE}\\s*پرداخت شد\\s*شماره پیگیری: ۷۴۰۳۱۸۲۹\\s*زمان پرداخت: ۸ آذر ۱۴۰۵ ساعت ۰۹:۰۰$`));
    expect(fee).not.toMatch(/[0-9]/);
    expect(await kase.fee.getByRole('button', { name: 'ثبت پرداخت' }).count()).toBe(0);
    expect(await kase.section('متقاضی').innerText()).toMatch(/هزینه خدمت\s*۳٬۵۰۰٬۰۰۰ ریال/);
    // Each clock beside its own due time: the step's and the whole case's.
    expect(await kase.header.getByTestId('step-due').innerText()).toMatch(/^موعد مرحله فعلی: ۱۱ آذر ۱۴۰۵ ساعت ۲۳:۵۹\s*در موعد$/);
    expect(await kase.header.getByTestId('case-due').innerText()).toMatch(/^موعد پاسخ پرونده: \S+ دی ۱۴۰۵ ساعت ۲۳:۵۹\s*در موعد$/);

    // The server keeps the reference in ASCII digits, with the moment it was paid.
    const saved = (await (await signIn(e2e.t.app, DESK)).get(`/api/requests/${caseId}`)).json();
    expect(saved.fee).toEqual({ rials: 3_500_000, paid: true, reference: '74031829', paidAt: e2e.t.clock.now().toISOString() });
    await expectAccessible(page);
    await screenshot(page, 'desk-case-paid-desktop');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();

    // On a phone: the payment section of the intake form, and the paid case.
    const phone = await openPage(e2e.browser, 'phone');
    const phoneLogged = consoleErrors(phone.page);
    await signInThroughApi(phone.context, e2e.baseUrl, DESK);
    await phone.page.goto(`${e2e.baseUrl}/requests/new?propertyId=${property.id}`);
    const phoneIntake = new IntakePage(phone.page);
    await phoneIntake.waitFor();
    await phoneIntake.chooseService(SERVICE);
    await phoneIntake.markPaid('۷۴۰۳۱۸۳۰');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await expectAccessible(phone.page);
    await screenshot(phone.page, 'desk-intake-payment-phone');
    await phone.page.goto(`${e2e.baseUrl}/requests/${caseId}`);
    await new CasePage(phone.page).fee.waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await expectAccessible(phone.page);
    await screenshot(phone.page, 'desk-case-paid-phone');
    expect(phone.errors).toEqual([]);
    expect(phoneLogged).toEqual([]);
    await phone.context.close();
  });

  it('an unpaid fee is recorded later from the case page with «ثبت پرداخت»', async () => {
    const desk = await signIn(e2e.t.app, DESK);
    const registered = await registerCase(desk, await districtProperty(e2e.t.db, 3), undefined, undefined, undefined, UNPAID);
    expect(registered.fee).toMatchObject({ paid: false, reference: null });

    // The phone first: the small payment form must fit beside the amount.
    const phone = await openPage(e2e.browser, 'phone');
    const phoneLogged = consoleErrors(phone.page);
    await signInThroughApi(phone.context, e2e.baseUrl, DESK);
    await phone.page.goto(`${e2e.baseUrl}/requests/${registered.id}`);
    await new CasePage(phone.page).fee.getByRole('button', { name: 'ثبت پرداخت' }).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await expectAccessible(phone.page);
    await screenshot(phone.page, 'desk-case-unpaid-phone');
    expect(phone.errors).toEqual([]);
    expect(phoneLogged).toEqual([]);
    await phone.context.close();

    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK);
    await page.goto(`${e2e.baseUrl}/requests/${registered.id}`);
    const kase = new CasePage(page);
    await kase.fee.waitFor();
    expect(await kase.fee.getAttribute('data-paid')).toBe('false');
    expect(await kase.fee.innerText()).toMatch(/۳٬۵۰۰٬۰۰۰ ریال\s*پرداخت نشده/);
    // Held at the desk until paid (decisions/0020): said in the header and beside the fee.
    await kase.reached('registered');
    expect(await kase.header.locator('[data-unpaid="true"]').innerText()).toBe('پرداخت نشده');
    expect(await kase.fee.getByTestId('fee-hold').innerText()).toBe('تا پرداخت هزینه ثبت نشود، پرونده به مامور بازدید ارجاع نمی‌شود.');
    // Nothing to send until a reference is typed.
    expect(await kase.fee.getByRole('button', { name: 'ثبت پرداخت' }).isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'desk-case-unpaid-desktop');

    // The desk's list marks it too.
    await page.goto(`${e2e.baseUrl}/requests`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: faDigits(registered.trackingCode) }) });
    expect(await row.locator('[data-unpaid="true"]').innerText()).toBe('پرداخت نشده');
    await screenshot(page, 'desk-cases-unpaid-desktop');
    await page.goto(`${e2e.baseUrl}/requests/${registered.id}`);
    await kase.fee.waitFor();

    await kase.recordPayment('۵۵۲۰۱۹');
    // Paid: the inspector it was waiting for is assigned at once.
    await kase.reached('inspector_assigned');
    expect(await kase.header.locator('[data-unpaid]').count()).toBe(0);
    const fee = await kase.fee.innerText();
    expect(fee).toMatch(/پرداخت شد\s*شماره پیگیری: ۵۵۲۰۱۹/);
    expect(fee).not.toContain('پرداخت نشده');
    expect(await kase.fee.getByRole('button', { name: 'ثبت پرداخت' }).count()).toBe(0);
    const saved = (await desk.get(`/api/requests/${registered.id}`)).json();
    expect(saved.fee).toEqual({ rials: 3_500_000, paid: true, reference: '552019', paidAt: e2e.t.clock.now().toISOString() });
    expect(saved.version).toBeGreaterThan(registered.version);
    // Still paid after a reload: the page shows what the server kept.
    await page.reload();
    await page.locator('[data-testid="case-fee"][data-paid="true"]').waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });

  it('a case returned for correction shows the grey paused clock and the time already waited', async () => {
    const desk = await signIn(e2e.t.app, DESK);
    const registered = await registerCase(desk, await districtProperty(e2e.t.db, 3));
    const inspector = await assignedInspector(e2e.t, registered);
    await act(inspector, registered.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' });
    await act(inspector, registered.id, 'inspection-report', {
      findings: 'مطابق سند؛ تخلفی مشاهده نشد.',
      checklist: registered.service.inspectionChecklist.map((i: { code: string }) => ({ code: i.code, ok: true })),
      violations: [],
      gps: { lat: 32.65, lng: 51.67 },
      visitedAt: e2e.t.clock.now().toISOString(),
    });
    // Returned on Sunday 09:00, resubmitted on Wednesday 14:00 (3 days 5 hours), returned again.
    await act(await signIn(e2e.t.app, 'd3-reviewer1'), registered.id, 'return', { reasons: ['تصویر سند خوانا نیست'] });
    e2e.t.clock.set(new Date(Date.parse('2026-12-02T14:00:00+03:30')).toISOString());
    const resubmitted = await act(await signIn(e2e.t.app, DESK), registered.id, 'resubmit', { note: 'سند جدید ارائه شد' });
    expect(resubmitted.pausedSeconds).toBe(3 * 86_400 + 5 * 3600);
    const returned = await act(await signIn(e2e.t.app, 'd3-reviewer1'), registered.id, 'return', { reasons: ['امضای مالک در فرم نیست'] });
    expect(returned).toMatchObject({ state: 'returned_to_office', sla: 'paused', slaState: null, stepDueAt: null, pausedSeconds: 3 * 86_400 + 5 * 3600 });

    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, context, errors } = await openPage(e2e.browser, viewport);
      const logged = consoleErrors(page);
      await signInThroughApi(context, e2e.baseUrl, DESK);
      await page.goto(`${e2e.baseUrl}/requests/${registered.id}`);
      const kase = new CasePage(page);
      await kase.reached('returned_to_office');
      const paused = kase.header.locator('[data-case-sla="paused"]');
      expect(await paused.innerText()).toBe('زمان متوقف؛ در انتظار اصلاح متقاضی');
      // Not one of the step's SLA colours: the returned step has none.
      expect(await kase.header.locator('[data-sla]').count()).toBe(0);
      const header = await kase.header.innerText();
      expect(header).toContain('زمان انتظار برای متقاضی: ۳ روز و ۵ ساعت');
      // The paused badge stands beside the case's due time, which moves later by the wait once resubmitted.
      expect(await kase.header.getByTestId('case-due').innerText()).toMatch(/^موعد پاسخ پرونده: \S+ دی ۱۴۰۵ ساعت \S+\s*زمان متوقف؛ در انتظار اصلاح متقاضی$/);
      expect(header).not.toMatch(/[0-9]/);
      expect(header).not.toContain('در موعد');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      await expectAccessible(page);
      await screenshot(page, `desk-case-paused-${viewport}`);
      expect(errors).toEqual([]);
      expect(logged).toEqual([]);
      await context.close();
    }
  });
});
