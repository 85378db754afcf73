/**
 * One inspection request end to end, through the screens only, each person on their own device:
 * the desk opens the file and registers the request (receipt printed), the inspector files the
 * report with a photo from a phone, the district reviewer recommends, the approver approves and
 * issues the answer, the desk hands it over, and the citizen sees it delivered on /track.
 * Then the return-for-correction path: the district sends the case back, the desk resubmits.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { signIn } from '../../server/test/app.js';
import { act, assignedInspector, districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, openPage, type Viewport } from '../fixtures/browser.js';
import { useE2e } from '../fixtures/server.js';
import { CasePage } from '../pages/CasePage.js';
import { IntakePage } from '../pages/IntakePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { PropertyPage } from '../pages/PropertyPage.js';
import { ReceiptPage } from '../pages/ReceiptPage.js';
import { ReportPage } from '../pages/ReportPage.js';
import { TrackPage } from '../pages/TrackPage.js';
import { VisitsPage } from '../pages/VisitsPage.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();
const DESK = 'o10573449-op1'; // a desk in district 3
const TODAY_FA = '۸ آذر ۱۴۰۵'; // Sunday 2026-11-29, the test clock's day
const CHECKLIST = ['کاربری موجود با کاربری مصوب مطابق است', 'مساحت عرصه با سند مطابق است', 'عقب‌نشینی و بر اصلاحی رعایت شده است'];
const ascii = (fa: string) => fa.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

let owner: { nationalCode: string };
let photo: Buffer;

beforeAll(async () => {
  const person = await e2e.t.db.selectFrom('persons').select('national_code').where('kind', '=', 'natural').orderBy('national_code', 'desc').executeTakeFirstOrThrow();
  owner = { nationalCode: person.national_code };
  photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a6d3b' } }).jpeg().toBuffer();
});

/** A person's own browser, signed in through the login form, the clock at the server's. */
async function signedIn(username: string, viewport: Viewport = 'desktop', location = false) {
  const opened = await openPage(e2e.browser, viewport);
  const logged = consoleErrors(opened.page);
  if (location) {
    await opened.context.grantPermissions(['geolocation'], { origin: e2e.baseUrl });
    await opened.context.setGeolocation({ latitude: 32.6521, longitude: 51.6712, accuracy: 10 });
  }
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  const login = new LoginPage(opened.page, e2e.baseUrl);
  await login.goto();
  await login.signIn(username, DEMO_PASSWORD);
  await opened.page.getByRole('heading', { level: 1, name: 'کارتابل' }).waitFor();
  const done = async () => {
    expect(opened.errors).toEqual([]);
    expect(logged).toEqual([]);
    await opened.context.close();
  };
  return { page: opened.page, done };
}

async function openCase(page: Page, caseId: string): Promise<CasePage> {
  await page.goto(`${e2e.baseUrl}/requests/${caseId}`);
  const kase = new CasePage(page);
  await kase.header.waitFor();
  return kase;
}

