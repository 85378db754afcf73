import type { Locator, Page } from 'playwright-core';

const faDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** /visits (بازدیدهای من): the inspector's visit cards, found by what a person reads on them. */
export class VisitsPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/visits`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'بازدیدهای من' });
  }

  /** «امروز» or «همه». */
  async show(tab: 'امروز' | 'همه'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'نمایش بازدیدها' }).getByText(tab, { exact: true }).click();
  }

  /** The card of one case, by its tracking code as shown (Persian digits). */
  card(trackingCode: string): Locator {
    return this.page.getByTestId('visit-card').filter({ hasText: faDigits(trackingCode) });
  }

  outboxBadge(trackingCode: string): Locator {
    return this.card(trackingCode).getByTestId('outbox-badge');
  }

  /** «تعیین زمان بازدید»: a day on the Jalali picker (its Persian name) and a window. */
  async schedule(trackingCode: string, day: string, from: string, to: string): Promise<void> {
    await this.card(trackingCode).getByRole('button', { name: 'تعیین زمان بازدید' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'تعیین زمان بازدید' });
    await dialog.getByRole('button', { name: 'تاریخ بازدید' }).click();
    await this.page.getByRole('button', { name: day, exact: true }).click();
    await dialog.getByLabel('از ساعت').fill(from);
    await dialog.getByLabel('تا ساعت').fill(to);
    await dialog.getByRole('button', { name: 'ثبت زمان بازدید' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** «روز من»: the planned stops, in the plan's order. */
  get dayStops(): Locator {
    return this.page.getByTestId('my-day').getByTestId('day-stop');
  }

  async openReport(trackingCode: string): Promise<void> {
    await this.card(trackingCode).getByRole('link', { name: /ثبت گزارش بازدید|گزارش در انتظار ارسال/ }).click();
    await this.page.getByRole('heading', { level: 1, name: 'گزارش بازدید' }).waitFor();
  }
}
