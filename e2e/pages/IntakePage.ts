import type { Locator, Page } from 'playwright-core';

/** A Mantine Select by its label (the combobox; its list is labelled the same), then the option. */
export async function select(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** /requests/new?propertyId=: the service, its own form, the documents checklist, the applicant. */
export class IntakePage {
  constructor(private readonly page: Page) {}

  async waitFor(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'ثبت درخواست جدید' }).waitFor();
  }

  async chooseService(name: string): Promise<void> {
    await select(this.page, this.page, 'خدمت درخواستی', name);
    await this.page.getByRole('heading', { name: 'اطلاعات درخواست' }).waitFor();
  }

  async chooseOption(label: string, option: string): Promise<void> {
    await select(this.page, this.page, label, option);
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async tick(document: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: document }).check();
  }

  async attach(kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByRole('button', { name: 'افزودن فایل' }).click();
    const row = this.page.getByRole('region', { name: 'بارگذاری مدارک (اختیاری)' });
    await select(this.page, row, 'نوع مدرک', kind);
    await row.locator('input[type=file]').setInputFiles(file);
  }

  /** «پرداخت شد» ticked and the card reader's reference typed (the field shows and takes Persian digits). */
  async markPaid(reference: string): Promise<void> {
    const section = this.page.getByRole('region', { name: 'پرداخت هزینه', exact: true });
    await section.getByRole('checkbox', { name: 'پرداخت شد', exact: true }).check();
    await section.getByLabel('شماره پیگیری کارتخوان', { exact: true }).fill(reference);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'ثبت درخواست و صدور رسید' }).click();
  }
}