describe('an inspection request, through the screens of every role', () => {
  it('goes from the desk to the citizen, who sees it delivered on /track', async () => {
    // 1. The desk: a new property file, the request, the receipt.
    const desk = await signedIn(DESK);
    await desk.page.goto(`${e2e.baseUrl}/properties/new`);
    const property = new PropertyPage(desk.page);
    await property.heading.getByText('تشکیل پرونده ملک').waitFor();
    await property.fillIdentifiers({ postalCode: '8173951357', plate: ['17420', '12', '11'], address: 'اصفهان، خیابان کاوه، کوچه ۳۰، پلاک ۷', landUse: 'مسکونی', landArea: '310' });
    await property.addOwner({ nationalCode: faDigits(owner.nationalCode), shareDang: '6' });
    await property.save();
    await desk.page.waitForURL(/\/properties\/[0-9a-f-]{36}$/);
    await property.startRequest();
    const intake = new IntakePage(desk.page);
    await intake.waitFor();
    await intake.chooseService('تشکیل پرونده و درخواست بازدید');
    await intake.chooseOption('علت درخواست بازدید', 'تشکیل پرونده جدید');
    await intake.tick('سند مالکیت (الزامی)');
    await intake.tick('کارت ملی مالک (الزامی)');
    // Paid on the card reader: the inspector is sent with the intake (decisions/0020).
    await intake.markPaid('۳۱۰۰۷۲');
    await intake.submit();
    await desk.page.waitForURL(/\/requests\/[0-9a-f-]{36}\/receipt$/);
    const caseId = desk.page.url().split('/').at(-2)!;
    const receipt = new ReceiptPage(desk.page);
    const trackingCode = ascii(await receipt.trackingCode.innerText());
    expect(trackingCode).toMatch(/^\d{10}$/);
    await receipt.qr.waitFor();
    await desk.page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await receipt.print();
    expect(await desk.page.locator('body').getAttribute('data-printed')).toBe('yes');

    // 2. The inspector, on a phone: schedules the visit and files the report with a photo.
    const assigned = await e2e.t.db
      .selectFrom('requests')
      .innerJoin('staff', 'staff.id', 'requests.assigned_inspector_id')
      .select('staff.username')
      .where('requests.id', '=', caseId)
      .executeTakeFirstOrThrow();
    const inspector = await signedIn(assigned.username, 'phone', true);
    const visits = new VisitsPage(inspector.page, e2e.baseUrl);
    await visits.goto();
    await visits.show('همه');
    await visits.schedule(trackingCode, TODAY_FA, '10:00', '11:30');
    await visits.openReport(trackingCode);
    const report = new ReportPage(inspector.page, e2e.baseUrl);
    await report.gpsCaptured.waitFor();
    for (const item of CHECKLIST) await report.answer(item, 'بله');
    await report.writeFindings('ساختمان دو طبقه مسکونی، مطابق سند؛ تخلفی دیده نشد.');
    await report.addPhoto('IMG_2041.jpg', photo);
    await report.submit();
    await report.sent.waitFor();
    await inspector.done();

    // 3. The district: the reviewer recommends, the approver approves and issues the answer.
    const reviewer = await signedIn('d3-reviewer1');
    // Their کارتابل shows the case waiting for them first.
    await expect.poll(() => reviewer.page.getByTestId('pile-district_review').innerText()).toBe('۱');
    let kase = await openCase(reviewer.page, caseId);
    await kase.section('بازدید').getByRole('img').first().waitFor(); // the inspector's photo
    await reviewer.page.getByLabel('شرح نظر').fill('گزارش بازدید و مدارک کامل است؛ موافقت شود.');
    await kase.take('اظهار نظر کارشناس منطقه');
    await kase.reached('awaiting_decision');
    await reviewer.done();

    const approver = await signedIn('d3-approver');
    kase = await openCase(approver.page, caseId);
    await kase.take('تایید درخواست');
    await kase.panel('صدور پاسخ نهایی').waitFor();
    await kase.take('صدور پاسخ نهایی');
    await kase.reached('response_issued');
    expect(await kase.section('پاسخ نهایی').innerText()).toMatch(/شماره نامه/);
    await approver.done();

    // 4. The desk hands the answer to the owner.
    const handOver = await signedIn(DESK);
    kase = await openCase(handOver.page, caseId);
    await kase.take('تحویل پاسخ به مالک');
    await kase.reached('delivered');
    await handOver.done();
    await desk.done();

    // 5. The citizen, with no account, on /track.
    const citizen = await openPage(e2e.browser, 'phone');
    const track = new TrackPage(citizen.page, e2e.baseUrl);
    await track.goto();
    await track.track(faDigits(trackingCode), faDigits(owner.nationalCode));
    await track.state.waitFor();
    expect(await track.state.innerText()).toBe('پاسخ به مالک تحویل شد');
    expect(await track.timelineSteps.count()).toBe(7); // every public step; the reviewer's note is internal
    expect(citizen.errors).toEqual([]);
    await citizen.context.close();
  });
});

describe('return for correction, through the screens', () => {
  it('the reviewer returns the case with reasons; the desk resubmits it to the district', async () => {
    const api = await signIn(e2e.t.app, DESK);
    const registered = await registerCase(api, await districtProperty(e2e.t.db, 3));
    const inspector = await assignedInspector(e2e.t, registered);
    await act(inspector, registered.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
    await act(inspector, registered.id, 'inspection-report', {
      findings: 'مطابق', checklist: registered.service.inspectionChecklist.map((c: { code: string }) => ({ code: c.code, ok: true })),
      violations: [], gps: { lat: 32.65, lng: 51.67 }, visitedAt: e2e.t.clock.now().toISOString(),
    });

    const reviewer = await signedIn('d3-reviewer2');
    let kase = await openCase(reviewer.page, registered.id);
    await reviewer.page.getByLabel('موارد اصلاح (هر مورد در یک سطر)').fill('تصویر سند خوانا نیست\nکارت ملی مالک دوم ارائه نشده است');
    await kase.take('بازگشت به دفتر برای اصلاح');
    await kase.reached('returned_to_office');
    await reviewer.done();

    const desk = await signedIn(DESK);
    kase = await openCase(desk.page, registered.id);
    expect(await kase.timelineItems.last().innerText()).toContain('تصویر سند خوانا نیست');
    await kase.take('ارسال مجدد پس از اصلاح');
    await kase.reached('district_review');
    await desk.done();
    const after = (await api.get(`/api/requests/${registered.id}`)).json();
    expect(after.timeline.map((e: { action: string }) => e.action).slice(-2)).toEqual(['return_for_correction', 'resubmit']);
  });
});
