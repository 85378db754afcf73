import type { Locator, Page } from 'playwright-core';
import { choose } from './widgets.js';

/** /audit (گزارش رویدادها): the audit log and the check of its chain. */
export class AuditPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/audit`);
    await this.heading.waitFor();
    await this.rows.first().waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'گزارش رویدادها' });
  }

  get rows(): Locator {
    return this.page.getByTestId('audit-log').locator('tbody tr');
  }

  /** Filter by an action, by its Persian name. */
  async filterAction(label: string): Promise<void> {
    await choose(this.page, this.page, 'عملیات', label);
  }

  async verifyChain(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'بررسی زنجیره' }).click();
    const result = this.page.getByTestId('chain-result');
    await result.waitFor();
    return result;
  }
}
