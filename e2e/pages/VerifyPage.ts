import type { Page } from 'playwright-core';

/** /verify/:serial: the public check of an answer letter, for notaries and banks. */
export class VerifyPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(serial = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/verify${serial ? `/${serial}` : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'استعلام اصالت نامه' }).waitFor();
  }

  async ask(serial: string): Promise<void> {
    await this.page.getByLabel('شناسه نامه').fill(serial);
    await this.page.getByRole('button', { name: 'استعلام' }).click();
  }

  /** Choose a PDF as the notary would from the file picker (the drop zone takes the same file). */
  async compare(name: string, bytes: Buffer): Promise<void> {
    await this.page.getByLabel('فایل پی‌دی‌اف نامه').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  }

  get verdict() {
    return this.page.getByTestId('verify-verdict');
  }

  get facts() {
    return this.page.getByTestId('verify-facts');
  }

  get hash() {
    return this.page.getByTestId('verify-hash');
  }

  get fileResult() {
    return this.page.getByTestId('verify-file-result');
  }

  get alert() {
    return this.page.getByRole('alert');
  }
}
