/**
 * The city admin through the UI: a new desk and its suspension, a new staff member, a fee, a
 * holiday; each change read back through the API afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../server/test/app.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type OpenPage, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { AdminPage } from '../pages/AdminPage.js';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';

const e2e = useE2e();
let api: Client;

beforeAll(async () => {
  api = await signIn(e2e.t.app, 'admin');
});

/** Signed in as the admin, the browser's clock on the server's (the holiday picker opens on "today"). */
async function adminPage(viewport: Viewport = 'desktop'): Promise<OpenPage & { admin: AdminPage; console: string[] }> {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  await signInThroughApi(opened.context, e2e.baseUrl, 'admin');
  return { ...opened, admin: new AdminPage(opened.page, e2e.baseUrl), console: consoleErrors(opened.page) };
}

describe('the city admin', () => {
  it('adds a desk in district 5, then suspends it', async () => {
    const { page, context, admin, errors, console } = await adminPage();
    await admin.gotoOffices();
    await expectAccessible(page);
    await admin.addOffice({ govCode: '87654321', name: 'دفتر پیشخوان آزمایشی نقش جهان', district: 'منطقه ۵', address: 'اصفهان، خیابان حافظ، پلاک ۱۲', phone: '03132221234' });
    let office = (await api.get('/api/offices?q=87654321')).json().items[0];
    expect(office).toMatchObject({ govCode: '87654321', nameFa: 'دفتر پیشخوان آزمایشی نقش جهان', status: 'active', district: { number: 5 } });

    await admin.search('87654321');
    const row = admin.officeRow('87654321');
    await expect.poll(() => page.getByTestId('offices').locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: 'تعلیق' }).click();
    await row.getByRole('button', { name: 'فعال‌سازی' }).waitFor();
    office = (await api.get(`/api/offices/${office.id}`)).json();
    expect(office.status).toBe('suspended');
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('adds a district reviewer, asked for a district once the role is chosen', async () => {
    const { page, context, admin, errors, console } = await adminPage();
    await admin.gotoStaff();
    await expectAccessible(page);
    await admin.addStaff({
      username: 'e2e.reviewer', firstName: 'سارا', lastName: 'محمدی',
      nationalCode: '1270000012', // a valid national code: its check digit fits
      mobile: '09131112233', role: 'کارشناس بررسی منطقه', district: 'منطقه ۳', password: 'Isfahan-1405-e2e',
    });
    const member = (await api.get('/api/staff?q=e2e.reviewer')).json().items[0];
    expect(member).toMatchObject({ username: 'e2e.reviewer', role: 'district_reviewer', district: { number: 3 }, office: null, active: true });
    await admin.search('e2e.reviewer');
    await admin.row('e2e.reviewer').waitFor();
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('changes the fee of a service', async () => {
    const before = (await api.get('/api/services/property_inspection')).json();
    const { page, context, admin, errors, console } = await adminPage();
    await admin.gotoServices();
    await expectAccessible(page);
    await admin.setFee(before.nameFa, '2750000');
    expect((await api.get('/api/services/property_inspection')).json()).toMatchObject({ feeRials: 2_750_000, slaDays: before.slaDays });
    // Shown in rials with Persian separators.
    await expect.poll(() => admin.row(before.nameFa).innerText()).toContain('۲٬۷۵۰٬۰۰۰ ریال');
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('adds a one-off closure to this year\'s holidays', async () => {
    const { page, context, admin, errors, console } = await adminPage();
    await admin.gotoHolidays();
    await expectAccessible(page);
    const day = '2026-12-10'; // Thursday, ۱۹ آذر ۱۴۰۵ on the picker
    await admin.addHoliday({ day: '۱۹ آذر ۱۴۰۵', titleFa: 'تعطیلی به دلیل آلودگی هوا', titleEn: 'Closed for air pollution', kind: 'تعطیلی موردی' });
    const holidays = (await api.get('/api/holidays?year=1405&pageSize=200')).json().items;
    expect(holidays.find((h: { date: string }) => h.date === day)).toMatchObject({ titleFa: 'تعطیلی به دلیل آلودگی هوا', kind: 'special' });
    const row = admin.row('تعطیلی به دلیل آلودگی هوا');
    await row.waitFor();
    expect(await row.innerText()).toContain('۱۹ آذر ۱۴۰۵');
    expect(await row.innerText()).toContain('پنجشنبه');
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('lifts the lock of an account locked after repeated wrong passwords', async () => {
    // Fifteen wrong passwords, each after the previous wait, lock d5-reviewer1.
    for (let i = 0; i < 15; i++) {
      const res = await e2e.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'd5-reviewer1', password: `wrong-${i}` }, remoteAddress: '198.51.100.9' });
      expect(res.statusCode).toBe(401);
      e2e.t.clock.advance(16 * 60_000);
    }
    const { page, context, admin, errors, console } = await adminPage();
    await admin.gotoStaff();
    const panel = page.getByTestId('lockouts');
    await panel.getByText('قفل تا').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-lockouts-1366');
    await panel.getByRole('button', { name: /رفع قفل/ }).click();
    await panel.waitFor({ state: 'detached' });
    const signed = await e2e.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'd5-reviewer1', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.9' });
    expect(signed.statusCode).toBe(200);
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });
});

describe('screenshots', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`of the admin pages at ${viewport} size`, async () => {
      const { page, context, admin } = await adminPage(viewport);
      await admin.gotoOffices();
      await screenshot(page, `admin-offices-${viewport}`);
      await admin.gotoStaff();
      await screenshot(page, `admin-staff-${viewport}`);
      await admin.gotoServices();
      await screenshot(page, `admin-services-${viewport}`);
      await admin.gotoHolidays();
      await screenshot(page, `admin-holidays-${viewport}`);
      await context.close();
    });
  }
});
