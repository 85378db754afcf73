/**
 * The inspector on a phone: sign in, set the visit time, file the report with a photo and the
 * phone's position; and file it with no connection, to see it wait and then arrive exactly once.
 */
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { signIn, type Client } from '../../server/test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { LoginPage } from '../pages/LoginPage.js';
import { ReportPage } from '../pages/ReportPage.js';
import { StaffShell } from '../pages/StaffShell.js';
import { VisitsPage } from '../pages/VisitsPage.js';

const e2e = useE2e();
const INSPECTOR = 'inspector05'; // urbanism, district 3: the desk's cases land on them
const DESK = 'o10573449-op1'; // a desk in district 3
/** Near Naqsh-e Jahan square: where the inspector stands. */
const HERE = { latitude: 32.6575, longitude: 51.6776, accuracy: 12 };
const CHECKLIST = ['کاربری موجود با کاربری مصوب مطابق است', 'مساحت عرصه با سند مطابق است', 'عقب‌نشینی و بر اصلاحی رعایت شده است'];
const TODAY_FA = '۸ آذر ۱۴۰۵'; // Sunday 2026-11-29, the test clock's day
const FINDINGS = 'ساختمان سه طبقه مسکونی، مطابق پروانه.';

let desk: Client;
let inspector: Client;
let property: SeededProperty;
let photo: Buffer;

beforeAll(async () => {
  desk = await signIn(e2e.t.app, DESK);
  inspector = await signIn(e2e.t.app, INSPECTOR);
  property = await districtProperty(e2e.t.db, 3);
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a9d8f' } }).png().toBuffer();
});

interface Kase {
  id: string;
  trackingCode: string;
  version: number;
  inspector: { id: string } | null;
}

/** A case registered at the desk and assigned (lightest load) to inspector05; then an hour passes. */
async function caseForInspector(): Promise<Kase> {
  const kase = (await registerCase(desk, property)) as Kase;
  const me = (await inspector.get('/api/auth/me')).json();
  expect(kase.inspector?.id).toBe(me.id);
  e2e.t.clock.advance(60 * 60_000);
  return kase;
}

/**
 * A phone in Isfahan: its clock at the server's (test) time, location allowed (unless told not
 * to) and fixed, and every console error and uncaught exception collected.
 */
async function openPhone(viewport: Viewport = 'phone', { allowLocation = true } = {}): Promise<{ context: BrowserContext; page: Page; errors: () => string[] }> {
  const { context, page, errors: uncaught } = await openPage(e2e.browser, viewport);
  const logged = consoleErrors(page);
  if (allowLocation) {
    await context.grantPermissions(['geolocation'], { origin: e2e.baseUrl });
    await context.setGeolocation(HERE);
  }
  await page.clock.setFixedTime(e2e.t.clock.now());
  return { context, page, errors: () => [...uncaught, ...logged] };
}

async function fillReport(report: ReportPage): Promise<void> {
  await report.gpsCaptured.waitFor();
  for (const item of CHECKLIST) await report.answer(item, 'بله');
  await report.measure('مساحت عرصه (متر مربع)', '۲۵۰');
  await report.measure('تعداد طبقات', '3');
  await report.writeFindings(FINDINGS);
  await report.addPhoto('site.png', photo);
  await report.photoPreviews.first().waitFor();
}

