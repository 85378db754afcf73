/**
 * Every main page, as each role sees it, holds no Latin letters and no ASCII digits outside the
 * explicit allow-list of machine codes (e2e/fixtures/latin.ts, docs/decisions/0017): the staff
 * pages of every role, the citizen portal, /track, /verify, the dashboards and the admin screens.
 * The data behind them is real: a case delivered with measurements in its report, one waiting for
 * the district, one waiting for its visit, an API client with a key.
 */
import { runLetterJob } from '../../server/test/letters.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SmsMessage } from '../../server/platform/sms.js';
import { signIn, usernameOf, type Client } from '../../server/test/app.js';
import { act, assignedInspector, districtProperty, registerCase, type SeededProperty } from '../../server/test/factories.js';
import { openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { findLatin, settled, visibleText, type LatinFinding } from '../fixtures/latin.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { CitizenPage } from '../pages/CitizenPage.js';
import { TrackPage } from '../pages/TrackPage.js';

const inbox: SmsMessage[] = [];
const e2e = useE2e({ sms: { send: async (m) => (inbox.push(m), { providerMessageId: String(inbox.length) }) } });
const persian = (ascii: string) => ascii.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

interface Kase {
  id: string;
  trackingCode: string;
  version: number;
  inspector: { id: string } | null;
  service: { inspectionChecklist: { code: string }[] };
}

const MEASUREMENTS = { landArea: 310, builtArea: 512.5, frontage: 12, floors: 3, units: 6, height: 10.5 };

let property: SeededProperty;
let desk: string;
let delivered: Kase;
let waiting: Kase;
let scheduled: Kase;
let inspectorName: string;
let serial: string;
let clientId: string;

async function report(t: typeof e2e.t, kase: Kase): Promise<void> {
  const inspector = await assignedInspector(t, kase);
  await act(inspector, kase.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
  await act(inspector, kase.id, 'inspection-report', {
    findings: 'مطابق سند و پروانه',
    checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })),
    measurements: MEASUREMENTS,
    violations: [],
    gps: { lat: 32.65, lng: 51.67 },
    visitedAt: t.clock.now().toISOString(),
  });
}

beforeAll(async () => {
  const t = e2e.t;
  property = await districtProperty(t.db, 3);
  // As a desk types it on a Latin keyboard, and a half share: both must still read in Persian.
  await t.db.updateTable('properties').set({ address: 'اصفهان، خیابان کاوه، کوچه 30، پلاک 12' }).where('id', '=', property.id).execute();
  await t.db.updateTable('property_owners').set({ share_milli_dang: 2500 }).where('property_id', '=', property.id).where('person_id', '=', property.ownerId).execute();
  desk = await usernameOf(t.db, 'office_operator', { districtNumber: 3 });
  const op = await signIn(t.app, desk);
  const reviewer = await signIn(t.app, 'd3-reviewer1');
  const approver = await signIn(t.app, 'd3-approver');

  delivered = await registerCase(op, property);
  await report(t, delivered);
  await act(reviewer, delivered.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
  await act(approver, delivered.id, 'approve', {});
  await act(approver, delivered.id, 'issue-response', {});
  await runLetterJob(t); // the letter is printed by its job, right after the decision
  serial = (await approver.get(`/api/requests/${delivered.id}`)).json().response.letter.serial;
  await act(op, delivered.id, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: property.ownerNationalCode });

  waiting = await registerCase(op, property);
  await report(t, waiting);

  scheduled = await registerCase(op, property);
  const inspector = await assignedInspector(t, scheduled);
  inspectorName = inspector.username;
  await act(inspector, scheduled.id, 'schedule-visit', { date: '2026-12-01', windowStart: '10:00', windowEnd: '12:00' });

  const admin: Client = await signIn(t.app, 'admin');
  const created = await admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک ملت شعبه چهارباغ', officialCode: '1234', rateLimitPerMinute: 60, webhookEvents: [] });
  expect(created.statusCode, created.body).toBe(201);
  clientId = created.json().id;
  const key = await admin.post(`/api/api-clients/${clientId}/keys`, { scopes: ['bank'], expiresAt: '2027-11-29T00:00:00.000Z' });
  expect(key.statusCode, key.body).toBe(201);
});

