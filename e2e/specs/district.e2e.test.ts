/**
 * The district municipality at work: the reviewer's queue (and a recommendation on the case page),
 * the follow-up officer chasing a late case, the auditor reading the log. Cases are seeded through the API; everything checked is done
 * through the UI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { signIn, usernameOf, type Client } from '../../server/test/app.js';
import { assignedInspector, districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type OpenPage, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { AuditPage } from '../pages/AuditPage.js';
import { DistrictPage } from '../pages/DistrictPage.js';
import { FollowupPage } from '../pages/FollowupPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { faDigits } from '../pages/widgets.js';
import { StaffShell } from '../pages/StaffShell.js';

const e2e = useE2e();

interface Kase {
  id: string;
  trackingCode: string;
  version: number;
  inspector: { id: string } | null;
  service: { inspectionChecklist: { code: string }[] };
}
/** Through inspection to district review (در حال بررسی در شهرداری منطقه). */
let reviewed: Kase;
/** Left with its inspector (ارجاع به مامور بازدید), who will be late. */
let withInspector: Kase;

/** Intake at a district-3 desk, the visit scheduled and reported by the inspector the case went to. */
beforeAll(async () => {
  const t = e2e.t;
  const operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const property = await districtProperty(t.db, 3);
  const kase: Kase = await registerCase(operator, property);
  const inspector = await assignedInspector(t, kase);
  let res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' });
  expect(res.statusCode, res.body).toBe(200);
  t.clock.advance(3600_000);
  res = await inspector.post(`/api/requests/${kase.id}/inspection-report`, {
    version: res.json().version,
    findings: 'ساختمان دو طبقه مسکونی مطابق سند؛ تخلفی مشاهده نشد.',
    measurements: { landArea: 210.5 },
    checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })),
    violations: [],
    gps: { lat: 32.65, lng: 51.67, accuracyM: 8 },
    visitedAt: new Date(t.clock.now().getTime() - 1800_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().state).toBe('district_review');
  reviewed = res.json();
  withInspector = await registerCase(operator, property);
});

/** A browser page whose clock reads the server's (the date picker opens on "today"), console watched. */
async function pageAt(viewport: Viewport = 'desktop'): Promise<OpenPage & { console: string[] }> {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  return { ...opened, console: consoleErrors(opened.page) };
}

async function caseOf(client: Client, id: string) {
  return (await client.get(`/api/requests/${id}`)).json();
}

describe('the district queue', () => {
  it('shows the district-3 reviewer the reviewed case, most urgent first, and opens it', async () => {
    const { page, context, errors, console } = await pageAt();
    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn('d3-reviewer1', DEMO_PASSWORD);
    const shell = new StaffShell(page);
    await shell.menu.getByRole('link', { name: 'صف کار منطقه' }).click();
    const queue = new DistrictPage(page, e2e.baseUrl);
    await queue.heading.waitFor();

    // The reviewer's own tab is open and counts one case; the other case is still with its inspector.
    expect(await queue.tab('در انتظار بررسی').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => queue.tab('در انتظار بررسی').innerText()).toContain('۱');
    const row = queue.row(reviewed.trackingCode);
    await row.waitFor();
    expect(await row.innerText()).toContain('در موعد');
    expect(await row.innerText()).toMatch(/آذر ۱۴۰۵/);
    expect(await queue.row(withInspector.trackingCode).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'district-desktop');

    await queue.tab('در حال بازدید').click();
    await queue.row(withInspector.trackingCode).waitFor();
    await queue.tab('در انتظار بررسی').click();

    await queue.openCase(reviewed.trackingCode);
    await page.waitForURL(`${e2e.baseUrl}/requests/${reviewed.id}`);
    await shell.heading.waitFor();
    // The case page and its action panels are the requests module's; the reviewer recommends there.
    await page.getByLabel('شرح نظر').fill('بازدید بدون تخلف؛ با درخواست موافقت شود.');
    await page.getByRole('button', { name: 'اظهار نظر کارشناس منطقه' }).click();
    const reviewer = await signIn(e2e.t.app, 'd3-reviewer1');
    await expect.poll(async () => (await caseOf(reviewer, reviewed.id)).state).toBe('awaiting_decision');
    expect((await caseOf(reviewer, reviewed.id)).recommendation).toBe('approve');
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context } = await pageAt('phone');
    await signInThroughApi(context, e2e.baseUrl, 'd3-reviewer1');
    const queue = new DistrictPage(page, e2e.baseUrl);
    await queue.goto();
    await queue.tab('در حال بازدید').click();
    await queue.row(withInspector.trackingCode).waitFor();
    await screenshot(page, 'district-phone');
    await context.close();
  });
});

