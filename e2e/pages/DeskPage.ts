import type { Page } from 'playwright-core';

/** /search: the desk's one search box and its two groups of results. */
export class DeskPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/search`);
    await this.page.getByRole('heading', { level: 1, name: 'جست‌وجوی پرونده' }).waitFor();
  }

  get box() {
    return this.page.getByRole('search').getByRole('textbox');
  }

  async search(term: string): Promise<void> {
    await this.box.fill(term);
    await this.page.getByRole('search').getByRole('button', { name: 'جست‌وجو' }).click();
  }

  get kinds() {
    return this.page.getByTestId('search-kinds');
  }

  get propertyResults() {
    return this.page.getByRole('region', { name: /^پرونده‌های ملک/ });
  }

  get caseResults() {
    return this.page.getByRole('region', { name: /^درخواست‌ها/ });
  }

  get nothingFound() {
    return this.page.getByText('پرونده‌ای پیدا نشد');
  }

  async newPropertyFromEmptyState(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'تشکیل پرونده جدید' }).last().click();
  }
}
