import type { Locator, Page } from 'playwright-core';
import { faDigits } from './widgets.js';

/** /district (صف کار منطقه): the district's cases in tabs by step, found by what a reviewer reads. */
export class DistrictPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/district`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'صف کار منطقه' });
  }

  /** «در انتظار بررسی»، «در انتظار تصمیم»، «آماده صدور پاسخ»، «در حال بازدید». */
  tab(name: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  /** A case's row, by its tracking code as shown (Persian digits). */
  row(trackingCode: string): Locator {
    return this.page.getByRole('row').filter({ hasText: faDigits(trackingCode) });
  }

  async openCase(trackingCode: string): Promise<void> {
    await this.row(trackingCode).getByRole('link').click();
  }
}
