import type { Page } from 'playwright-core';

/** /visits/:id/report (گزارش بازدید): the inspection report form, by its Persian labels. */
export class ReportPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(requestId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/visits/${requestId}/report`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'گزارش بازدید' });
  }

  get form() {
    return this.page.getByRole('form', { name: 'گزارش بازدید' });
  }

  /** Answer one checklist item by its Persian label. */
  async answer(itemLabel: string, answer: 'بله' | 'خیر'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: itemLabel }).getByRole('radio', { name: answer }).click();
  }

  async measure(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label).fill(value);
  }

  async addViolation(description: string, severity: 'جزئی' | 'عمده'): Promise<void> {
    await this.page.getByRole('button', { name: 'افزودن تخلف' }).click();
    const n = await this.page.getByTestId('violation').count();
    const faN = '۰۱۲۳۴۵۶۷۸۹'[n]!;
    await this.page.getByLabel(`شرح تخلف ${faN}`).fill(description);
    await this.page.getByRole('radiogroup', { name: `شدت تخلف ${faN}` }).getByRole('radio', { name: severity }).click();
  }

  async writeFindings(text: string): Promise<void> {
    await this.findings.fill(text);
  }

  get photoInput() {
    return this.page.locator('input[type="file"]');
  }

  async addPhoto(name: string, png: Buffer): Promise<void> {
    await this.photoInput.setInputFiles({ name, mimeType: 'image/png', buffer: png });
  }

  get photoPreviews() {
    return this.page.getByTestId('photo-previews').getByRole('img');
  }

  /** The position line once the phone's position is in: «موقعیت گوشی ثبت شد؛ دقت حدود … متر». */
  get gpsCaptured() {
    return this.page.getByTestId('gps').getByText(/موقعیت گوشی ثبت شد/);
  }

  /** «استفاده از موقعیت ثبت‌شده ملک»: the fallback when the phone gives no position. */
  async useProperty(): Promise<void> {
    await this.page.getByRole('button', { name: 'استفاده از موقعیت ثبت‌شده ملک' }).click();
  }

  get fallbackWarning() {
    return this.page.getByTestId('gps-fallback-warning').getByText('موقعیت گوشی ثبت نشده است');
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'ارسال گزارش' }).click();
  }

  /** «پیش‌نویس روی همین گوشی ذخیره شد»: what is typed is in IndexedDB. */
  async waitForDraftSaved(): Promise<void> {
    await this.page.getByTestId('draft-status').getByText('پیش‌نویس روی همین گوشی ذخیره شد', { exact: false }).waitFor();
  }

  get findings() {
    return this.page.getByLabel('شرح یافته‌ها');
  }

  answered(itemLabel: string, answer: 'بله' | 'خیر') {
    return this.page.getByRole('radiogroup', { name: itemLabel }).getByRole('radio', { name: answer });
  }

  get sent() {
    return this.page.getByTestId('report-sent');
  }

  /** «در انتظار ارسال» (or «ارسال نشد») on the form. */
  get outboxStatus() {
    return this.page.getByTestId('outbox-status');
  }
}
