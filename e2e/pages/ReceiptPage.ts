import type { Page } from 'playwright-core';

/** /requests/:id/receipt: the printable receipt. */
export class ReceiptPage {
  constructor(private readonly page: Page) {}

  get receipt() {
    return this.page.getByTestId('receipt');
  }

  get trackingCode() {
    return this.page.getByTestId('receipt-tracking-code');
  }

  get qr() {
    return this.receipt.getByRole('img', { name: 'کد کیوآر صفحه پیگیری درخواست' });
  }

  async chooseLayout(name: 'برگه آ۵' | 'کاغذ حرارتی ۸۰ میلی‌متری'): Promise<void> {
    await this.page.getByText(name).click();
  }

  async print(): Promise<void> {
    await this.page.getByRole('button', { name: 'چاپ' }).click();
  }
}
