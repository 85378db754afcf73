/**
 * The city admin and the holiday lists, through the UI (8 Azar 1405): the banner while 1406 is
 * provisional, the provisional days marked «موقت», «تأیید فهرست», and the banner gone afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../server/test/app.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { AdminPage } from '../pages/AdminPage.js';

const e2e = useE2e();
let api: Client;

beforeAll(async () => {
  api = await signIn(e2e.t.app, 'admin');
});

async function adminPage(viewport: Viewport = 'desktop') {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  await signInThroughApi(opened.context, e2e.baseUrl, 'admin');
  return { ...opened, admin: new AdminPage(opened.page, e2e.baseUrl), console: consoleErrors(opened.page) };
}

/** No Latin letters or ASCII digits where the admin reads. */
const LATIN = /[A-Za-z0-9]/;

describe('the holiday lists', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`warns the city admin on every page while next year's list is provisional (${viewport})`, { timeout: 120_000 }, async () => {
      const { page, context, errors } = await adminPage(viewport);
      await page.goto(`${e2e.baseUrl}/admin/offices`);
      const banner = page.getByTestId('holiday-list-banner');
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('فهرست تعطیلات رسمی سال ۱۴۰۶ هنوز تأیید نشده است');
      expect(text).not.toMatch(LATIN);
      await expectAccessible(page);
      await screenshot(page, `holidays-banner-${viewport}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows 1405 as the official list and 1406 as provisional, its lunar days «موقت» (${viewport})`, { timeout: 120_000 }, async () => {
      const { page, context, admin } = await adminPage(viewport);
      await admin.gotoHolidays();
      await expect.poll(() => admin.holidayListNotice().innerText()).toContain('همان تقویم رسمی کشور است');
      expect(await page.getByTestId('provisional').count()).toBe(0);
      expect(await page.getByTestId('holiday-list-banner').count()).toBe(0); // the page says it itself
      // Arbaeen 1405 on its official day, 13 Mordad.
      expect(await page.locator('tr[data-date="2026-08-04"]').innerText()).toContain('اربعین حسینی');
      await admin.chooseHolidayYear('۱۴۰۶');
      await expect.poll(() => admin.holidayListNotice().innerText()).toContain('فهرست تعطیلات سال ۱۴۰۶ موقت است');
      await page.locator('tr[data-date="2027-03-21"]').waitFor();
      const lunar = (await api.get('/api/holidays?year=1406&pageSize=200')).json().items.filter((h: { kind: string }) => h.kind === 'lunar');
      expect(await page.getByTestId('provisional').count()).toBe(lunar.length);
      expect(lunar.length).toBeGreaterThan(10);
      expect(await admin.holidayListNotice().innerText()).not.toMatch(LATIN);
      await expectAccessible(page);
      await screenshot(page, `holidays-provisional-${viewport}`);
      await context.close();
    });
  }

  it('«تأیید فهرست» confirms 1406 (audited) and the banner goes', { timeout: 120_000 }, async () => {
    const { page, context, admin, errors } = await adminPage();
    await admin.gotoHolidays();
    await admin.chooseHolidayYear('۱۴۰۶');
    await expect.poll(() => admin.holidayListNotice().innerText()).toContain('موقت است');
    await admin.confirmHolidayList();
    await expect.poll(() => admin.holidayListNotice().innerText()).toContain('با تقویم رسمی مقایسه و تأیید کرده است');
    expect(await page.getByTestId('provisional').count()).toBe(0);
    await screenshot(page, 'holidays-confirmed-desktop');

    const lists = (await api.get('/api/holiday-lists')).json();
    expect(lists).toMatchObject({ unsettled: [], items: [{ year: 1405, status: 'official' }, { year: 1406, status: 'confirmed' }] });
    const audit = await e2e.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'holiday_list.confirm').execute();
    expect(audit).toHaveLength(1);

    await admin.gotoOffices();
    await page.getByTestId('offices').waitFor();
    expect(await page.getByTestId('holiday-list-banner').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