/** Open `path` in `context`, wait for its data, and return what is Latin in it (screenshot kept). */
async function latinOn(context: BrowserContext, page: Page, path: string, name: string, viewport: Viewport, exact: readonly string[] = []): Promise<LatinFinding[]> {
  await page.goto(`${e2e.baseUrl}${path}`);
  await page.locator('h1').first().waitFor();
  await settled(page);
  await screenshot(page, `persian-${name}-${viewport}`);
  return findLatin(await visibleText(page), exact);
}

interface Walk {
  who: string;
  /** `usernames`: the staff admin screen lists sign-in names, the one Latin a clerk must type there. */
  pages: () => { name: string; path: string; usernames?: true }[];
}

const STAFF_WALKS: Walk[] = [
  {
    who: 'office_operator',
    pages: () => [
      { name: 'desk-home', path: '/' },
      { name: 'desk-search', path: '/search' },
      { name: 'property-new', path: '/properties/new' },
      { name: 'property', path: `/properties/${property.id}` },
      { name: 'property-edit', path: `/properties/${property.id}/edit` },
      { name: 'requests', path: '/requests' },
      { name: 'intake', path: `/requests/new?propertyId=${property.id}` },
      { name: 'case-delivered-desk', path: `/requests/${delivered.id}` },
      { name: 'receipt', path: `/requests/${delivered.id}/receipt` },
    ],
  },
  { who: 'office_manager', pages: () => [{ name: 'manager-home', path: '/' }] },
  {
    who: 'inspector',
    pages: () => [
      { name: 'inspector-home', path: '/' },
      { name: 'visits', path: '/visits' },
      { name: 'report-form', path: `/visits/${scheduled.id}/report` },
    ],
  },
  {
    who: 'd3-reviewer1',
    pages: () => [
      { name: 'reviewer-home', path: '/' },
      { name: 'district-queue', path: '/district' },
      { name: 'case-review', path: `/requests/${waiting.id}` },
    ],
  },
  {
    who: 'd3-approver',
    pages: () => [
      { name: 'approver-district', path: '/district' },
      { name: 'case-approver', path: `/requests/${delivered.id}` },
    ],
  },
  { who: 'followup_officer', pages: () => [{ name: 'followup', path: '/followup' }] },
  {
    who: 'admin',
    pages: () => [
      { name: 'admin-home', path: '/' },
      { name: 'dashboards', path: '/dashboards' },
      { name: 'admin-offices', path: '/admin/offices' },
      { name: 'admin-staff', path: '/admin/staff', usernames: true },
      { name: 'admin-services', path: '/admin/services' },
      { name: 'admin-holidays', path: '/admin/holidays' },
      { name: 'admin-outbox', path: '/admin/outbox' },
      { name: 'api-clients', path: '/admin/api-clients' },
      { name: 'api-client', path: `/admin/api-clients/${clientId}` },
    ],
  },
  { who: 'auditor', pages: () => [{ name: 'audit', path: '/audit' }] },
];

async function usernameFor(who: string): Promise<string> {
  if (who === 'office_operator') return desk;
  if (who === 'inspector') return inspectorName;
  if (who === 'office_manager') return usernameOf(e2e.t.db, 'office_manager', { districtNumber: 3 });
  if (who === 'followup_officer') return usernameOf(e2e.t.db, 'followup_officer', { districtNumber: 3 });
  if (who === 'auditor') return usernameOf(e2e.t.db, 'auditor');
  return who;
}

function expectPersian(found: Record<string, LatinFinding[]>): void {
  const bad = Object.entries(found).filter(([, f]) => f.length > 0);
  expect(Object.fromEntries(bad.map(([page, f]) => [page, f.map((x) => `${x.text}  «${x.context}»`)]))).toEqual({});
}