async function caseOf(id: string) {
  const res = await desk.get(`/api/requests/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function photosOf(id: string): Promise<{ kind: string }[]> {
  const res = await desk.get(`/api/requests/${id}/documents`);
  expect(res.statusCode).toBe(200);
  return res.json().items.filter((d: { kind: string }) => d.kind === 'inspection_photo');
}

describe('the inspector files a visit report from a phone', () => {
  it('signs in, schedules the visit, files the report with a photo and the position; the district has it', async () => {
    const kase = await caseForInspector();
    const { context, page, errors } = await openPhone();

    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn(INSPECTOR, DEMO_PASSWORD);
    const shell = new StaffShell(page);
    await shell.heading.getByText('کارتابل').waitFor();
    // On a phone the menu folds behind the burger.
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
    await shell.menu.getByRole('link', { name: 'بازدیدهای من' }).click();

    const visits = new VisitsPage(page, e2e.baseUrl);
    await visits.heading.waitFor();
    // Not scheduled yet: not among today's visits, but under «همه».
    await page.getByText('امروز بازدیدی ندارید').waitFor();
    await visits.show('همه');
    const card = visits.card(kase.trackingCode);
    await card.getByText('زمان بازدید تعیین نشده').waitFor();
    expect(await card.getByRole('link', { name: /^تماس با / }).getAttribute('href')).toMatch(/^tel:09\d{9}$/);
    expect(await card.getByRole('link', { name: 'باز کردن در نقشه گوشی' }).getAttribute('href')).toMatch(/^geo:\d+\.\d+,\d+\.\d+$/);
    expect(await card.getByRole('link', { name: 'پرونده' }).getAttribute('href')).toBe(`/requests/${kase.id}`);

    await visits.schedule(kase.trackingCode, TODAY_FA, '10:00', '12:00');
    await visits.show('امروز');
    await visits.card(kase.trackingCode).getByText('ساعت ۱۰:۰۰ تا ۱۲:۰۰').waitFor();
    await expectAccessible(page);

    await visits.openReport(kase.trackingCode);
    const report = new ReportPage(page, e2e.baseUrl);
    expect(await report.photoInput.getAttribute('accept')).toBe('image/*');
    expect(await report.photoInput.getAttribute('capture')).toBe('environment');
    expect(await report.photoInput.getAttribute('multiple')).not.toBeNull();
    // Sent empty: each unanswered item and the findings are named next to their fields.
    await report.submit();
    await expect.poll(() => page.getByText('به این مورد پاسخ دهید').count()).toBe(CHECKLIST.length);
    await page.getByText('یافته‌های بازدید را بنویسید (دست‌کم سه حرف)').waitFor();

    await fillReport(report);
    await report.addViolation('احداث سایبان بدون مجوز در حیاط', 'جزئی');
    expect(await report.gpsCaptured.innerText()).toContain('۱۲');
    await expectAccessible(page);
    await report.submit();
    await report.sent.waitFor();

    const filed = await caseOf(kase.id);
    expect(filed.state).toBe('district_review');
    expect(filed.inspection.report).toMatchObject({
      findings: FINDINGS,
      measurements: { landArea: 250, floors: 3 },
      violations: [{ descriptionFa: 'احداث سایبان بدون مجوز در حیاط', severity: 'minor' }],
      gps: { lat: HERE.latitude, lng: HERE.longitude, accuracyM: 12 },
      visitedAt: '2026-11-29T06:30:00.000Z',
    });
    expect(filed.inspection.report.checklist.map((c: { ok: boolean }) => c.ok)).toEqual([true, true, true]);
    expect(await photosOf(kase.id)).toHaveLength(1);

    // Filed: the visit leaves the round.
    await page.getByRole('link', { name: 'بازگشت به بازدیدهای من' }).click();
    await visits.heading.waitFor();
    await expect.poll(() => visits.card(kase.trackingCode).count()).toBe(0);
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('keeps a report filed offline on the phone, shows it waiting, and sends it exactly once when back online', async () => {
    const kase = await caseForInspector();
    const scheduled = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-29', windowStart: '11:00', windowEnd: '13:00' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const { context, page, errors } = await openPhone();
    await signInThroughApi(context, e2e.baseUrl, INSPECTOR);
    const shell = new StaffShell(page);
    const visits = new VisitsPage(page, e2e.baseUrl);
    const report = new ReportPage(page, e2e.baseUrl);
    await report.goto(kase.id);
    await fillReport(report);

    // What is typed is on the phone: a reload brings it all back, the photo too.
    await report.waitForDraftSaved();
    await page.reload();
    await report.heading.waitFor();
    expect(await report.findings.inputValue()).toBe(FINDINGS);
    expect(await report.answered(CHECKLIST[0]!, 'بله').getAttribute('aria-checked')).toBe('true');
    await report.photoPreviews.first().waitFor();
    expect(await report.photoPreviews.count()).toBe(1);

    // The round, then the form again from its card, as in the street; then the signal goes.
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
    await shell.menu.getByRole('link', { name: 'بازدیدهای من' }).click();
    await visits.openReport(kase.trackingCode);
    await report.photoPreviews.first().waitFor();
    await context.setOffline(true);
    await report.submit();
    await report.outboxStatus.getByText('در انتظار ارسال').waitFor();
    const waiting = await caseOf(kase.id);
    expect(waiting.state).toBe('visit_scheduled');
    expect(await photosOf(kase.id)).toHaveLength(0);

    // Back on the list (the app is loaded; no page load needed offline): the card says it waits.
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
    await shell.menu.getByRole('link', { name: 'بازدیدهای من' }).click();
    await visits.outboxBadge(kase.trackingCode).getByText('در انتظار ارسال').waitFor();
    await screenshot(page, 'visits-waiting-phone');

    await context.setOffline(false);
    // Delivered: the case moves on and leaves the round.
    await expect.poll(() => visits.card(kase.trackingCode).count(), { timeout: 15_000 }).toBe(0);
    const filed = await caseOf(kase.id);
    expect(filed.state).toBe('district_review');
    expect(filed.timeline.filter((e: { action: string }) => e.action === 'file_inspection_report')).toHaveLength(1);
    expect(await photosOf(kase.id)).toHaveLength(1);
    expect(errors()).toEqual([]);
    await context.close();
  });
});

describe('without the phone position', () => {
  it("says why, and sends the property's location only with a warning on screen", async () => {
    const kase = await caseForInspector();
    const scheduled = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-29', windowStart: '12:00', windowEnd: '13:00' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const { context, page, errors } = await openPhone('phone', { allowLocation: false });
    await signInThroughApi(context, e2e.baseUrl, INSPECTOR);
    const report = new ReportPage(page, e2e.baseUrl);
    await report.goto(kase.id);
    await page.getByText('اجازه دسترسی به موقعیت داده نشده است', { exact: false }).waitFor();
    await report.useProperty();
    await report.fallbackWarning.waitFor();
    await expectAccessible(page);
    for (const item of CHECKLIST) await report.answer(item, 'خیر');
    await report.writeFindings(FINDINGS);
    await report.submit();
    await report.sent.waitFor();

    const filed = await caseOf(kase.id);
    expect(filed.inspection.report.gps).toEqual({ lat: filed.property.lat, lng: filed.property.lng, accuracyM: null });
    expect(errors()).toEqual([]);
    await context.close();
  });
});

describe('screenshots', () => {
  for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
    it(`of the visit list and the report form at ${viewport} size`, async () => {
      const kase = await caseForInspector();
      const scheduled = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-29', windowStart: '14:00', windowEnd: '16:00' });
      expect(scheduled.statusCode, scheduled.body).toBe(200);
      const { context, page, errors } = await openPhone(viewport);
      await signInThroughApi(context, e2e.baseUrl, INSPECTOR);

      const visits = new VisitsPage(page, e2e.baseUrl);
      await visits.goto();
      await visits.card(kase.trackingCode).waitFor();
      await screenshot(page, `visits-${viewport}`);

      const report = new ReportPage(page, e2e.baseUrl);
      await report.goto(kase.id);
      await fillReport(report);
      await report.addViolation('پیش‌آمدگی بالکن بیش از حد مجاز', 'عمده');
      await screenshot(page, `visit-report-${viewport}`);
      expect(errors()).toEqual([]);
      await context.close();
    });
  }
});
