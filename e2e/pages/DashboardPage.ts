import { expect } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { choose } from './widgets.js';

/** /dashboards (داشبورد و گزارش‌ها): the filter bar and one section per table, each with its chart, table and downloads. */
export class DashboardPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(search = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/dashboards${search}`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'داشبورد و گزارش‌ها' });
  }

  get filters(): Locator {
    return this.page.getByRole('region', { name: 'پالایه‌ها' });
  }

  /** The range as the page says it: «از ۱ آذر ۱۴۰۵ تا ۳۰ آذر ۱۴۰۵». */
  get range(): Locator {
    return this.page.getByTestId('dashboard-range');
  }

  async chooseDistrict(name: string): Promise<void> {
    await choose(this.page, this.filters, 'منطقه', name);
  }

  /** The month quick pick: a Persian month name and a year in Persian digits. */
  async chooseMonth(month: string, year: string): Promise<void> {
    await choose(this.page, this.filters, 'سال', year);
    await choose(this.page, this.filters, 'ماه', month);
    // Until the page has drawn the new month, the select still shows the old one, and choosing that
    // one again (the next step of a spec) would change nothing: wait for it to show the choice.
    const shown = this.filters.getByRole('combobox', { name: 'ماه', exact: true });
    await expect.poll(() => shown.inputValue()).toBe(month);
  }

  /** A table's section by its key (by_service, by_office…). */
  section(key: string): Locator {
    return this.page.getByTestId(`figures-${key}`);
  }

  /** A table's headings and its rows' cells, as shown. */
  async table(key: string): Promise<{ headings: string[]; rows: string[][] }> {
    // While a new filter loads, the previous figures are shown marked busy: read the new ones.
    await this.page.locator('[data-testid="dashboard-tables"]:not([aria-busy="true"])').waitFor();
    const table = this.section(key).getByRole('table');
    const headings = await table.locator('thead th').allInnerTexts();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    return { headings: headings.map((h) => h.trim()), rows };
  }

  /** Clicks «دریافت فایل اکسل» (or the CSV one) of a table and waits for the file. */
  async download(key: string, format: 'Excel' | 'CSV'): Promise<Download> {
    const label = format === 'Excel' ? 'دریافت فایل اکسل' : 'دریافت فایل متنی (سی‌اس‌وی)';
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.section(key).getByRole('link', { name: label }).click(),
    ]);
    return download;
  }
}