describe('no Latin where a clerk looks', () => {
  for (const walk of STAFF_WALKS) {
    it(`on the staff pages of ${walk.who} at 1366 px`, async () => {
      const { page, context } = await openPage(e2e.browser, 'desktop');
      await page.clock.setFixedTime(e2e.t.clock.now());
      await signInThroughApi(context, e2e.baseUrl, await usernameFor(walk.who));
      const found: Record<string, LatinFinding[]> = {};
      const usernames = (await e2e.t.db.selectFrom('staff').select('username').execute()).map((r) => r.username);
      for (const p of walk.pages()) found[p.name] = await latinOn(context, page, p.path, p.name, 'desktop', p.usernames ? usernames : []);
      expectPersian(found);
      await context.close();
    }, 180_000);
  }

  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    it(`on the citizen's pages (portal, /track, /verify) at ${viewport} size`, async () => {
      const { page, context } = await openPage(e2e.browser, viewport);
      await page.clock.setFixedTime(e2e.t.clock.now());
      const found: Record<string, LatinFinding[]> = {};

      const mobile = (await e2e.t.db.selectFrom('persons').select('mobile').where('id', '=', property.ownerId).executeTakeFirstOrThrow()).mobile!;
      const citizen = new CitizenPage(page, e2e.baseUrl);
      await citizen.goto();
      found['citizen-signin'] = findLatin(await visibleText(page));
      await citizen.requestCode(persian(mobile));
      await citizen.enterCode(inbox.at(-1)!.text.match(/[۰-۹]{6}/)![0]);
      await page.getByRole('heading', { name: 'درخواست‌های من' }).waitFor();
      await settled(page);
      await screenshot(page, `persian-citizen-home-${viewport}`);
      found['citizen-home'] = findLatin(await visibleText(page));
      // Each request's status and «مشاهده» are on screen, not cut off at the side, even at 360 px.
      const link = page.getByRole('link', { name: `مشاهده ${persian(delivered.trackingCode)}` });
      const status = page.getByText('پاسخ به مالک تحویل شد', { exact: true }).filter({ visible: true }).first();
      for (const box of [await link.boundingBox(), await status.boundingBox()]) {
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      }
      await citizen.openRequest(persian(delivered.trackingCode));
      await page.getByText('ثبت درخواست در دفتر پیشخوان').waitFor();
      await settled(page);
      await screenshot(page, `persian-citizen-request-${viewport}`);
      found['citizen-request'] = findLatin(await visibleText(page));

      const track = new TrackPage(page, e2e.baseUrl);
      await track.goto();
      await track.track(persian(delivered.trackingCode), persian(property.ownerNationalCode));
      await track.state.waitFor();
      await settled(page);
      await screenshot(page, `persian-track-${viewport}`);
      found.track = findLatin(await visibleText(page));

      found.verify = await latinOn(context, page, `/verify/${serial}`, 'verify', viewport);
      expectPersian(found);
      await context.close();
    });
  }

  it('on the dashboards at 1366 px: no table cut off at the side, and no column titled in minutes', async () => {
    const { page, context } = await openPage(e2e.browser, 'desktop');
    await page.clock.setFixedTime(e2e.t.clock.now());
    await signInThroughApi(context, e2e.baseUrl, 'admin');
    await page.goto(`${e2e.baseUrl}/dashboards`);
    await page.locator('h1').first().waitFor();
    await settled(page);
    const tables = await page.locator('section[data-testid^="figures-"]').evaluateAll((sections) =>
      sections.map((section) => {
        const table = section.querySelector('table');
        const box = table?.closest('[role="region"]');
        return {
          key: section.getAttribute('data-testid'),
          cut: table && box ? table.scrollWidth - box.clientWidth : 0,
          headings: [...section.querySelectorAll('th')].map((th) => th.textContent ?? ''),
        };
      }),
    );
    expect(tables.length).toBeGreaterThan(8);
    expect(tables.filter((x) => x.cut > 1).map((x) => `${x.key}: ${x.cut}px`)).toEqual([]);
    // A span of minutes reads in words («۳ روز و ۴ ساعت»), so no heading may promise minutes.
    expect(tables.flatMap((x) => x.headings).filter((h) => h.includes('دقیقه'))).toEqual([]);
    await context.close();
  });
});