describe('the follow-up officer', () => {
  it('sees both cases overdue a week later and records a chase with the inspector who holds one', async () => {
    e2e.t.clock.set('2026-12-09T06:00:00.000Z'); // Wednesday 09:30 Tehran, ten days on
    // Sessions last twelve hours: a new one on the new day.
    const { page, context, errors, console } = await pageAt();
    await signInThroughApi(context, e2e.baseUrl, 'd3-followup1');
    const followup = new FollowupPage(page, e2e.baseUrl);
    await followup.goto();
    await expect.poll(() => followup.overdueTotal.innerText()).toContain('۲');
    // Longest overdue first: the case awaiting the decision was due before the one with its inspector.
    const order = await page.getByTestId('chase-list').locator('tbody tr').allInnerTexts();
    expect(order.map((text) => [reviewed, withInspector].findIndex((k) => text.includes(faDigits(k.trackingCode))))).toEqual([0, 1]);
    const row = followup.row(withInspector.trackingCode);
    expect(await row.innerText()).toContain('دیرکرد');
    expect(await row.innerText()).toContain('مامور بازدید');
    // The inspector's phone dials on a tap.
    expect(await row.getByRole('link', { name: /^تماس با/ }).getAttribute('href')).toMatch(/^tel:09\d{9}$/);
    await expectAccessible(page);
    await screenshot(page, 'followup-desktop');

    const promised = '2026-12-12'; // Saturday, ۲۱ آذر ۱۴۰۵ on the picker
    await followup.recordChase(withInspector.trackingCode, { note: 'با مامور بازدید تماس گرفته شد؛ شنبه بازدید می‌کند.', contacted: 'مامور بازدید', promisedDay: '۲۱ آذر ۱۴۰۵' });
    await expect.poll(() => row.innerText()).toContain('شنبه بازدید می‌کند');

    const officer = await signIn(e2e.t.app, 'd3-followup1');
    const chases = (await officer.get(`/api/requests/${withInspector.id}/followups`)).json().items;
    expect(chases).toHaveLength(1);
    expect(chases[0]).toMatchObject({ contacted: 'مامور بازدید', promisedDate: promised, state: 'inspector_assigned' });

    // The dialog shows the chase history.
    await row.getByRole('button', { name: 'ثبت پیگیری' }).click();
    const dialog = followup.dialog(withInspector.trackingCode);
    await dialog.getByTestId('chase-history').getByText('شنبه بازدید می‌کند', { exact: false }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context } = await pageAt('phone');
    await signInThroughApi(context, e2e.baseUrl, 'd3-followup1');
    const followup = new FollowupPage(page, e2e.baseUrl);
    await followup.goto();
    await followup.row(withInspector.trackingCode).waitFor();
    await screenshot(page, 'followup-phone');
    await context.close();
  });
});

describe('the auditor', () => {
  it('reads the log, finds the chase, verifies the chain, and is offered nothing to change', async () => {
    const { page, context, errors, console } = await pageAt();
    await signInThroughApi(context, e2e.baseUrl, 'auditor');
    await page.goto(`${e2e.baseUrl}/`);
    const shell = new StaffShell(page);
    await shell.heading.waitFor();
    const menu = await shell.menu.getByRole('link').allInnerTexts();
    expect(menu).toContain('گزارش رویدادها');
    for (const writing of ['دفاتر پیشخوان', 'کارکنان', 'فهرست خدمات', 'تعطیلات رسمی', 'پیگیری پرونده‌ها']) expect(menu).not.toContain(writing);
    // The home page offers the auditor no action but signing out.
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);

    const audit = new AuditPage(page, e2e.baseUrl);
    await audit.goto();
    await audit.filterAction('پیگیری پرونده');
    await expect.poll(() => audit.rows.count()).toBe(1);
    const row = await audit.rows.first().innerText();
    expect(row).toContain('مسئول پیگیری');
    expect(row).toContain('آذر ۱۴۰۵');
    const result = await audit.verifyChain();
    expect(await result.innerText()).toContain('زنجیره سالم است');
    await expectAccessible(page);
    await screenshot(page, 'audit-desktop');

    // Lists the auditor may read show no button that writes.
    await page.goto(`${e2e.baseUrl}/admin/offices`);
    await page.getByTestId('offices').waitFor();
    expect(await page.getByRole('main').getByRole('button', { name: /افزودن|ویرایش|تعلیق|فعال‌سازی|خدمات/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context } = await pageAt('phone');
    await signInThroughApi(context, e2e.baseUrl, 'auditor');
    const audit = new AuditPage(page, e2e.baseUrl);
    await audit.goto();
    await screenshot(page, 'audit-phone');
    await context.close();
  });
});
