import type { Locator, Page } from 'playwright-core';

/** The city admin's screens for other organisations' API access (/admin/api-clients). */
export class ApiClientsPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/admin/api-clients`);
    await this.heading('دسترسی سامانه‌های دیگر').waitFor();
  }

  /** Registers an organisation; returns the webhook secret the server shows once. */
  async addClient(c: { name: string; officialCode: string; webhookUrl?: string }): Promise<string> {
    await this.page.getByRole('button', { name: 'ثبت سازمان' }).click();
    const dialog = this.dialog('ثبت سازمان');
    await dialog.getByRole('textbox', { name: 'نام سازمان' }).fill(c.name);
    await dialog.getByRole('textbox', { name: 'کد رسمی' }).fill(c.officialCode);
    if (c.webhookUrl) {
      await dialog.getByRole('textbox', { name: 'نشانی وب‌هوک' }).fill(c.webhookUrl);
      await dialog.getByRole('checkbox', { name: 'پاسخ استعلام' }).check();
    }
    await dialog.getByRole('button', { name: 'ثبت', exact: true }).click();
    return this.takeShownOnce('کلید امضای وب‌هوک', 'کلید را برداشتم');
  }

  /** The value of a once-shown secret, read from its dialog, which is then closed. */
  private async takeShownOnce(title: string, done: string): Promise<string> {
    const dialog = this.dialog(title);
    const value = (await dialog.getByTestId('shown-once-value').innerText()).trim();
    await dialog.getByRole('button', { name: done }).click();
    await dialog.waitFor({ state: 'detached' });
    return value;
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async openClient(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).click();
    await this.heading(name).waitFor();
  }

  /** Issues a key with the scopes chosen by default for the organisation's kind; returns the key shown once. */
  async issueKey(): Promise<string> {
    await this.page.getByRole('button', { name: 'صدور کلید جدید' }).click();
    await this.dialog('صدور کلید جدید').getByRole('button', { name: 'صدور کلید' }).click();
    return this.takeShownOnce('کلید دسترسی جدید', 'کلید را برداشتم');
  }

  keyRow(prefix: string): Locator {
    return this.page.getByTestId('api-keys').locator(`tr[data-prefix="${prefix}"]`);
  }

  async revokeKey(prefix: string): Promise<void> {
    await this.keyRow(prefix).getByRole('button', { name: 'ابطال' }).click();
    const dialog = this.dialog('ابطال کلید');
    await dialog.getByRole('button', { name: 'ابطال کلید' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.keyRow(prefix).getByText('باطل‌شده').waitFor();
  }
}
