/**
 * The city's dashboard in the browser: cases seeded through the API in districts 3 and 5, the
 * admin filters by district 3 and a Jalali month (آذر ۱۴۰۵, the test clock's), reads the figures
 * and downloads a table as Excel; the file opened with exceljs holds the numbers on screen and
 * in the API. A district manager sees their own district only.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { signIn, usernameOf } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type OpenPage, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { DashboardPage } from '../pages/DashboardPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { StaffShell } from '../pages/StaffShell.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();

/** آذر ۱۴۰۵, the month of the test clock (Sunday 8 Azar 1405). */
const AZAR_1405 = { from: '2026-11-22', to: '2026-12-21' };

interface Figures {
  tables: { key: string; titleFa: string; columns: { key: string; titleFa: string; kind: string }[]; rows: Record<string, string | number | null>[] }[];
}

let district3: { id: string; nameFa: string };

/** Three inspection requests at a district-3 desk, one at a district-5 desk (which the district filter must leave out). */
beforeAll(async () => {
  const t = e2e.t;
  const admin = await signIn(t.app, 'admin');
  const districts: { id: string; number: number; nameFa: string }[] = (await admin.get('/api/districts')).json().items;
  district3 = districts.find((d) => d.number === 3)!;
  const desk3 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const desk5 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  const property3 = await districtProperty(t.db, 3);
  const property5 = await districtProperty(t.db, 5);
  for (let i = 0; i < 3; i++) {
    await registerCase(desk3, property3);
    t.clock.advance(10 * 60_000);
  }
  await registerCase(desk5, property5);
});

async function figuresFromApi(query: Record<string, string>): Promise<Figures> {
  const admin = await signIn(e2e.t.app, 'admin');
  const res = await admin.get(`/api/dashboards/figures?${new URLSearchParams(query)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A browser page whose clock reads the server's (the month selects open on "this" month), console watched. */
async function pageAt(viewport: Viewport = 'desktop'): Promise<OpenPage & { console: string[] }> {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  return { ...opened, console: consoleErrors(opened.page) };
}

describe('the dashboard', () => {
  it('filters by a district and a Jalali month, shows the figures, and downloads the Excel file with the same numbers', async () => {
    const { page, context, errors, console } = await pageAt();
    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn('admin', DEMO_PASSWORD);
    const shell = new StaffShell(page);
    await shell.menu.getByRole('link', { name: 'داشبورد و گزارش‌ها' }).click();
    const dashboard = new DashboardPage(page, e2e.baseUrl);
    await dashboard.heading.waitFor();

    // Another month first, then آذر ۱۴۰۵ back through the quick pick: the range follows, in the address too.
    await dashboard.chooseMonth('آبان', '۱۴۰۵');
    await page.waitForURL(/from=2026-10-23&to=2026-11-21/);
    await dashboard.chooseMonth('آذر', '۱۴۰۵');
    await page.waitForURL(new RegExp(`from=${AZAR_1405.from}&to=${AZAR_1405.to}`));
    await dashboard.chooseDistrict(district3.nameFa);
    await page.waitForURL(new RegExp(`districtId=${district3.id}`));
    await expect.poll(() => dashboard.range.innerText()).toContain('از ۱ آذر ۱۴۰۵ تا ۳۰ آذر ۱۴۰۵');

    const api = await figuresFromApi({ ...AZAR_1405, districtId: district3.id });
    const byService = api.tables.find((table) => table.key === 'by_service')!;
    // The API counts what was seeded: three requests in district 3; district 5's is left out.
    expect(byService.rows).toHaveLength(1);
    expect(byService.rows[0]).toMatchObject({ serviceCode: 'property_inspection', takenIn: 3, open: 3, cancelled: 0 });

    // The table on screen says the same, in Persian digits.
    await expect.poll(async () => (await dashboard.table('by_service')).rows.length).toBe(1);
    const shown = await dashboard.table('by_service');
    expect(shown.headings).toEqual(byService.columns.map((c) => c.titleFa));
    const row = Object.fromEntries(byService.columns.map((c, i) => [c.key, shown.rows[0]![i]]));
    expect(row.serviceFa).toBe(byService.rows[0]!.serviceFa);
    for (const key of ['takenIn', 'answered', 'cancelled', 'open']) expect(row[key], key).toBe(faDigits(String(byService.rows[0]![key])));
    expect(row.takenIn).toBe('۳');
    // Its chart is drawn beside it.
    await dashboard.section('by_service').getByRole('img').locator('svg').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboards-desktop');

    // The Excel download carries the page's filters and the API's numbers.
    const download = await dashboard.download('by_service', 'Excel');
    expect(download.url()).toContain(`table=by_service&from=${AZAR_1405.from}&to=${AZAR_1405.to}&districtId=${district3.id}`);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0]!;
    const cells = (r: number) => byService.columns.map((_, c) => sheet.getRow(r).getCell(c + 1).value ?? null);
    expect(cells(1)).toEqual(byService.columns.map((c) => c.titleFa));
    expect(sheet.rowCount).toBe(1 + byService.rows.length);
    byService.rows.forEach((apiRow, i) => expect(cells(i + 2)).toEqual(byService.columns.map((c) => apiRow[c.key] ?? null)));
    expect(sheet.getRow(2).getCell(byService.columns.findIndex((c) => c.key === 'takenIn') + 1).value).toBe(3);

    // The monthly report is for the month on screen and the district.
    expect(await page.getByRole('link', { name: 'گزارش ماهانه آذر ۱۴۰۵ (پی‌دی‌اف)' }).getAttribute('href')).toBe(
      `/api/dashboards/report.pdf?month=1405-09&districtId=${district3.id}`,
    );

    // The filters live in the address: going back returns to the whole city.
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('districtId');
    await expect.poll(async () => (await dashboard.table('by_service')).rows[0]?.[1]).toBe('۴');
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context, errors } = await pageAt('phone');
    await signInThroughApi(context, e2e.baseUrl, 'admin');
    const dashboard = new DashboardPage(page, e2e.baseUrl);
    await dashboard.goto(`?from=${AZAR_1405.from}&to=${AZAR_1405.to}&districtId=${district3.id}`);
    await dashboard.section('by_service').getByRole('img').locator('svg').first().waitFor();
    // Nothing wider than the screen but the tables, which scroll inside their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'dashboards-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a district manager their own district only, whatever the address asks', async () => {
    const { page, context, errors } = await pageAt();
    await signInThroughApi(context, e2e.baseUrl, 'd5-approver');
    const dashboard = new DashboardPage(page, e2e.baseUrl);
    await dashboard.goto(`?from=${AZAR_1405.from}&to=${AZAR_1405.to}&districtId=${district3.id}`);
    // The district is fixed, not a choice.
    expect(await dashboard.filters.getByRole('combobox', { name: 'منطقه', exact: true }).count()).toBe(0);
    expect(await dashboard.filters.getByRole('textbox', { name: 'منطقه', exact: true }).inputValue()).toMatch(/۵/);
    await expect.poll(async () => (await dashboard.table('by_service')).rows[0]?.[1]).toBe('۱');
    expect(errors).toEqual([]);
    await context.close();
  });
});
