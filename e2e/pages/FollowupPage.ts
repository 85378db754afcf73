import type { Locator, Page } from 'playwright-core';
import { faDigits, pickDate } from './widgets.js';

/** /followup: the follow-up officer's list of late cases and the «ثبت پیگیری» dialog. */
export class FollowupPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/followup`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'پیگیری پرونده‌های دیرکرد و نزدیک موعد' });
  }

  get overdueTotal(): Locator {
    return this.page.getByTestId('overdue-total');
  }

  row(trackingCode: string): Locator {
    return this.page.getByTestId('chase-list').getByRole('row').filter({ hasText: faDigits(trackingCode) });
  }

  /** Records a chase; `promisedDay` is the day's name on the Jalali picker, e.g. «۱۵ آذر ۱۴۰۵». */
  async recordChase(trackingCode: string, chase: { note: string; contacted: string; promisedDay: string }): Promise<void> {
    await this.row(trackingCode).getByRole('button', { name: 'ثبت پیگیری' }).click();
    const dialog = this.dialog(trackingCode);
    await dialog.getByLabel('شرح پیگیری').fill(chase.note);
    await dialog.getByLabel('با چه کسی تماس گرفتید').fill(chase.contacted);
    await pickDate(this.page, dialog, 'تاریخ تعهدشده برای اقدام', chase.promisedDay);
    await dialog.getByRole('button', { name: 'ثبت پیگیری' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  dialog(trackingCode: string): Locator {
    return this.page.getByRole('dialog', { name: `پیگیری پرونده ${faDigits(trackingCode)}` });
  }
}
