import type { Page } from 'playwright-core';

/** /citizen: a citizen signs in with a mobile number and an SMS code and sees their own cases. */
export class CitizenPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/citizen`);
    await this.page.getByRole('heading', { level: 1, name: 'پیگیری پرونده‌های من' }).waitFor();
  }

  async requestCode(mobile: string): Promise<void> {
    await this.page.getByLabel('شماره همراه').fill(mobile);
    await this.page.getByRole('button', { name: 'ارسال کد ورود' }).click();
    await this.page.getByLabel('کد ورود').waitFor();
  }

  async enterCode(code: string): Promise<void> {
    await this.page.getByLabel('کد ورود').fill(code);
    await this.page.getByRole('button', { name: 'ورود', exact: true }).click();
  }

  openRequest(trackingCodeFa: string) {
    return this.page.getByRole('link', { name: `مشاهده ${trackingCodeFa}` }).click();
  }
}
