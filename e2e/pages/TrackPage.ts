import type { Page } from 'playwright-core';

/** /track: the citizen's public tracking page. */
export class TrackPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/track`);
    await this.page.getByRole('heading', { level: 1, name: 'پیگیری درخواست' }).waitFor();
  }

  async track(trackingCode: string, nationalCode: string): Promise<void> {
    await this.page.getByLabel('کد رهگیری').fill(trackingCode);
    await this.page.getByLabel('کد ملی').fill(nationalCode);
    await this.page.getByRole('button', { name: 'پیگیری' }).click();
  }

  get state() {
    return this.page.getByTestId('track-state');
  }

  get timelineSteps() {
    return this.page.getByTestId('track-timeline').locator('li');
  }

  get alert() {
    return this.page.getByRole('alert');
  }
}
